"""The query mix and the headline list as GraphQL over HTTP, to a real `steppe serve`.

Latency is measured around the whole round trip (send, server work, read and parse the JSON):
what a client of the API waits for. Search texts use Steppe's syntax, which ANDs words.
"""

from __future__ import annotations

from typing import Any

import httpx

from bench.queries import Query

_HIT = "node { title }"
# Like raw Whoosh's default top 10, the page does not ask for an exact totalCount: counting
# every match is extra work (Steppe does it whenever a query selects totalCount or facets).
_SEARCH = """query Search($text: String!, $filter: ArticleFilter) {
  search(text: $text, filter: $filter, first: 10) {
    edges { %s }%s
  }
}"""
_FACETS = "\n    facets { countries { value count } }"
DOCUMENTS = {
    "plain": _SEARCH % (_HIT, ""),
    "facets": _SEARCH % (_HIT, _FACETS),
    "highlights": _SEARCH % (_HIT + " highlights { field snippet }", ""),
}
HEADLINES = """query Headlines($first: Int!) {
  headlines(first: $first) {
    slug
    title
    publishedOn
    authors { slug name }
    countries { code name }
  }
}"""
HEADLINE_COUNT = 50


def search_text(query: Query) -> str:
    return f'"{" ".join(query.words)}"' if query.kind == "phrase" else " ".join(query.words)


class SteppeApi:
    name = "Steppe GraphQL"

    def __init__(self, url: str) -> None:
        self.client = httpx.Client(base_url=url, timeout=60.0)

    def search(self, query: Query) -> int:
        document = DOCUMENTS.get(query.kind, DOCUMENTS["plain"])
        variables: dict[str, Any] = {"text": search_text(query)}
        if query.country:
            variables["filter"] = {"countries": [query.country]}
        data = self.post(document, variables)
        return len(data["search"]["edges"])

    def post(self, document: str, variables: dict[str, Any]) -> dict[str, Any]:
        response = self.client.post("/graphql", json={"query": document, "variables": variables})
        response.raise_for_status()
        payload: dict[str, Any] = response.json()
        if payload.get("errors"):
            raise RuntimeError(f"GraphQL errors: {payload['errors']}")
        return payload["data"]  # type: ignore[no-any-return]

    def headlines_body(self) -> dict[str, Any]:
        """The request body of the uncached headline list."""
        return {"query": HEADLINES, "variables": {"first": HEADLINE_COUNT}}

    def close(self) -> None:
        self.client.close()
