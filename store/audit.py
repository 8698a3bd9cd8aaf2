"""The audit log: every write, from the CLI or the API, says who did what and when.

A row is written in the transaction of the write it describes, so a write that rolls back
leaves no row and a row always names a write that happened (even one that changed nothing).
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from store import tables as t
from store.records import AuditEntry
from store.times import utc
from store.writes import StoreWriter

CLI_ACTOR = "cli"


def record(
    writer: StoreWriter, actor: str, action: str, target: str, detail: dict[str, object],
    at: datetime,
) -> None:  # fmt: skip
    writer.conn.execute(
        sa.insert(t.audit_log).values(
            at=at, actor=actor, action=action, target=target, detail=detail
        )
    )


def entries(conn: sa.Connection, limit: int = 1000) -> list[AuditEntry]:
    """The newest `limit` rows, oldest first."""
    a = t.audit_log.c
    rows = conn.execute(sa.select(t.audit_log).order_by(a.id.desc()).limit(limit)).all()
    return [
        AuditEntry(r.id, utc(r.at), r.actor, r.action, r.target, dict(r.detail))
        for r in reversed(rows)
    ]
