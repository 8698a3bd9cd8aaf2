"""Keyset paging: a hit's position in an ordering, and its URL-safe opaque encoding.

Every ordering is a total order because ties end with the article id, so "the hits after
this key" names each hit exactly once however the pages are cut.
"""

from __future__ import annotations

import base64
import binascii
import math
import struct
from dataclasses import dataclass

from index.errors import BadCursorError

_FORMAT = "!BBdqq"  # version, order, score, published ordinal, article id
_VERSION = 1
_ORDERS = ("RELEVANCE", "NEWEST", "OLDEST")

SortKey = tuple[float, int]


@dataclass(frozen=True, slots=True, order=True)
class SearchCursor:
    """The sort position of the last hit of a page, for the ordering it was made in."""

    order: str
    score: float
    published: int  # date ordinal
    article_id: int

    def key(self) -> SortKey:
        return sort_key(self.order, self.score, self.published, self.article_id)

    def encode(self) -> str:
        return encode(self)

    @classmethod
    def decode(cls, text: str) -> SearchCursor:
        return decode(text)


def sort_key(order: str, score: float, published: int, article_id: int) -> SortKey:
    """Ascending tuples: the smaller key comes first on the page."""
    if order == "NEWEST":
        return (float(-published), -article_id)
    if order == "OLDEST":
        return (float(published), article_id)
    return (-score, article_id)


def encode(cursor: SearchCursor) -> str:
    raw = struct.pack(
        _FORMAT,
        _VERSION,
        _ORDERS.index(cursor.order),
        cursor.score,
        cursor.published,
        cursor.article_id,
    )
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode(text: str) -> SearchCursor:
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        version, order, score, published, article_id = struct.unpack(_FORMAT, raw)
    except (binascii.Error, struct.error, ValueError) as error:
        raise BadCursorError("The cursor is not one this search produced.") from error
    if version != _VERSION or order >= len(_ORDERS) or not math.isfinite(score):
        raise BadCursorError("The cursor is not one this search produced.")
    return SearchCursor(_ORDERS[order], score, published, article_id)
