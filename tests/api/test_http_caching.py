"""HTTP caching of GETs: Cache-Control, ETags from the store revision, 304s, the response cache,
CORS and gzip."""

from __future__ import annotations

import dataclasses
import json
import time
from pathlib import Path
from typing import Any

from starlette.testclient import TestClient

from api.app import create_app
from api.persisted import load_trusted
from api.settings import Settings
from tests.conftest import SEED_PAGE, ingest

TICKER = next(d for d in load_trusted().values() if d.name == "Ticker")
TICKER_PARAMS = {
    "extensions": json.dumps({"persistedQuery": {"version": 1, "sha256Hash": TICKER.sha256}}),
    "variables": json.dumps({"quote": "USD"}),
}
NEXT_PAGE = """\
• KZT/USD = 0.00201 3.61%
• KZT/USD = 0.00201 3.61%

16 December 2025
"""


def query(text: str, **variables: Any) -> dict[str, str]:
    return {"query": text, "variables": json.dumps(variables)} if variables else {"query": text}


def test_get_query_is_publicly_cacheable_with_a_weak_etag(client: TestClient) -> None:
    response = client.get("/graphql", params=query("{ ticker { pair } }"))
    assert response.status_code == 200
    assert response.headers["cache-control"] == "public, max-age=60, stale-while-revalidate=300"
    assert response.headers["etag"].startswith('W/"')
    assert "Accept" in response.headers["vary"]


def test_repeat_get_is_served_from_the_response_cache_and_answers_304(client: TestClient) -> None:
    params = query("{ ticker { pair rate } }  # repeat")
    first = client.get("/graphql", params=params)
    second = client.get("/graphql", params=params)
    assert (first.headers["x-cache"], second.headers["x-cache"]) == ("miss", "hit")
    assert second.content == first.content and second.headers["etag"] == first.headers["etag"]
    revalidated = client.get(
        "/graphql", params=params, headers={"if-none-match": first.headers["etag"]}
    )
    assert revalidated.status_code == 304 and revalidated.content == b""
    assert revalidated.headers["etag"] == first.headers["etag"]
    assert revalidated.headers["cache-control"].startswith("public")


def test_etag_depends_on_variables_and_media_type(client: TestClient) -> None:
    text = "query($code: String!) { country(code: $code) { name } }"
    kz = client.get("/graphql", params=query(text, code="KZ"))
    uz = client.get("/graphql", params=query(text, code="UZ"))
    modern = client.get(
        "/graphql",
        params=query(text, code="KZ"),
        headers={"accept": "application/graphql-response+json"},
    )
    assert len({kz.headers["etag"], uz.headers["etag"], modern.headers["etag"]}) == 3
    assert modern.headers["content-type"] == "application/graphql-response+json"


def test_posts_and_errors_are_never_cached(client: TestClient) -> None:
    post = client.post("/graphql", json={"query": "{ ticker { pair } }"})
    assert post.headers["cache-control"] == "no-store" and "etag" not in post.headers
    params = query('{ ticker { pair } articles(after: "nonsense!") { totalCount } }')
    for _ in range(2):
        failed = client.get("/graphql", params=params)
        assert failed.json()["errors"] and "x-cache" not in failed.headers
        assert failed.headers["cache-control"] == "no-store" and "etag" not in failed.headers


def test_persisted_ticker_revalidates_until_an_ingest_changes_it(settings: Settings) -> None:
    """The issue's walk-through: by hash, 304 on repeat, new ETag and rates after an ingest."""
    settings = dataclasses.replace(settings, index_poll_seconds=0.05)
    ingest(settings, SEED_PAGE)
    with TestClient(create_app(settings)) as client:
        first = client.get("/graphql", params=TICKER_PARAMS)
        kzt = {r["pair"]: r for r in first.json()["data"]["ticker"]}["KZT/USD"]
        assert (kzt["rate"], kzt["asOf"]) == ("0.00194", "2025-12-15")
        etag = first.headers["etag"]
        repeat = client.get("/graphql", params=TICKER_PARAMS, headers={"if-none-match": etag})
        assert repeat.status_code == 304

        page = Path(settings.data_dir).parent / "digest-2025-12-16.txt"
        page.write_text(NEXT_PAGE, encoding="utf-8")
        ingest(settings, page)
        after = wait_for_new_etag(client, etag)
        assert after.status_code == 200 and after.headers["etag"] != etag
        kzt = {r["pair"]: r for r in after.json()["data"]["ticker"]}["KZT/USD"]
        assert kzt == {**kzt, "rate": "0.00201", "changePercent": "3.61", "asOf": "2025-12-16"}


def wait_for_new_etag(client: TestClient, etag: str, timeout: float = 10.0) -> Any:
    """The server notices writes made elsewhere on its next poll of the store."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        response = client.get("/graphql", params=TICKER_PARAMS, headers={"if-none-match": etag})
        if response.status_code != 304:
            return response
        time.sleep(0.05)
    raise AssertionError("the ETag did not change after the ingest")


def test_large_responses_are_gzipped_and_revalidate_with_the_same_vary(
    client: TestClient,
) -> None:
    params = query("{ articles(first: 30) { edges { node { title lede } } } }")
    gzipped = client.get("/graphql", params=params, headers={"accept-encoding": "gzip"})
    assert gzipped.headers["content-encoding"] == "gzip"
    assert int(gzipped.headers["content-length"]) < len(gzipped.content)
    assert {"Accept", "Accept-Encoding"} <= vary(gzipped.headers)
    plain = client.get("/graphql", params=params, headers={"accept-encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert plain.headers["etag"] == gzipped.headers["etag"]  # weak: same content, any coding
    revalidated = client.get(
        "/graphql",
        params=params,
        headers={"accept-encoding": "gzip", "if-none-match": gzipped.headers["etag"]},
    )
    assert revalidated.status_code == 304
    assert vary(revalidated.headers) == vary(gzipped.headers)


def vary(headers: Any) -> set[str]:
    return {token.strip() for token in headers["vary"].split(",")}


def test_get_from_any_origin_without_credentials(client: TestClient) -> None:
    response = client.get(
        "/graphql",
        params=query("{ ticker { pair } }"),
        headers={"origin": "https://partner.example"},
    )
    assert response.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in response.headers
    assert "etag" in response.headers["access-control-expose-headers"].lower()


def test_post_from_another_origin_is_preflighted(client: TestClient) -> None:
    response = client.options(
        "/graphql",
        headers={
            "origin": "https://partner.example",
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type",
        },
    )
    assert response.status_code == 200
    assert "POST" in response.headers["access-control-allow-methods"]
    assert "access-control-allow-credentials" not in response.headers
