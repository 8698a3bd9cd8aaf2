"""GraphQL over HTTP as the spec words it, including application/graphql-response+json."""

from __future__ import annotations

from collections import Counter

import pytest
from starlette.testclient import TestClient

from api.media import GRAPHQL_RESPONSE, JSON, negotiate
from tests.api.conftest import LiveServer, run_node

MODERN = {"accept": GRAPHQL_RESPONSE}


@pytest.mark.slow
def test_graphql_http_audit_passes_every_must_and_should(live_server: LiveServer) -> None:
    report = run_node("audit.mjs", f"{live_server.url}/graphql")
    results = report["results"]
    failed = [f"{r['id']} {r['name']}: {r['reason']}" for r in results if r["status"] != "ok"]
    tally = Counter((r["requirement"], r["status"] == "ok") for r in results)
    print(f"graphql-http audit: {dict(tally)}")
    assert tally[("MUST", True)] == 13 and tally[("SHOULD", True)] == 23, failed
    assert failed == []


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, JSON),
        ("*/*", JSON),
        ("application/json", JSON),
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE}, application/json;q=0.9", GRAPHQL_RESPONSE),
        (f"application/json, {GRAPHQL_RESPONSE};q=0.5", JSON),
        (f"{GRAPHQL_RESPONSE};q=0", JSON),
    ],
)
def test_negotiation_prefers_the_new_media_type_only_when_asked(
    accept: str | None, expected: str
) -> None:
    assert negotiate(accept) == expected


def test_parse_error_under_the_new_media_type_is_400_without_data(client: TestClient) -> None:
    response = client.post("/graphql", json={"query": "{ ticker {"}, headers=MODERN)
    assert response.status_code == 400
    assert response.headers["content-type"] == GRAPHQL_RESPONSE
    assert "data" not in response.json() and response.json()["errors"]


def test_validation_error_under_json_stays_200_with_errors(client: TestClient) -> None:
    response = client.post("/graphql", json={"query": "{ nope }"}, headers={"accept": JSON})
    assert response.status_code == 200
    assert response.headers["content-type"] == JSON
    assert "Cannot query field 'nope'" in response.json()["errors"][0]["message"]


def test_variable_coercion_failure_under_the_new_media_type_is_400(client: TestClient) -> None:
    query = "query($first: Int) { headlines(first: $first) { title } }"
    response = client.post(
        "/graphql", json={"query": query, "variables": {"first": "many"}}, headers=MODERN
    )
    assert response.status_code == 400 and "data" not in response.json()


def test_execution_error_under_the_new_media_type_keeps_200_and_data(client: TestClient) -> None:
    query = '{ ticker { pair } articles(after: "nonsense!") { totalCount } }'
    response = client.post("/graphql", json={"query": query}, headers=MODERN)
    assert response.status_code == 200
    payload = response.json()
    assert payload["errors"][0]["extensions"]["code"] == "BAD_CURSOR"
    assert "data" in payload


def test_get_never_runs_a_mutation(client: TestClient) -> None:
    response = client.get("/graphql", params={"query": "mutation { __typename }"})
    assert response.status_code in (400, 405)
    assert response.headers["cache-control"] == "no-store"
