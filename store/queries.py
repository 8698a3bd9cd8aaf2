"""Reads. Each function takes an open connection and returns records, never rows.

Batch functions (`*_by_*`) take many keys and answer in one statement, so the GraphQL layer's
DataLoaders cost a fixed number of statements per page, not one per article.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal

import sqlalchemy as sa

from store import tables as t
from store.dialects import code_point_order as by_text
from store.records import (
    Article,
    ArticleFilter,
    ArticleKey,
    ArticleText,
    Author,
    Country,
    LinkedArticle,
    Organization,
    Person,
)
from store.times import utc

Order = Literal["NEWEST", "OLDEST"]


def revision(conn: sa.Connection) -> int:
    return int(conn.execute(sa.select(t.store_state.c.revision)).scalar_one())


# --- articles ------------------------------------------------------------------------------


def _article(row: sa.Row[*tuple[Any, ...]]) -> Article:
    return Article(
        id=row.id,
        slug=row.slug,
        text=ArticleText.stored(row.title, row.blocks),
        published_on=row.published_on,
        source=row.source,
        revision=row.revision,
        updated_at=None if row.updated_at is None else utc(row.updated_at),
        language=row.language,
    )


_ARTICLE_COLUMNS = (
    t.articles.c.id,
    t.articles.c.slug,
    t.articles.c.title,
    # As the JSON text, decoded only when a field reads the body (store.records.ArticleText).
    sa.cast(t.articles.c.blocks, sa.Text).label("blocks"),
    t.articles.c.published_on,
    t.articles.c.source,
    t.articles.c.revision,
    t.articles.c.updated_at,
    t.articles.c.language,
)


def live() -> sa.ColumnElement[bool]:
    """Not taken down: every read of articles carries this, so a takedown hides an article
    from lists, counts, entity pages, feeds and node lookups in the same transaction."""
    return ~sa.exists().where(t.removed_articles.c.slug == t.articles.c.slug)


def articles_by_id(conn: sa.Connection, ids: Iterable[int]) -> dict[int, Article]:
    rows = conn.execute(sa.select(*_ARTICLE_COLUMNS).where(t.articles.c.id.in_(set(ids)), live()))
    return {row.id: _article(row) for row in rows}


def article_by_slug(conn: sa.Connection, slug: str) -> Article | None:
    row = conn.execute(
        sa.select(*_ARTICLE_COLUMNS).where(t.articles.c.slug == slug, live())
    ).first()
    return None if row is None else _article(row)


def _filter_clauses(f: ArticleFilter) -> list[sa.ColumnElement[bool]]:
    a = t.articles.c
    clauses: list[sa.ColumnElement[bool]] = [live()]
    if f.countries is not None:
        codes = [code.upper() for code in f.countries]
        ac = t.article_countries.c
        clauses.append(a.id.in_(sa.select(ac.article_id).where(ac.country_code.in_(codes))))
    if f.organizations is not None:
        keys = [k.lower() for k in f.organizations]
        o, ao = t.organizations.c, t.article_organizations.c
        matching = sa.select(o.id).where(o.slug.in_(keys) | sa.func.lower(o.acronym).in_(keys))
        clauses.append(a.id.in_(sa.select(ao.article_id).where(ao.organization_id.in_(matching))))
    if f.authors is not None:
        au, aa = t.authors.c, t.article_authors.c
        by_slug = sa.select(au.id).where(au.slug.in_(list(f.authors)))
        clauses.append(a.id.in_(sa.select(aa.article_id).where(aa.author_id.in_(by_slug))))
    if f.people is not None:
        p, ap = t.people.c, t.article_people.c
        by_slug = sa.select(p.id).where(p.slug.in_([k.lower() for k in f.people]))
        clauses.append(a.id.in_(sa.select(ap.article_id).where(ap.person_id.in_(by_slug))))
    if f.published_from is not None:
        clauses.append(a.published_on >= f.published_from)
    if f.published_to is not None:
        clauses.append(a.published_on <= f.published_to)
    return clauses


def count_articles(conn: sa.Connection, f: ArticleFilter) -> int:
    query = sa.select(sa.func.count()).select_from(t.articles).where(*_filter_clauses(f))
    return int(conn.execute(query).scalar_one())


def list_articles(
    conn: sa.Connection, f: ArticleFilter, order: Order, first: int, after: ArticleKey | None
) -> tuple[list[Article], bool]:
    """A page in date order (ties by id) after a keyset position, and whether more follow."""
    a = t.articles.c
    clauses = _filter_clauses(f)
    if after is not None:
        if order == "NEWEST":
            clauses.append(
                (a.published_on < after.published_on)
                | ((a.published_on == after.published_on) & (a.id < after.id))
            )
        else:
            clauses.append(
                (a.published_on > after.published_on)
                | ((a.published_on == after.published_on) & (a.id > after.id))
            )
    sort = (a.published_on.desc(), a.id.desc()) if order == "NEWEST" else (a.published_on, a.id)
    rows = conn.execute(
        sa.select(*_ARTICLE_COLUMNS).where(*clauses).order_by(*sort).limit(first + 1)
    ).all()
    return [_article(r) for r in rows[:first]], len(rows) > first


def article_keys(conn: sa.Connection, ids: Iterable[int]) -> dict[int, ArticleKey]:
    a = t.articles.c
    rows = conn.execute(sa.select(a.id, a.published_on).where(a.id.in_(set(ids))))
    return {r.id: ArticleKey(r.published_on, r.id) for r in rows}


# --- links ---------------------------------------------------------------------------------


def _ids() -> sa.BindParameter[Any]:
    return sa.bindparam("ids", expanding=True)


def _link_rows(conn: sa.Connection, statement: sa.Select[Any], ids: Iterable[int]) -> Any:
    """A prebuilt link statement for a page's article ids. Built once at import: a page
    reads four of them per request, and building each anew (and its cache key) was about a
    third of its time."""
    return conn.execute(statement, {"ids": sorted(set(ids))})


def authors_by_article(conn: sa.Connection, ids: Iterable[int]) -> dict[int, list[Author]]:
    grouped: dict[int, list[Author]] = defaultdict(list)
    for r in _link_rows(conn, _AUTHORS_BY_ARTICLE, ids):
        grouped[r.article_id].append(Author(r.id, r.slug, r.name, r.bio))
    return grouped


def countries_by_article(conn: sa.Connection, ids: Iterable[int]) -> dict[int, list[Country]]:
    grouped: dict[int, list[Country]] = defaultdict(list)
    made: dict[str, Country] = {}  # a page names the same few countries again and again
    for r in _link_rows(conn, _COUNTRIES_BY_ARTICLE, ids):
        country = made.get(r.code)
        if country is None:
            country = made[r.code] = Country(r.code, r.name, _names(r.names))
        grouped[r.article_id].append(country)
    return grouped


def _as_text(column: sa.ColumnElement[Any]) -> sa.Label[str]:
    """A JSON column as its text, for rows that repeat one entity: decoded once per entity
    (`_names`), not once per row by the driver."""
    return sa.cast(column, sa.Text).label(column.key or "names")


def _names(encoded: str | None) -> tuple[str, ...]:
    return tuple(json.loads(encoded)) if encoded else ()


def organizations_by_article(
    conn: sa.Connection, ids: Iterable[int]
) -> dict[int, list[Organization]]:
    grouped: dict[int, list[Organization]] = defaultdict(list)
    made: dict[int, Organization] = {}
    for r in _link_rows(conn, _ORGANIZATIONS_BY_ARTICLE, ids):
        organization = made.get(r.id)
        if organization is None:
            organization = made[r.id] = Organization(
                r.id, r.slug, r.name, r.acronym, _names(r.names)
            )
        grouped[r.article_id].append(organization)
    return grouped


def people_by_article(conn: sa.Connection, ids: Iterable[int]) -> dict[int, list[Person]]:
    grouped: dict[int, list[Person]] = defaultdict(list)
    for r in _link_rows(conn, _PEOPLE_BY_ARTICLE, ids):
        grouped[r.article_id].append(person_record(r))
    return grouped


# The four link statements, built once (see `_link_rows`).
_AU, _AA = t.authors.c, t.article_authors.c
_AUTHORS_BY_ARTICLE = (
    sa.select(_AA.article_id, _AU.id, _AU.slug, _AU.name, _AU.bio)
    .join_from(t.article_authors, t.authors)
    .where(_AA.article_id.in_(_ids()))
    .order_by(_AA.article_id, _AA.position)
)
_CO, _AC = t.countries.c, t.article_countries.c
_COUNTRIES_BY_ARTICLE = (
    sa.select(_AC.article_id, _CO.code, _CO.name, _as_text(_CO.names))
    .join_from(t.article_countries, t.countries)
    .where(_AC.article_id.in_(_ids()))
    .order_by(_AC.article_id, _AC.mentions.desc(), by_text(_CO.code))
)
_O, _AO = t.organizations.c, t.article_organizations.c
_ORGANIZATIONS_BY_ARTICLE = (
    sa.select(_AO.article_id, _O.id, _O.slug, _O.name, _O.acronym, _as_text(_O.names))
    .join_from(t.article_organizations, t.organizations)
    .where(_AO.article_id.in_(_ids()))
    .order_by(_AO.article_id, _AO.mentions.desc(), by_text(_O.slug))
)
_P, _AP = t.people.c, t.article_people.c
_PEOPLE_BY_ARTICLE = (
    sa.select(_AP.article_id, *t.people.c)
    .join_from(t.article_people, t.people)
    .where(_AP.article_id.in_(_ids()))
    .order_by(_AP.article_id, _AP.mentions.desc(), by_text(_P.slug))
)


def person_record(r: sa.Row[*tuple[Any, ...]]) -> Person:
    return Person(r.id, r.slug, r.name, tuple(r.spellings), r.role, r.country_code)


def mentions_by_article(
    conn: sa.Connection, ids: Iterable[int]
) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Mention counts, in the same order as countries_by_article / organizations_by_article."""
    ac, ao, o = t.article_countries.c, t.article_organizations.c, t.organizations.c
    wanted = set(ids)
    countries: dict[int, list[int]] = defaultdict(list)
    for r in conn.execute(
        sa.select(ac.article_id, ac.mentions)
        .where(ac.article_id.in_(wanted))
        .order_by(ac.article_id, ac.mentions.desc(), by_text(ac.country_code))
    ):
        countries[r.article_id].append(r.mentions)
    organizations: dict[int, list[int]] = defaultdict(list)
    for r in conn.execute(
        sa.select(ao.article_id, ao.mentions)
        .join_from(t.article_organizations, t.organizations)
        .where(ao.article_id.in_(wanted))
        .order_by(ao.article_id, ao.mentions.desc(), by_text(o.slug))
    ):
        organizations[r.article_id].append(r.mentions)
    return countries, organizations


