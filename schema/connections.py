"""What every paged list shares: page info, keyset cursors of articles, the page-size cap."""

from __future__ import annotations

import strawberry

from schema.context import Info
from schema.errors import PageSizeError
from schema.ids import encode_article_cursor
from store.records import Article as ArticleRecord
from store.records import ArticleKey


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


def check_page_size(first: int, info: Info) -> None:
    cap = info.context.limits.max_page_size
    if not 0 <= first <= cap:
        raise PageSizeError(f"`first` must be between 0 and {cap} (the cap); got {first}")


def cursor_of(record: ArticleRecord, order: str) -> str:
    return encode_article_cursor(ArticleKey(record.published_on, record.id), order)
