"""One pass over the matches: exact count, keyset page, and (on request) facet counts.

Whoosh's TopCollector breaks score ties by internal document number, which changes when a
document is updated; paging needs ties broken by article id, so this collector keeps every
match's sort key (a tuple append, about what TopCollector's heap push costs) and picks the
page with `heapq.nsmallest`. The time budget is checked every few hundred matches instead of
through TimeLimitCollector, which starts a timer thread (or a SIGALRM) per search.
"""

from __future__ import annotations

import heapq
import math
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

from whoosh.collectors import Collector, ScoredCollector
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


class _ArticleMatches:
    """What both collectors do per segment and per match: read the id and date columns, skip
    the hidden revision document, count, and keep to the time budget."""

    columns: SegmentColumns
    deadline: float
    total: int

    def set_subsearcher(self, subsearcher: Searcher, offset: int) -> None:
        super().set_subsearcher(subsearcher, offset)  # type: ignore[misc]
        reader = subsearcher.reader()
        self.ids = self.columns.get(reader, f.ARTICLE_ID)
        self.published = self.columns.get(reader, f.PUBLISHED)

    def _article_id(self, sub_docnum: int) -> int | None:
        """The match's article id, counted; None for the revision document."""
        article_id: int = self.ids[sub_docnum]
        if article_id == META_ARTICLE_ID:
            return None
        self.total += 1
        if self.total % _CHECK_EVERY == 1 and time.monotonic() > self.deadline:
            raise OutOfTimeError
        return article_id


class PageCollector(_ArticleMatches, Collector):
    def __init__(
        self,
        columns: SegmentColumns,
        order: str,
        after: SortKey | None,
        want_facets: bool,
        size: int,
        deadline: float,
    ) -> None:
        self.columns = columns
        self.size = size
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
        article_id = self._article_id(sub_docnum)
        if article_id is None:
            return
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

    def page(self) -> list[Entry]:
        """The first `size` entries after the cursor, best first."""
        return heapq.nsmallest(self.size, self.keyed)

    def results(self) -> Any:
        raise NotImplementedError("PageCollector is read through page() and total")


class TopPageCollector(_ArticleMatches, ScoredCollector):
    """The first relevance page alone, with Whoosh's block skipping: no total, no facets.

    Like Whoosh's TopCollector, but ties are broken by article id, as in PageCollector, so a
    cursor from this page continues exactly on the keyset path. Blocks are skipped only when
    their best possible score is *below* the page's lowest score, never equal to it, so a tie
    that would win on article id is always seen. `total` counts the matches seen: a lower bound.
    """

    # Whoosh initialises minscore with 0 (so mypy infers int) but reads it as float or None.
    minscore: float | None  # type: ignore[assignment]

    def __init__(self, columns: SegmentColumns, size: int, deadline: float) -> None:
        ScoredCollector.__init__(self)
        self.columns = columns
        self.size = size
        self.deadline = deadline
        self.total = 0
        self.heap: list[tuple[float, int, int, int, int]] = []  # score, -id, docnum, pub, id

    def prepare(self, top_searcher: Searcher, q: Any, context: Any) -> None:
        super().prepare(top_searcher, q, context)
        self.minscore = None  # no skipping (not even of zero-quality blocks) until a page is full

    def _use_block_quality(self) -> bool:
        return bool(
            not self.top_searcher.weighting.use_final and self.matcher.supports_block_quality()
        )

    def collect(self, sub_docnum: int) -> None:
        article_id = self._article_id(sub_docnum)
        if article_id is None:
            return
        item = (
            self.matcher.score(),
            -article_id,
            self.offset + sub_docnum,
            self.published[sub_docnum],
            article_id,
        )
        heap = self.heap
        if len(heap) < self.size:
            heapq.heappush(heap, item)
        elif item[:2] > heap[0][:2]:
            heapq.heapreplace(heap, item)
        else:
            return
        if len(heap) == self.size:
            self.minscore = math.nextafter(heap[0][0], -math.inf)

    def page(self) -> list[Entry]:
        """Up to `size` entries, best first, shaped like PageCollector's."""
        return sorted(
            (sort_key("RELEVANCE", score, pub, article_id), docnum, score, pub, article_id)
            for score, _, docnum, pub, article_id in self.heap
        )

    def results(self) -> Any:
        raise NotImplementedError("TopPageCollector is read through page() and total")
