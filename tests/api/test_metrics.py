"""`/metrics`: Prometheus text that parses, with counters that move as requests are answered."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

import pytest
from prometheus_client.parser import text_string_to_metric_families
from starlette.testclient import TestClient

from api.app import create_app
from api.metrics import OperationNames
from api.persisted import load_trusted
from api.settings import Settings, SettingsError
from tests.api.test_write_api import make_key
from tests.conftest import SEED_PAGE, within_one_minute

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]
HEADLINES = next(d for d in load_trusted().values() if d.name == "Headlines")
HEAVY = (
    "{ articles(first: 100) { edges { node { title authors { name } countries { code name }"
    " organizations { name acronym } } } } }"
)  # 1001 points (README "Query cost"): more than the budget below has left
COSTLY = (
    '{ search(text: "water", first: 100) { edges { node { related(first: 100) { title } } } } }'
)


@pytest.fixture
def client(sample_settings: Settings) -> Iterator[TestClient]:
    """A fresh app per test, with an anonymous minute of 1,000 points."""
    with TestClient(create_app(replace(sample_settings, anonymous_points_per_minute=1000))) as c:
        yield c


def scrape(client: TestClient) -> Samples:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(response.text)
        for s in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def requests(samples: Samples, operation: str, status: str = "200") -> float:
    return value(samples, "steppe_http_requests_total", operation=operation, status=status)


def test_graphql_requests_are_counted_and_timed_by_operation_name(client: TestClient) -> None:
    before = scrape(client)
    for _ in range(2):
        client.post("/graphql", json={"query": "query Probe { __typename }"})
    client.post("/graphql", json={"query": "{ __typename }", "variables": {"n": 1}})
    after = scrape(client)
    assert requests(before, "Probe") == 0 and requests(after, "Probe") == 2
    assert requests(after, "anonymous") == 1
    timed = "steppe_http_request_duration_seconds_count"
    assert value(after, timed, operation="Probe", status="200") == 2
    assert requests(after, "/metrics") == 1  # the first scrape; routes go by their template


def test_cache_hits_and_misses_of_both_caches_are_counted(client: TestClient) -> None:
    hashed = {
        "extensions": json.dumps({"persistedQuery": {"version": 1, "sha256Hash": HEADLINES.sha256}})
    }
    answers = [client.get("/graphql", params=hashed) for _ in range(2)]
    assert [a.headers["x-cache"] for a in answers] == ["miss", "hit"]
    body = {"query": "query Again { __typename }"}
    posted = [client.post("/graphql", json=body) for _ in range(2)]
    assert [p.headers["x-cache"] for p in posted] == ["miss", "hit"]
    samples = scrape(client)
    cache = "steppe_response_cache_lookups_total"
    for which in ("get", "post"):
        assert value(samples, cache, cache=which, result="miss") == 1
        assert value(samples, cache, cache=which, result="hit") == 1
    # A hit never reaches GraphQL, yet is labelled with the operation it answers.
    assert requests(samples, "Headlines") == 2 and requests(samples, "Again") == 2
    # The persisted hash was looked up once: the second GET was answered from the cache.
    assert value(samples, "steppe_persisted_query_lookups_total", result="hit") == 1


def test_refusals_by_cost_and_by_rate_limit_are_counted(client: TestClient) -> None:
    within_one_minute()
    refused = client.post("/graphql", json={"query": COSTLY})
    assert refused.json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert client.post("/graphql", json={"query": HEAVY}).status_code == 200
    limited = client.post("/graphql", json={"query": "{ __typename }"})
    assert limited.status_code == 429
    samples = scrape(client)
    assert value(samples, "steppe_queries_too_costly_total") == 1
    assert value(samples, "steppe_rate_limited_requests_total", tier="anonymous") == 1
    assert requests(samples, "/graphql", "429") == 1  # GraphQL never ran: named by its route


def test_search_capacity_and_index_lag_are_reported(client: TestClient) -> None:
    samples = scrape(client)
    assert value(samples, "steppe_search_threads") == 4
    assert value(samples, "steppe_search_queue_depth") == 0
    assert value(samples, "steppe_search_busy_threads") == 0
    assert value(samples, "steppe_store_revision") > 0
    assert value(samples, "steppe_index_revision") == value(samples, "steppe_store_revision")
    assert value(samples, "steppe_index_lag_revisions") == 0


def test_operation_labels_stay_bounded() -> None:
    names = OperationNames(["Headlines"], extra=2)
    labels = [names.label([n]) for n in ("Headlines", "A", "B", "C", "A", None, "x" * 65)]
    assert labels == ["Headlines", "A", "B", "other", "A", "anonymous", "other"]
    assert names.label(["A", "B"]) == "batch"


def test_metrics_can_be_turned_off_or_kept_to_some_networks(sample_settings: Settings) -> None:
    with TestClient(create_app(replace(sample_settings, metrics="off"))) as off:
        assert off.get("/metrics").status_code == 404
    with TestClient(create_app(replace(sample_settings, metrics="10.0.0.0/8"))) as kept:
        refused = kept.get("/metrics")  # the test client's address is not in 10/8
        assert refused.status_code == 403
        assert refused.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    with pytest.raises(SettingsError, match="STEPPE_METRICS"):
        Settings(metrics="everyone")


def test_each_app_counts_on_its_own(sample_settings: Settings, client: TestClient) -> None:
    client.post("/graphql", json={"query": "query Mine { __typename }"})
    with TestClient(create_app(sample_settings)) as other:
        assert requests(scrape(other), "Mine") == 0
    assert requests(scrape(client), "Mine") == 1


def test_writes_through_the_write_api_are_counted(settings: Settings) -> None:
    editor = make_key(settings, "cms", "editor")
    page = SEED_PAGE.read_bytes()
    headers = {**editor, "content-type": "text/plain"}
    with TestClient(create_app(settings)) as client:
        for _ in range(2):  # the second finds every article unchanged
            sent = client.post(f"/ingest?source={SEED_PAGE.name}", content=page, headers=headers)
            assert sent.status_code == 200, sent.text
        gone = {"query": 'mutation { republishArticle(slug: "no-such-article") { slug } }'}
        assert client.post("/graphql", json=gone, headers=editor).json()["errors"]
        samples = scrape(client)
    writes = "steppe_writes_total"
    assert value(samples, writes, kind="ingest", outcome="ok") == 2
    assert value(samples, writes, kind="republish", outcome="not_found") == 1
    articles = "steppe_ingested_articles_total"
    assert value(samples, articles, outcome="added") == 6  # the digest page's six articles
    assert value(samples, articles, outcome="unchanged") == 6
    assert value(samples, "steppe_index_lag_revisions") == 0
