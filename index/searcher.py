"""One search on an open Whoosh searcher: parse, filter, collect, then decorate the page."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

from whoosh import query as wq
from whoosh.collectors import Collector, FilterCollector
from whoosh.searching import Searcher

from index import fields as f
from index.collector import Entry, OutOfTimeError, PageCollector, TopPageCollector
from index.columns import FACET_COLUMNS, SegmentColumns
from index.cursor import SearchCursor
from index.errors import BadCursorError, SearchIndexError
from index.facets import build_facets
from index.filters import FilterCache
from index.highlights import highlight_page, matched_terms
from index.query import parse_query
from index.request import SearchRequest
from index.results import Highlight, SearchFacets, SearchHit, SearchPage
from index.spelling import suggest


def run_search(
    searcher: Searcher, columns: SegmentColumns, filters: FilterCache, request: SearchRequest
) -> SearchPage:
    _check(request)
    parsed = parse_query(request.text)
    if searcher.doc_count_all() == 0:  # a new index has no segment to read columns from
        return SearchPage(
            0, (), False, build_facets(_NO_COUNTS, 0) if request.want_facets else None, None
        )
    collector = _collector(columns, request)
    allow = filters.docs(searcher, request.filter)
    partial = False
    if allow is None or allow:  # an empty allow-set would mean "no filter" to Whoosh
        wrapped: Collector = FilterCollector(collector, allow=allow) if allow else collector
        try:
            searcher.search_with_collector(
                parsed.query, wrapped, context=searcher.context(needs_current=True)
            )
        except OutOfTimeError:
            partial = True
    entries = collector.page()
    hits = _hits(searcher, request, entries[: request.first], parsed.query)
    return SearchPage(
        total_count=collector.total,
        hits=hits,
        has_next=len(entries) > request.first,
        facets=_facets(collector, request),
        suggestion=suggest(searcher, request.text, parsed.spelled),
        partial=partial,
    )


def _collector(columns: SegmentColumns, request: SearchRequest) -> PageCollector | TopPageCollector:
    """The keyset collector that sees every match, or, when nothing needs them all (no total,
    no facets, the first page by relevance), the top-N one that skips hopeless blocks."""
    deadline = time.monotonic() + max(request.time_budget_s, 0.0)
    size = request.first + 1  # one extra tells whether another page exists
    fast = request.order == "RELEVANCE" and request.after is None and not request.want_facets
    if fast and not request.want_total:
        return TopPageCollector(columns, size, deadline)
    after = request.after.key() if request.after is not None else None
    return PageCollector(columns, request.order, after, request.want_facets, size, deadline)


def _facets(
    collector: PageCollector | TopPageCollector, request: SearchRequest
) -> SearchFacets | None:
    """Only the keyset collector counts, and _collector picks it whenever facets are wanted."""
    if not request.want_facets:
        return None
    assert isinstance(collector, PageCollector)
    return build_facets(collector.counts, request.facet_limit)


_NO_COUNTS: dict[str, Counter[Any]] = {name: Counter() for name in FACET_COLUMNS}


def _check(request: SearchRequest) -> None:
    if request.first < 0:
        raise SearchIndexError(f"`first` must not be negative, got {request.first}.")
    if request.after is not None and request.after.order != request.order:
        raise BadCursorError("The cursor belongs to a different ordering of this search.")


def _hits(
    searcher: Searcher, request: SearchRequest, entries: list[Entry], query: wq.Query
) -> tuple[SearchHit, ...]:
    docnums = [entry[1] for entry in entries]
    highlights: dict[int, tuple[Highlight, ...]] = {}
    if request.want_highlights and docnums:
        highlights = highlight_page(searcher, matched_terms(query, searcher.reader()), docnums)
    if not entries:
        return ()
    slugs = searcher.reader().column_reader(f.SLUG, translate=True)
    return tuple(
        SearchHit(
            article_id=article_id,
            slug=slugs[docnum],
            score=score,
            cursor=SearchCursor(request.order, score, published, article_id),
            highlights=highlights.get(docnum, ()),
        )
        for _, docnum, score, published, article_id in entries
    )
