"""Real `steppe serve` processes with the settings the edge tests need, always stopped."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from api.settings import Settings
from bench import servers
from tests.api.conftest import free_port
from tests.replicas.processes import ROOT, STEPPE, environment, wait_until_healthy


@contextmanager
def serving(settings: Settings, folder: Path, count: int = 1, **env: str) -> Iterator[list[str]]:
    """`count` servers on one store (each with its own index folder); yields their URLs."""
    with ExitStack() as stack:
        started = []
        for number in range(1, count + 1):
            port = free_port()
            data_dir = settings.data_dir if number == 1 else folder / f"replica-{number}"
            log = folder / f"serve-{number}.log"
            extra = {"STEPPE_LOG_LEVEL": "warning", "STEPPE_INDEX_POLL_SECONDS": "0.5", **env}
            shared = {"STEPPE_DATA_DIR": str(data_dir), "STEPPE_DATABASE_URL": settings.store_url}
            process_env = environment(settings, **extra) | shared
            process = servers.start([*STEPPE, "serve", "--port", str(port)], process_env, log)
            stack.callback(servers.stop, process)
            started.append((process, log, f"http://127.0.0.1:{port}"))
        for process, log, url in started:
            wait_until_healthy(process, log, url)
        yield [url for _, _, url in started]


def steppe(settings: Settings, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*STEPPE, *args],
        capture_output=True,
        text=True,
        env=environment(settings, **env),
        cwd=ROOT,
        timeout=300,
        check=False,
    )
