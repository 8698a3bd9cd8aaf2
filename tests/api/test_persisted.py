"""Trusted documents by hash, automatic persisted queries, and their errors."""

from __future__ import annotations

import json
from typing import Any

import pytest
from graphql import parse, validate
from starlette.testclient import TestClient

from api.lru import LRU
from api.persisted import QUERIES_DIR, PersistedDocuments, load_trusted, sha256_of
from schema.root import build_schema

TRUSTED = load_trusted()
BY_NAME = {d.name: d for d in TRUSTED.values()}


def persisted(sha256: str) -> str:
    return json.dumps({"persistedQuery": {"version": 1, "sha256Hash": sha256}})


def get_by_hash(
    client: TestClient, sha256: str, variables: dict[str, Any] | None = None, **headers: str
) -> Any:
    params = {"extensions": persisted(sha256)}
    if variables is not None:
        params["variables"] = json.dumps(variables)
    return client.get("/graphql", params=params, headers=headers)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_trusted_document_is_valid_against_the_schema(name: str) -> None:
    document = parse(BY_NAME[name].text)
    assert validate(build_schema()._schema, document) == []
    [operation] = document.definitions
    assert operation.name is not None and operation.name.value == name  # type: ignore[attr-defined]


def test_partner_documents_exist_with_their_variables() -> None:
    assert {p.stem for p in QUERIES_DIR.glob("*.graphql")} >= {"Ticker", "Headlines"}
    assert "$first" in BY_NAME["Headlines"].text and "$country" in BY_NAME["Headlines"].text


def test_hash_only_get_with_any_accept_runs_the_trusted_ticker(client: TestClient) -> None:
    response = get_by_hash(client, BY_NAME["Ticker"].sha256, {"quote": "USD"}, accept="*/*")
    assert response.status_code == 200, response.text
    pairs = [r["pair"] for r in response.json()["data"]["ticker"]]
    assert pairs == ["KGS/USD", "KZT/USD", "TJS/USD", "TMT/USD", "UZS/USD"]


def test_hash_only_headlines_for_a_country(client: TestClient) -> None:
    response = get_by_hash(client, BY_NAME["Headlines"].sha256, {"first": 2, "country": "kz"})
    headlines = response.json()["data"]["headlines"]
    assert len(headlines) == 2 and all(h["publishedOn"] == "2025-12-15" for h in headlines)


def test_unknown_hash_is_persisted_query_not_found(client: TestClient) -> None:
    response = get_by_hash(client, "0" * 64)
    assert response.status_code == 200  # what Apollo's clients expect before they retry
    [error] = response.json()["errors"]
    assert error == {
        "message": "PersistedQueryNotFound",
        "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
    }
    assert response.headers["cache-control"] == "no-store"


def test_text_that_does_not_match_its_hash_is_rejected(client: TestClient) -> None:
    body = {"query": "{ ticker { pair } }", "extensions": json.loads(persisted("a" * 64))}
    response = client.post("/graphql", json=body)
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "PERSISTED_QUERY_HASH_MISMATCH"
    assert "does not match" in error["message"]


def test_bad_version_or_hash_shape_is_a_clear_error(client: TestClient) -> None:
    extensions = {"persistedQuery": {"version": 2, "sha256Hash": "a" * 64}}
    response = client.post("/graphql", json={"extensions": extensions})
    assert response.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_SUPPORTED"
    response = get_by_hash(client, "not-a-hash")
    assert response.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_BAD_HASH"


def test_automatic_persisted_query_registers_then_runs_by_hash(client: TestClient) -> None:
    query = "query Pairs { ticker { pair } }  # apq test"
    sha256 = sha256_of(query)
    assert get_by_hash(client, sha256).json()["errors"][0]["message"] == "PersistedQueryNotFound"
    registered = client.post(
        "/graphql", json={"query": query, "extensions": json.loads(persisted(sha256))}
    )
    assert registered.status_code == 200 and "errors" not in registered.json()
    again = get_by_hash(client, sha256)
    assert again.json() == registered.json()


def test_manifest_lists_trusted_documents_by_name(client: TestClient) -> None:
    manifest = client.get("/graphql/documents").json()
    assert manifest["Ticker"]["sha256Hash"] == sha256_of(manifest["Ticker"]["document"])


def test_apq_cache_is_bounded_by_bytes_and_forgets_the_least_recently_used() -> None:
    documents = PersistedDocuments(TRUSTED, apq_bytes=100)
    texts = [f"{{ ticker {{ pair }} }} # {i:02d}{'x' * 20}" for i in range(4)]  # ~45 bytes each
    for text in texts[:2]:
        documents.resolve(text, json.loads(persisted(sha256_of(text))))
    documents.resolve(None, json.loads(persisted(sha256_of(texts[0]))))  # touch the first
    documents.resolve(texts[2], json.loads(persisted(sha256_of(texts[2]))))
    assert documents.automatic.get(sha256_of(texts[1])) is None
    assert documents.automatic.get(sha256_of(texts[0])) is not None
    assert documents.automatic.bytes <= 100
    # trusted documents never go through the LRU, so no traffic can evict them
    assert len(documents.automatic) == 2 and BY_NAME["Ticker"].sha256 in documents.trusted


def test_lru_drops_entries_bigger_than_its_budget() -> None:
    lru: LRU[str, str] = LRU(max_bytes=10)
    lru.put("big", "x" * 11, 11)
    assert lru.get("big") is None and lru.bytes == 0


def test_unknown_hash_is_200_under_apollo_client_4s_accept(client: TestClient) -> None:
    """Apollo Client 4 prefers the spec's media type; its persisted-query link retries on 200."""
    accept = "application/graphql-response+json,application/json;q=0.9"
    response = get_by_hash(client, "0" * 64, accept=accept)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/graphql-response+json")
    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": "PERSISTED_QUERY_NOT_FOUND"}
