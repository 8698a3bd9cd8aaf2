"""PostgreSQL writers NOTIFY their revision at commit; `RevisionListener` hears it, and
reconnects after its connection drops. SQLite has neither: its servers poll."""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from ingest.pipeline import ingest_file
from store.database import Store
from store.dialects import REVISION_CHANNEL, RevisionListener, revision_listener
from tests.conftest import EMPTY_TEMPLATE, SEED_PAGE
from tests.pg_server import PostgresServer
from tests.replicas.test_two_replicas import NEW_PAGE

WAIT_S = 15.0  # generous: a notice normally arrives within milliseconds of the commit


class RollbackError(Exception):
    pass


@pytest.fixture
def url(postgres: PostgresServer) -> Iterator[str]:
    name = postgres.copy_of(EMPTY_TEMPLATE)
    yield postgres.url(name)
    postgres.drop_database(name)


@pytest.fixture
def store(url: str) -> Iterator[Store]:
    opened = Store.open(url)
    yield opened
    opened.close()


@pytest.fixture
def listening(url: str) -> Iterator[psycopg.Connection[Any]]:
    """A plain LISTEN on the store's channel, independent of the listener under test."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"LISTEN {REVISION_CHANNEL}")
        yield conn


def test_sqlite_has_no_listener(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'steppe.db'}")
    try:
        assert store.revision_listener() is None
        ingest_file(store, SEED_PAGE)  # and its writes send nothing anywhere
    finally:
        store.close()


@pytest.mark.postgres
def test_only_a_committed_change_is_announced_with_its_revision(
    store: Store, listening: psycopg.Connection[Any], tmp_path: Path
) -> None:
    assert ingest_file(store, SEED_PAGE).error is None  # revision 1
    with pytest.raises(RollbackError), store.write() as writer:  # a change, rolled back
        assert writer.bump() == 2
        raise RollbackError
    unchanged = ingest_file(store, SEED_PAGE)  # the same page twice: nothing changes
    assert unchanged.error is None and unchanged.summary.articles["unchanged"] > 0
    assert store.revision() == 1
    page = tmp_path / "digest-2025-12-16.txt"
    page.write_text(NEW_PAGE, encoding="utf-8")
    assert ingest_file(store, page).error is None  # revision 2, the rolled-back one's number

    # Notices arrive in commit order, so anything the rollback or the unchanged write had
    # sent would come before the last write's.
    payloads = []
    for notice in listening.notifies(timeout=WAIT_S):
        assert notice.channel == REVISION_CHANNEL
        payloads.append(notice.payload)
        if notice.payload == "2":
            break
    assert payloads == ["1", "2"]


def start(listener: RevisionListener) -> tuple[threading.Thread, queue.Queue[int | None]]:
    heard: queue.Queue[int | None] = queue.Queue()
    thread = threading.Thread(target=listener.run, args=(heard.put,), daemon=True)
    thread.start()
    return thread, heard


def next_heard(heard: queue.Queue[int | None]) -> int | None:
    return heard.get(timeout=WAIT_S)


def listener_sessions(url: str) -> int:
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND query = %s",
            (f"LISTEN {REVISION_CHANNEL}",),
        ).fetchone()
        assert row is not None
        return int(row[0])


def eventually(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not check():
        assert time.monotonic() < deadline, f"{what} not within {WAIT_S} s"
        time.sleep(0.1)


@pytest.mark.postgres
def test_the_listener_hears_commits_reconnects_and_stops_cleanly(
    store: Store, url: str, caplog: pytest.LogCaptureFixture
) -> None:
    listener = store.revision_listener()
    assert listener is not None
    thread, heard = start(listener)
    try:
        assert next_heard(heard) is None  # listening: look now, something may have been missed
        ingest_file(store, SEED_PAGE)
        assert next_heard(heard) == 1

        with caplog.at_level(logging.WARNING, logger="steppe"):
            with psycopg.connect(url, autocommit=True) as admin:
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND query = %s",
                    (f"LISTEN {REVISION_CHANNEL}",),
                )
            assert next_heard(heard) is None  # back, and it says so
        assert [r.getMessage().split(" (")[0] for r in caplog.records] == [
            "store revision notices lost",
            "listening for store revision notices again",
        ]
        with store.write() as writer:
            writer.bump()
        assert next_heard(heard) == 2
    finally:
        listener.stop()
        thread.join(timeout=WAIT_S)
        listener.close()
    assert not thread.is_alive()
    eventually(lambda: listener_sessions(url) == 0, "the listener's connection closed")


@pytest.mark.postgres
def test_a_listener_that_cannot_connect_logs_once_and_backs_off(
    url: str, caplog: pytest.LogCaptureFixture
) -> None:
    attempts: list[float] = []

    def connect() -> psycopg.Connection[Any]:
        attempts.append(time.monotonic())
        if len(attempts) <= 4:
            raise psycopg.OperationalError("connection refused")
        return psycopg.connect(url, autocommit=True)

    listener = RevisionListener(connect, first_pause=0.05, longest_pause=1.0)
    with caplog.at_level(logging.WARNING, logger="steppe"):
        thread, heard = start(listener)
        try:
            assert next_heard(heard) is None
        finally:
            listener.stop()
            thread.join(timeout=WAIT_S)
            listener.close()
    assert not thread.is_alive()
    assert len(attempts) == 5
    # Backing off: pauses of 0.05, 0.1, 0.2 and 0.4 s (a wait lasts at least what it asks).
    assert attempts[-1] - attempts[0] >= 0.75
    assert [r.getMessage() for r in caplog.records] == [
        "store revision notices lost (OperationalError: connection refused);"
        " polling until they are back",
        "listening for store revision notices again",
    ]


@pytest.mark.postgres
def test_stopping_a_listener_that_never_ran_frees_it(store: Store) -> None:
    listener = revision_listener(store.engine)
    assert listener is not None
    listener.close()
    listener.stop()  # twice, in any order, is harmless
    listener.close()
