"""Takedowns as partners see them: `removedArticles`, newest first, so copies can be purged."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum

import strawberry

from schema.connections import PageInfo, check_page_size
from schema.context import Info
from schema.fields import field
from schema.ids import decode_removed_cursor, encode_removed_cursor
from store import takedowns
from store.records import RemovedArticle as RemovedRecord
from store.records import RemovedKey


@strawberry.enum(description="Why an article was taken down.")
class RemovalReason(Enum):
    TAKENDOWN = "takendown"
    RETRACTED = "retracted"
    EXPIRED = "expired"


@strawberry.type(description="A taken-down article: a partner holding a copy should purge it.")
class RemovedArticle:
    slug: str
    reason: RemovalReason
    note: str | None
    removed_at: datetime

    @classmethod
    def from_record(cls, r: RemovedRecord) -> RemovedArticle:
        reason = RemovalReason(r.reason)
        return cls(slug=r.slug, reason=reason, note=r.note, removed_at=r.removed_at)


@strawberry.type
class RemovedArticleEdge:
    cursor: str
    node: RemovedArticle


@strawberry.type
class RemovedArticleConnection:
    edges: list[RemovedArticleEdge]
    page_info: PageInfo
    since: strawberry.Private[datetime | None]

    @field(description="Every takedown since `since`, not only this page.")
    async def total_count(self, info: Info) -> int:
        return await info.context.read(takedowns.count_removed, self.since)


async def removed_articles(
    info: Info,
    since: datetime | None = None,
    first: int | None = 20,
    after: str | None = None,
) -> RemovedArticleConnection:
    """Articles taken down at or after `since` (all when omitted), newest first."""
    first = 20 if first is None else first
    check_page_size(first, info)
    key = decode_removed_cursor(after) if after is not None else None
    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=UTC)  # a time without an offset is read as UTC
    found, more = await info.context.read(takedowns.list_removed, since, first, key)
    edges = [
        RemovedArticleEdge(
            cursor=encode_removed_cursor(RemovedKey(r.removed_at, r.slug)),
            node=RemovedArticle.from_record(r),
        )
        for r in found
    ]
    page = PageInfo(
        has_next_page=more,
        has_previous_page=after is not None,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return RemovedArticleConnection(edges=edges, page_info=page, since=since)
