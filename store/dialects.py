"""Everything that differs between SQLite and PostgreSQL lives here and nowhere else.

The aim is one behaviour on both engines:
- a writer holds the store's only write lock for its whole transaction, so two ingests (two
  processes, two machines) queue instead of failing half-way on a unique slug;
- a reader sees one consistent snapshot for its whole transaction;
- text sorts by code point (byte order of UTF-8), never by the server's locale;
- a server hears of a write made elsewhere at once where the backend can tell it (PostgreSQL's
  LISTEN/NOTIFY, see `RevisionListener`), and polls the revision everywhere as the fallback.
"""

from __future__ import annotations

import logging
import os
import select
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

# Execution option that marks a connection as a writer (see the "begin" listeners).
WRITE_OPTION = "steppe_write"

# Arbitrary constants: the advisory-lock keys every replica and CLI agree on.
_MIGRATION_LOCK_KEY = 0x5E77E
_WRITE_LOCK_KEY = 0x5E77F
# The channel a PostgreSQL writer notifies, at commit, with the revision it wrote.
REVISION_CHANNEL = "steppe_revision"

logger = logging.getLogger("steppe")


def create_engine(url: str) -> sa.Engine:
    """An engine with the pragmas, locks and isolation each backend needs."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _create_sqlite_engine(url, parsed.database)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return _create_postgresql_engine(parsed)


def _create_sqlite_engine(url: str, database: str | None) -> sa.Engine:
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": 30})

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy issue BEGIN itself so a transaction really starts where ours does.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        _use_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        # A writer takes the lock up front (IMMEDIATE), so two writers queue instead of failing
        # half-way; a reader's plain BEGIN gives it a consistent snapshot and blocks no one.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if _is_writer(conn) else "BEGIN")

    return engine


def _use_wal(cursor: sqlite3.Cursor, wait_s: float = 30.0) -> None:
    """WAL is a property of the file, set once. Switching needs a lock SQLite does not wait
    for (its busy timeout does not apply), so connections opening a new file at once would
    fail with "database is locked": ask first, and retry a refused switch for a while (by
    then another connection has usually switched the file)."""
    deadline = time.monotonic() + wait_s
    pause = 0.01
    while True:
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                return
            cursor.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


def _create_postgresql_engine(url: sa.URL) -> sa.Engine:
    # REPEATABLE READ is PostgreSQL's snapshot isolation: what SQLite's WAL readers get.
    engine = sa.create_engine(
        url,
        isolation_level="REPEATABLE READ",
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=10,
        connect_args={"application_name": "steppe"},
    )

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        if not _is_writer(conn):
            return
        # The twin of BEGIN IMMEDIATE. Writers run in READ COMMITTED so that, once the lock
        # is theirs, every statement sees what the writer before them committed; a snapshot
        # taken before the wait would make them fail on the revision row instead of queueing.
        conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITE_LOCK_KEY})

    return engine


def _is_writer(conn: sa.Connection) -> bool:
    return bool(conn.get_execution_options().get(WRITE_OPTION, False))


@contextmanager
def migration_lock(conn: sa.Connection) -> Iterator[None]:
    """Serialise migrations when several replicas start at once on one database."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
    # SQLite: the writer's BEGIN IMMEDIATE (see _on_begin) holds the only write lock there is.
    yield


