"""Times the store writes: always UTC, and handed back timezone-aware on both stores."""

from __future__ import annotations

from datetime import UTC, datetime


def utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; every time the store writes is UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
