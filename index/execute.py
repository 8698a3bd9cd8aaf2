"""A Whoosh query tree evaluated over one segment with array operations.

Each node yields a `Match`: a boolean mask over the segment's doc numbers and the score of
every matching doc (dense arrays: at a segment's size one pass of numpy costs less than any
merge of sorted lists in Python). The scores are Whoosh's own: BM25F per term with the
index-wide idf and average field length, summed over And/Or children (Whoosh's union and
intersection matchers add their children's scores), the positive side only for AndNot, and
1.0 for Every and for a Not on its own. Phrases score like the And of their words and are then
verified from positions, but only among the docs that hold every word.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt
from whoosh import query as wq
from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from index import fields as f
from index.postings import POSITION_BITS, KeyArray, Postings
from index.segments import LENGTH_OF_BYTE, Segment

Mask = npt.NDArray[np.bool_]
Scores = npt.NDArray[np.float64]


@dataclass(slots=True)
class Match:
    mask: Mask
    scores: Scores


class SegmentArrays(Protocol):
    """Where evaluation gets a segment's arrays from (the engine's caches)."""

    def postings(self, segment: Segment, fieldname: str, btext: bytes) -> Postings: ...

    def positions(self, segment: Segment, fieldname: str, btext: bytes) -> KeyArray: ...

    def lengths(self, segment: Segment, fieldname: str) -> npt.NDArray[np.uint8]: ...


class SearchContext:
    """Index-wide statistics of one searcher, as Whoosh's BM25F reads them, per search."""

    def __init__(self, engine: SegmentArrays, searcher: Searcher, segments: list[Segment]) -> None:
        self.engine = engine
        self.searcher = searcher
        self.segments = segments
        self.schema = searcher.schema
        self.doc_count_all = searcher.doc_count_all()
        weighting = searcher.weighting
        if not isinstance(weighting, BM25F):
            raise TypeError("the vectorized search scores with BM25F only")
        self.weighting = weighting
        self._idf: dict[tuple[str, bytes], float] = {}
        self._avgfl: dict[str, float] = {}
        self._exists: dict[tuple[str, bytes], bool] = {}

    def exists(self, fieldname: str, btext: bytes) -> bool:
        """Whether any segment holds the term. Asked of the engine's postings cache, which
        keeps absent terms too: every word is looked up in twice as many fields since the
        cross-script twins, and Whoosh's term table costs some 30 µs a lookup."""
        key = (fieldname, btext)
        if key not in self._exists:
            self._exists[key] = any(
                len(self.engine.postings(s, fieldname, btext).docs) for s in self.segments
            )
        return self._exists[key]

    def idf(self, fieldname: str, btext: bytes) -> float:
        """log(N / (n + 1)) + 1 over all segments, deleted docs included, as Whoosh counts."""
        key = (fieldname, btext)
        if key not in self._idf:
            n = sum(len(self.engine.postings(s, fieldname, btext).docs) for s in self.segments)
            self._idf[key] = math.log(self.doc_count_all / (n + 1)) + 1
        return self._idf[key]

    def avg_field_length(self, fieldname: str) -> float:
        if fieldname not in self._avgfl:
            self._avgfl[fieldname] = self.searcher.avg_field_length(fieldname) or 1
        return self._avgfl[fieldname]


def evaluate(query: wq.Query, segment: Segment, context: SearchContext) -> Match | None:
    """The docs of `segment` that `query` matches with their scores; None for none at all."""
    if isinstance(query, wq.Term):
        return _boosted(_term(query.fieldname, query.text, segment, context), query.boost)
    if isinstance(query, wq.Phrase):
        return _boosted(_phrase(query, segment, context), query.boost)
    if isinstance(query, wq.Prefix):
        reader = context.searcher.reader()
        texts = list(reader.expand_prefix(query.fieldname, query.text))
        return _union([_term_bytes(query.fieldname, t, segment, context) for t in texts], segment)
    if isinstance(query, wq.AndNot):
        positive = evaluate(query.a, segment, context)
        if positive is None:
            return None
        negative = evaluate(query.b, segment, context)
        if negative is not None:
            positive.mask &= ~negative.mask
            positive.scores[negative.mask] = 0.0
        return positive
    if isinstance(query, wq.Not):
        inner = evaluate(query.query, segment, context)
        mask = np.ones(segment.doc_count, dtype=bool)
        if inner is not None:
            mask &= ~inner.mask
        return Match(mask, mask.astype(np.float64))
    if isinstance(query, wq.And):
        return _intersection([evaluate(q, segment, context) for q in query.subqueries])
    if isinstance(query, wq.Or):
        return _union([evaluate(q, segment, context) for q in query.subqueries], segment)
    if isinstance(query, wq.NumericRange) and query.fieldname == f.PUBLISHED:
        return _date_range(query, segment)
    if isinstance(query, wq.Every):
        mask = np.ones(segment.doc_count, dtype=bool)
        return Match(mask, mask.astype(np.float64) * query.boost)
    if query is wq.NullQuery or isinstance(query, type(wq.NullQuery)):
        return None
    raise TypeError(f"the vectorized search cannot evaluate {type(query).__name__}")


