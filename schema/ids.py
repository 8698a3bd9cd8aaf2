"""Opaque identifiers: global node IDs and keyset cursors, both URL-safe base64 text.

They are opaque to clients so we can change what is inside without breaking anyone; they are
plain base64 (not signed) because they grant nothing a client could not ask for directly.
"""

from __future__ import annotations

import base64
import binascii
from datetime import date

from schema.errors import BadCursorError, BadIdError
from store.records import ArticleKey


def _encode(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _decode(token: str) -> str:
    padded = token + "=" * (-len(token) % 4)
    return base64.urlsafe_b64decode(padded.encode("ascii")).decode()


def to_global_id(type_name: str, key: str | int) -> str:
    return _encode(f"{type_name}:{key}")


def from_global_id(global_id: str) -> tuple[str, str]:
    try:
        type_name, key = _decode(global_id).split(":", 1)
    except (ValueError, UnicodeError, binascii.Error) as exc:
        raise BadIdError(f"malformed node id {global_id!r}") from exc
    if not type_name or not key:
        raise BadIdError(f"malformed node id {global_id!r}")
    return type_name, key


def encode_article_cursor(key: ArticleKey) -> str:
    return _encode(f"a:{key.published_on.isoformat()}:{key.id}")


def decode_article_cursor(cursor: str) -> ArticleKey:
    try:
        tag, day, ident = _decode(cursor).split(":")
        if tag != "a":
            raise ValueError(tag)
        return ArticleKey(date.fromisoformat(day), int(ident))
    except (ValueError, UnicodeError, binascii.Error) as exc:
        raise BadCursorError(
            f"malformed cursor {cursor!r}: pass an endCursor from a previous page of this list"
        ) from exc
