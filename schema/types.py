"""The linked types. Thin resolvers: unpack, ask a loader or the store, wrap the record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Annotated, Generic, Self, TypeVar

import strawberry

from schema.connections import ArticleConnection, article_connection
from schema.context import Info
from schema.ids import to_global_id
from store import rates
from store.records import Article as ArticleRecord
from store.records import ArticleFilter
from store.records import Author as AuthorRecord
from store.records import Country as CountryRecord
from store.records import Currency as CurrencyRecord
from store.records import Organization as OrganizationRecord
from store.records import Rate as RateRecord

ARTICLE_ORDER = "NEWEST"
R = TypeVar("R")


@dataclass
class Wraps(Generic[R]):
    """A GraphQL type around one store record; its fields read the record."""

    record: strawberry.Private[R]

    @classmethod
    def from_record(cls, record: R) -> Self:
        return cls(record=record)


async def articles_page(
    info: Info, f: ArticleFilter, first: int, after: str | None
) -> ArticleConnection:
    """An entity's articles, newest first: the same connection `articles` serves."""
    return await article_connection(info, f, ARTICLE_ORDER, first, after)


@strawberry.interface(description="Anything with a global ID that `node(id:)` can fetch.")
class Node:
    @strawberry.field
    def id(self) -> strawberry.ID:
        raise NotImplementedError  # every implementing type overrides it


@strawberry.type
class Article(Wraps[ArticleRecord], Node):
    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("Article", self.record.id))

    @strawberry.field
    def slug(self) -> str:
        return self.record.slug

    @strawberry.field
    def title(self) -> str:
        return self.record.title

    @strawberry.field(description="The first paragraph.")
    def lede(self) -> str:
        return self.record.text.lede

    @strawberry.field(description="Paragraphs and sub-headings, in order, joined by blank lines.")
    def body(self) -> str:
        return self.record.text.body

    @strawberry.field(description="The body's paragraphs, sub-headings left out.")
    def paragraphs(self) -> list[str]:
        return list(self.record.text.paragraphs)

    @strawberry.field
    def subheadings(self) -> list[str]:
        return list(self.record.text.subheadings)

    @strawberry.field
    def published_on(self) -> date:
        return self.record.published_on

    @strawberry.field
    def word_count(self) -> int:
        return self.record.text.word_count

    @strawberry.field(description="Where the article came from: a page file or a URL.")
    def source(self) -> str:
        return self.record.source

    @strawberry.field
    async def authors(self, info: Info) -> list[Author]:
        found = await info.context.loaders.authors_by_article.load(self.record.id)
        return [Author.from_record(a) for a in found]

    @strawberry.field(description="Countries the article mentions, most-mentioned first.")
    async def countries(self, info: Info) -> list[Country]:
        found = await info.context.loaders.countries_by_article.load(self.record.id)
        return [Country.from_record(c) for c in found]

    @strawberry.field(description="Organizations the article mentions, most-mentioned first.")
    async def organizations(self, info: Info) -> list[Organization]:
        found = await info.context.loaders.organizations_by_article.load(self.record.id)
        return [Organization.from_record(o) for o in found]

    @strawberry.field(description="More like this, from the search index; never the article.")
    async def related(self, info: Info, first: int = 5) -> list[Article]:
        from schema.connections import check_page_size
        from schema.search import related_ids

        check_page_size(first, info)
        ids = await related_ids(info, self.record.id, first)
        found = await info.context.loaders.article_by_id.load_many(ids)
        return [Article.from_record(a) for a in found if a is not None]


@strawberry.type
class Author(Wraps[AuthorRecord], Node):
    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("Author", self.record.id))

    @strawberry.field
    def slug(self) -> str:
        return self.record.slug

    @strawberry.field
    def name(self) -> str:
        return self.record.name

    @strawberry.field
    def bio(self) -> str | None:
        return self.record.bio

    @strawberry.field
    async def articles(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> ArticleConnection:
        f = ArticleFilter(authors=(self.record.slug,))
        return await articles_page(info, f, first, after)


@strawberry.type
class Country(Wraps[CountryRecord], Node):
    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("Country", self.record.code))

    @strawberry.field(description='ISO 3166-1 alpha-2, e.g. "KZ".')
    def code(self) -> str:
        return self.record.code

    @strawberry.field
    def name(self) -> str:
        return self.record.name

    @strawberry.field
    async def currency(self, info: Info) -> Currency | None:
        found = await info.context.loaders.currency_by_country.load(self.record.code)
        return None if found is None else Currency.from_record(found)

    @strawberry.field(description="The latest rate of the country's currency.")
    async def latest_rate(self, info: Info, quote: str = "USD") -> CurrencyRate | None:
        currency = await self.currency(info)
        return None if currency is None else await currency.latest_rate(info, quote)

    @strawberry.field
    async def articles(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> ArticleConnection:
        f = ArticleFilter(countries=(self.record.code,))
        return await articles_page(info, f, first, after)


@strawberry.type
class Organization(Wraps[OrganizationRecord], Node):
    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("Organization", self.record.id))

    @strawberry.field
    def slug(self) -> str:
        return self.record.slug

    @strawberry.field
    def name(self) -> str:
        return self.record.name

    @strawberry.field
    def acronym(self) -> str | None:
        return self.record.acronym

    @strawberry.field
    async def articles(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> ArticleConnection:
        f = ArticleFilter(organizations=(self.record.slug,))
        return await articles_page(info, f, first, after)


@strawberry.type
class Currency(Wraps[CurrencyRecord], Node):
    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("Currency", self.record.code))

    @strawberry.field(description='ISO 4217, e.g. "KZT".')
    def code(self) -> str:
        return self.record.code

    @strawberry.field
    def name(self) -> str:
        return self.record.name

    @strawberry.field(description="Countries that use this currency (ISO 4217 / CLDR).")
    async def countries(self, info: Info) -> list[Country]:
        found = await info.context.loaders.countries_by_currency.load(self.record.code)
        return [Country.from_record(c) for c in found]

    @strawberry.field
    async def latest_rate(self, info: Info, quote: str = "USD") -> CurrencyRate | None:
        key = (self.record.code, quote.upper())
        found = await info.context.loaders.latest_rate.load(key)
        return None if found is None else CurrencyRate.from_record(found)

    @strawberry.field(description="Rates oldest first; `from` and `to` are inclusive.")
    async def history(
        self,
        info: Info,
        quote: str = "USD",
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None,
    ) -> list[CurrencyRate]:
        found = await info.context.read(rates.rate_history, self.record.code, quote, from_, to)
        return [CurrencyRate.from_record(r) for r in found]


@strawberry.type
class CurrencyRate(Wraps[RateRecord]):
    @strawberry.field(description='"KZT/USD"')
    def pair(self) -> str:
        return self.record.pair

    @strawberry.field
    async def base(self, info: Info) -> Currency:
        found = await info.context.loaders.currency_by_code.load(self.record.base)
        return Currency.from_record(found)

    @strawberry.field
    def quote(self) -> str:
        return self.record.quote

    @strawberry.field(description='Exactly as published, e.g. "0.00194".')
    def rate(self) -> Decimal:
        return self.record.rate

    @strawberry.field(description='Change in percent as published, e.g. "-0.18".')
    def change_percent(self) -> Decimal | None:
        return self.record.change_percent

    @strawberry.field
    def as_of(self) -> date:
        return self.record.as_of
