"""Bring a database to the newest schema with alembic; safe when replicas start together."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from store.dialects import WRITE_OPTION, migration_lock
from store.errors import StoreSchemaError

_MIGRATIONS = Path(__file__).with_name("migrations")


def _config(conn: sa.Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    config.attributes["connection"] = conn
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: sa.Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: sa.Engine) -> None:
    """Run pending migrations under a lock; refuse a database from newer code."""
    if current_revision(engine) == head_revision():
        return  # the usual start: no need to queue behind a running ingest for the write lock
    with engine.connect() as conn:
        conn = conn.execution_options(**{WRITE_OPTION: True})
        with conn.begin(), migration_lock(conn):
            known = {s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions()}
            current = MigrationContext.configure(conn).get_current_revision()
            if current is not None and current not in known:
                raise StoreSchemaError(
                    f"database schema revision {current!r} is newer than this Steppe knows"
                )
            command.upgrade(_config(conn), "head")
