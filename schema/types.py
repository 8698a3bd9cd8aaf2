"""The linked types. Thin resolvers: unpack, ask a loader or the store, wrap the record.

Scalar fields are plain attributes filled in `from_record`: Strawberry's default resolver
reads an attribute several times faster than it calls a method resolver, and a page of 50
articles resolves hundreds of fields. Methods remain for what costs work (joins, counts) or
needs a loader.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, cast

import strawberry

from schema.connections import PageInfo, check_page_size, cursor_of
from schema.context import Info
from schema.fields import field
from schema.html import body_html
from schema.ids import decode_article_cursor, to_global_id
from schema.mentions import (
    CO_MENTIONED_HELP,
    MENTIONS_HELP,
    Interval,
    MentionCount,
    timeline,
)
from schema.selections import names_at
from store import Connection, EntityKey, EntityKind, mentions, queries, rates
from store.records import Article as ArticleRecord
from store.records import ArticleFilter, ArticleKey
from store.records import ArticleRevision as RevisionRecord
from store.records import Author as AuthorRecord
from store.records import Block as BlockRecord
from store.records import Country as CountryRecord
from store.records import Currency as CurrencyRecord
from store.records import Organization as OrganizationRecord
from store.records import Person as PersonRecord
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


@strawberry.enum(description="What a block of an article body is.")
class BlockKind(Enum):
    PARAGRAPH = "paragraph"
    SUBHEADING = "subheading"
    QUESTION = strawberry.enum_value("question", description="An interviewer's question.")
    ANSWER = strawberry.enum_value("answer", description="An answer marked as such (`A:`).")
    CAPTION = strawberry.enum_value("caption", description="A photo caption or credit.")
    RELATED = strawberry.enum_value("related", description="A link to another article.")
    SOURCE = strawberry.enum_value("source", description="Where the facts came from.")
    CORRECTION = strawberry.enum_value(
        "correction", description="A correction or editor's note about the article."
    )
    QUOTE = strawberry.enum_value("quote", description="A quotation set apart from the text.")


@strawberry.type(description="One block of an article body, in reading order.")
class ArticleBlock:
    kind: BlockKind
    text: str

    @classmethod
    def from_record(cls, b: BlockRecord) -> ArticleBlock:
        return cls(kind=BlockKind(b.kind), text=b.text)


@strawberry.type
class Article(Node):
    record: strawberry.Private[ArticleRecord]
    slug: str
    title: str
    published_on: date
    source: str = strawberry.field(description="Where the article came from: a file or a URL.")
    updated_at: datetime | None = strawberry.field(
        description="When a re-ingest last changed the article (a correction); null if never."
    )
    language: str = strawberry.field(
        description='BCP 47 primary subtag ("en", "ru", "kk"): as the source named it, else '
        'detected from the text; "und" when it could not be told.'
    )

    # Linked lists loaded ahead for a whole page (`articles_of`), by field name.
    links: strawberry.Private[dict[str, list[Any]]] = dataclasses.field(default_factory=dict)

    @classmethod
    def from_record(cls, r: ArticleRecord, links: dict[str, list[Any]] | None = None) -> Article:
        return cls(
            id=global_id("Article", r.id), record=r, slug=r.slug, title=r.title,
            published_on=r.published_on, source=r.source,
            updated_at=r.updated_at, language=r.language, links=links or {},
        )  # fmt: skip

    @field(description="The first paragraph.")
    def lede(self) -> str:
        return self.record.text.lede

    @field(description="Paragraphs and sub-headings, in order, joined by blank lines.")
    def body(self) -> str:
        return self.record.text.body

    @field(
        description="Every body block that is not heading-like, in order: captions, related "
        "links and corrections included."
    )
    def paragraphs(self) -> list[str]:
        return list(self.record.text.paragraphs)

    @field(description="Every heading-like block, in order: interview questions too.")
    def subheadings(self) -> list[str]:
        return list(self.record.text.subheadings)

    @field(description="The body block by block, in reading order, with its kind.")
    def blocks(self) -> list[ArticleBlock]:
        return [ArticleBlock.from_record(b) for b in self.record.text.blocks]

    @field(
        description="The body as escaped, semantic HTML: p, h2, figure/figcaption, aside, "
        "blockquote; one element per block."
    )
    def body_html(self) -> str:
        return body_html(self.record.text.blocks)

    @field(description="Correction and clarification notes, as printed.")
    def corrections(self) -> list[str]:
        return list(self.record.text.corrections)

    @field(description="Every change a re-ingest made to the article, newest first.")
    async def revisions(self, info: Info) -> list[ArticleRevision]:
        found = await info.context.loaders.revisions_by_article.load(self.record.id)
        return [ArticleRevision.from_record(r) for r in found]

    @strawberry.field
    def word_count(self) -> int:
        return self.record.text.word_count

    @strawberry.field
    def authors(self, info: Info) -> list[Author]:
        return cast(list[Author], self._linked(info, "authors"))

    @field(description="Countries the article mentions, most-mentioned first.")
    def countries(self, info: Info) -> list[Country]:
        return cast(list[Country], self._linked(info, "countries"))

    @field(
        description="The rates in force on the day the article was published (the newest on "
        "or before it) for the currencies of the countries it mentions, by pair."
    )
    async def rates(self, info: Info, quote: str | None = "USD") -> list[CurrencyRate]:
        loaders, wanted = info.context.loaders, (quote or "USD").upper()
        countries = await loaders.countries_by_article.load(self.record.id)
        currencies = await loaders.currency_by_country.load_many([c.code for c in countries])
        bases = sorted({c.code for c in currencies if c is not None and c.code != wanted})
        day = self.record.published_on
        found = await loaders.rate_on.load_many([(b, wanted, day) for b in bases])
        return [CurrencyRate.from_record(r) for r in found if r is not None]

    @field(description="Organizations the article mentions, most-mentioned first.")
    def organizations(self, info: Info) -> list[Organization]:
        return cast(list[Organization], self._linked(info, "organizations"))

    @field(description="People the article names, most-mentioned first.")
    def people(self, info: Info) -> list[Person]:
        return cast(list[Person], self._linked(info, "people"))

    def _linked(self, info: Info, name: str) -> list[Any] | Awaitable[list[Any]]:
        """The list `articles_of` loaded for the whole page, as a plain value; else an
        awaitable of this article's own (GraphQL awaits whatever a resolver returns that
        is awaitable, so these resolvers stay synchronous for the page's sake)."""
        found = self.links.get(name)
        return found if found is not None else _own_links(info, name, self.record.id)

    @field(description="More like this, from the search index; never the article.")
    async def related(self, info: Info, first: int | None = 5) -> list[Article]:
        first = 5 if first is None else first
        check_page_size(first, info)
        index, article_id = info.context.index, self.record.id
        ids = await info.context.search(lambda: index.related(article_id, first))
        found = await info.context.loaders.article_by_id.load_many(ids)
        return await articles_of(info, [a for a in found if a is not None])


