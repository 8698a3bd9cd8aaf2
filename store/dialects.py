"""Everything that differs between SQLite and PostgreSQL lives here and nowhere else."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import make_url

# Execution option that marks a connection as a writer (see _on_begin).
WRITE_OPTION = "steppe_write"

# An arbitrary constant: the key every replica locks while it migrates the shared database.
_MIGRATION_LOCK_KEY = 0x5E77E


def create_engine(url: str) -> sa.Engine:
    """An engine with the pragmas or pool settings each backend needs."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _create_sqlite_engine(url, parsed.database)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return sa.create_engine(parsed, pool_pre_ping=True, pool_size=10, max_overflow=10)


def _create_sqlite_engine(url: str, database: str | None) -> sa.Engine:
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"timeout": 30})

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy issue BEGIN itself so a transaction really starts where ours does.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        # A writer takes the lock up front (IMMEDIATE), so two writers queue instead of failing
        # half-way; a reader's plain BEGIN gives it a consistent snapshot and blocks no one.
        writing = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")

    return engine


@contextmanager
def migration_lock(conn: sa.Connection) -> Iterator[None]:
    """Serialise migrations when several replicas start at once on one database."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
    # SQLite: the writer's BEGIN IMMEDIATE (see _on_begin) holds the only write lock there is.
    yield


def is_sqlite(engine: sa.Engine) -> bool:
    return engine.dialect.name == "sqlite"
