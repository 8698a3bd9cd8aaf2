"""Choosing the operation to run (GraphQL spec, GetOperation): failures are GraphQL errors."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from api.media import GRAPHQL_RESPONSE, JSON

TWO_OPERATIONS = "query Rates { ticker { pair } } query People { authors { name } }"
CASES = {
    "unknown name": (
        {"query": "{ ticker { pair } }", "operationName": "Nope"},
        "Unknown operation named 'Nope': the document defines no operation of that name.",
    ),
    "several, none named": (
        {"query": TWO_OPERATIONS},
        "The document has 2 operations (Rates, People): say which one to run with operationName.",
    ),
}


def _post(client: TestClient, body: dict[str, Any], accept: str) -> Any:
    return client.post("/graphql", json=body, headers={"accept": accept})


@pytest.mark.parametrize("case", CASES)
def test_a_failed_choice_is_a_json_graphql_error_200_under_json(
    client: TestClient, case: str
) -> None:
    body, message = CASES[case]
    response = _post(client, body, JSON)
    assert (response.status_code, response.headers["content-type"]) == (200, JSON)
    answer = response.json()
    assert {key: answer[key] for key in ("data", "errors")} == {
        "data": None,
        "errors": [{"message": message, "extensions": {"code": "OPERATION_RESOLUTION_FAILURE"}}],
    }


@pytest.mark.parametrize("case", CASES)
def test_a_failed_choice_is_400_without_data_under_the_spec_media_type(
    client: TestClient, case: str
) -> None:
    body, message = CASES[case]
    response = _post(client, body, GRAPHQL_RESPONSE)
    assert (response.status_code, response.headers["content-type"]) == (400, GRAPHQL_RESPONSE)
    answer = response.json()
    assert "data" not in answer
    assert answer["errors"] == [
        {"message": message, "extensions": {"code": "OPERATION_RESOLUTION_FAILURE"}}
    ]


def test_a_named_operation_of_several_runs_alone(client: TestClient) -> None:
    response = _post(client, {"query": TWO_OPERATIONS, "operationName": "People"}, JSON)
    assert response.status_code == 200
    assert set(response.json()["data"]) == {"authors"}


def test_a_single_anonymous_operation_needs_no_name(client: TestClient) -> None:
    response = _post(client, {"query": "{ ticker { pair } }"}, JSON)
    assert response.status_code == 200 and "errors" not in response.json()
