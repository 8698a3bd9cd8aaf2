"""Issue 6's performance budget, checked against one run's figures.

These are targets for the benchmark, never timed assertions in tests: they are compared
here, reported, and a miss is something to profile, not a red build.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

STEPPE, RAW, FTS5 = "Steppe GraphQL", "raw Whoosh", "SQLite FTS5"


@dataclass(frozen=True)
class Check:
    figure: str
    measured: float  # NaN when the figure could not be measured
    budget: str
    passed: bool | None  # None: not measured

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def checks(results: dict[str, Any]) -> list[Check]:
    warm = results["latency"]["warm"]
    steppe = warm.get(STEPPE, {})
    found = [
        _at_most("search p50 (mix, warm) / raw Whoosh", _ratio(steppe, warm.get(RAW)), 1.0),
        _at_most("search p50 (mix, warm) / FTS5", _ratio(steppe, warm.get(FTS5)), 3.0),
        _at_most("facets: extra time / plain search (p50)", _facet_cost(steppe), 1.0),
    ]
    for conns in ("1", "16"):
        found.append(_at_least(f"cached persisted GET / raw ({conns} conn)",
                               _load_ratio(results, "persisted_get", conns), 0.5))  # fmt: skip
        found.append(_at_least(f"uncached POST / raw ({conns} conn)",
                               _load_ratio(results, "uncached_post", conns), 0.25))  # fmt: skip
    found.append(_at_least("ingest, articles/s", results["ingest"]["steppe"]["per_s"], 150.0))
    return found


def _ratio(ours: dict[str, Any] | None, anchor: dict[str, Any] | None) -> float:
    if not ours or not anchor:
        return math.nan
    return float(ours["mix"]["p50"] / anchor["mix"]["p50"])


def _facet_cost(steppe: dict[str, Any]) -> float:
    if "facets" not in steppe or "common" not in steppe:
        return math.nan
    plain = steppe["common"]["p50"]
    return float((steppe["facets"]["p50"] - plain) / plain)


def _load_ratio(results: dict[str, Any], variant: str, conns: str) -> float:
    ours = results["throughput"].get(variant, {}).get(conns)
    raw = results["throughput"].get("raw_starlette", {}).get(conns)
    if not isinstance(ours, dict) or not isinstance(raw, dict):
        return math.nan
    return float(ours["requests_per_s"] / raw["requests_per_s"])


def _at_most(figure: str, value: float, limit: float) -> Check:
    return Check(figure, value, f"≤ {limit:g}", None if math.isnan(value) else value <= limit)


def _at_least(figure: str, value: float, limit: float) -> Check:
    return Check(figure, value, f"≥ {limit:g}", None if math.isnan(value) else value >= limit)
