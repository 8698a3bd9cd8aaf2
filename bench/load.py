"""Requests per second at a fixed concurrency, bounded in time, from `wrk` on CPU 1.

wrk is the generator of record: a Python client tops out near the raw endpoint's rate and
would flatter every ratio. Without wrk (not on a Debian machine) an asyncio httpx loop
stands in, bounded by time and count, and the result says so.
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx

from bench.servers import pinned

_MAX_REQUESTS = 200_000


@dataclass(frozen=True)
class Load:
    requests_per_s: float
    p50_ms: float
    errors: int
    tool: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def hammer(url: str, connections: int, seconds: float, body: dict[str, Any] | None = None) -> Load:
    """Warm up for a fifth of the time, then measure; POST `body` as JSON when given."""
    run = _wrk if shutil.which("wrk") else _httpx
    run(url, connections, max(seconds / 5, 0.5), body)
    return run(url, connections, seconds, body)


def _wrk(url: str, connections: int, seconds: float, body: dict[str, Any] | None) -> Load:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        if body is not None:
            script.write(
                'wrk.method = "POST"\n'
                'wrk.headers["Content-Type"] = "application/json"\n'
                f"wrk.body = {json.dumps(json.dumps(body))}\n"
            )
    command = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency"]
    command += ["-s", script.name, url]
    try:
        done = subprocess.run(
            pinned(command, 1), capture_output=True, text=True, timeout=seconds + 60, check=True
        )
    finally:
        Path(script.name).unlink()
    return _parse_wrk(done.stdout)


def _parse_wrk(output: str) -> Load:
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)\b", output)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors:.*?(\d+).*?(\d+).*?(\d+).*?(\d+)", output)
    if rate is None or p50 is None:
        raise RuntimeError(f"cannot read wrk output:\n{output}")
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p50.group(2)]
    errors = int(bad.group(1)) if bad else 0
    errors += sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    return Load(float(rate.group(1)), float(p50.group(1)) * scale, errors, "wrk")


def _httpx(url: str, connections: int, seconds: float, body: dict[str, Any] | None) -> Load:
    return asyncio.run(_httpx_loop(url, connections, seconds, body))


async def _httpx_loop(
    url: str, connections: int, seconds: float, body: dict[str, Any] | None
) -> Load:
    latencies: list[float] = []
    errors = 0
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=connections)

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        while time.monotonic() < deadline and len(latencies) < _MAX_REQUESTS:
            started = time.perf_counter()
            sent = client.post(url, json=body) if body is not None else client.get(url)
            response = await sent
            latencies.append((time.perf_counter() - started) * 1000)
            errors += response.status_code >= 400

    async with httpx.AsyncClient(limits=limits, timeout=30.0) as client:
        started = time.monotonic()
        await asyncio.gather(*(worker(client) for _ in range(connections)))
        elapsed = time.monotonic() - started
    latencies.sort()
    p50 = latencies[len(latencies) // 2] if latencies else float("nan")
    return Load(len(latencies) / elapsed, p50, errors, "httpx (wrk not installed)")
