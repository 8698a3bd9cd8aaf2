"""The Query root and the schema factory."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

import strawberry
from strawberry.extensions import SchemaExtension
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.types.base_scalars import DecimalDefinition

from schema.connections import check_page_size
from schema.context import Info
from schema.fields import field
from schema.ids import from_global_id, row_id
from schema.inputs import ArticleFilter, ArticleOrder, to_filter_record
from schema.removed import RemovedArticleConnection, removed_articles
from schema.search import SearchResults, run_search
from schema.subscriptions import Subscription
from schema.types import (
    Article,
    ArticleConnection,
    Author,
    Country,
    Currency,
    CurrencyRate,
    Node,
    Organization,
    Person,
    article_connection,
    article_page,
)
from schema.writes import Mutation
from store import entities, queries, rates
from store.records import ArticleFilter as ArticleFilterRecord

# Strawberry serialises Decimal with str(), which turns a published "0.00000010" into
# "1.0E-7"; positional notation keeps the figure exactly as the newsroom wrote it.
EXACT_DECIMAL = replace(
    DecimalDefinition,
    description='A decimal exactly as published, in positional notation ("0.00194").',
    serialize=lambda value: format(value, "f"),
)

NODE_TYPES: dict[str, Any] = {
    "Article": Article, "Author": Author, "Organization": Organization,
    "Country": Country, "Currency": Currency, "Person": Person,
}  # fmt: skip
# Types whose global ID holds a row id, and the loader that fetches them.
NUMBERED = {"Article": "article_by_id", "Author": "author_by_id",
            "Organization": "organization_by_id", "Person": "person_by_id"}  # fmt: skip


@strawberry.type
class Query:
    @field(description="Any object by its global ID; null when it does not exist.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        type_name, key = from_global_id(id)
        loaders = info.context.loaders
        number = row_id(key)
        if type_name in ("Country", "Currency"):
            loader = loaders.country_by_code if type_name == "Country" else loaders.currency_by_code
            found = await loader.load(key.upper()) if key.isascii() and key.isalpha() else None
        elif type_name in NUMBERED and number is not None:
            found = await getattr(loaders, NUMBERED[type_name]).load(number)
        else:
            found = None
        return None if found is None else NODE_TYPES[type_name].from_record(found)

    @strawberry.field
    async def article(self, info: Info, slug: str) -> Article | None:
        found = await info.context.read(queries.article_by_slug, slug)
        return None if found is None else Article.from_record(found)

    @strawberry.field
    async def articles(
        self,
        info: Info,
        filter: ArticleFilter | None = None,
        order_by: ArticleOrder | None = ArticleOrder.NEWEST,
        first: int | None = 20,
        after: str | None = None,
    ) -> ArticleConnection:
        f = to_filter_record(filter)
        order = (order_by or ArticleOrder.NEWEST).value
        return await article_connection(info, f, order, 20 if first is None else first, after)

    @field(description="The newest articles, optionally for one country.")
    async def headlines(
        self, info: Info, first: int | None = 10, country: str | None = None
    ) -> list[Article]:
        first = 10 if first is None else first
        check_page_size(first, info)
        f = ArticleFilterRecord(countries=None if country is None else (country.upper(),))
        _, found, _ = await article_page(info, f, "NEWEST", first, None)
        return found

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

    @field(description='A slug or an acronym ("ilo").')
    async def organization(self, info: Info, slug: str) -> Organization | None:
        found = await info.context.read(entities.organization_by_key, slug)
        return None if found is None else Organization.from_record(found)

    @strawberry.field
    async def organizations(self, info: Info) -> list[Organization]:
        found = await info.context.read(entities.all_organizations)
        return [Organization.from_record(o) for o in found]

    @field(description='A person by slug ("sadyr-japarov").')
    async def person(self, info: Info, slug: str) -> Person | None:
        found = await info.context.read(entities.person_by_slug, slug)
        return None if found is None else Person.from_record(found)

    @field(
        description="Everyone the archive names or who writes for it, by name; `country` "
        '(ISO code, "KG") keeps those who serve that country.'
    )
    async def people(self, info: Info, country: str | None = None) -> list[Person]:
        found = await info.context.read(entities.all_people, country)
        return [Person.from_record(p) for p in found]

    @strawberry.field
    async def currency(self, info: Info, code: str) -> Currency | None:
        found = await info.context.loaders.currency_by_code.load(code.upper())
        return None if found is None else Currency.from_record(found)

    @field(description="The latest rate of every currency quoted in `quote`, one each.")
    async def ticker(self, info: Info, quote: str | None = "USD") -> list[CurrencyRate]:
        found = await info.context.read(rates.ticker, quote or "USD")
        return [CurrencyRate.from_record(r) for r in found]

    search: SearchResults = strawberry.field(resolver=run_search)
    removed_articles: RemovedArticleConnection = strawberry.field(
        resolver=removed_articles,
        description="Taken-down articles, newest first: partners purge their copies of these.",
    )


def build_schema(
    extensions: Sequence[type[SchemaExtension] | Callable[[], SchemaExtension]] = (),
    *,
    field_suggestions: bool = True,
    schema_class: type[strawberry.Schema] = strawberry.Schema,
) -> strawberry.Schema:
    """The one schema; the API adds its limits and error policy as extensions."""
    return schema_class(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=[Article, Author, Country, Organization, Currency, Person],
        extensions=list(extensions),
        config=StrawberryConfig(
            disable_field_suggestions=not field_suggestions,
            scalar_map={Decimal: EXACT_DECIMAL},
        ),
    )
