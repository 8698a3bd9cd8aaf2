"""Servers started on 127.0.0.1 and always stopped, even when a section or a test fails.

The one process helper of the repository: the bench and the test suite (tests/api/conftest.py,
tests/replicas, tests/security) start, wait for and stop `steppe serve` with `start`,
`wait_ready` and `stop` here. The bench's servers are one uvicorn worker each, pinned to CPU 0
when there are two or more (the load generator and the harness take CPU 1), with logs below
warning so access lines cost nothing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
_READY_TIMEOUT_S = 120.0


@dataclass(frozen=True)
class Server:
    url: str
    pid: int

    def peak_rss_mib(self) -> float:
        """VmHWM: the most resident memory the process has had, in MiB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def pinned(command: list[str], cpu: int) -> list[str]:
    """`command` under `taskset`, when there is a CPU to spare and taskset to do it."""
    if (os.cpu_count() or 1) >= 2 and shutil.which("taskset"):
        return ["taskset", "-c", str(cpu), *command]
    return command


# Latency and uncached throughput are measured with the POST result cache off, so a repeated
# text is computed every time (cached figures come from a second server, in their own rows).
UNCACHED = {"STEPPE_RESULT_CACHE_BYTES": "0"}


@contextlib.contextmanager
def steppe(data_dir: Path, log: Path, settings: dict[str, str] | None = None) -> Iterator[Server]:
    """`steppe serve` on a data folder, configured only through STEPPE_* variables."""
    port = free_port()
    env = os.environ | {
        "STEPPE_DATA_DIR": str(data_dir),
        "STEPPE_PORT": str(port),
        "STEPPE_LOG_LEVEL": "warning",
        # The load comes from one IP: budgets this large keep the limiter's work in every
        # request (its overhead is measured) without refusing any with 429.
        "STEPPE_ANONYMOUS_POINTS_PER_MINUTE": str(10**12),
        "STEPPE_ANONYMOUS_POINTS_PER_DAY": str(10**15),
        **(settings or {}),
    }
    command = [str(Path(sys.executable).with_name("steppe")), "serve"]
    with _running(pinned(command, 0), env, log, f"http://127.0.0.1:{port}", "/healthz") as server:
        yield server


@contextlib.contextmanager
def raw_starlette(payload: Path, log: Path) -> Iterator[Server]:
    """The tiny raw endpoint of bench/raw_app.py, serving `payload`."""
    port = free_port()
    env = os.environ | {"BENCH_RAW_PAYLOAD": str(payload)}
    command = [sys.executable, "-m", "uvicorn", "--factory", "bench.raw_app:create_app"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    command += ["--no-access-log"]
    with _running(pinned(command, 0), env, log, f"http://127.0.0.1:{port}", "/headlines") as s:
        yield s


@contextlib.contextmanager
def _running(
    command: list[str], env: dict[str, str], log: Path, url: str, probe: str
) -> Iterator[Server]:
    process = start(command, env, log, append=True)
    try:
        wait_ready(process, url + probe, log)
        yield Server(url, process.pid)
    finally:
        stop(process)


def start(
    command: list[str], env: dict[str, str], log: Path, *, append: bool = False
) -> subprocess.Popen[bytes]:
    """`command` in the background from the repository root, its output going to `log`, in
    a session of its own (a Ctrl-C in the terminal reaches the harness, which stops it)."""
    with log.open("ab" if append else "wb") as sink:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip


def wait_ready(
    process: subprocess.Popen[bytes], url: str, log: Path, timeout: float = _READY_TIMEOUT_S
) -> None:
    """Until `url` answers 200; an exit or the timeout raises with the end of the log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{_tail(log)}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url, timeout=2.0).status_code == 200:
                return
        time.sleep(0.1)
    raise RuntimeError(f"{url} not ready after {timeout:.0f} s:\n{_tail(log)}")


def _tail(log: Path, size: int = 4000) -> str:
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    return text[-size:]


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM (uvicorn shuts down gracefully), then SIGKILL if it will not go."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
