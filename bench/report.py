"""One run's figures as Markdown tables, each figure beside its anchor and its budget."""

from __future__ import annotations

import math
from typing import Any

from bench.budget import FTS5, RAW, STEPPE, Check
from bench.queries import KINDS

ENGINES = (STEPPE, RAW, FTS5)


def markdown(results: dict[str, Any], checks: list[Check]) -> str:
    meta = results["meta"]
    lines = [
        f"### Steppe benchmark: {meta['articles']:,} articles",
        "",
        f"{meta['date']}, {meta['cores']} cores ({meta['cpu']}), Python {meta['python']}, "
        f"seed {meta['seed']}, profile `{meta['profile']}`.",
        "",
        *_ingest(results["ingest"]),
        *_latency(results["latency"]),
        *_throughput(results["throughput"]),
        *_memory_and_growth(results),
        *_budget(checks),
    ]
    return "\n".join(lines) + "\n"


def _ingest(ingest: dict[str, Any]) -> list[str]:
    rows = ["| ingest (store + index) | articles/s | seconds | peak RSS MiB |",
            "|---|---:|---:|---:|"]  # fmt: skip
    names = {"steppe": "Steppe (`ingest_file` + `catch_up`)", "raw_whoosh": "bare Whoosh writer",
             "fts5": "SQLite FTS5"}  # fmt: skip
    for key, label in names.items():
        found = ingest[key]
        rows.append(f"| {label} | {found['per_s']:,.0f} | {found['total_s']:.1f} "
                    f"| {found['peak_rss_mib']:.0f} |")  # fmt: skip
    steppe = ingest["steppe"]
    store_s, index_s = steppe["store_s"], steppe["index_s"]
    rows.append(f"\nSteppe split: store {store_s:.1f} s, index {index_s:.1f} s; "
                f"rates: {steppe['rates']:,} in {steppe['rates_s']:.1f} s.")  # fmt: skip
    return [*rows, ""]


def _latency(latency: dict[str, Any]) -> list[str]:
    head = "| search, ms p50 / p95 | " + " | ".join(f"{e} warm" for e in ENGINES)
    head += " | " + " | ".join(f"{e} cold" for e in ENGINES) + " | Steppe ÷ raw | Steppe ÷ FTS5 |"
    rows = [head, "|---" + "|---:" * 8 + "|"]
    for kind in (*KINDS, "mix"):
        warm = [latency["warm"].get(e, {}).get(kind) for e in ENGINES]
        cold = [latency["cold"].get(e, {}).get(kind) for e in ENGINES]
        cells = [_pair(s) for s in warm + cold]
        ratios = [_div(warm[0], warm[1]), _div(warm[0], warm[2])]
        rows.append(f"| {kind} | " + " | ".join(cells + ratios) + " |")
    return [*rows, ""]


def _throughput(throughput: dict[str, Any]) -> list[str]:
    rows = ["| 50-article headline list | req/s, 1 conn | req/s, 16 conns | ÷ raw (1 / 16) |",
            "|---|---:|---:|---:|"]  # fmt: skip
    raw = throughput.get("raw_starlette", {})
    labels = {"uncached_post": "Steppe GraphQL, uncached POST",
              "persisted_get": "Steppe GraphQL, cached persisted GET",
              "raw_starlette": "raw Starlette JSON endpoint"}  # fmt: skip
    for key, label in labels.items():
        found = throughput.get(key, {})
        if "n/a" in found:
            rows.append(f"| {label} | {found['n/a']} | | |")
            continue
        rates = [found.get(c, {}).get("requests_per_s", math.nan) for c in ("1", "16")]
        raws = [raw.get(c, {}).get("requests_per_s", math.nan) for c in ("1", "16")]
        vs = [ours / anchor for ours, anchor in zip(rates, raws, strict=True)]
        rows.append(f"| {label} | {rates[0]:,.0f} | {rates[1]:,.0f} | {vs[0]:.2f} / {vs[1]:.2f} |")
    return [*rows, ""]


def _memory_and_growth(results: dict[str, Any]) -> list[str]:
    growth = results["growth"]
    small, large = growth["sizes"]
    rows = [f"Server peak RSS (VmHWM) at {results['meta']['articles']:,} articles: "
            f"{results['memory']['server_peak_rss_mib']:.0f} MiB.", "",
            f"| Steppe warm p50, ms | {small:,} articles | {large:,} articles | growth |",
            "|---|---:|---:|---:|"]  # fmt: skip
    for kind, (at_small, at_large) in growth["p50_ms"].items():
        rows.append(f"| {kind} | {at_small:.1f} | {at_large:.1f} | ×{at_large / at_small:.1f} |")
    return [*rows, ""]


def _budget(checks: list[Check]) -> list[str]:
    rows = ["| budget (issue 6) | measured | target | verdict |", "|---|---:|---:|---|"]
    for check in checks:
        verdict = {True: "pass", False: "**miss**", None: "n/a"}[check.passed]
        rows.append(f"| {check.figure} | {_num(check.measured)} | {check.budget} | {verdict} |")
    return [*rows, ""]


def _pair(stats: dict[str, float] | None) -> str:
    if not stats:
        return "–"
    return f"{_num(stats['p50'])} / {_num(stats['p95'])}"


def _div(ours: dict[str, float] | None, anchor: dict[str, float] | None) -> str:
    if not ours or not anchor:
        return "–"
    return f"{ours['p50'] / anchor['p50']:.2f}"


def _num(value: float) -> str:
    if math.isnan(value):
        return "n/a"
    return f"{value:.2f}" if abs(value) < 10 else f"{value:,.0f}"
