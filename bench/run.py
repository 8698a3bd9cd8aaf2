"""`python -m bench [--articles N] [--quick]`: one run, every section, one report.

Writes `bench-<N>.json`, `bench-<N>.md` and `bench-<N>.png` under `--out` (default
`bench/results/`), prints the tables and the budget summary. Work data (stores, indexes,
server logs) goes to `<out>/work-<N>/` and is rebuilt on every run, since ingest is measured;
the generated corpus is cached in `<out>/corpus-<N>-<seed>/`.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import shutil
import time
from pathlib import Path
from typing import Any

from bench import budget, chart, corpus, queries, report, sections
from bench.progress import phase, say
from bench.sections import Profile
from bench.servers import ROOT, UNCACHED, steppe

PROFILES = {
    "full": Profile("full", rounds=6, reps=3, warm=5, cold=8, load_s=10.0),
    "quick": Profile(
        "quick", rounds=2, reps=2, warm=3, cold=3, load_s=2.0, rates=False, floor_runs=20
    ),
}


def run(articles: int, profile: Profile, out: Path, seed: int = 6) -> dict[str, Any]:
    say(f"{articles:,} articles, profile {profile.name}; results in {out}")
    with phase("corpus (generated once per size and seed, then reused)"):
        files = corpus.generate(articles, out / f"corpus-{articles}-{seed}", seed)
    work = out / f"work-{articles}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    mix = queries.choose(files, profile.warm, profile.cold)
    results: dict[str, Any] = {"meta": _meta(articles, profile, seed)}
    results["queries"] = {
        "warm": [dataclasses.asdict(q) for q in mix.warm],
        "cold": [dataclasses.asdict(q) for q in mix.cold],
    }
    loaded = files if profile.rates else [p for p in files if p.name != "rates.jsonl"]
    results["ingest"] = {
        "steppe": sections.build("bench.load_steppe", loaded, work / "steppe", "Steppe"),
        "raw_whoosh": sections.build("bench.raw_whoosh", files, work / "raw-whoosh", "raw Whoosh"),
        "fts5": sections.build("bench.fts5", files, work / "fts5.db", "SQLite FTS5"),
        "tantivy": sections.build("bench.tantivy_engine", files, work / "tantivy", "tantivy"),
    }
    with steppe(work / "steppe", work / "server.log", UNCACHED) as server:
        with phase("search latency: every engine, cold then warm"):
            results["latency"] = sections.search(server, work, mix, profile)
        with phase("throughput: uncached POST, persisted GET"):
            results["throughput"] = sections.steppe_throughput(server, work, profile)
        results["memory"] = {"server_peak_rss_mib": server.peak_rss_mib()}
    cached = steppe(work / "steppe", work / "cached-server.log")
    with cached as server, phase("throughput: repeated POST, result cache on"):
        results["throughput"]["cached_post"] = sections.cached_post(server, profile)
    with phase("throughput: raw Starlette"):
        results["throughput"]["raw_starlette"] = sections.raw_throughput(work, profile)
    with phase("50-article list in-process beside the bare-Strawberry floor"):
        results["list_floor"] = sections.list_floor(work / "steppe", profile)
    with phase("cost limit and rate limiter: their own work beside each request"):
        results["limits_overhead"] = sections.limits_overhead(work / "steppe", profile)
    small = sections.build("bench.load_steppe", files[:1], work / "steppe-small", "Steppe, N/10")
    with phase("growth: the warm mix on the N/10 corpus"):
        growth = sections.growth(
            work / "steppe-small", work, mix, profile, results["latency"]["warm"]
        )
    results["growth"] = {"sizes": [small["articles"], articles], "p50_ms": growth}
    return results


def _meta(articles: int, profile: Profile, seed: int) -> dict[str, Any]:
    return {
        "articles": articles,
        "profile": profile.name,
        "seed": seed,
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "cores": os.cpu_count(),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
    }


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.machine()


def write(results: dict[str, Any], out: Path) -> Path:
    """JSON, Markdown and chart beside each other; returns the Markdown file."""
    checks = budget.checks(results)
    results["budget"] = [c.as_dict() for c in checks]
    stem = out / f"bench-{results['meta']['articles']}"
    title = f"Search latency by query kind, {results['meta']['articles']:,} articles"
    results["chart"] = chart.draw(results["latency"], stem.with_suffix(".png"), title) or str(
        stem.with_suffix(".png").relative_to(out)
    )
    stem.with_suffix(".json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    stem.with_suffix(".md").write_text(report.markdown(results, checks), encoding="utf-8")
    return stem.with_suffix(".md")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, help="corpus size (default 10,000; quick 1,000)")
    parser.add_argument("--quick", action="store_true", help="few seconds per section")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args(argv)
    profile = PROFILES["quick" if args.quick else "full"]
    articles = args.articles or (1_000 if args.quick else 10_000)
    args.out.mkdir(parents=True, exist_ok=True)
    markdown = write(run(articles, profile, args.out, args.seed), args.out)
    print(markdown.read_text(encoding="utf-8"))
    print(f"written: {markdown}, {markdown.with_suffix('.json')}, {markdown.with_suffix('.png')}")
    return 0
