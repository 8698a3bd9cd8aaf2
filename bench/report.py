"""One run's figures as Markdown tables, each figure beside its anchor and its budget."""

from __future__ import annotations

import math
from typing import Any

from bench.budget import FTS5, INPROC, RAW, STEPPE, TANTIVY, Check
from bench.queries import KINDS

ENGINES = (STEPPE, INPROC, RAW, FTS5, TANTIVY)


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
        *_floor(results.get("list_floor")),
        *_limits(results.get("limits_overhead")),
        *_memory_and_growth(results),
        *_budget(checks),
    ]
    return "\n".join(lines) + "\n"


def _ingest(ingest: dict[str, Any]) -> list[str]:
    rows = ["| ingest (store + index) | articles/s | seconds | peak RSS MiB |",
            "|---|---:|---:|---:|"]  # fmt: skip
    names = {"steppe": "Steppe (`ingest_file` + `catch_up`)", "raw_whoosh": "bare Whoosh writer",
             "fts5": "SQLite FTS5", "tantivy": "tantivy"}  # fmt: skip
    for key, label in names.items():
        found = ingest.get(key)
        if found is None:
            continue
        rows.append(f"| {label} | {found['per_s']:,.0f} | {found['total_s']:.1f} "
                    f"| {found['peak_rss_mib']:.0f} |")  # fmt: skip
    steppe = ingest["steppe"]
    store_s, index_s = steppe["store_s"], steppe["index_s"]
    rows.append(f"\nSteppe split: store {store_s:.1f} s, index {index_s:.1f} s; "
                f"rates: {steppe['rates']:,} in {steppe['rates_s']:.1f} s.")  # fmt: skip
    return [*rows, ""]


def _latency(latency: dict[str, Any]) -> list[str]:
    """Warm figures with the ratios the goals read, then cold figures."""
    ratios = ((INPROC, FTS5), (INPROC, RAW), (INPROC, TANTIVY), (STEPPE, FTS5))
    head = "| warm, ms p50 / p95 | " + " | ".join(ENGINES)
    head += " | " + " | ".join(f"{_short(a)} ÷ {_short(b)}" for a, b in ratios) + " |"
    rows = [head, "|---" + "|---:" * (len(ENGINES) + len(ratios)) + "|"]
    for kind in (*KINDS, "mix"):
        warm = {e: latency["warm"].get(e, {}).get(kind) for e in ENGINES}
        cells = [_pair(warm[e]) for e in ENGINES] + [_div(warm[a], warm[b]) for a, b in ratios]
        rows.append(f"| {kind} | " + " | ".join(cells) + " |")
    rows += ["", "| cold (texts no cache has seen), ms p50 / p95 | " + " | ".join(ENGINES) + " |",
             "|---" + "|---:" * len(ENGINES) + "|"]  # fmt: skip
    for kind in (*KINDS, "mix"):
        cells = [_pair(latency["cold"].get(e, {}).get(kind)) for e in ENGINES]
        rows.append(f"| {kind} | " + " | ".join(cells) + " |")
    rows += ["", "Latency is taken with the POST result cache off and no rate limit; "
             "\"in-process\" calls the index directly, without HTTP or GraphQL."]  # fmt: skip
    return [*rows, ""]


def _short(engine: str) -> str:
    return {INPROC: "in-process", STEPPE: "GraphQL", RAW: "raw", FTS5: "FTS5"}.get(engine, engine)


def _throughput(throughput: dict[str, Any]) -> list[str]:
    rows = ["| 50-article headline list | req/s, 1 conn | req/s, 16 conns | ÷ raw (1 / 16) |",
            "|---|---:|---:|---:|"]  # fmt: skip
    raw = throughput.get("raw_starlette", {})
    labels = {"uncached_post": "Steppe GraphQL, uncached POST (result cache off)",
              "cached_post": "Steppe GraphQL, repeated POST (result cache)",
              "persisted_get": "Steppe GraphQL, cached persisted GET",
              "raw_starlette": "raw Starlette JSON endpoint"}  # fmt: skip
    for key, label in labels.items():
        found = throughput.get(key)
        if found is None:
            continue
        if "n/a" in found:
            rows.append(f"| {label} | {found['n/a']} | | |")
            continue
        rates = [found.get(c, {}).get("requests_per_s", math.nan) for c in ("1", "16")]
        raws = [raw.get(c, {}).get("requests_per_s", math.nan) for c in ("1", "16")]
        vs = [ours / anchor for ours, anchor in zip(rates, raws, strict=True)]
        rows.append(f"| {label} | {rates[0]:,.0f} | {rates[1]:,.0f} | {vs[0]:.2f} / {vs[1]:.2f} |")
    return [*rows, ""]


def _floor(found: dict[str, Any] | None) -> list[str]:
    if not found:
        return []
    same = "the same JSON" if found["same_response"] else "**different JSON**"
    return [
        "| 50-article list in-process, ms p50 | bare-Strawberry floor | Steppe | ÷ floor |",
        "|---|---:|---:|---:|",
        f"| {found['runs']} requests each, alternating, {same} | {found['floor_p50_ms']:.2f} "
        f"| {found['steppe_p50_ms']:.2f} | {found['ratio']:.2f} |",
        "",
    ]


def _limits(table: list[str] | None) -> list[str]:
    """The limits' own work per request (in-process, µs) and its share of the request."""
    return [*table, ""] if table else []


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
    rows = ["| goal (issue 16) | measured | target | verdict |", "|---|---:|---:|---|"]
    for check in checks:
        rows.append(
            f"| {check.figure} | {_num(check.measured)} | {check.budget} | {check.verdict} |"
        )
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
