"""`steppe` as real processes: the CLI and `steppe serve` replicas, always cleaned up."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import httpx

from api.settings import Settings
from bench import servers

ROOT = Path(__file__).resolve().parents[2]
_INSTALLED = Path(sys.executable).with_name("steppe")  # .venv/bin/steppe
STEPPE = [str(_INSTALLED)] if _INSTALLED.is_file() else [sys.executable, "-m", "api.cli"]


def environment(settings: Settings, **extra: str) -> dict[str, str]:
    """The process environment that points `steppe` at the same store and index as `settings`."""
    return {
        **os.environ,
        "STEPPE_DATA_DIR": str(settings.data_dir),
        "STEPPE_DATABASE_URL": settings.database_url,
        "COLUMNS": "120",
        **extra,
    }


def run(settings: Settings, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run one `steppe` command to the end; the caller checks the exit code."""
    return subprocess.run(
        [*STEPPE, *map(str, args)],
        capture_output=True,
        text=True,
        env=environment(settings),
        cwd=ROOT,
        timeout=300,
        check=False,
    )


def start(
    settings: Settings, *args: str | Path, log: Path, poll_seconds: float = 0.5
) -> subprocess.Popen[bytes]:
    """Start a `steppe` command in the background, its output going to `log`."""
    env = environment(
        settings, STEPPE_INDEX_POLL_SECONDS=str(poll_seconds), STEPPE_LOG_LEVEL="warning"
    )
    return servers.start([*STEPPE, *map(str, args)], env, log)


@contextmanager
def replicas(*settings: Settings, folder: Path, poll_seconds: float = 0.5) -> Iterator[list[str]]:
    """`steppe serve` once per settings, all started at once; yields their base URLs."""
    with ExitStack() as stack:
        urls, processes = [], []
        for number, each in enumerate(settings, start=1):
            log = folder / f"replica-{number}.log"
            process = start(
                each, "serve", "--port", str(each.port), log=log, poll_seconds=poll_seconds
            )
            stack.callback(servers.stop, process)
            processes.append((process, log))
            urls.append(f"http://127.0.0.1:{each.port}")
        for (process, log), url in zip(processes, urls, strict=True):
            wait_until_healthy(process, log, url)
        yield urls


stop = servers.stop


def wait_until_healthy(process: subprocess.Popen[bytes], log: Path, url: str) -> None:
    servers.wait_ready(process, f"{url}/healthz", log, timeout=90)


def graphql(url: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    response = httpx.post(
        f"{url}/graphql", json={"query": query, "variables": variables or {}}, timeout=30
    )
    assert response.status_code == 200, response.text
    payload: dict[str, Any] = response.json()
    assert "errors" not in payload, payload["errors"]
    return payload["data"]  # type: ignore[no-any-return]