def _boosted(found: Match | None, boost: float) -> Match | None:
    """A query's boost scales its scores, as Whoosh's wrapping matcher does."""
    if found is not None and boost != 1.0:
        found.scores *= boost
    return found


def _date_range(query: wq.NumericRange, segment: Segment) -> Match:
    """A filter's date bounds, from the date column instead of the trie terms."""
    published = segment.columns.published
    mask = np.ones(segment.doc_count, dtype=bool)
    if query.start is not None:
        mask &= published > query.start if query.startexcl else published >= query.start
    if query.end is not None:
        mask &= published < query.end if query.endexcl else published <= query.end
    return Match(mask, mask.astype(np.float64))


def _term(fieldname: str, text: str, segment: Segment, context: SearchContext) -> Match | None:
    if fieldname not in context.schema:
        return None
    try:
        btext = context.schema[fieldname].to_bytes(text)
    except ValueError:
        return None
    return _term_bytes(fieldname, btext, segment, context)


def _term_bytes(
    fieldname: str, btext: bytes, segment: Segment, context: SearchContext
) -> Match | None:
    if not context.exists(fieldname, btext):
        return None
    postings = context.engine.postings(segment, fieldname, btext)
    mask = np.zeros(segment.doc_count, dtype=bool)
    scores = np.zeros(segment.doc_count, dtype=np.float64)
    if len(postings.docs):
        mask[postings.docs] = True
        scores[postings.docs] = _bm25f(fieldname, btext, postings, segment, context)
    return Match(mask, scores)


def _bm25f(
    fieldname: str, btext: bytes, postings: Postings, segment: Segment, context: SearchContext
) -> Scores:
    """Whoosh's `bm25()`, operation for operation, so the floats agree to the last bit."""
    tf = postings.weights.astype(np.float64)
    if not context.schema[fieldname].scorable:
        return tf
    weighting = context.weighting
    b = weighting._field_B.get(fieldname, weighting.B)
    k1 = weighting.K1
    idf = context.idf(fieldname, btext)
    avgfl = context.avg_field_length(fieldname)
    fl = LENGTH_OF_BYTE[context.engine.lengths(segment, fieldname)[postings.docs]]
    scores: Scores = idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * fl / avgfl)))
    return scores


def _phrase(query: wq.Phrase, segment: Segment, context: SearchContext) -> Match | None:
    fieldname = query.fieldname
    if fieldname not in context.schema or query.slop != 1:
        raise TypeError("the vectorized search handles exact phrases only")
    field = context.schema[fieldname]
    words = [field.to_bytes(word) for word in query.words]
    if not words or not all(context.exists(fieldname, w) for w in words):
        return None
    both = _intersection([_term_bytes(fieldname, w, segment, context) for w in words])
    if both is None or not both.mask.any():
        return both
    candidates = np.flatnonzero(both.mask)
    keys = _keys_in(context.engine.positions(segment, fieldname, words[0]), candidates)
    for distance, word in enumerate(words[1:], start=1):
        following = _keys_in(context.engine.positions(segment, fieldname, word), candidates)
        keys = keys[_contains(following, keys + distance)]
    verified = np.zeros(segment.doc_count, dtype=bool)
    verified[(keys >> POSITION_BITS).astype(np.int64)] = True
    both.mask &= verified
    both.scores[~both.mask] = 0.0
    return both


def _keys_in(keys: KeyArray, docs: npt.NDArray[np.int64]) -> KeyArray:
    """The position keys that belong to `docs` (ascending)."""
    owners = keys >> POSITION_BITS
    selected: KeyArray = keys[_contains(docs, owners)]
    return selected


def _contains(sorted_values: npt.NDArray[np.int64], probes: npt.NDArray[np.int64]) -> Mask:
    if len(sorted_values) == 0:
        return np.zeros(len(probes), dtype=bool)
    at = np.searchsorted(sorted_values, probes)
    at[at == len(sorted_values)] = 0
    found: Mask = sorted_values[at] == probes
    return found


def _intersection(parts: list[Match | None]) -> Match | None:
    if not parts or any(part is None for part in parts):
        return None
    first = parts[0]
    assert first is not None
    for part in parts[1:]:
        assert part is not None
        first.mask &= part.mask
        first.scores += part.scores
    first.scores[~first.mask] = 0.0
    return first


def _union(parts: list[Match | None], segment: Segment) -> Match | None:
    present = [part for part in parts if part is not None]
    if not present:
        return None
    first = present[0]
    for part in present[1:]:
        first.mask |= part.mask
        first.scores += part.scores
    return first
