"""SearchFilter → the set of documents a search may return.

Filters restrict without scoring, through Whoosh's `FilterCollector`. Their document sets
are cached per searcher generation: a faceted UI repeats the same few filters constantly.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from whoosh import query as wq
from whoosh.searching import Searcher

from index import fields as f
from index.request import SearchFilter

_CACHE_SIZE = 64


def filter_query(spec: SearchFilter) -> wq.Query | None:
    parts = [
        _any_of(f.COUNTRY_KEY, spec.countries),
        _any_of(f.ORGANIZATION_KEY, spec.organizations),
        _any_of(f.AUTHOR_KEY, spec.authors),
    ]
    if spec.published_from is not None or spec.published_to is not None:
        low = spec.published_from.toordinal() if spec.published_from else None
        high = spec.published_to.toordinal() if spec.published_to else None
        parts.append(wq.NumericRange(f.PUBLISHED, low, high))
    present = [part for part in parts if part is not None]
    if not present:
        return None
    return present[0] if len(present) == 1 else wq.And(present)


def _any_of(fieldname: str, values: tuple[str, ...]) -> wq.Query | None:
    terms = [wq.Term(fieldname, value.strip().lower()) for value in values if value.strip()]
    if not values:
        return None
    if not terms:
        return wq.NullQuery  # only blank values were given: nothing can match
    return terms[0] if len(terms) == 1 else wq.Or(terms)


class FilterCache:
    """Document-number sets of recent filters, valid for one searcher generation."""

    def __init__(self) -> None:
        self._sets: OrderedDict[SearchFilter, set[int]] = OrderedDict()
        self._lock = threading.Lock()

    def docs(self, searcher: Searcher, spec: SearchFilter) -> set[int] | None:
        """None when nothing is filtered; otherwise the allowed document numbers."""
        query = filter_query(spec)
        if query is None:
            return None
        with self._lock:
            if spec in self._sets:
                self._sets.move_to_end(spec)
                return self._sets[spec]
        docs = set(searcher.docs_for_query(query))
        with self._lock:
            self._sets[spec] = docs
            while len(self._sets) > _CACHE_SIZE:
                self._sets.popitem(last=False)
        return docs

    def clear(self) -> None:
        with self._lock:
            self._sets.clear()
