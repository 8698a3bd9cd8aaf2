"""How often entities are named: per day (for timelines) and together (co-mentions).

An entity is a country (by code) or an organization (by id). Both questions are answered
from the link tables the linker fills, over live articles only, so a takedown leaves every
timeline and co-mention count in the same transaction as every other read.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

import sqlalchemy as sa

from store import tables as t
from store.dialects import code_point_order as by_text
from store.queries import live
from store.records import Country, Organization

EntityKind = Literal["country", "organization"]
EntityKey = str | int  # a country code or an organization id


def _link(kind: EntityKind) -> tuple[sa.Table, sa.Column[object]]:
    if kind == "country":
        return t.article_countries, t.article_countries.c.country_code
    return t.article_organizations, t.article_organizations.c.organization_id


def mention_days(
    conn: sa.Connection, kind: EntityKind, key: EntityKey, start: date | None, end: date | None
) -> list[tuple[date, int]]:
    """Articles naming the entity, per publication day, oldest first (days with none left out)."""
    table, column = _link(kind)
    a = t.articles.c
    query = (
        sa.select(a.published_on, sa.func.count())
        .select_from(table.join(t.articles, table.c.article_id == a.id))
        .where(column == key, live())
        .group_by(a.published_on)
        .order_by(a.published_on)
    )
    if start is not None:
        query = query.where(a.published_on >= start)
    if end is not None:
        query = query.where(a.published_on <= end)
    return [(row[0], int(row[1])) for row in conn.execute(query)]


def co_mentions(
    conn: sa.Connection, kind: EntityKind, key: EntityKey, first: int
) -> list[tuple[Country | Organization, int]]:
    """The `first` entities most often named in the same live articles as this one, with the
    number of such articles; ties by name. The entity itself is left out."""
    mine_table, mine = _link(kind)
    mine_alias = mine_table.alias("mine")
    found: list[tuple[Country | Organization, int]] = []
    others: tuple[EntityKind, ...] = ("country", "organization")
    for other in others:
        other_table, _ = _link(other)
        theirs = other_table.alias("theirs")
        joined = mine_alias.join(theirs, mine_alias.c.article_id == theirs.c.article_id).join(
            t.articles, t.articles.c.id == mine_alias.c.article_id
        )
        count = sa.func.count().label("n")
        where = [mine_alias.c[mine.name] == key, live()]
        if other == "country":
            c = t.countries.c
            query = (
                sa.select(c.code, c.name, count)
                .select_from(joined.join(t.countries, c.code == theirs.c.country_code))
                .group_by(c.code, c.name)
                .order_by(count.desc(), by_text(c.name))
            )
            if kind == "country":
                where.append(theirs.c.country_code != key)
        else:
            o = t.organizations.c
            query = (
                sa.select(o.id, o.slug, o.name, o.acronym, count)
                .select_from(joined.join(t.organizations, o.id == theirs.c.organization_id))
                .group_by(o.id, o.slug, o.name, o.acronym)
                .order_by(count.desc(), by_text(o.name))
            )
            if kind == "organization":
                where.append(theirs.c.organization_id != key)
        rows = conn.execute(query.where(*where).limit(first))
        for row in rows:
            entity: Country | Organization = (
                Country(row.code, row.name)
                if other == "country"
                else Organization(row.id, row.slug, row.name, row.acronym)
            )
            found.append((entity, int(row.n)))
    found.sort(key=lambda pair: (-pair[1], pair[0].name))
    return found[:first]
