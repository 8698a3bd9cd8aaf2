"""The measured sections of one run; each returns plain dicts for the JSON file."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import floor, persisted
from bench.fts5 import Fts5
from bench.latency import measure, summarize
from bench.load import hammer
from bench.progress import phase
from bench.queries import QueryMix
from bench.raw_whoosh import RawWhoosh
from bench.servers import ROOT, UNCACHED, Server, raw_starlette, steppe
from bench.steppe_client import SteppeApi
from bench.steppe_inprocess import SteppeInProcess
from bench.tantivy_engine import Tantivy


@dataclass(frozen=True)
class Profile:
    name: str
    rounds: int  # warm rounds; each runs every warm text `reps` times per engine
    reps: int
    warm: int  # texts per kind
    cold: int
    load_s: float  # seconds per throughput measurement
    rates: bool = True  # load the rate history too (about 150 rates/s: see the README)
    connections: tuple[int, ...] = (1, 16)
    floor_runs: int = 200  # timed requests per side of the in-process list floor


def build(module: str, files: list[Path], target: Path, label: str) -> dict[str, Any]:
    """Run one build in a child process (its peak RSS is its own)."""
    with phase(f"ingest: {label}"):
        return _build(module, files, target)


def _build(module: str, files: list[Path], target: Path) -> dict[str, Any]:
    command = [sys.executable, "-m", module]
    command += [str(target), *map(str, files)] if module == "bench.load_steppe" else [
        *map(str, files), str(target)]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{module} failed:\n{done.stderr[-3000:]}")
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    found["per_s"] = found["articles"] / found["total_s"]
    return found


def search(server: Server, work: Path, mix: QueryMix, profile: Profile) -> dict[str, Any]:
    """Every engine on the same texts: Steppe over HTTP and in-process, and the anchors."""
    engines = [
        SteppeApi(server.url),
        SteppeInProcess(work / "steppe" / "index"),
        RawWhoosh(work / "raw-whoosh"),
        Fts5(work / "fts5.db"),
        Tantivy(work / "tantivy"),
    ]
    try:
        samples = measure(engines, mix, profile.rounds, profile.reps)
    finally:
        for engine in engines:
            engine.close()
    return {"cold": summarize(samples["cold"]), "warm": summarize(samples["warm"])}


def steppe_throughput(server: Server, work: Path, profile: Profile) -> dict[str, Any]:
    """Uncached POST and cached persisted GET; saves the payload the raw endpoint serves.

    `server` runs without the POST result cache, so every POST is computed."""
    api = SteppeApi(server.url)
    try:
        body = api.headlines_body()
        payload = {"data": api.post(body["query"], body["variables"])}
    finally:
        api.close()
    (work / "headlines.json").write_text(json.dumps(payload), encoding="utf-8")
    found: dict[str, Any] = {"uncached_post": _each(server.url + "/graphql", profile, body)}
    found["uncached_post"]["response_bytes"] = len(json.dumps(payload))
    document = persisted.find(server.url)
    if document.url is None:
        found["persisted_get"] = {"n/a": document.reason}
    else:
        found["persisted_get"] = _each(server.url + document.url, profile, None)
        found["persisted_get"]["document"] = document.reason
        found["persisted_get"] |= persisted.describe(server.url + document.url)
    return found


def cached_post(server: Server, profile: Profile) -> dict[str, Any]:
    """The same POST, repeated, against a server with the result cache on (the default)."""
    api = SteppeApi(server.url)
    try:
        body = api.headlines_body()
    finally:
        api.close()
    return _each(server.url + "/graphql", profile, body)


def list_floor(data_dir: Path, profile: Profile) -> dict[str, Any]:
    """The uncached 50-article list in-process beside the bare-Strawberry floor."""
    return floor.measure(data_dir, profile.floor_runs).as_dict()


def limits_overhead(data_dir: Path, profile: Profile) -> list[str]:
    """bench.cost_overhead's table on this run's corpus: what the cost limit and the rate
    limiter (memory:// and a local Redis when installed) add to each bench request."""
    reps = 40 if profile.name == "quick" else 200
    command = [sys.executable, "-m", "bench.cost_overhead", "--data-dir", str(data_dir)]
    command += ["--rounds", str(max(1, profile.rounds)), "--reps", str(reps)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return [line for line in done.stdout.splitlines() if line.startswith("|")]


def raw_throughput(work: Path, profile: Profile) -> dict[str, Any]:
    with raw_starlette(work / "headlines.json", work / "raw-server.log") as server:
        return _each(server.url + "/headlines", profile, None)


def _each(url: str, profile: Profile, body: dict[str, Any] | None) -> dict[str, Any]:
    return {str(c): hammer(url, c, profile.load_s, body).as_dict() for c in profile.connections}


def growth(
    small_dir: Path, work: Path, mix: QueryMix, profile: Profile, at_n: dict[str, Any]
) -> dict[str, list[float]]:
    """Steppe's warm p50 per kind on the N/10 corpus beside the N figures already taken."""
    with steppe(small_dir, work / "small-server.log", UNCACHED) as server:
        api = SteppeApi(server.url)
        try:
            warm = QueryMix(warm=mix.warm, cold=())
            samples = measure([api], warm, max(1, profile.rounds // 2), profile.reps)["warm"]
        finally:
            api.close()
    small = summarize(samples)[api.name]
    large = at_n[api.name]
    return {kind: [small[kind]["p50"], large[kind]["p50"]] for kind in small}
