"""Facet counts over all matches: one `bincount` per segment and facet, merged by label."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import numpy as np

from index.execute import Match
from index.segments import Segment

if TYPE_CHECKING:
    from index.vectorized import VectorEngine


def count_facets(
    engine: VectorEngine, matched: list[tuple[Segment, Match]], names: tuple[str, ...]
) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {name: Counter() for name in names}
    for segment, found in matched:
        for name in names:
            codes = engine.facet(segment, name)
            if not len(codes.values):
                continue
            hits = np.bincount(codes.codes[found.mask[codes.docs]], minlength=len(codes.values))
            counter = counts[name]
            for code in np.flatnonzero(hits):
                counter[codes.values[code]] += int(hits[code])
    return counts
