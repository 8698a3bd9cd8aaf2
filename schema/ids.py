"""Opaque identifiers: global node IDs and keyset cursors, both URL-safe base64 text.

They are opaque to clients so we can change what is inside without breaking anyone; they are
plain base64 (not signed) because they grant nothing a client could not ask for directly.
"""

from __future__ import annotations

import base64
import binascii
import functools
from datetime import date, datetime

from schema.errors import BadCursorError, BadIdError
from store.records import ArticleKey, RemovedKey


def _encode(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _decode(token: str) -> str:
    padded = token + "=" * (-len(token) % 4)
    return base64.urlsafe_b64decode(padded.encode("ascii")).decode()


@functools.lru_cache(maxsize=1 << 16)  # a list names the same authors and countries again
def to_global_id(type_name: str, key: str | int) -> str:
    """Every node built carries its id; a bounded cache spares re-encoding the same ones."""
    return _encode(f"{type_name}:{key}")


def from_global_id(global_id: str) -> tuple[str, str]:
    try:
        type_name, key = _decode(global_id).split(":", 1)
    except (ValueError, UnicodeError, binascii.Error) as exc:
        raise BadIdError(f"malformed node id {global_id!r}") from exc
    if not type_name or not key:
        raise BadIdError(f"malformed node id {global_id!r}")
    return type_name, key


# Database ids are 64-bit integers; anything longer cannot name a row (and would overflow).
_MAX_ID = 2**63 - 1


def row_id(key: str) -> int | None:
    """The integer id inside a global ID, or None when the key cannot be one."""
    if not (key.isascii() and key.isdigit()) or int(key) > _MAX_ID:
        return None
    return int(key)


def encode_article_cursor(key: ArticleKey, order: str) -> str:
    """The keyset position and the order it belongs to: a cursor means nothing in another."""
    return _encode(f"a:{order}:{key.published_on.isoformat()}:{key.id}")


def decode_article_cursor(cursor: str, order: str) -> ArticleKey:
    try:
        tag, made_for, day, ident = _decode(cursor).split(":")
        article_id = row_id(ident)
        if tag != "a" or article_id is None:
            raise ValueError(tag)
        key = ArticleKey(date.fromisoformat(day), article_id)
    except (ValueError, UnicodeError, binascii.Error) as exc:
        raise BadCursorError(
            f"malformed cursor {cursor!r}: pass an endCursor from a previous page of this list"
        ) from exc
    if made_for != order:
        raise BadCursorError(f"this cursor belongs to the {made_for} order, not {order}")
    return key


def encode_removed_cursor(key: RemovedKey) -> str:
    return _encode(f"r:{key.removed_at.isoformat()}|{key.slug}")


def decode_removed_cursor(cursor: str) -> RemovedKey:
    try:
        tag, rest = _decode(cursor).split(":", 1)
        at, slug = _split_time(rest)
        if tag != "r" or not slug:
            raise ValueError(tag)
        key = RemovedKey(datetime.fromisoformat(at), slug)
        if key.removed_at.tzinfo is None:
            raise ValueError(at)
    except (ValueError, UnicodeError, binascii.Error) as exc:
        raise BadCursorError(
            f"malformed cursor {cursor!r}: pass an endCursor from a previous removedArticles page"
        ) from exc
    return key


def _split_time(text: str) -> tuple[str, str]:
    """An ISO timestamp (which holds colons itself) and the slug after it."""
    at, sep, slug = text.partition("|")
    if not sep:
        raise ValueError(text)
    return at, slug