def linked_articles(
    conn: sa.Connection, since_revision: int = 0, batch: int = 500
) -> Iterator[LinkedArticle]:
    """Live articles changed after a revision with their links: what the search index follows
    (and the export writes); taken-down ones are in `hidden_article_ids`."""
    a = t.articles.c
    last_id = 0
    while True:
        rows = conn.execute(
            sa.select(*_ARTICLE_COLUMNS)
            .where(a.revision > since_revision, a.id > last_id, live())
            .order_by(a.id)
            .limit(batch)
        ).all()
        if not rows:
            return
        yield from _link_all(conn, [_article(r) for r in rows])
        last_id = rows[-1].id


def newest_article_id(conn: sa.Connection) -> int:
    """The largest article id ever given (0 in an empty store): articles stored later have
    larger ones, which is how a subscription tells a new article from an updated one."""
    return int(
        conn.execute(sa.select(sa.func.coalesce(sa.func.max(t.articles.c.id), 0))).scalar_one()
    )


def linked_articles_after(
    conn: sa.Connection, after_id: int, limit: int = 500
) -> list[LinkedArticle]:
    """Live articles stored after `after_id` (see `newest_article_id`), oldest first."""
    a = t.articles.c
    rows = conn.execute(
        sa.select(*_ARTICLE_COLUMNS).where(a.id > after_id, live()).order_by(a.id).limit(limit)
    ).all()
    return list(_link_all(conn, [_article(r) for r in rows]))


def hidden_article_ids(conn: sa.Connection, since_revision: int = 0) -> list[int]:
    """Taken-down articles changed after a revision: the index deletes them.

    A takedown stamps the article row with its revision, so "changed since" finds it here.
    """
    a = t.articles.c
    query = sa.select(a.id).where(a.revision > since_revision, ~live()).order_by(a.id)
    return list(conn.execute(query).scalars())


def _link_all(conn: sa.Connection, articles: Sequence[Article]) -> Iterator[LinkedArticle]:
    ids = [x.id for x in articles]
    authors = authors_by_article(conn, ids)
    countries = countries_by_article(conn, ids)
    organizations = organizations_by_article(conn, ids)
    people = people_by_article(conn, ids)
    country_mentions, organization_mentions = mentions_by_article(conn, ids)
    for x in articles:
        yield LinkedArticle(
            article=x,
            authors=tuple(authors[x.id]),
            countries=tuple(countries[x.id]),
            organizations=tuple(organizations[x.id]),
            people=tuple(people[x.id]),
            country_mentions=tuple(country_mentions[x.id]),
            organization_mentions=tuple(organization_mentions[x.id]),
        )
