"""Limits and error policy: what a careless or hostile client meets."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest
import sqlalchemy as sa
from starlette.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from tests.conftest import SEED_PAGE, ingest


def test_introspection_off_also_hides_field_suggestions(settings: Settings) -> None:
    locked = replace(settings, introspection=False)
    with TestClient(create_app(locked)) as client:
        schema = client.post("/graphql", json={"query": "{ __schema { types { name } } }"})
        errors = schema.json()["errors"]
        assert errors and all("introspection" in e["message"].lower() for e in errors)
        typo = client.post("/graphql", json={"query": "{ tickr { pair } }"}).json()
        assert "Did you mean" not in typo["errors"][0]["message"]
        assert client.post("/graphql", json={"query": "{ __typename }"}).json() == {
            "data": {"__typename": "Query"},
            "extensions": {"cost": {"requested": 0, "actual": 0}},
        }


def test_field_suggestions_help_analysts_by_default(client: TestClient) -> None:
    typo = client.post("/graphql", json={"query": "{ tickr { pair } }"}).json()
    assert "Did you mean 'ticker'?" in typo["errors"][0]["message"]


def test_a_huge_document_is_cut_off_by_the_token_limit(client: TestClient) -> None:
    query = "{ " + " ".join("ticker { pair rate }" for _ in range(1200)) + " }"
    errors = client.post("/graphql", json={"query": query}).json()["errors"]
    assert "token" in errors[0]["message"].lower()


def test_unexpected_failure_is_masked_logged_and_tagged_with_the_request_id(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    ingest(settings, SEED_PAGE)
    with TestClient(create_app(settings)) as client:
        engine = sa.create_engine(settings.store_url)
        with engine.begin() as conn:  # the store breaks behind the server's back
            conn.execute(sa.text("DROP TABLE rates"))
        engine.dispose()
        with caplog.at_level(logging.ERROR, logger="steppe.errors"):
            response = client.post(
                "/graphql",
                json={"query": "{ ticker { pair } }"},
                headers={"X-Request-ID": "req-42"},
            )
    assert response.status_code == 200
    assert response.headers["x-request-id"] == "req-42"
    [error] = response.json()["errors"]
    assert error["message"] == "Unexpected error. Quote request id req-42 when reporting it."
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": "req-42"}
    assert "rates" not in error["message"]
    assert any("req-42" in r.getMessage() and r.exc_info for r in caplog.records)
