"""`steppe keys create|list|revoke`: API keys in the store (see api.callers, store.keys)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from rich.console import Console
from rich.table import Table

from api.callers import key_digest, new_key
from api.resources import open_store
from api.settings import Settings
from store import keys

err = Console(stderr=True)


def create_key(settings: Settings, args: argparse.Namespace) -> int:
    name = args.name.strip()
    if not name or len(name) > 100 or not name.isprintable():
        err.print("[red]error:[/red] --name must be 1 to 100 printable characters")
        return 2
    key = new_key()
    store = open_store(settings)
    try:
        with store.write() as writer:
            keys.create_key(writer.conn, name, args.tier, key_digest(key), datetime.now(UTC))
    except keys.KeyNameTakenError as exc:
        err.print(f"[red]error:[/red] {exc}")
        return 1
    finally:
        store.close()
    err.print(f"Created the {args.tier} key {name!r}. It is shown once; store it now:")
    print(key)
    return 0


def list_keys(settings: Settings, _args: argparse.Namespace) -> int:
    store = open_store(settings)
    with store.read() as conn:
        rows = keys.list_keys(conn)
    store.close()
    table = Table("name", "tier", "created", "revoked")
    for row in rows:
        revoked = row.revoked_at.isoformat(timespec="seconds") if row.revoked_at else ""
        table.add_row(row.name, row.tier, row.created_at.isoformat(timespec="seconds"), revoked)
    Console().print(table)
    return 0


def revoke_key(settings: Settings, args: argparse.Namespace) -> int:
    store = open_store(settings)
    try:
        with store.write() as writer:
            revoked = keys.revoke_key(writer.conn, args.name, datetime.now(UTC))
    finally:
        store.close()
    if not revoked:
        err.print(f"[red]error:[/red] no active key named {args.name!r}")
        return 1
    err.print(f"Revoked {args.name!r}; every server refuses it within a few seconds.")
    return 0
