"""A real `steppe serve` on a free loopback port, and the Node tools that test it from outside."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api.settings import Settings
from bench import servers
from tests.conftest import SAMPLE, ingest

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"
ARTIFACTS = ROOT / "var" / "artifacts"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """`steppe serve` in a subprocess, as `make run` starts it; stopped by `stop`, always."""

    def __init__(self, data_dir: Path, log: Path, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        settings = {"STEPPE_DATA_DIR": str(data_dir), "STEPPE_LOG_LEVEL": "warning", **(env or {})}
        env = {k: v for k, v in os.environ.items() if not k.startswith("STEPPE_")} | settings
        self.log = log
        command = [str(Path(sys.executable).parent / "steppe"), "serve", "--port", str(self.port)]
        self.process = servers.start(command, env, log)

    def wait_until_healthy(self, timeout: float = 30.0) -> None:
        servers.wait_ready(self.process, f"{self.url}/healthz", self.log, timeout)

    def stop(self) -> None:
        servers.stop(self.process)


# The newest article about KZ has markup in its title: widgets must show it as text.
HOSTILE_TITLE = '<img src=x onerror="document.title=1"> Tenge & <b>Markup</b> in Kazakhstan'
HOSTILE = {
    "id": "hostile-markup",
    "title": HOSTILE_TITLE,
    "published": "2025-12-16",
    "body": "Kazakhstan saw the tenge move.\n\nThe National Bank of Kazakhstan said little.",
}


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The sample data (plus HOSTILE) in SQLite, served over real HTTP; the transport is
    backend-blind, so one backend is enough."""
    folder = tmp_path_factory.mktemp("live")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    results = ingest(Settings(data_dir=folder / "var"), SAMPLE, hostile)
    assert [r.error for r in results] == [None, None, None]
    server = LiveServer(folder / "var", folder / "serve.log")
    try:
        server.wait_until_healthy()
        yield server
    finally:
        server.stop()


def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.skip("node is not installed: the GraphQL-over-HTTP audit and browser checks need it")
    if not (WEB / "node_modules" / "graphql-http").is_dir():
        pytest.fail("web/node_modules is missing: run `make web` (make test does)")
    return found


def run_node(script: str, *args: str, timeout: float = 120) -> dict[str, Any]:
    """Runs one of web/checks/*.mjs and returns the JSON it prints."""
    done = subprocess.run(
        [node(), str(WEB / "checks" / script), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result
