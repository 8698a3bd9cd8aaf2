"""Keyset-paged article lists: opaque cursors, an exact totalCount, a hard page-size cap."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.context import Info
from schema.errors import PageSizeError
from schema.ids import decode_article_cursor, encode_article_cursor
from store import queries
from store.records import Article as ArticleRecord
from store.records import ArticleFilter, ArticleKey

if TYPE_CHECKING:
    from schema.types import Article

ArticleRef = Annotated["Article", strawberry.lazy("schema.types")]


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class ArticleEdge:
    cursor: str
    node: ArticleRef


@strawberry.type
class ArticleConnection:
    edges: list[ArticleEdge]
    page_info: PageInfo
    filter: strawberry.Private[ArticleFilter]

    @strawberry.field(description="Every article that matches, not only this page.")
    async def total_count(self, info: Info) -> int:
        return await info.context.read(queries.count_articles, self.filter)


def check_page_size(first: int, info: Info) -> None:
    cap = info.context.limits.max_page_size
    if not 0 <= first <= cap:
        raise PageSizeError(f"`first` must be between 0 and {cap} (the cap); got {first}")


async def article_connection(
    info: Info, f: ArticleFilter, order: str, first: int, after: str | None
) -> ArticleConnection:
    from schema.types import Article

    check_page_size(first, info)
    key = decode_article_cursor(after, order) if after is not None else None
    records, has_next = await info.context.read(queries.list_articles, f, order, first, key)
    edges = [ArticleEdge(cursor=cursor_of(r, order), node=Article.from_record(r)) for r in records]
    page = PageInfo(
        has_next_page=has_next,
        has_previous_page=after is not None,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return ArticleConnection(edges=edges, page_info=page, filter=f)


def cursor_of(record: ArticleRecord, order: str) -> str:
    return encode_article_cursor(ArticleKey(record.published_on, record.id), order)
