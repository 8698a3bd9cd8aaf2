"""`python -m bench.versus OTHER_CHECKOUT [--articles N]`: this checkout's search mix against
another's (an older commit in a `git worktree`), in one run.

Answers "did this change slow search down?" the way the main bench answers "how fast is
Steppe?": both checkouts ingest the same generated corpus with their own code, both serve it
with `steppe serve` (the other one through PYTHONPATH, with this checkout's environment, so
their dependencies must agree), and the bench's query mix runs against both interleaved,
engine order rotating every round, so the machine's drift hits both alike. Prints p50 and
p95 per kind and the ratio of the mix p50s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench import corpus, queries
from bench.latency import measure, summarize
from bench.progress import phase, say
from bench.run import PROFILES
from bench.servers import ROOT, UNCACHED, steppe
from bench.steppe_client import SteppeApi


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="the checkout to compare with")
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the stores and indexes of the last run (for a change that is query-time only)",
    )
    args = parser.parse_args()
    found = compare(
        args.other.resolve(), args.articles, args.seed, args.quick, args.out, reuse=args.reuse
    )
    print(json.dumps(found, indent=2))


def compare(
    other: Path, articles: int, seed: int, quick: bool, out: Path, *, reuse: bool = False
) -> dict[str, Any]:
    profile = PROFILES["quick" if quick else "full"]
    files = corpus.generate(articles, out / f"corpus-{articles}-{seed}", seed)
    files = [p for p in files if p.name != "rates.jsonl"]
    work = out / f"versus-{articles}"
    trees = {"this": ROOT, "other": other}
    if not (reuse and all((work / name).is_dir() for name in trees)):
        shutil.rmtree(work, ignore_errors=True)
        for name, tree in trees.items():
            with phase(f"ingest with {name} checkout ({tree})"):
                _ingest(tree, work / name, files)
    mix = queries.choose(files, profile.warm, profile.cold)
    with (
        steppe(work / "this", work / "this.log", _env(ROOT)) as this,
        steppe(work / "other", work / "other.log", _env(other)) as that,
    ):
        engines = [
            _Named(f"this ({ROOT.name})", this.url),
            _Named(f"other ({other.name})", that.url),
        ]
        with phase("search mix, both checkouts interleaved"):
            samples = measure(engines, mix, profile.rounds, profile.reps)
        for engine in engines:
            engine.close()
    warm = summarize(samples["warm"])
    mine, theirs = (warm[e.name]["mix"]["p50"] for e in engines)
    say(f"warm mix p50: this {mine:.2f} ms, other {theirs:.2f} ms, ratio {mine / theirs:.3f}")
    return {"articles": articles, "warm": warm, "cold": summarize(samples["cold"]),
            "mix_p50_ratio": mine / theirs}  # fmt: skip


def _env(tree: Path) -> dict[str, str]:
    return UNCACHED | {"PYTHONPATH": str(tree)}


def _ingest(tree: Path, data_dir: Path, files: list[Path]) -> None:
    command = [sys.executable, "-m", "bench.load_steppe", str(data_dir), *map(str, files)]
    env = os.environ | {"PYTHONPATH": str(tree)}
    done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"ingest in {tree} failed:\n{done.stderr[-3000:]}")


class _Named(SteppeApi):
    def __init__(self, name: str, url: str) -> None:
        super().__init__(url)
        self.name = name


if __name__ == "__main__":
    main()