@strawberry.type
class ArticleEdge:
    cursor: str
    node: Article


@strawberry.type
class ArticleConnection:
    edges: list[ArticleEdge]
    page_info: PageInfo
    filter: strawberry.Private[ArticleFilter]

    @field(description="Every article that matches, not only this page.")
    async def total_count(self, info: Info) -> int:
        return await info.context.read(queries.count_articles, self.filter)


async def article_connection(
    info: Info, f: ArticleFilter, order: str, first: int, after: str | None
) -> ArticleConnection:
    check_page_size(first, info)
    key = decode_article_cursor(after, order) if after is not None else None
    records, nodes, has_next = await article_page(info, f, order, first, key, ("edges", "node"))
    edges = [
        ArticleEdge(cursor=cursor_of(r, order), node=n) for r, n in zip(records, nodes, strict=True)
    ]
    page = PageInfo(
        has_next_page=has_next,
        has_previous_page=after is not None,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return ArticleConnection(edges=edges, page_info=page, filter=f)


@strawberry.type(description="One correction of an article.")
class ArticleRevision:
    at: datetime
    source: str = strawberry.field(description="The file or source the changed text came from.")
    changed_fields: list[str] = strawberry.field(
        description='Which fields changed: "title", "body", "corrections", "publishedOn", '
        '"source", "language", "authors", "countries", "organizations", "people".'
    )

    @classmethod
    def from_record(cls, r: RevisionRecord) -> ArticleRevision:
        return cls(at=r.at, source=r.source, changed_fields=list(r.changed_fields))


@strawberry.type
class Author(Node):
    slug: str
    name: str
    bio: str | None

    number: strawberry.Private[int]

    @classmethod
    def from_record(cls, r: AuthorRecord) -> Author:
        return cls(id=global_id("Author", r.id), slug=r.slug, name=r.name, bio=r.bio, number=r.id)

    @strawberry.field
    async def articles(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> ArticleConnection:
        return await articles_page(info, ArticleFilter(authors=(self.slug,)), first, after)

    @field(
        description="The person the author is: other articles name them under the same "
        "`Person` (null for authors stored before 0.2 until their articles are re-ingested)."
    )
    async def person(self, info: Info) -> Person | None:
        found = await info.context.loaders.person_of_author.load(self.number)
        return None if found is None else Person.from_record(found)


@strawberry.type(
    description="Someone articles name or who writes them: one person whatever the spelling "
    'or script ("Sadyr Japarov", "Садыр Жапаров", "Zhaparov").'
)
class Person(Node):
    slug: str
    name: str
    spellings: list[str] = strawberry.field(
        description="Other spellings of the full name, in any script."
    )
    role: str | None = strawberry.field(
        description='"President of Kyrgyzstan", for the public figures Steppe knows; the '
        "role as of the table's date, not of each article's."
    )
    country_code: strawberry.Private[str | None]
    number: strawberry.Private[int]

    @classmethod
    def from_record(cls, r: PersonRecord) -> Person:
        return cls(
            id=global_id("Person", r.id), slug=r.slug, name=r.name, spellings=list(r.spellings),
            role=r.role, country_code=r.country, number=r.id,
        )  # fmt: skip

    @field(description="The country the person serves or served, when known.")
    async def country(self, info: Info) -> Country | None:
        if self.country_code is None:
            return None
        found = await info.context.loaders.country_by_code.load(self.country_code)
        return None if found is None else Country.from_record(found)

    @field(description="Articles that name the person, newest first.")
    async def articles(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> ArticleConnection:
        return await articles_page(info, ArticleFilter(people=(self.slug,)), first, after)

    @field(description="The author the person is, when they write for us too.")
    async def author(self, info: Info) -> Author | None:
        found = await info.context.loaders.author_of_person.load(self.number)
        return None if found is None else Author.from_record(found)


@strawberry.type
class Country(Node):
    code: str = strawberry.field(description='ISO 3166-1 alpha-2, e.g. "KZ".')
    name: str

    @classmethod
    def from_record(cls, r: CountryRecord) -> Country:
        return cls(id=global_id("Country", r.code), code=r.code, name=r.name)

    @field(
        description='Other names, in Cyrillic too ("Казахстан", "Қазақстан"): search and the '
        "linker find the country by each of them."
    )
    async def names(self, info: Info) -> list[str]:
        found: list[str] = await info.context.loaders.names_of_country.load(self.code)
        return found

    @strawberry.field
    async def currency(self, info: Info) -> Currency | None:
        found = await info.context.loaders.currency_by_country.load(self.code)
        return None if found is None else Currency.from_record(found)

    @field(description="The latest rate of the country's currency.")
    async def latest_rate(self, info: Info, quote: str | None = "USD") -> CurrencyRate | None:
        found = await info.context.loaders.currency_by_country.load(self.code)
        return None if found is None else await latest_rate_of(info, found.code, quote)

    @strawberry.field
    async def articles(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> ArticleConnection:
        return await articles_page(info, ArticleFilter(countries=(self.code,)), first, after)

    @field(description=MENTIONS_HELP)
    async def mentions(
        self,
        info: Info,
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None,
        interval: Interval = Interval.MONTH,
    ) -> list[MentionCount]:
        return await timeline(info, "country", self.code, from_, to, interval)

    @field(description=CO_MENTIONED_HELP)
    async def co_mentioned(self, info: Info, first: int | None = 10) -> list[CoMention]:
        return await co_mentioned(info, "country", self.code, first)


@strawberry.type
class Organization(Node):
    slug: str
    name: str
    acronym: str | None

    number: strawberry.Private[int]  # the row id, which the link tables hold

    @classmethod
    def from_record(cls, r: OrganizationRecord) -> Organization:
        return cls(
            id=global_id("Organization", r.id), slug=r.slug, name=r.name, acronym=r.acronym,
            number=r.id,
        )  # fmt: skip

    @field(
        description='Other names, in Cyrillic too ("ШОС", "Шанхайская организация '
        'сотрудничества"): the linker finds the organization by each of them.'
    )
    async def names(self, info: Info) -> list[str]:
        found: list[str] = await info.context.loaders.names_of_organization.load(self.number)
        return found

    @strawberry.field
    async def articles(
        self, info: Info, first: int | None = 20, after: str | None = None
    ) -> ArticleConnection:
        return await articles_page(info, ArticleFilter(organizations=(self.slug,)), first, after)

    @field(description=MENTIONS_HELP)
    async def mentions(
        self,
        info: Info,
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None,
        interval: Interval = Interval.MONTH,
    ) -> list[MentionCount]:
        return await timeline(info, "organization", self.number, from_, to, interval)

    @field(description=CO_MENTIONED_HELP)
    async def co_mentioned(self, info: Info, first: int | None = 10) -> list[CoMention]:
        return await co_mentioned(info, "organization", self.number, first)


@strawberry.type(description="An entity named in the same articles as another, and how often.")
class CoMention:
    entity: Annotated[Country | Organization, strawberry.union("MentionedEntity")]
    count: int = strawberry.field(description="Live articles that name both.")


async def co_mentioned(
    info: Info, kind: EntityKind, key: EntityKey, first: int | None
) -> list[CoMention]:
    first = 10 if first is None else first
    check_page_size(first, info)
    found = await info.context.read(mentions.co_mentions, kind, key, first)
    return [
        CoMention(
            entity=Country.from_record(e) if isinstance(e, CountryRecord)
            else Organization.from_record(e),
            count=n,
        )
        for e, n in found
    ]  # fmt: skip


@strawberry.type
class Currency(Node):
    code: str = strawberry.field(description='ISO 4217, e.g. "KZT".')
    name: str

    @classmethod
    def from_record(cls, r: CurrencyRecord) -> Currency:
        return cls(id=global_id("Currency", r.code), code=r.code, name=r.name)

    @field(description="Countries that use this currency (ISO 4217 / CLDR).")
    async def countries(self, info: Info) -> list[Country]:
        found = await info.context.loaders.countries_by_currency.load(self.code)
        return [Country.from_record(c) for c in found]

    @strawberry.field
    async def latest_rate(self, info: Info, quote: str | None = "USD") -> CurrencyRate | None:
        return await latest_rate_of(info, self.code, quote)

    @field(description="Rates oldest first; `from` and `to` are inclusive.")
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


async def latest_rate_of(info: Info, code: str, quote: str | None) -> CurrencyRate | None:
    found = await info.context.loaders.latest_rate.load((code, (quote or "USD").upper()))
    return None if found is None else CurrencyRate.from_record(found)


@dataclasses.dataclass(frozen=True)
class _Link:
    """One of an article's linked lists: the store's batch read, the request loader that holds
    its answers, and how a record becomes its GraphQL type."""

    read: Callable[[Connection, Sequence[int]], Mapping[int, list[Any]]]
    loader: str
    convert: Callable[[Any], Any]


_LINKS: dict[str, _Link] = {
    "authors": _Link(queries.authors_by_article, "authors_by_article", Author.from_record),
    "countries": _Link(queries.countries_by_article, "countries_by_article", Country.from_record),
    "organizations": _Link(
        queries.organizations_by_article, "organizations_by_article", Organization.from_record
    ),
    "people": _Link(queries.people_by_article, "people_by_article", Person.from_record),
}


async def _own_links(info: Info, name: str, article_id: int) -> list[Any]:
    link = _LINKS[name]
    return [
        link.convert(r) for r in await getattr(info.context.loaders, link.loader).load(article_id)
    ]


async def articles_of(
    info: Info,
    records: Sequence[ArticleRecord],
    path: tuple[str, ...] = (),
    selected: list[Any] | None = None,
) -> list[Article]:
    """GraphQL articles for a page of records, with every linked list the query selects on
    them (at `path` below this field) loaded in one batch per list and handed over as plain
    values. Fifty articles' authors and countries would otherwise be a hundred awaited
    resolvers, each its own task: most of an uncached list's time. The lists are read in one
    trip to a worker thread, and primed into the request's loaders for any later reader.
    `selected` is `info.selected_fields` when the caller has read it already."""
    if not records:
        return []
    wanted = _wanted_links(info, path, selected)
    ids = [r.id for r in records]
    loaded = await info.context.read(_read_links, ids, wanted) if wanted else []
    return _linked(info, records, wanted, loaded)


async def article_page(
    info: Info,
    f: ArticleFilter,
    order: str,
    first: int,
    after: ArticleKey | None,
    path: tuple[str, ...] = (),
) -> tuple[list[ArticleRecord], list[Article], bool]:
    """A page of `queries.list_articles` as records and GraphQL articles, and whether more
    follow. The page and its selected linked lists are read in one trip to a worker thread,
    on one connection (one snapshot on SQLite): a list and its authors cannot disagree."""
    wanted = _wanted_links(info, path, None)
    sort: queries.Order = "OLDEST" if order == "OLDEST" else "NEWEST"  # ArticleOrder's two

    def read(conn: Connection) -> tuple[list[ArticleRecord], bool, list[Mapping[int, list[Any]]]]:
        records, has_next = queries.list_articles(conn, f, sort, first, after)
        links = _read_links(conn, [r.id for r in records], wanted) if records and wanted else []
        return records, has_next, links

    records, has_next, loaded = await info.context.read(read)
    return records, _linked(info, records, wanted, loaded) if records else [], has_next


def _wanted_links(info: Info, path: tuple[str, ...], selected: list[Any] | None) -> list[str]:
    shown = names_at(info.selected_fields if selected is None else selected, path)
    return sorted(shown & _LINKS.keys())


def _read_links(
    conn: Connection, ids: Sequence[int], wanted: Sequence[str]
) -> list[Mapping[int, list[Any]]]:
    return [_LINKS[name].read(conn, ids) for name in wanted]


def _linked(
    info: Info,
    records: Sequence[ArticleRecord],
    wanted: Sequence[str],
    loaded: Sequence[Mapping[int, list[Any]]],
) -> list[Article]:
    ids = [r.id for r in records]
    links: list[dict[str, list[Any]]] = [{} for _ in records]
    for name, per_article in zip(wanted, loaded, strict=True):
        link = _LINKS[name]
        getattr(info.context.loaders, link.loader).prime_many(
            {i: per_article.get(i, []) for i in ids}
        )
        for mine, article_id in zip(links, ids, strict=True):
            mine[name] = [link.convert(r) for r in per_article.get(article_id, [])]
    return [Article.from_record(r, links) for r, links in zip(records, links, strict=True)]
