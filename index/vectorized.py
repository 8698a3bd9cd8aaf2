"""VectorEngine: searches a Whoosh index with numpy instead of Whoosh's per-posting matchers.

The engine owns the caches (postings, position keys, columns, field lengths, facet codes,
filter masks), keyed by segment id and bounded by one byte budget; it holds no searcher.
Each call is handed the Whoosh searcher to read from, and the caller makes sure that
searcher is not used by two threads at once (Whoosh readers seek in shared files). The
caches are shared and lock-protected, so several threads, each with its own searcher (or
taking turns on one), may search through one engine at the same time.
"""

from __future__ import annotations

import time
from bisect import bisect_left
from collections.abc import Callable, Hashable, Iterator
from functools import partial
from typing import Any

import numpy as np
import numpy.typing as npt
from whoosh import query as wq
from whoosh.searching import Searcher

from index import fields as f
from index.budget import ByteBudgetCache
from index.documents import META_ARTICLE_ID
from index.execute import Match, Scored, SearchContext, evaluate
from index.filters import filter_query
from index.postings import (
    BlockDirectory,
    KeyArray,
    Postings,
    ValueBlock,
    read_block_directory,
    read_position_keys,
    read_postings,
    read_value_block,
)
from index.request import SearchFilter
from index.segments import (
    FacetCodes,
    Segment,
    SegmentColumns,
    live_mask,
    month_of,
    read_columns,
    read_facet,
    read_lengths,
    segment_id,
)

DEFAULT_CACHE_BYTES = 128 * 1024 * 1024

# facet name → (column, whether a doc may hold several space-separated values, how a single
# value is named)
FACET_FIELDS: dict[str, tuple[str, bool, Callable[[Any], str]]] = {
    "countries": (f.COUNTRY_FACET, True, str),
    "organizations": (f.ORGANIZATION_FACET, True, str),
    "authors": (f.AUTHOR_FACET, True, str),
    "people": (f.PERSON_FACET, True, str),
    "languages": (f.LANGUAGE_FACET, True, str),
    "years": (f.YEAR, False, str),
    "months": (f.PUBLISHED, False, month_of),
}


