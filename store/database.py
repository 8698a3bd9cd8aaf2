"""The store facade: one engine, migrated on open, read and write transactions."""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from store import migrate, queries
from store.dialects import (
    WRITE_OPTION,
    RevisionListener,
    announce_revision,
    create_engine,
    revision_listener,
)
from store.writes import StoreWriter

# What store functions take; the layers above name it without importing SQLAlchemy.
Connection = sa.Connection


class Store:
    """The source of truth. Open it once per process (in the app's lifespan or the CLI)."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        # A store dropped without close() still hands its pooled connections back: on a shared
        # PostgreSQL server they are slots every replica competes for.
        self._dispose = weakref.finalize(self, engine.dispose)

    @classmethod
    def open(cls, url: str, *, migrate_schema: bool = True) -> Store:
        store = cls(create_engine(url))
        if migrate_schema:
            migrate.upgrade(store.engine)
        return store

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def write(self) -> Iterator[StoreWriter]:
        """One transaction: everything in it lands together or not at all.

        A transaction that changed something announces its revision to every server listening
        (PostgreSQL: NOTIFY, delivered only if and when it commits)."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                writer = StoreWriter(conn)
                yield writer
                if writer.revision is not None:
                    announce_revision(conn, writer.revision)

    def revision(self) -> int:
        with self.read() as conn:
            return queries.revision(conn)

    def revision_listener(self) -> RevisionListener | None:
        """What tells a server at once that a write committed anywhere; None on SQLite."""
        return revision_listener(self.engine)

    def close(self) -> None:
        self._dispose()
