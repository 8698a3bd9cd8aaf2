"""One search on an open Whoosh searcher: parse, match with arrays, rank, then decorate."""

from __future__ import annotations

import time
from bisect import bisect_right
from collections import Counter

import numpy as np
from whoosh import query as wq
from whoosh.searching import Searcher

from index.cursor import SearchCursor
from index.errors import BadCursorError, SearchIndexError
from index.facet_counts import count_facets
from index.facets import build_facets
from index.highlights import highlight_page, matched_terms
from index.query import parse_query
from index.ranking import Entry, top_entries
from index.request import SearchRequest
from index.results import Highlight, SearchHit, SearchPage
from index.segments import Segment
from index.spelling import suggest
from index.vectorized import FACET_FIELDS, VectorEngine

_NO_COUNTS: dict[str, Counter[str]] = {name: Counter() for name in FACET_FIELDS}


def run_search(searcher: Searcher, engine: VectorEngine, request: SearchRequest) -> SearchPage:
    _check(request)
    parsed = parse_query(request.text)
    if searcher.doc_count_all() == 0:  # a new index has no segment to read columns from
        return SearchPage(
            0, (), False, build_facets(_NO_COUNTS, 0) if request.want_facets else None, None
        )
    deadline = time.monotonic() + max(request.time_budget_s, 0.0)
    segments = engine.segments(searcher)
    matched, partial = engine.match(searcher, segments, parsed.query, request.filter, deadline)
    docnums, scores, published, ids = [], [], [], []
    for segment, found in matched:
        local, local_scores = found.docs_and_scores()
        docnums.append(local + segment.offset)
        scores.append(local_scores)
        published.append(segment.columns.published[local])
        ids.append(segment.columns.article_ids[local])
    if docnums:
        all_docnums, all_scores = np.concatenate(docnums), np.concatenate(scores)
        all_published, all_ids = np.concatenate(published), np.concatenate(ids)
    else:
        all_docnums = all_published = all_ids = np.zeros(0, dtype=np.int64)
        all_scores = np.zeros(0, dtype=np.float64)
    after = request.after.key() if request.after is not None else None
    size = request.first + 1  # one extra tells whether another page exists
    entries = top_entries(
        request.order, after, size, all_docnums, all_scores, all_published, all_ids
    )
    facets = None
    if request.want_facets:
        wanted = request.facet_names
        names = tuple(n for n in FACET_FIELDS if wanted is None or n in wanted)
        counts = _NO_COUNTS | count_facets(engine.facet, matched, names)
        facets = build_facets(counts, request.facet_limit)
    return SearchPage(
        total_count=len(all_ids),
        hits=_hits(searcher, engine, segments, request, entries[: request.first], parsed.query),
        has_next=len(entries) > request.first,
        facets=facets,
        suggestion=(
            suggest(searcher, request.text, parsed.spelled) if request.want_suggestion else None
        ),
        partial=partial,
    )


def _check(request: SearchRequest) -> None:
    if request.first < 0:
        raise SearchIndexError(f"`first` must not be negative, got {request.first}.")
    if request.after is not None and request.after.order != request.order:
        raise BadCursorError("The cursor belongs to a different ordering of this search.")


def _hits(
    searcher: Searcher,
    engine: VectorEngine,
    segments: list[Segment],
    request: SearchRequest,
    entries: list[Entry],
    query: wq.Query,
) -> tuple[SearchHit, ...]:
    if not entries:
        return ()
    docnums = [entry[1] for entry in entries]
    highlights: dict[int, tuple[Highlight, ...]] = {}
    if request.want_highlights:
        terms = matched_terms(query, searcher.reader())
        highlights = highlight_page(searcher, terms, docnums, segments, engine)

    starts = [segment.offset for segment in segments]  # ascending

    def slug(docnum: int) -> str:
        segment = segments[bisect_right(starts, docnum) - 1]
        if not segment.offset <= docnum < segment.offset + segment.doc_count:
            raise SearchIndexError(f"document {docnum} is in no segment of this searcher")
        return engine.slugs(segment)[docnum - segment.offset]

    return tuple(
        SearchHit(
            article_id=article_id,
            slug=slug(docnum),
            score=score,
            cursor=SearchCursor(request.order, score, published, article_id),
            highlights=highlights.get(docnum, ()),
        )
        for _, docnum, score, published, article_id in entries
    )
