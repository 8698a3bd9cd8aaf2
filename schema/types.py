"""The linked types. Thin resolvers: unpack, ask a loader or the store, wrap the record.

Scalar fields are plain attributes filled in `from_record`: Strawberry's default resolver
reads an attribute several times faster than it calls a method resolver, and a page of 50
articles resolves hundreds of fields. Methods remain for what costs work (joins, counts) or
needs a loader.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

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


async def articles_page(
    info: Info, f: ArticleFilter, first: int | None, after: str | None
) -> ArticleConnection:
    """An entity's articles, newest first: the same connection `articles` serves."""
    return await article_connection(info, f, ARTICLE_ORDER, 20 if first is None else first, after)


def global_id(type_name: str, key: str | int) -> strawberry.ID:
    return strawberry.ID(to_global_id(type_name, key))


@strawberry.interface(description="Anything with a global ID that `node(id:)` can fetch.")
class Node:
    id: strawberry.ID


@strawberry.type
class Article(Node):
    record: strawberry.Private[ArticleRecord]
    slug: str
    title: str
    lede: str = strawberry.field(description="The first paragraph.")
    published_on: date
    source: str = strawberry.field(description="Where the article came from: a file or a URL.")

    @classmethod
    def from_record(cls, r: ArticleRecord) -> Article:
        return cls(
            id=global_id("Article", r.id), record=r, slug=r.slug, title=r.title,
            lede=r.text.lede, published_on=r.published_on, source=r.source,
        )  # fmt: skip

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
    def word_count(self) -> int:
        return self.record.text.word_count

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
    async def related(self, info: Info, first: int | None = 5) -> list[Article]:
        from schema.connections import check_page_size
        from schema.search import related_ids

        first = 5 if first is None else first
        check_page_size(first, info)
        ids = await related_ids(info, self.record.id, first)
        found = await info.context.loaders.article_by_id.load_many(ids)
        return [Article.from_record(a) for a in found if a is not None]


@strawberry.type
class Author(Node):
    slug: str
    name: str
    bio: str | None

    @classmethod
    def from_record(cls, r: AuthorRecord) -> Author:
        return cls(id=global_id("Author", r.id), slug=r.slug, name=r.name, bio=r.bio)

    @strawberry.field
    async def articles(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> ArticleConnection:
        return await articles_page(info, ArticleFilter(authors=(self.slug,)), first, after)


@strawberry.type
class Country(Node):
    code: str = strawberry.field(description='ISO 3166-1 alpha-2, e.g. "KZ".')
    name: str

    @classmethod
    def from_record(cls, r: CountryRecord) -> Country:
        return cls(id=global_id("Country", r.code), code=r.code, name=r.name)

    @strawberry.field
    async def currency(self, info: Info) -> Currency | None:
        found = await info.context.loaders.currency_by_country.load(self.code)
        return None if found is None else Currency.from_record(found)

    @strawberry.field(description="The latest rate of the country's currency.")
    async def latest_rate(self, info: Info, quote: str | None = "USD") -> CurrencyRate | None:
        currency = await self.currency(info)
        return None if currency is None else await currency.latest_rate(info, quote)

    @strawberry.field
    async def articles(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> ArticleConnection:
        return await articles_page(info, ArticleFilter(countries=(self.code,)), first, after)


@strawberry.type
class Organization(Node):
    slug: str
    name: str
    acronym: str | None

    @classmethod
    def from_record(cls, r: OrganizationRecord) -> Organization:
        return cls(id=global_id("Organization", r.id), slug=r.slug, name=r.name, acronym=r.acronym)

    @strawberry.field
    async def articles(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> ArticleConnection:
        return await articles_page(info, ArticleFilter(organizations=(self.slug,)), first, after)


@strawberry.type
class Currency(Node):
    code: str = strawberry.field(description='ISO 4217, e.g. "KZT".')
    name: str

    @classmethod
    def from_record(cls, r: CurrencyRecord) -> Currency:
        return cls(id=global_id("Currency", r.code), code=r.code, name=r.name)

    @strawberry.field(description="Countries that use this currency (ISO 4217 / CLDR).")
    async def countries(self, info: Info) -> list[Country]:
        found = await info.context.loaders.countries_by_currency.load(self.code)
        return [Country.from_record(c) for c in found]

    @strawberry.field
    async def latest_rate(self, info: Info, quote: str | None = "USD") -> CurrencyRate | None:
        found = await info.context.loaders.latest_rate.load((self.code, (quote or "USD").upper()))
        return None if found is None else CurrencyRate.from_record(found)

    @strawberry.field(description="Rates oldest first; `from` and `to` are inclusive.")
    async def history(
        self,
        info: Info,
        quote: str | None = "USD",
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None,
    ) -> list[CurrencyRate]:
        found = await info.context.read(rates.rate_history, self.code, quote or "USD", from_, to)
        return [CurrencyRate.from_record(r) for r in found]


@strawberry.type
class CurrencyRate:
    pair: str = strawberry.field(description='"KZT/USD"')
    base_code: strawberry.Private[str]
    quote: str
    rate: Decimal = strawberry.field(description='Exactly as published, e.g. "0.00194".')
    change_percent: Decimal | None = strawberry.field(
        description='Change in percent as published, e.g. "-0.18".'
    )
    as_of: date

    @classmethod
    def from_record(cls, r: RateRecord) -> CurrencyRate:
        return cls(
            pair=r.pair, base_code=r.base, quote=r.quote, rate=r.rate,
            change_percent=r.change_percent, as_of=r.as_of,
        )  # fmt: skip

    @strawberry.field
    async def base(self, info: Info) -> Currency:
        found = await info.context.loaders.currency_by_code.load(self.base_code)
        return Currency.from_record(found)
