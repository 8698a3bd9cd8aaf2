"""A Whoosh query tree evaluated over one segment with array operations.

Each node yields a `Match`: the docs it matches in the segment and the score of each, in one
of two forms. A term, or an And/Or of few docs, stays *sparse* (ascending doc numbers and
their scores): a rare word is looked up in some sixteen fields, and sixteen dense arrays per
segment cost more than the handful of postings they hold. An Or of many docs, and Not, Every
and date ranges, are *dense* (a boolean mask over the segment and a score per doc): at that
size one pass of numpy costs less than any merge of sorted lists. The scores are Whoosh's
own: BM25F per term with the index-wide idf and average field length, summed over And/Or
children in their order (Whoosh's union and intersection matchers add their children's
scores), the positive side only for AndNot, and 1.0 for Every and for a Not on its own. Both
forms add the same floats in the same order, so they agree to the last bit. Phrases score like
the And of their words and are then verified from positions, but only among the docs that
hold every word.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable
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
Docs = npt.NDArray[np.int64]

_NO_DOCS: Docs = np.zeros(0, dtype=np.int64)
_NO_SCORES: Scores = np.zeros(0, dtype=np.float64)
_NO_DOCS.flags.writeable = _NO_SCORES.flags.writeable = False


# An Or whose parts hold at most this share of the segment's docs (counted with repeats)
# stays sparse; past it the dense form's passes are cheaper than sorting the parts together.
_SPARSE_SHARE = 0.25
# a union of at most this many postings is summed in plain Python (`_few_union`)
_FEW = 48


@dataclass(slots=True)
class Sparse:
    """Few docs: ascending local doc numbers and their scores. The arrays are never written
    to (a term's come from the engine's cache); every operation makes new ones."""

    doc_count: int  # the segment's
    docs: Docs
    scores: Scores

    def __len__(self) -> int:
        return len(self.docs)

    def docs_and_scores(self) -> tuple[Docs, Scores]:
        return self.docs, self.scores

    def as_mask(self) -> Mask:
        mask = np.zeros(self.doc_count, dtype=bool)
        mask[self.docs] = True
        return mask

    def as_dense(self) -> Dense:
        scores = np.zeros(self.doc_count, dtype=np.float64)
        scores[self.docs] = self.scores
        return Dense(self.as_mask(), scores)

    def contains(self, docs: Docs) -> Mask:
        """Which of the ascending `docs` this match holds."""
        return _contains(self.docs, docs)

    def scores_at(self, docs: Docs) -> Scores:
        """The scores of `docs`, every one of which this match holds."""
        found: Scores = self.scores[np.searchsorted(self.docs, docs)]
        return found

    def restrict(self, allowed: Mask) -> None:
        """Keep only the docs `allowed` (a mask over the segment) lets through."""
        keep = allowed[self.docs]
        self.docs, self.scores = self.docs[keep], self.scores[keep]

    def drop(self, other: Match) -> None:
        """Drop the docs `other` holds (AndNot's negative side)."""
        keep = ~other.contains(self.docs)
        self.docs, self.scores = self.docs[keep], self.scores[keep]

    def boost(self, factor: float) -> None:
        self.scores = self.scores * factor  # a new array: a term's scores are shared


@dataclass(slots=True)
class Dense:
    """Many docs: a mask over the segment and a score per doc (0.0 where not held)."""

    held: Mask
    scores: Scores

    def __len__(self) -> int:
        """An upper bound: the segment's size."""
        return len(self.held)

    def docs_and_scores(self) -> tuple[Docs, Scores]:
        docs = np.flatnonzero(self.held)
        return docs, self.scores[docs]

    def as_mask(self) -> Mask:
        return self.held

    def as_dense(self) -> Dense:
        return self

    def contains(self, docs: Docs) -> Mask:
        found: Mask = self.held[docs]
        return found

    def scores_at(self, docs: Docs) -> Scores:
        found: Scores = self.scores[docs]
        return found

    def restrict(self, allowed: Mask) -> None:
        self.held &= allowed
        self.scores[~allowed] = 0.0

    def drop(self, other: Match) -> None:
        negative = other.as_mask()
        self.held &= ~negative
        self.scores[negative] = 0.0

    def boost(self, factor: float) -> None:
        self.scores *= factor


Match = Sparse | Dense


class SegmentArrays(Protocol):
    """Where evaluation gets a segment's arrays from (the engine's caches)."""

    def postings(self, segment: Segment, fieldname: str, btext: bytes) -> Postings: ...

    def positions(self, segment: Segment, fieldname: str, btext: bytes) -> KeyArray: ...

    def lengths(self, segment: Segment, fieldname: str) -> npt.NDArray[np.uint8]: ...

    def scored(
        self, generation: Hashable, fieldname: str, btext: bytes, compute: Callable[[], Scored]
    ) -> Scored: ...


@dataclass(frozen=True, slots=True)
class ScoredPostings:
    """A term's docs in one segment and their BM25F scores; read-only, so the engine can
    cache and share them."""

    docs: Docs
    scores: Scores

    @property
    def nbytes(self) -> int:
        return int(self.docs.nbytes + self.scores.nbytes) + 64


# a term's postings with scores in each segment of a searcher, in order; None where absent
Scored = tuple[ScoredPostings | None, ...]


class SearchContext:
    """One search's view of a searcher: its segments and Whoosh's BM25F statistics."""

    def __init__(self, engine: SegmentArrays, searcher: Searcher, segments: list[Segment]) -> None:
        self.engine = engine
        self.searcher = searcher
        self.segments = segments
        # BM25F's statistics (doc count, doc frequencies and field lengths, deleted docs
        # included, as Whoosh counts) depend only on which segments there are
        self.generation = tuple(segment.segment_id for segment in segments)
        self._position = {segment.segment_id: i for i, segment in enumerate(segments)}
        self.schema = searcher.schema
        self.doc_count_all = searcher.doc_count_all()
        weighting = searcher.weighting
        if not isinstance(weighting, BM25F):
            raise TypeError("the vectorized search scores with BM25F only")
        self.weighting = weighting
        self._avgfl: dict[str, float] = {}
        self._terms: dict[tuple[str, bytes], Scored] = {}

    def scored(self, fieldname: str, btext: bytes) -> Scored:
        """The term in every segment with its scores. Kept by the engine per generation of
        segments, so a word's BM25F is computed once until a commit, not once per search;
        a word absent everywhere is kept too (every word is looked up in some sixteen fields,
        and Whoosh's term table costs about 30 µs a lookup)."""
        key = (fieldname, btext)
        found = self._terms.get(key)
        if found is None:
            found = self.engine.scored(
                self.generation, fieldname, btext, lambda: self._score(fieldname, btext)
            )
            self._terms[key] = found
        return found

    def scored_in(self, segment: Segment, fieldname: str, btext: bytes) -> ScoredPostings | None:
        return self.scored(fieldname, btext)[self._position[segment.segment_id]]

    def exists(self, fieldname: str, btext: bytes) -> bool:
        """Whether any segment holds the term."""
        return any(found is not None for found in self.scored(fieldname, btext))

    def avg_field_length(self, fieldname: str) -> float:
        if fieldname not in self._avgfl:
            self._avgfl[fieldname] = self.searcher.avg_field_length(fieldname) or 1
        return self._avgfl[fieldname]

    def _score(self, fieldname: str, btext: bytes) -> Scored:
        every = [self.engine.postings(s, fieldname, btext) for s in self.segments]
        n = sum(len(postings.docs) for postings in every)
        if n == 0:
            return (None,) * len(every)
        idf = math.log(self.doc_count_all / (n + 1)) + 1  # as Whoosh counts, deleted included
        found: list[ScoredPostings | None] = []
        for segment, postings in zip(self.segments, every, strict=True):
            if not len(postings.docs):
                found.append(None)
                continue
            docs = postings.docs.astype(np.int64)
            scores = _bm25f(fieldname, postings, segment, idf, self)
            docs.flags.writeable = scores.flags.writeable = False
            found.append(ScoredPostings(docs, scores))
        return tuple(found)


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
            positive.drop(negative)
        return positive
    if isinstance(query, wq.Not):
        inner = evaluate(query.query, segment, context)
        mask = np.ones(segment.doc_count, dtype=bool)
        if inner is not None:
            mask &= ~inner.as_mask()
        return Dense(mask, mask.astype(np.float64))
    if isinstance(query, wq.And):
        return _intersection([evaluate(q, segment, context) for q in query.subqueries])
    if isinstance(query, wq.Or):
        return _union([evaluate(q, segment, context) for q in query.subqueries], segment)
    if isinstance(query, wq.NumericRange) and query.fieldname == f.PUBLISHED:
        return _date_range(query, segment)
    if isinstance(query, wq.Every):
        mask = np.ones(segment.doc_count, dtype=bool)
        return Dense(mask, mask.astype(np.float64) * query.boost)
    if query is wq.NullQuery or isinstance(query, type(wq.NullQuery)):
        return None
    raise TypeError(f"the vectorized search cannot evaluate {type(query).__name__}")


def _boosted(found: Match | None, boost: float) -> Match | None:
    """A query's boost scales its scores, as Whoosh's wrapping matcher does."""
    if found is not None and boost != 1.0:
        found.boost(boost)
    return found


def _date_range(query: wq.NumericRange, segment: Segment) -> Match:
    """A filter's date bounds, from the date column instead of the trie terms."""
    published = segment.columns.published
    mask = np.ones(segment.doc_count, dtype=bool)
    if query.start is not None:
        mask &= published > query.start if query.startexcl else published >= query.start
    if query.end is not None:
        mask &= published < query.end if query.endexcl else published <= query.end
    return Dense(mask, mask.astype(np.float64))


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
    """A term's postings as a sparse match (empty in a segment without the term), or None
    when no segment holds it."""
    if not context.exists(fieldname, btext):
        return None
    found = context.scored_in(segment, fieldname, btext)
    if found is None:
        return Sparse(segment.doc_count, _NO_DOCS, _NO_SCORES)
    return Sparse(segment.doc_count, found.docs, found.scores)


def _bm25f(
    fieldname: str, postings: Postings, segment: Segment, idf: float, context: SearchContext
) -> Scores:
    """Whoosh's `bm25()`, operation for operation, so the floats agree to the last bit."""
    tf = postings.weights.astype(np.float64)
    if not context.schema[fieldname].scorable:
        return tf
    weighting = context.weighting
    b = weighting._field_B.get(fieldname, weighting.B)
    k1 = weighting.K1
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
    if both is None:
        return None
    candidates, _ = both.docs_and_scores()
    if not len(candidates):
        return both
    keys = _keys_in(context.engine.positions(segment, fieldname, words[0]), candidates)
    for distance, word in enumerate(words[1:], start=1):
        following = _keys_in(context.engine.positions(segment, fieldname, word), candidates)
        keys = keys[_contains(following, keys + distance)]
    verified = np.zeros(segment.doc_count, dtype=bool)
    verified[(keys >> POSITION_BITS).astype(np.int64)] = True
    both.restrict(verified)
    return both


def _keys_in(keys: KeyArray, docs: Docs) -> KeyArray:
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
    """Docs every part holds, scores summed in the parts' order. Sparse when any part is:
    the docs of the smallest sparse part are probed in the others."""
    if not parts or any(part is None for part in parts):
        return None
    present = [part for part in parts if part is not None]
    sparse = [part for part in present if isinstance(part, Sparse)]
    if not sparse:
        first = present[0]
        assert isinstance(first, Dense)
        for part in present[1:]:
            assert isinstance(part, Dense)
            first.held &= part.held
            first.scores += part.scores
        first.scores[~first.held] = 0.0
        return first
    smallest = min(sparse, key=len)
    docs = smallest.docs
    for part in present:
        if part is not smallest:
            docs = docs[part.contains(docs)]
    scores = present[0].scores_at(docs)  # a new array (fancy indexing copies)
    for part in present[1:]:
        scores += part.scores_at(docs)
    return Sparse(sparse[0].doc_count, docs, scores)


def _union(parts: list[Match | None], segment: Segment) -> Match | None:
    """Docs any part holds, scores summed in the parts' order. Sparse while every part is
    sparse and together they are few (`_SPARSE_SHARE`): sorted together once, with scores
    added by `bincount`, which adds them in the order given, as the dense form does."""
    present = [part for part in parts if part is not None]
    if not present:
        return None
    held = [part for part in present if len(part)]  # a word of another segment holds none
    if len(held) <= 1:
        return held[0] if held else present[0]
    present = held
    sparse = [part for part in present if isinstance(part, Sparse)]
    if len(sparse) == len(present) and sum(map(len, sparse)) <= _SPARSE_SHARE * (segment.doc_count):
        if sum(map(len, sparse)) <= _FEW:
            return _few_union(sparse, segment.doc_count)
        docs, inverse = np.unique(np.concatenate([p.docs for p in sparse]), return_inverse=True)
        weights = np.concatenate([p.scores for p in sparse])
        sums: Scores = np.bincount(inverse, weights, len(docs)).astype(np.float64, copy=False)
        return Sparse(segment.doc_count, docs, sums)
    first = present[0].as_dense()
    for part in present[1:]:
        dense = part.as_dense()
        first.held |= dense.held
        first.scores += dense.scores
    return first


def _few_union(parts: list[Sparse], doc_count: int) -> Sparse:
    """The sparse union of a handful of docs (a rare word in a few fields) in plain Python:
    numpy's sort and `bincount` cost more in set-up than these few additions, which are the
    same float64 additions in the same order."""
    sums: dict[int, float] = {}
    for part in parts:
        for doc, score in zip(part.docs.tolist(), part.scores.tolist(), strict=True):
            sums[doc] = sums.get(doc, 0.0) + score
    docs = sorted(sums)
    return Sparse(
        doc_count, np.array(docs, dtype=np.int64), np.array([sums[d] for d in docs], np.float64)
    )