class VectorEngine:
    def __init__(self, cache_bytes: int = DEFAULT_CACHE_BYTES) -> None:
        self._cache: ByteBudgetCache[Any] = ByteBudgetCache(cache_bytes, _size_of)

    # -- per-segment data -------------------------------------------------------------

    def segments(self, searcher: Searcher) -> list[Segment]:
        found = []
        for reader, offset in searcher.reader().leaf_readers():
            if reader.doc_count_all() == 0:
                continue
            sid = segment_id(reader)
            columns: SegmentColumns = self._cache.get(
                (sid, "columns"), partial(read_columns, reader)
            )
            segment = reader.segment()
            deleted = segment.deleted_count() if segment is not None else 0
            live: npt.NDArray[np.bool_] = self._cache.get(
                (sid, "live", deleted), partial(live_mask, reader, columns, META_ARTICLE_ID)
            )
            found.append(Segment(reader, offset, sid, columns, live))
        return found

    def postings(self, segment: Segment, fieldname: str, btext: bytes) -> Postings:
        found: Postings = self._cache.get(
            (segment.segment_id, "postings", fieldname, btext),
            lambda: read_postings(segment.reader, fieldname, btext),
        )
        return found

    def positions(self, segment: Segment, fieldname: str, btext: bytes) -> KeyArray:
        found: KeyArray = self._cache.get(
            (segment.segment_id, "positions", fieldname, btext),
            lambda: read_position_keys(segment.reader, fieldname, btext),
        )
        return found

    def scored(
        self, generation: Hashable, fieldname: str, btext: bytes, compute: Callable[[], Scored]
    ) -> Scored:
        """A term's scored postings in every segment of one generation (see SearchContext)."""
        found: Scored = self._cache.get((generation, "scored", fieldname, btext), compute)
        return found

    def characters(
        self, segment: Segment, fieldname: str, btext: bytes, docs: list[int]
    ) -> Iterator[tuple[int, list[tuple[int, int, int]]]]:
        """(doc, [(position, startchar, endchar), …]) for each of the ascending local `docs`
        that holds the term. The term's block directory and the blocks a page touches are
        cached, so a repeated highlight neither walks the block chain nor decompresses a
        block again; only the page's own values are decoded."""
        reader = segment.reader
        directory: BlockDirectory | None = self._cache.get(
            (segment.segment_id, "blocks", fieldname, btext),
            lambda: read_block_directory(reader, fieldname, btext),
        )
        fmt: Any = reader.schema[fieldname].format
        decode = fmt.decoder("characters")
        if directory is None:  # another codec: Whoosh's own matcher
            yield from _characters_by_matcher(reader, fieldname, btext, docs, decode)
            return
        for doc in docs:
            at = bisect_left(directory.max_ids, doc)
            if at == len(directory.max_ids):
                return
            offset = directory.offsets[at]
            block: ValueBlock = self._cache.get(
                (segment.segment_id, "block", fieldname, btext, offset),
                lambda: read_value_block(reader, fieldname, btext, offset),  # noqa: B023
            )
            i = bisect_left(block.ids, doc)
            if i < len(block.ids) and block.ids[i] == doc:
                yield doc, decode(block.values[i])

    def lengths(self, segment: Segment, fieldname: str) -> npt.NDArray[np.uint8]:
        found: npt.NDArray[np.uint8] = self._cache.get(
            (segment.segment_id, "lengths", fieldname),
            lambda: read_lengths(segment.reader, fieldname),
        )
        return found

    def facet(self, segment: Segment, name: str) -> FacetCodes:
        column, multi, label = FACET_FIELDS[name]
        found: FacetCodes = self._cache.get(
            (segment.segment_id, "facet", name),
            lambda: read_facet(segment.reader, column, multi, label),
        )
        return found

    def slugs(self, segment: Segment) -> tuple[str, ...]:
        """The segment's slug column, read once: opening Whoosh's column reader costs a pass
        over all its offsets, which made up most of a rare word's search."""

        def compute() -> tuple[str, ...]:
            return tuple(segment.reader.column_reader(f.SLUG, translate=True))

        found: tuple[str, ...] = self._cache.get((segment.segment_id, "slugs"), compute)
        return found

    def allowed(
        self, segment: Segment, spec: SearchFilter, context: SearchContext
    ) -> npt.NDArray[np.bool_] | None:
        """The filter's docs in this segment as a mask (cached), None when nothing is filtered."""
        query = filter_query(spec)
        if query is None:
            return None

        def compute() -> npt.NDArray[np.bool_]:
            found = evaluate(query, segment, context)
            return found.as_mask() if found is not None else np.zeros(segment.doc_count, dtype=bool)

        mask: npt.NDArray[np.bool_] = self._cache.get((segment.segment_id, "filter", spec), compute)
        return mask

    def retain(self, searcher: Searcher) -> None:
        """Forget segments the searcher no longer has (merged away or replaced), and the
        scores of every other generation of segments."""
        readers = [reader for reader, _ in searcher.reader().leaf_readers()]
        live = {segment_id(reader) for reader in readers}
        generation = tuple(segment_id(r) for r in readers if r.doc_count_all() > 0)

        def keep(key: Hashable) -> bool:
            return isinstance(key, tuple) and (key[0] in live or key[0] == generation)

        self._cache.retain(keep)

    def clear(self) -> None:
        self._cache.clear()

    @property
    def cache_bytes(self) -> int:
        return self._cache.used_bytes

    # -- matching ---------------------------------------------------------------------

    def match(
        self,
        searcher: Searcher,
        segments: list[Segment],
        query: wq.Query,
        spec: SearchFilter,
        deadline: float,
    ) -> tuple[list[tuple[Segment, Match]], bool]:
        """Every segment's matches of `query` within the filter, deleted docs excluded, and
        whether the time ran out first (checked between segments: the rest are skipped).
        `segments` are this engine's `segments(searcher)`, listed once by the caller."""
        context = SearchContext(self, searcher, segments)
        matched: list[tuple[Segment, Match]] = []
        for segment in segments:
            if time.monotonic() >= deadline:
                return matched, True
            found = evaluate(query, segment, context)
            if found is None:
                continue
            found.restrict(segment.live)
            allow = self.allowed(segment, spec, context)
            if allow is not None:
                found.restrict(allow)
            matched.append((segment, found))
        return matched, False


def _characters_by_matcher(
    reader: Any, fieldname: str, btext: bytes, docs: list[int], decode: Callable[[bytes], Any]
) -> Iterator[tuple[int, list[tuple[int, int, int]]]]:
    matcher = reader.postings(fieldname, btext)  # no scorer: offsets only
    for doc in docs:
        if not matcher.is_active():
            return
        matcher.skip_to(doc)
        if matcher.is_active() and matcher.id() == doc:
            yield doc, decode(matcher.value())


def _size_of(value: Any) -> int:
    if isinstance(value, tuple):  # a column of slugs, or a term's scored postings per segment
        return sum(_size_of(item) for item in value) + 64
    if value is None:
        return 8
    if isinstance(value, str):
        return len(value) + 56
    if isinstance(value, np.ndarray):
        return int(value.nbytes) + 112
    nbytes = getattr(value, "nbytes", None)
    return int(nbytes) + 112 if nbytes is not None else 256
