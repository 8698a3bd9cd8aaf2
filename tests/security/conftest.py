"""Real `steppe serve` processes over HTTP, for the probes an outsider would send.

They share one data folder (the sample data, loaded once) and differ only in settings; each
is stopped at the end of the session, always.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from api.settings import Settings
from tests.api.conftest import LiveServer
from tests.conftest import SAMPLE, ingest

Serve = Callable[..., LiveServer]


@pytest.fixture(scope="session")
def sample_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("security") / "var"
    results = ingest(Settings(data_dir=data_dir), SAMPLE)
    assert [r.error for r in results] == [None, None]
    return data_dir


@pytest.fixture(scope="session")
def serve(sample_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Serve]:
    """`serve(STEPPE_X="…")`: a healthy server on the sample data with those settings."""
    started: list[LiveServer] = []

    def start(**env: str) -> LiveServer:
        log = tmp_path_factory.mktemp("serve") / "serve.log"
        server = LiveServer(sample_data, log, env=env)
        started.append(server)
        server.wait_until_healthy()
        return server

    try:
        yield start
    finally:
        for server in started:
            server.stop()


@pytest.fixture(scope="session")
def server(serve: Serve) -> LiveServer:
    """Default settings, what the public internet meets, apart from the anonymous budget:
    every probe here comes from one address within a few minutes, and the fuzzer and the
    isolation probes alone spend more than one visitor's minute. Which probe then met a 429
    would depend on the machine's speed; rate limits have their own servers and budgets
    (test_keys_and_rate_limits.py)."""
    return serve(
        STEPPE_ANONYMOUS_POINTS_PER_MINUTE=str(10**9), STEPPE_ANONYMOUS_POINTS_PER_DAY=str(10**9)
    )
