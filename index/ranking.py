"""The page of a search from arrays of all its matches: keyset cursor, then top-k.

Orders are those of `cursor.sort_key`: RELEVANCE is score descending then article id
ascending; NEWEST and OLDEST are the date then the article id, which pack into one int64
(`published << 32 | id`) so the order is a plain integer order. Only the k best are sorted:
`argpartition` finds them, and for RELEVANCE every match that ties the k-th score is kept
until the final sort, so ties are always broken by article id exactly.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from index.cursor import SortKey, sort_key

_ID_BITS = 32

# (sort key, global docnum, score, published ordinal, article id), best first
Entry = tuple[SortKey, int, float, int, int]


def top_entries(
    order: str,
    after: SortKey | None,
    size: int,
    docnums: npt.NDArray[np.int64],
    scores: npt.NDArray[np.float64],
    published: npt.NDArray[np.int64],
    ids: npt.NDArray[np.int64],
) -> list[Entry]:
    if order == "RELEVANCE":
        chosen = _top_by_relevance(after, size, scores, ids)
    else:
        chosen = _top_by_date(order, after, size, published, ids)
    return [
        (
            sort_key(order, float(scores[i]), int(published[i]), int(ids[i])),
            int(docnums[i]),
            float(scores[i]),
            int(published[i]),
            int(ids[i]),
        )
        for i in chosen
    ]


def _top_by_relevance(
    after: SortKey | None,
    size: int,
    scores: npt.NDArray[np.float64],
    ids: npt.NDArray[np.int64],
) -> npt.NDArray[np.intp]:
    candidates = np.arange(len(scores))
    if after is not None:
        best_score, last_id = -after[0], after[1]
        keep = (scores < best_score) | ((scores == best_score) & (ids > last_id))
        candidates = candidates[keep]
    if size <= 0 or len(candidates) == 0:
        return candidates[:0]
    if len(candidates) > size:
        kth = np.partition(-scores[candidates], size - 1)[size - 1]
        candidates = candidates[-scores[candidates] <= kth]
    ordered = np.lexsort((ids[candidates], -scores[candidates]))
    return candidates[ordered][:size]


def _top_by_date(
    order: str,
    after: SortKey | None,
    size: int,
    published: npt.NDArray[np.int64],
    ids: npt.NDArray[np.int64],
) -> npt.NDArray[np.intp]:
    packed = (published << _ID_BITS) | ids
    if order == "NEWEST":
        packed = -packed
    candidates = np.arange(len(packed))
    if after is not None:
        first, second = after
        last = (int(first) << _ID_BITS) + int(second)  # NEWEST keys are already negated
        candidates = candidates[packed > last]
    if size <= 0 or len(candidates) == 0:
        return candidates[:0]
    if len(candidates) > size:
        candidates = candidates[np.argpartition(packed[candidates], size - 1)[:size]]
    return candidates[np.argsort(packed[candidates], kind="stable")]