def announce_revision(conn: sa.Connection, revision: int) -> None:
    """Within a write transaction that changed something: tell every listening server.

    PostgreSQL queues the notice and delivers it at commit, and only if the transaction
    commits; a rollback drops it. SQLite has no such thing: its servers poll.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(
            sa.text("SELECT pg_notify(:channel, :revision)"),
            {"channel": REVISION_CHANNEL, "revision": str(revision)},
        )


def revision_listener(engine: sa.Engine) -> RevisionListener | None:
    """A listener for the notices of `announce_revision`, or None where there are none."""
    if engine.dialect.name != "postgresql":
        return None
    _args, params = engine.dialect.create_connect_args(engine.url)
    params.pop("context", None)  # SQLAlchemy's adapters: the listener reads only text
    return RevisionListener(lambda: psycopg.connect(**params, **_LISTENER_CONNECTION))


# The listener's own connection: outside any transaction, found in pg_stat_activity like the
# pool's, and (TCP keepalives) told within about a minute when the server vanishes silently.
_LISTENER_CONNECTION: dict[str, Any] = {
    "autocommit": True,
    "application_name": "steppe",
    "connect_timeout": 10,
    "keepalives": 1,
    "keepalives_idle": 30,
    "keepalives_interval": 10,
    "keepalives_count": 3,
}


class RevisionListener:
    """`LISTEN steppe_revision` on a connection of its own, for as long as `run` runs.

    `run(heard)` blocks (give it a thread of its own) and calls `heard(revision)` for each
    notice, and `heard(None)` each time it starts listening, since notices sent while it was
    not may be lost. A dropped connection is logged once and reopened with a growing pause.
    `stop()`, from any thread, ends `run` at once; `close()` then frees what is left.
    """

    def __init__(
        self,
        connect: Callable[[], psycopg.Connection[Any]],
        *,
        first_pause: float = 0.5,
        longest_pause: float = 30.0,
    ) -> None:
        self._connect = connect
        self._first_pause, self._longest_pause = first_pause, longest_pause
        self._stopping = threading.Event()
        # Written by stop(): wakes the select() that waits for the server.
        self._wake_read, self._wake_write = os.pipe()
        self._guard = threading.Lock()
        self._running = self._closed = self._freed = False

    def run(self, heard: Callable[[int | None], None]) -> None:
        with self._guard:
            if self._closed:
                return
            self._running = True
        try:
            self._run(heard)
        finally:
            with self._guard:
                self._running = False
                if self._closed:  # close() came while this ran: the pipe is ours to free
                    self._free()

    def _run(self, heard: Callable[[int | None], None]) -> None:
        pause, failing = self._first_pause, False
        while not self._stopping.is_set():
            try:
                conn = self._connect()
            except Exception as exc:
                failing = self._failed(exc, failing)
            else:
                try:
                    conn.execute(f"LISTEN {REVISION_CHANNEL}")
                    if failing:
                        logger.warning("listening for store revision notices again")
                    pause, failing = self._first_pause, False
                    heard(None)
                    self._relay(conn, heard)
                except Exception as exc:
                    failing = self._failed(exc, failing)
                finally:
                    conn.close()
            if failing and self._stopping.wait(pause):
                break
            pause = min(pause * 2, self._longest_pause) if failing else pause

    def _relay(self, conn: psycopg.Connection[Any], heard: Callable[[int | None], None]) -> None:
        while not self._stopping.is_set():
            # timeout=0: hand over what has arrived (and what came in during LISTEN), no wait.
            for notice in conn.notifies(timeout=0):
                heard(_revision_of(notice.payload))
            select.select([conn.fileno(), self._wake_read], [], [])

    def _failed(self, exc: Exception, failing: bool) -> bool:
        if self._stopping.is_set():
            return failing
        if not failing:  # once per outage; the fallback poll keeps the server in step
            logger.warning(
                "store revision notices lost (%s: %s); polling until they are back",
                type(exc).__name__,
                str(exc).strip().splitlines()[0] if str(exc).strip() else "",
            )
        return True

    def stop(self) -> None:
        """End `run` (from any thread) as soon as it next looks, closing its connection."""
        with self._guard:
            if not self._stopping.is_set():
                self._stopping.set()
                if not self._freed:
                    os.write(self._wake_write, b"x")

    def close(self) -> None:
        """Stop, and free the rest now or, if `run` is still finishing, when it has."""
        self.stop()
        with self._guard:
            self._closed = True
            if not self._running:
                self._free()

    def _free(self) -> None:
        if not self._freed:
            self._freed = True
            os.close(self._wake_read)
            os.close(self._wake_write)


def _revision_of(payload: str) -> int | None:
    try:
        return int(payload)
    except ValueError:
        return None


def is_sqlite(engine: sa.Engine) -> bool:
    return engine.dialect.name == "sqlite"


class code_point_order(FunctionElement[str]):  # noqa: N801 - used like a SQL function
    """`code_point_order(column)` in ORDER BY sorts by code point whatever the server's locale.

    SQLite compares text with memcmp (BINARY); PostgreSQL uses the database's collation, which
    under English rules puts "alpha" before "Zeta" (SQLite: after) and weighs accents and
    punctuation its own way. The "C" collation compares bytes, and UTF-8 bytes sort in
    code-point order, like Python's `sorted`, so both stores list things in one order.
    """

    type = sa.String()
    inherit_cache = True


@compiles(code_point_order)
def _compile_code_point_order(element: code_point_order, compiler: SQLCompiler, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


@compiles(code_point_order, "postgresql")
def _compile_code_point_order_pg(
    element: code_point_order, compiler: SQLCompiler, **kw: Any
) -> str:
    return f'{compiler.process(element.clauses, **kw)} COLLATE "C"'
