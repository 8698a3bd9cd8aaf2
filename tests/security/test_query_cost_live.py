"""Cost and validation probes against a live server: answered or refused at once, never held.

Time bounds here are generous (seconds): they tell "answered at once" from "hangs"; the
bench measures the real figures.
"""

from __future__ import annotations

import concurrent.futures
from typing import Any

import httpx

from tests.api.conftest import LiveServer
from tests.api.test_query_cost import NESTED, doubling

AT_ONCE_S = 5.0


def post(server: LiveServer, query: str, timeout: float = AT_ONCE_S) -> httpx.Response:
    return httpx.post(f"{server.url}/graphql", json={"query": query}, timeout=timeout)


def test_the_forty_fragment_document_is_answered_at_once_while_healthz_answers(
    server: LiveServer,
) -> None:
    document = doubling(40, "__typename", "Query", "{ SPREAD }")
    costly = doubling(40, 'search(text: "water") { totalCount }', "Query", "{ SPREAD }")
    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        # A plain cross-origin GET, as a browser on any page could send it.
        get = pool.submit(
            httpx.get, f"{server.url}/graphql", params={"query": document}, timeout=AT_ONCE_S
        )
        refused = pool.submit(post, server, costly)
        health = pool.submit(httpx.get, f"{server.url}/healthz", timeout=AT_ONCE_S)
        assert health.result().json()["status"] == "ok"
        assert get.result().json()["data"] == {"__typename": "Query"}
        [error] = refused.result().json()["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert error["extensions"]["cost"]["requested"] > 2**39


def test_nested_search_related_articles_is_refused_with_the_requested_cost(
    server: LiveServer,
) -> None:
    body: dict[str, Any] = post(server, NESTED).json()
    [error] = body["errors"]
    assert error["extensions"] == {
        "code": "QUERY_TOO_COSTLY",
        "cost": {"requested": 6070711, "maximum": 2500},
    }
    assert body["data"] is None


def test_depth_aliases_and_nested_related_through_doubling_fragments_are_refused_at_once(
    server: LiveServer,
) -> None:
    related = doubling(30, "related { related { slug } }", "Article", "")
    related += "{ articles(first: 1) { edges { node { ...F29 } } } }"
    aliases = doubling(30, "a: __typename b: __typename", "Query", "{ SPREAD }")
    for document, message in ((related, "`related` inside `related`"), (aliases, "aliases")):
        errors = post(server, document).json()["errors"]
        assert any(message in e["message"] for e in errors), errors


def test_introspection_off_leaks_no_suggestion_over_http(serve: Any) -> None:
    locked = serve(STEPPE_INTROSPECTION="false")
    for query in ("{ tickr { pair } }", "{ articles(frst: 1) { totalCount } }",
                  "{ articles(orderBy: NEWST) { totalCount } }"):  # fmt: skip
        errors = post(locked, query).json()["errors"]
        assert errors and not any("Did you mean" in e["message"] for e in errors)
