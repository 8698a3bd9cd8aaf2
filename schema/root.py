"""The Query root and the schema factory."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import strawberry
from strawberry.extensions import SchemaExtension
from strawberry.schema.config import StrawberryConfig

from schema.connections import ArticleConnection, article_connection, check_page_size
from schema.context import Info
from schema.ids import from_global_id
from schema.inputs import ArticleFilter, ArticleOrder, to_filter_record
from schema.search import SearchResults, run_search
from schema.types import Article, Author, Country, Currency, CurrencyRate, Node, Organization
from store import entities, queries, rates
from store.records import ArticleFilter as ArticleFilterRecord


@strawberry.type
class Query:
    @strawberry.field(description="Any object by its global ID; null when it does not exist.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        type_name, key = from_global_id(id)
        loaders = info.context.loaders
        if type_name == "Article" and key.isdigit():
            found = await loaders.article_by_id.load(int(key))
            return None if found is None else Article.from_record(found)
        if type_name == "Author" and key.isdigit():
            author = await loaders.author_by_id.load(int(key))
            return None if author is None else Author.from_record(author)
        if type_name == "Organization" and key.isdigit():
            org = await loaders.organization_by_id.load(int(key))
            return None if org is None else Organization.from_record(org)
        if type_name == "Country":
            country = await loaders.country_by_code.load(key)
            return None if country is None else Country.from_record(country)
        if type_name == "Currency":
            currency = await loaders.currency_by_code.load(key)
            return None if currency is None else Currency.from_record(currency)
        return None

    @strawberry.field
    async def article(self, info: Info, slug: str) -> Article | None:
        found = await info.context.read(queries.article_by_slug, slug)
        return None if found is None else Article.from_record(found)

    @strawberry.field
    async def articles(
        self,
        info: Info,
        filter: ArticleFilter | None = None,
        order_by: ArticleOrder = ArticleOrder.NEWEST,
        first: int = 20,
        after: str | None = None,
    ) -> ArticleConnection:
        f = to_filter_record(filter)
        return await article_connection(info, f, order_by.value, first, after)

    @strawberry.field(description="The newest articles, optionally for one country.")
    async def headlines(
        self, info: Info, first: int = 10, country: str | None = None
    ) -> list[Article]:
        check_page_size(first, info)
        f = ArticleFilterRecord(countries=None if country is None else (country.upper(),))
        found, _ = await info.context.read(queries.list_articles, f, "NEWEST", first, None)
        return [Article.from_record(a) for a in found]

    @strawberry.field
    async def author(self, info: Info, slug: str) -> Author | None:
        found = await info.context.read(entities.author_by_slug, slug)
        return None if found is None else Author.from_record(found)

    @strawberry.field
    async def authors(self, info: Info) -> list[Author]:
        return [Author.from_record(a) for a in await info.context.read(entities.all_authors)]

    @strawberry.field
    async def country(self, info: Info, code: str) -> Country | None:
        found = await info.context.loaders.country_by_code.load(code.upper())
        return None if found is None else Country.from_record(found)

    @strawberry.field
    async def countries(self, info: Info) -> list[Country]:
        return [Country.from_record(c) for c in await info.context.read(entities.all_countries)]

    @strawberry.field(description='A slug or an acronym ("ilo").')
    async def organization(self, info: Info, slug: str) -> Organization | None:
        found = await info.context.read(entities.organization_by_key, slug)
        return None if found is None else Organization.from_record(found)

    @strawberry.field
    async def organizations(self, info: Info) -> list[Organization]:
        found = await info.context.read(entities.all_organizations)
        return [Organization.from_record(o) for o in found]

    @strawberry.field
    async def currency(self, info: Info, code: str) -> Currency | None:
        found = await info.context.loaders.currency_by_code.load(code.upper())
        return None if found is None else Currency.from_record(found)

    @strawberry.field(description="The latest rate of every currency quoted in `quote`, one each.")
    async def ticker(self, info: Info, quote: str = "USD") -> list[CurrencyRate]:
        found = await info.context.read(rates.ticker, quote)
        return [CurrencyRate.from_record(r) for r in found]

    search: SearchResults = strawberry.field(resolver=run_search)


def build_schema(
    extensions: Sequence[type[SchemaExtension] | Callable[[], SchemaExtension]] = (),
    *,
    field_suggestions: bool = True,
    schema_class: type[strawberry.Schema] = strawberry.Schema,
) -> strawberry.Schema:
    """The one schema; the API adds its limits and error policy as extensions."""
    return schema_class(
        query=Query,
        types=[Article, Author, Country, Organization, Currency],
        extensions=list(extensions),
        config=StrawberryConfig(disable_field_suggestions=not field_suggestions),
    )
