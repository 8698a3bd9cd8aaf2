"""Everything that differs between SQLite and PostgreSQL lives here and nowhere else.

The aim is one behaviour on both engines:
- a writer holds the store's only write lock for its whole transaction, so two ingests (two
  processes, two machines) queue instead of failing half-way on a unique slug;
- a reader sees one consistent snapshot for its whole transaction;
- text sorts by code point (byte order of UTF-8), never by the server's locale.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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
        # WAL is a property of the file, set once. Setting it again needs a lock that SQLite
        # does not wait for, so a connection opened while another writes would fail with
        # "database is locked"; asking costs nothing.
        if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        # A writer takes the lock up front (IMMEDIATE), so two writers queue instead of failing
        # half-way; a reader's plain BEGIN gives it a consistent snapshot and blocks no one.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if _is_writer(conn) else "BEGIN")

    return engine


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
