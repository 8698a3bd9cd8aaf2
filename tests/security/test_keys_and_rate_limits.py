"""API keys from `steppe keys` and rate limits in cost points, against real `steppe serve`s."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.settings import Settings
from tests.conftest import SEED_PAGE, ingest, within_one_minute
from tests.redis_server import RedisServer, RedisUnavailableError
from tests.security.edge_servers import serving, steppe

TYPENAME = {"query": "{ __typename }"}
# Tiny budgets, and no result cache: these tests send one body again and again, and a cached
# answer is free (tests/api/test_result_cache.py), so with it on nothing would be counted.
BUDGET = {
    "STEPPE_PARTNER_POINTS_PER_MINUTE": "5",
    "STEPPE_ANONYMOUS_POINTS_PER_MINUTE": "4",
    "STEPPE_RESULT_CACHE_BYTES": "0",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = Settings(data_dir=tmp_path_factory.mktemp("keys") / "var")
    assert [r.error for r in ingest(settings, SEED_PAGE)] == [None]
    return settings


def create_key(settings: Settings, name: str, tier: str = "partner") -> str:
    created = steppe(settings, "keys", "create", "--name", name, "--tier", tier)
    assert created.returncode == 0, created.stderr
    [key] = created.stdout.split()
    assert re.fullmatch(r"stp_[A-Za-z0-9_-]{43}", key)
    return key


@pytest.fixture(scope="module")
def limited(store: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One server with tiny budgets, shared by the tests below (each uses its own caller)."""
    with serving(store, tmp_path_factory.mktemp("limited"), **BUDGET) as [url]:
        yield url


def call(url: str, key: str | None = None, **params: str) -> httpx.Response:
    headers = {"authorization": f"Bearer {key}"} if key else {}
    return httpx.post(f"{url}/graphql", json=TYPENAME, headers=headers, params=params, timeout=30)


def test_keys_are_created_listed_and_revoked(store: Settings, tmp_path: Path) -> None:
    key = create_key(store, "kaz-news")
    again = steppe(store, "keys", "create", "--name", "kaz-news", "--tier", "partner")
    assert again.returncode == 1 and "exists" in again.stderr
    listed = steppe(store, "keys", "list")
    assert "kaz-news" in listed.stdout and "partner" in listed.stdout
    assert key not in listed.stdout
    with serving(store, tmp_path) as [url]:
        assert call(url, key).json()["data"] == {"__typename": "Query"}
        assert call(url, None, **{"api-key": key}).status_code == 200
        bad = call(url, key[:-2] + "xx")
        assert bad.status_code == 401
        assert bad.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        assert steppe(store, "keys", "revoke", "kaz-news").returncode == 0
        # Replicas remember a lookup for 5 s; a fresh server asks the store at once.
    with serving(store, tmp_path) as [url]:
        revoked = call(url, key)
        assert revoked.status_code == 401, revoked.text
    assert steppe(store, "keys", "revoke", "kaz-news").returncode == 1


def test_a_key_over_its_budget_gets_429_and_another_key_is_unaffected(
    store: Settings, limited: str
) -> None:
    first, second = create_key(store, "spender"), create_key(store, "bystander")
    url = limited
    within_one_minute()
    answers = [call(url, first) for _ in range(5)]
    assert [r.status_code for r in answers] == [200] * 5
    assert [r.headers["ratelimit-remaining"] for r in answers] == ["4", "3", "2", "1", "0"]
    assert {r.headers["ratelimit-limit"] for r in answers} == {"5"}
    refused = call(url, first)
    assert refused.status_code == 429
    assert refused.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert refused.headers["ratelimit-remaining"] == "0"
    other = call(url, second)
    assert other.status_code == 200 and other.headers["ratelimit-remaining"] == "4"
    assert httpx.get(f"{url}/healthz", timeout=5).status_code == 200  # never limited
    assert "ratelimit-limit" not in httpx.get(f"{url}/healthz", timeout=5).headers


def test_anonymous_callers_are_counted_per_ip_and_forwarded_for_is_not_believed(
    limited: str,
) -> None:
    url = limited
    within_one_minute()
    for number in range(4):
        spoofed = {"x-forwarded-for": f"203.0.113.{number}"}
        response = httpx.post(f"{url}/graphql", json=TYPENAME, headers=spoofed, timeout=30)
        assert response.status_code == 200
    assert call(url).status_code == 429


def test_cached_gets_cost_nothing_and_never_replay_another_clients_numbers(
    store: Settings, limited: str
) -> None:
    url = limited
    spender = {"authorization": f"Bearer {create_key(store, 'cached')}"}
    other = {"authorization": f"Bearer {create_key(store, 'other-cached')}"}
    params = {"query": '{ country(code: "KZ") { name } }'}  # costs 1 point
    within_one_minute()
    miss = httpx.get(f"{url}/graphql", params=params, headers=spender, timeout=30)
    assert miss.headers["x-cache"] == "miss" and miss.headers["ratelimit-remaining"] == "4"
    for _ in range(6):  # more than the whole budget: hits cost 0
        hit = httpx.get(f"{url}/graphql", params=params, headers=spender, timeout=30)
        assert hit.status_code == 200 and hit.headers["x-cache"] == "hit"
        assert hit.headers["ratelimit-remaining"] == "4"
    etag = {**spender, "if-none-match": miss.headers["etag"]}
    not_modified = httpx.get(f"{url}/graphql", params=params, headers=etag, timeout=30)
    assert not_modified.status_code == 304
    assert not_modified.headers["ratelimit-remaining"] == "4"
    keyed = httpx.get(f"{url}/graphql", params=params, headers=other, timeout=30)
    assert keyed.headers["x-cache"] == "hit"
    assert (keyed.headers["ratelimit-limit"], keyed.headers["ratelimit-remaining"]) == ("5", "5")


def test_cors_exposes_the_rate_limit_headers_and_allows_authorization(limited: str) -> None:
    url = limited
    preflight = httpx.options(
        f"{url}/graphql",
        headers={
            "origin": "https://partner.example",
            "access-control-request-method": "POST",
            "access-control-request-headers": "authorization, content-type",
        },
        timeout=30,
    )
    assert preflight.status_code == 200
    assert "authorization" in preflight.headers["access-control-allow-headers"].lower()
    simple = httpx.get(
        f"{url}/graphql",
        params={"query": "{ __typename }"},
        headers={"origin": "https://partner.example"},
        timeout=30,
    )
    exposed = simple.headers["access-control-expose-headers"].lower()
    for name in ("ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "retry-after"):
        assert name in exposed


@pytest.fixture(scope="module")
def redis(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    try:
        server = RedisServer.start(tmp_path_factory.mktemp("redis"))
    except RedisUnavailableError as exc:
        pytest.skip(f"Redis unavailable: {exc}")
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.slow
def test_one_key_shares_one_budget_across_two_replicas(
    store: Settings, tmp_path: Path, redis: RedisServer
) -> None:
    key = create_key(store, "replicated")
    env = {**BUDGET, "STEPPE_RATE_LIMIT_STORAGE": redis.url}
    with serving(store, tmp_path, count=2, **env) as [one, two]:
        within_one_minute()
        statuses = [call(url, key).status_code for url in (one, two, one, two, one)]
        assert statuses == [200] * 5
        assert call(two, key).status_code == 429
        assert call(one, key).status_code == 429
