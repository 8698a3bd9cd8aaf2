"""`Steppe in-process`: Steppe's own index, asked the bench's queries without HTTP or GraphQL.

The same `SearchRequest` the GraphQL `search` field builds for the bench's documents (no exact
total and no did-you-mean, since they select neither `totalCount` nor `suggestion`; facets and
highlights when the kind asks), on
the index `steppe serve` uses, opened read-only beside it. A hit carries the article's slug
from the index, as raw Whoosh's hits carry their stored title.
"""

from __future__ import annotations

from pathlib import Path

from bench.queries import Query
from bench.steppe_client import search_text
from index import SearchFilter, SearchIndex, SearchRequest


def request(query: Query) -> SearchRequest:
    countries = (query.country,) if query.country else ()
    return SearchRequest(
        text=search_text(query),
        filter=SearchFilter(countries=countries),
        first=10,
        want_facets=query.kind == "facets",
        want_highlights=query.kind == "highlights",
        want_total=False,
        want_suggestion=False,
        time_budget_s=60.0,
    )


class SteppeInProcess:
    name = "Steppe in-process"

    def __init__(self, index_dir: Path) -> None:
        self.index = SearchIndex.open(index_dir)

    def search(self, query: Query) -> int:
        page = self.index.search(request(query))
        found = [hit.slug for hit in page.hits]
        if page.facets is not None:
            found += [bucket.value for bucket in page.facets.countries.buckets]
        return len(found)

    def close(self) -> None:
        self.index.close()
