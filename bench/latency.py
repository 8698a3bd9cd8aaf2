"""Search latency: every engine on the same texts, interleaved so machine noise hits all alike.

Cold: each cold text once per engine, engine order rotating, after one unrelated warm-up
search (so "cold" means "no cache has this result", not "the process just started"). Warm:
each warm text run once untimed, then `rounds` rounds of `reps` runs per text, the engine
order rotating every round. p50/p95 are over all runs of a kind (all its texts).
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Sequence
from typing import Protocol

from bench.progress import Ticker
from bench.queries import Query, QueryMix

Samples = dict[str, dict[str, list[float]]]  # engine → kind → milliseconds


class Engine(Protocol):
    name: str

    def search(self, query: Query) -> int: ...


def measure(engines: Sequence[Engine], mix: QueryMix, rounds: int, reps: int) -> dict[str, Samples]:
    for engine in engines:  # open files, fill columns: process start-up is not "cold"
        engine.search(Query("common", ("warmup",)))
    total = len(engines) * (len(mix.cold) + len(mix.warm) * (1 + rounds * reps))
    ticker = Ticker("searches", total)
    cold: Samples = defaultdict(lambda: defaultdict(list))
    for i, query in enumerate(mix.cold):
        for engine in _rotated(engines, i):
            cold[engine.name][query.kind].append(_timed(engine, query))
            ticker.tick()
    for engine in engines:
        for query in mix.warm:
            engine.search(query)
            ticker.tick()
    warm: Samples = defaultdict(lambda: defaultdict(list))
    for round_ in range(rounds):
        for engine in _rotated(engines, round_):
            for query in mix.warm:
                for _ in range(reps):
                    warm[engine.name][query.kind].append(_timed(engine, query))
                    ticker.tick()
    return {"cold": cold, "warm": warm}


def _rotated(engines: Sequence[Engine], shift: int) -> list[Engine]:
    shift %= len(engines)
    return [*engines[shift:], *engines[:shift]]


def _timed(engine: Engine, query: Query) -> float:
    started = time.perf_counter()
    engine.search(query)
    return (time.perf_counter() - started) * 1000


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile; NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def summarize(samples: Samples) -> dict[str, dict[str, dict[str, float]]]:
    """engine → kind → {p50, p95, n}, plus a "mix" kind over every run of the engine."""
    summary: dict[str, dict[str, dict[str, float]]] = {}
    for engine, kinds in samples.items():
        every = [ms for values in kinds.values() for ms in values]
        summary[engine] = {
            kind: _stats(values) for kind, values in [*kinds.items(), ("mix", every)]
        }
    return summary


def _stats(values: Sequence[float]) -> dict[str, float]:
    return {"p50": percentile(values, 0.5), "p95": percentile(values, 0.95), "n": len(values)}
