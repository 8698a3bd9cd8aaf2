"""One pass over the matches: exact count, keyset page, and (on request) facet counts.

Whoosh's TopCollector breaks score ties by internal document number, which changes when a
document is updated; paging needs ties broken by article id, so this collector keeps every
match's sort key (a tuple append, about what TopCollector's heap push costs) and picks the
page with `heapq.nsmallest`. The time budget is checked every few hundred matches instead of
through TimeLimitCollector, which starts a timer thread (or a SIGALRM) per search.
"""

from __future__ import annotations

import heapq
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

from whoosh.collectors import Collector
from whoosh.searching import Searcher

from index import fields as f
from index.columns import FACET_COLUMNS, SegmentColumns
from index.cursor import SortKey, sort_key
from index.documents import META_ARTICLE_ID

_CHECK_EVERY = 256

# (sort key, global docnum, score, published ordinal, article id)
Entry = tuple[SortKey, int, float, int, int]


class OutOfTimeError(Exception):
    """Raised inside the match loop when the time budget is spent."""


class PageCollector(Collector):
    def __init__(
        self,
        columns: SegmentColumns,
        order: str,
        after: SortKey | None,
        want_facets: bool,
        deadline: float,
    ) -> None:
        self.columns = columns
        self.order = order
        self.after = after
        self.want_facets = want_facets
        self.deadline = deadline
        self.total = 0
        self.keyed: list[Entry] = []
        self.counts: dict[str, Counter[Any]] = {name: Counter() for name in FACET_COLUMNS}

    def set_subsearcher(self, subsearcher: Searcher, offset: int) -> None:
        super().set_subsearcher(subsearcher, offset)
        reader = subsearcher.reader()
        self.ids = self.columns.get(reader, f.ARTICLE_ID)
        self.published = self.columns.get(reader, f.PUBLISHED)
        self.facets = (
            [
                (self.counts[name], self.columns.get(reader, column), name == "years")
                for name, column in FACET_COLUMNS.items()
            ]
            if self.want_facets
            else []
        )
        self.matcher = self.matcher.replace(0)

    def matches(self) -> Iterator[int]:
        matcher = self.matcher
        while matcher.is_active():
            yield matcher.id()
            matcher.next()

    def collect(self, sub_docnum: int) -> None:
        article_id = self.ids[sub_docnum]
        if article_id == META_ARTICLE_ID:
            return
        self.total += 1
        if self.total % _CHECK_EVERY == 1 and time.monotonic() > self.deadline:
            raise OutOfTimeError
        score = self.matcher.score()
        published = self.published[sub_docnum]
        key = sort_key(self.order, score, published, article_id)
        if self.after is None or key > self.after:
            self.keyed.append((key, self.offset + sub_docnum, score, published, article_id))
        for counter, values, single in self.facets:
            value = values[sub_docnum]
            if single:
                counter[value] += 1
            else:
                counter.update(value.split())

    def sort_key(self, sub_docnum: int) -> Any:
        return None

    def page(self, size: int) -> list[Entry]:
        """The first `size + 1` entries after the cursor: one extra tells whether more exist."""
        return heapq.nsmallest(size + 1, self.keyed)

    def results(self) -> Any:
        raise NotImplementedError("PageCollector is read through page() and total")
