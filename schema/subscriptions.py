"""Live updates: the ticker when a page brings new rates, and new articles as they land.

Both follow the store revision (`schema.events`): after every write this server has caught
up to, a subscription looks at what changed and sends what its subscriber asked for. Each
event is answered like a request of its own: the context is renewed (fresh loaders, a fresh
read budget), so nothing stale is served and a long-lived connection is never "out of time".
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable
from functools import partial
from typing import Any, TypeVar

import strawberry
from graphql import GraphQLError

from index import SearchFilter, SearchRequest, SearchSyntaxError
from index.query import parse_query
from schema.context import Info
from schema.events import StoreEvents
from schema.fields import subscription
from schema.inputs import ArticleFilter, to_filter_record
from schema.types import Article, CurrencyRate
from store import queries, rates
from store.records import ArticleFilter as ArticleFilterRecord
from store.records import LinkedArticle

T = TypeVar("T")
TEXT_PAGE = 200  # hits read per search when matching new articles against `text`


def _events(info: Info) -> StoreEvents:
    events = info.context.events
    if events is None:
        raise GraphQLError("This server runs no subscriptions.", extensions={"code": "BAD_REQUEST"})
    return events


async def _read(info: Info, fn: Callable[..., T], *args: Any) -> T:
    return await info.context.read(fn, *args)


def matches(linked: LinkedArticle, f: ArticleFilterRecord) -> bool:
    """The `ArticleFilter` rules (fields AND, values OR), on one article and its links."""
    day = linked.article.published_on
    if f.published_from is not None and day < f.published_from:
        return False
    if f.published_to is not None and day > f.published_to:
        return False
    if f.countries is not None and not {c.code for c in linked.countries} & set(f.countries):
        return False
    if f.organizations is not None:
        names = {o.slug for o in linked.organizations}
        names |= {o.acronym.lower() for o in linked.organizations if o.acronym}
        if not names & set(f.organizations):
            return False
    if f.people is not None and not {p.slug for p in linked.people} & set(f.people):
        return False
    authors = {a.slug for a in linked.authors}
    return f.authors is None or bool(authors & set(f.authors))


async def _matching_text(
    info: Info, text: str, f: ArticleFilterRecord, new: list[LinkedArticle]
) -> list[LinkedArticle]:
    """The new articles `text` finds. The search is narrowed to days from the oldest new
    article on, so it reads few hits however common the text is."""
    wanted = {linked.article.id for linked in new}
    since = min(linked.article.published_on for linked in new)
    search_filter = SearchFilter(
        countries=f.countries or (), organizations=f.organizations or (),
        authors=f.authors or (), people=f.people or (), published_from=since,
        published_to=f.published_to,
    )  # fmt: skip
    index, found, after = info.context.index, set(), None
    while True:
        request = SearchRequest(
            text, search_filter, "NEWEST", TEXT_PAGE, after,
            want_suggestion=False, time_budget_s=info.context.search_budget(),
        )  # fmt: skip
        try:
            page = await info.context.search(partial(index.search, request))
        except SearchSyntaxError as exc:
            raise GraphQLError(str(exc), extensions={"code": "BAD_SEARCH_SYNTAX"}) from exc
        found |= {hit.article_id for hit in page.hits} & wanted
        if not page.has_next or not page.hits or found == wanted:
            break
        after = page.hits[-1].cursor
    return [linked for linked in new if linked.article.id in found]


def _check_text(text: str | None) -> None:
    """A syntax error is reported when subscribing, not at the first article."""
    if text is None:
        return
    try:
        parse_query(text)
    except SearchSyntaxError as exc:
        raise GraphQLError(str(exc), extensions={"code": "BAD_SEARCH_SYNTAX"}) from exc


@strawberry.type
class Subscription:
    @subscription(
        description="The ticker (latest rate of every currency against `quote`): first as it "
        "is now, then again whenever a write changes it."
    )
    async def ticker_updated(
        self, info: Info, quote: str | None = "USD"
    ) -> AsyncGenerator[list[CurrencyRate], None]:
        events, wanted = _events(info), (quote or "USD").upper()
        info.context.renew()  # the connection may be older than a read budget
        since = events.current
        last = await _read(info, rates.ticker, wanted)
        yield [CurrencyRate.from_record(r) for r in last]
        async for _revision in events.changes(since):
            info.context.renew()
            now = await _read(info, rates.ticker, wanted)
            if now != last:
                last = now
                yield [CurrencyRate.from_record(r) for r in now]

    @subscription(
        description="Each new article (not an update of one already stored) that matches "
        "`filter` and, when given, the search `text`, as soon as this server has indexed it."
    )
    async def article_published(
        self, info: Info, filter: ArticleFilter | None = None, text: str | None = None
    ) -> AsyncGenerator[Article, None]:
        events, record = _events(info), to_filter_record(filter)
        _check_text(text)
        info.context.renew()
        since = events.current
        newest = await _read(info, queries.newest_article_id)
        async for _revision in events.changes(since):
            info.context.renew()
            while new := await _read(info, queries.linked_articles_after, newest):
                newest = max(linked.article.id for linked in new)
                chosen = [linked for linked in new if matches(linked, record)]
                if text is not None and chosen:
                    chosen = await _matching_text(info, text, record, chosen)
                for linked in chosen:
                    yield Article.from_record(linked.article)
