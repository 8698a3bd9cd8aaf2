"""API keys in the store, so every replica knows them: created, listed, revoked, looked up.

Only a SHA-256 digest of a key is kept. Keys are 32 random bytes, so a fast hash is enough
(there is nothing to brute-force, unlike a password); the key itself is shown once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from store import tables as t
from store.errors import StoreError


class KeyNameTakenError(StoreError):
    """An active key already has this name; revoke it first."""


@dataclass(frozen=True, slots=True)
class ApiKey:
    name: str
    tier: str
    created_at: datetime
    revoked_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def create_key(conn: sa.Connection, name: str, tier: str, key_hash: str, now: datetime) -> None:
    """Add a key; a revoked key of the same name is replaced, an active one is refused."""
    existing = conn.execute(sa.select(t.api_keys.c.revoked_at).where(t.api_keys.c.name == name))
    row = existing.first()
    if row is not None and row.revoked_at is None:
        raise KeyNameTakenError(f"a key named {name!r} exists; revoke it first")
    if row is not None:
        conn.execute(sa.delete(t.api_keys).where(t.api_keys.c.name == name))
    conn.execute(
        sa.insert(t.api_keys).values(name=name, tier=tier, key_hash=key_hash, created_at=now)
    )


def list_keys(conn: sa.Connection) -> list[ApiKey]:
    c = t.api_keys.c
    rows = conn.execute(sa.select(c.name, c.tier, c.created_at, c.revoked_at).order_by(c.name))
    return [ApiKey(r.name, r.tier, r.created_at, r.revoked_at) for r in rows]


def revoke_key(conn: sa.Connection, name: str, now: datetime) -> bool:
    """Revoke the active key called `name`; False when there is none."""
    c = t.api_keys.c
    update = sa.update(t.api_keys).where(c.name == name, c.revoked_at.is_(None))
    return conn.execute(update.values(revoked_at=now)).rowcount == 1


def find_key(conn: sa.Connection, key_hash: str) -> ApiKey | None:
    """The active key with this digest, or None (unknown or revoked)."""
    c = t.api_keys.c
    query = sa.select(c.name, c.tier, c.created_at, c.revoked_at).where(
        c.key_hash == key_hash, c.revoked_at.is_(None)
    )
    row = conn.execute(query).first()
    return None if row is None else ApiKey(row.name, row.tier, row.created_at, row.revoked_at)
