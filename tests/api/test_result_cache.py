"""The result cache of POSTed queries: repeats answered from memory, writes retire them, and
nothing that is not a complete answer to a query is ever kept."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from api.resources import open_store
from api.settings import Settings
from ingest.takedowns import unpublish
from tests.conftest import SEED_PAGE, ingest
from tests.test_cli import steppe

COUNTRY = "query($code: String!) { country(code: $code) { name articles { totalCount } } }"


@pytest.fixture
def app_settings(settings: Settings) -> Settings:
    ingest(settings, SEED_PAGE)
    return dataclasses.replace(settings, index_poll_seconds=0.05, anonymous_points_per_minute=10**6)


@pytest.fixture
def client(app_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(app_settings)) as test_client:
        yield test_client


def post(client: TestClient, body: Any, **headers: str) -> Any:
    return client.post("/graphql", json=body, headers=headers)


def test_a_repeated_post_is_answered_from_the_cache_and_stays_no_store(
    client: TestClient,
) -> None:
    body = {"query": COUNTRY, "variables": {"code": "KZ"}}
    first, second = post(client, body), post(client, body)
    assert (first.headers["x-cache"], second.headers["x-cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert first.json()["data"]["country"]["name"] == "Kazakhstan"
    for response in (first, second):
        assert response.headers["cache-control"] == "no-store" and "etag" not in response.headers
        assert response.headers["content-type"] == first.headers["content-type"]


def test_variables_media_type_and_tier_are_separate_entries(
    app_settings: Settings, client: TestClient
) -> None:
    kz = post(client, {"query": COUNTRY, "variables": {"code": "KZ"}})
    uz = post(client, {"query": COUNTRY, "variables": {"code": "UZ"}})
    assert uz.headers["x-cache"] == "miss" and uz.json()["data"]["country"]["name"] == "Uzbekistan"
    spec = post(
        client,
        {"query": COUNTRY, "variables": {"code": "KZ"}},
        accept="application/graphql-response+json",
    )
    assert spec.headers["x-cache"] == "miss"
    assert spec.headers["content-type"] == "application/graphql-response+json"
    assert spec.json() == kz.json()

    key = _partner_key(app_settings)
    body = {"query": COUNTRY, "variables": {"code": "KZ"}}
    as_partner = post(client, body, authorization=f"Bearer {key}")
    again = post(client, body, authorization=f"Bearer {key}")
    assert (as_partner.headers["x-cache"], again.headers["x-cache"]) == ("miss", "hit")


def _partner_key(settings: Settings) -> str:
    created = steppe(settings, "keys", "create", "--name", "cache-test", "--tier", "partner")
    assert created.returncode == 0, created.stderr
    return str(created.stdout.split()[0])


@pytest.mark.parametrize(
    "body",
    [
        {"query": '{ articles(after: "nonsense!") { totalCount } }'},  # an error
        {"query": "{ nosuchfield }"},  # does not validate
        {"query": "mutation { nothing }"},  # not a query
        {"query": "{ ticker { pair } }", "operationName": "Missing"},  # no such operation
        [{"query": "{ ticker { pair } }"}, {"query": "{ ticker { rate } }"}],  # a batch
    ],
    ids=["error", "invalid", "mutation", "unknown-operation", "batch"],
)
def test_only_complete_answers_to_queries_are_kept(client: TestClient, body: Any) -> None:
    for _ in range(2):
        response = post(client, body)
        assert response.headers.get("x-cache") != "hit"
        assert response.headers["cache-control"] == "no-store"


def test_a_search_cut_short_by_its_budget_is_not_kept(app_settings: Settings) -> None:
    hurried = dataclasses.replace(app_settings, search_time_budget=0.0)
    body = {"query": '{ search(text: "the") { totalCount partial } }'}
    with TestClient(create_app(hurried)) as client:
        for _ in range(2):
            response = post(client, body)
            assert response.json()["data"]["search"]["partial"] is True
            assert "x-cache" not in response.headers
        # a partial search makes a GET uncacheable too: a busy moment is not replayed
        for _ in range(2):
            got = client.get("/graphql", params=body)
            assert got.headers["cache-control"] == "no-store" and "x-cache" not in got.headers


def test_a_takedown_retires_cached_answers(app_settings: Settings, client: TestClient) -> None:
    probe = {"query": "{ articles(first: 100) { totalCount edges { node { slug } } } }"}
    before = post(client, probe)
    assert post(client, probe).headers["x-cache"] == "hit"
    slug = before.json()["data"]["articles"]["edges"][0]["node"]["slug"]
    # as `steppe unpublish` does beside a running server: the store only, the server indexes
    store = open_store(app_settings)
    try:
        unpublish(store, None, slug, "takendown", None, "cli")
    finally:
        store.close()
    deadline = time.monotonic() + 30  # generous: only tells "followed" from "never"
    while (after := post(client, probe)).headers["x-cache"] == "hit":
        assert time.monotonic() < deadline, "the cache kept serving a taken-down article"
        time.sleep(0.05)
    articles = after.json()["data"]["articles"]
    assert articles["totalCount"] == before.json()["data"]["articles"]["totalCount"] - 1
    assert slug not in {e["node"]["slug"] for e in articles["edges"]}


def test_a_hit_costs_no_rate_limit_points(client: TestClient) -> None:
    body = {"query": '{ search(text: "Kazakhstan", first: 20) { totalCount } }'}
    first = post(client, body)
    remaining = int(first.headers["ratelimit-remaining"])
    for _ in range(3):
        hit = post(client, body)
        assert hit.headers["x-cache"] == "hit"
    assert int(hit.headers["ratelimit-remaining"]) == remaining


def test_a_zero_budget_turns_the_cache_off(app_settings: Settings) -> None:
    off = dataclasses.replace(app_settings, result_cache_bytes=0)
    with TestClient(create_app(off)) as client:
        body = {"query": "{ ticker { pair } }"}
        assert all("x-cache" not in post(client, body).headers for _ in range(2))
