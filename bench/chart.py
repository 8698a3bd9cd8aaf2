"""The PNG: warm p50 (bars) and p95 (ticks) by query kind for each engine, log scale.

matplotlib is the `bench` extra; without it the run still reports, and says why there is
no chart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.queries import KINDS
from bench.report import ENGINES


def draw(latency: dict[str, Any], path: Path, title: str) -> str | None:
    """Writes the chart; returns why not when matplotlib is missing."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "no chart: matplotlib is not installed (pip install -e '.[bench]')"
    figure, axes = plt.subplots(figsize=(10, 4.8), dpi=120)
    width = 0.8 / len(ENGINES)
    for i, engine in enumerate(ENGINES):
        stats = latency["warm"].get(engine, {})
        xs = [k + (i - (len(ENGINES) - 1) / 2) * width for k in range(len(KINDS))]
        p50 = [stats.get(kind, {}).get("p50", 0.0) for kind in KINDS]
        p95 = [stats.get(kind, {}).get("p95", 0.0) for kind in KINDS]
        axes.bar(xs, p50, width, label=f"{engine} p50")
        axes.scatter(xs, p95, marker="_", s=120, color="black", zorder=3)
    axes.scatter([], [], marker="_", color="black", label="p95")
    axes.set_xticks(range(len(KINDS)), KINDS)
    axes.set_yscale("log")
    axes.set_ylabel("ms (warm, log scale)")
    axes.set_title(title)
    axes.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
    return None
