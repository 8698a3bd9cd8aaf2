"""Facet counts over all matches: one `bincount` per segment and facet, merged by label."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import numpy as np

from index.execute import Match
from index.segments import FacetCodes, Segment


def count_facets(
    codes_of: Callable[[Segment, str], FacetCodes],
    matched: list[tuple[Segment, Match]],
    names: tuple[str, ...],
) -> dict[str, Counter[str]]:
    """`codes_of(segment, name)` gives a segment's codes of one facet (the engine's cache)."""
    counts: dict[str, Counter[str]] = {name: Counter() for name in names}
    for segment, found in matched:
        held = found.as_mask()
        for name in names:
            codes = codes_of(segment, name)
            if not len(codes.values):
                continue
            hits = np.bincount(codes.codes[held[codes.docs]], minlength=len(codes.values))
            present = np.flatnonzero(hits)
            counts[name].update(
                dict(zip([codes.values[i] for i in present], hits[present].tolist(), strict=True))
            )
    return counts
