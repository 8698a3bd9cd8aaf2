"""Counters filled by the collector → the top buckets of each facet."""

from __future__ import annotations

import heapq
from collections import Counter
from typing import Any

from index.results import Facet, FacetBucket, SearchFacets


def build_facets(counts: dict[str, Counter[Any]], limit: int) -> SearchFacets:
    return SearchFacets(
        countries=_top(counts["countries"], limit),
        organizations=_top(counts["organizations"], limit),
        authors=_top(counts["authors"], limit),
        people=_top(counts["people"], limit),
        languages=_top(counts["languages"], limit),
        years=_top(counts["years"], limit, newest_first=True),
        months=_timeline(counts["months"], limit),
    )


def _timeline(counter: Counter[Any], limit: int) -> Facet:
    """A trend line, not a ranking: the newest `limit` months that have hits, oldest first."""
    months = sorted(_label(value) for value, count in counter.items() if count)
    limit = max(limit, 0)
    kept = months[len(months) - limit :] if limit else []
    return Facet(tuple(FacetBucket(m, counter[m]) for m in kept), truncated=len(months) > limit)


def _top(counter: Counter[Any], limit: int, newest_first: bool = False) -> Facet:
    """Most frequent first; ties by value (years: newest first) so output is stable."""
    labelled = [(_label(value), count) for value, count in counter.items() if count]
    limit = max(limit, 0)
    if newest_first:
        top = heapq.nsmallest(limit, labelled, key=lambda b: (-b[1], -int(b[0])))
    else:
        top = heapq.nsmallest(limit, labelled, key=lambda b: (-b[1], b[0]))
    buckets = tuple(FacetBucket(value, count) for value, count in top)
    return Facet(buckets, truncated=len(labelled) > limit)


def _label(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
