"""In one process: a server polling once a minute still catches up at once on a NOTIFY, and
its listener's connection is gone when the lifespan ends."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from starlette.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from ingest.pipeline import ingest_file
from store.database import Store
from store.dialects import REVISION_CHANNEL
from tests.conftest import EMPTY_TEMPLATE, SEED_PAGE, graphql
from tests.pg_server import PostgresServer

pytestmark = pytest.mark.postgres

WAIT_S = 15.0  # a notice takes milliseconds; the poll below, a minute
SEARCH = '{ search(text: "Taliban") { totalCount } }'


@pytest.fixture
def pg_settings(postgres: PostgresServer, tmp_path: Path) -> Iterator[Settings]:
    """An empty PostgreSQL store (LISTEN/NOTIFY is PostgreSQL's: SQLite servers only poll)."""
    name = postgres.copy_of(EMPTY_TEMPLATE)
    url = postgres.url(name)
    yield Settings(data_dir=tmp_path / "var", database_url=url, index_poll_seconds=60.0)
    postgres.drop_database(name)


def listeners(url: str) -> int:
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND query = %s",
            (f"LISTEN {REVISION_CHANNEL}",),
        ).fetchone()
        assert row is not None
        return int(row[0])


def within(seconds: float, check: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


def test_a_write_elsewhere_reaches_search_at_once_and_shutdown_closes_the_listener(
    pg_settings: Settings,
) -> None:
    url = pg_settings.database_url
    with TestClient(create_app(pg_settings)) as client:
        assert graphql(client, SEARCH)["data"]["search"]["totalCount"] == 0
        assert within(WAIT_S, lambda: listeners(url) == 1), "the server never listened"
        elsewhere = Store.open(url)  # another replica, or the CLI: store only, no index
        try:
            assert ingest_file(elsewhere, SEED_PAGE).error is None
        finally:
            elsewhere.close()
        assert within(
            WAIT_S, lambda: graphql(client, SEARCH)["data"]["search"]["totalCount"] > 0
        ), f"the write not in search within {WAIT_S} s"
    assert within(WAIT_S, lambda: listeners(url) == 0), "the listener outlived the server"
