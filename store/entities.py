"""Reads of authors, countries, organizations and people, one by key or many at once."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from store import tables as t
from store.dialects import code_point_order as by_text
from store.queries import person_record
from store.records import Author, Country, Organization, Person


def _author(r: sa.Row[*tuple[Any, ...]]) -> Author:
    return Author(r.id, r.slug, r.name, r.bio)


def _organization(r: sa.Row[*tuple[Any, ...]]) -> Organization:
    return Organization(r.id, r.slug, r.name, r.acronym)


def author_by_slug(conn: sa.Connection, slug: str) -> Author | None:
    row = conn.execute(sa.select(t.authors).where(t.authors.c.slug == slug)).first()
    return None if row is None else _author(row)


def authors_by_id(conn: sa.Connection, ids: Iterable[int]) -> dict[int, Author]:
    rows = conn.execute(sa.select(t.authors).where(t.authors.c.id.in_(set(ids))))
    return {r.id: _author(r) for r in rows}


def all_authors(conn: sa.Connection) -> list[Author]:
    c = t.authors.c
    rows = conn.execute(sa.select(t.authors).order_by(by_text(c.name), by_text(c.slug)))
    return [_author(r) for r in rows]


def countries_by_code(conn: sa.Connection, codes: Iterable[str]) -> dict[str, Country]:
    wanted = {c.upper() for c in codes}
    rows = conn.execute(sa.select(t.countries).where(t.countries.c.code.in_(wanted)))
    return {r.code: Country(r.code, r.name) for r in rows}


def all_countries(conn: sa.Connection) -> list[Country]:
    rows = conn.execute(sa.select(t.countries).order_by(by_text(t.countries.c.name)))
    return [Country(r.code, r.name) for r in rows]


def organization_by_key(conn: sa.Connection, key: str) -> Organization | None:
    """By slug, or by acronym in any case ("ilo", "ILO")."""
    c = t.organizations.c
    wanted = key.strip().lower()
    rows = conn.execute(
        sa.select(t.organizations)
        .where((c.slug == wanted) | (sa.func.lower(c.acronym) == wanted))
        .order_by((c.slug == wanted).desc(), c.id)
    ).first()
    return None if rows is None else _organization(rows)


def organizations_by_id(conn: sa.Connection, ids: Iterable[int]) -> dict[int, Organization]:
    rows = conn.execute(sa.select(t.organizations).where(t.organizations.c.id.in_(set(ids))))
    return {r.id: _organization(r) for r in rows}


def organizations_by_slug(conn: sa.Connection, slugs: Iterable[str]) -> dict[str, Organization]:
    rows = conn.execute(sa.select(t.organizations).where(t.organizations.c.slug.in_(set(slugs))))
    return {r.slug: _organization(r) for r in rows}


def authors_by_slug(conn: sa.Connection, slugs: Iterable[str]) -> dict[str, Author]:
    rows = conn.execute(sa.select(t.authors).where(t.authors.c.slug.in_(set(slugs))))
    return {r.slug: _author(r) for r in rows}


def all_organizations(conn: sa.Connection) -> list[Organization]:
    rows = conn.execute(
        sa.select(t.organizations).order_by(
            by_text(t.organizations.c.name), by_text(t.organizations.c.slug)
        )
    )
    return [_organization(r) for r in rows]


def person_by_slug(conn: sa.Connection, slug: str) -> Person | None:
    row = conn.execute(sa.select(t.people).where(t.people.c.slug == slug.strip().lower())).first()
    return None if row is None else person_record(row)


def people_by_id(conn: sa.Connection, ids: Iterable[int]) -> dict[int, Person]:
    rows = conn.execute(sa.select(t.people).where(t.people.c.id.in_(set(ids))))
    return {r.id: person_record(r) for r in rows}


def people_by_slug(conn: sa.Connection, slugs: Iterable[str]) -> dict[str, Person]:
    rows = conn.execute(sa.select(t.people).where(t.people.c.slug.in_(set(slugs))))
    return {r.slug: person_record(r) for r in rows}


def all_people(conn: sa.Connection, country: str | None = None) -> list[Person]:
    """Everyone named or writing in the archive, by name; `country` keeps those who serve it."""
    c = t.people.c
    query = sa.select(t.people).order_by(by_text(c.name), by_text(c.slug))
    if country is not None:
        query = query.where(c.country_code == country.strip().upper())
    return [person_record(r) for r in conn.execute(query)]


def person_of_authors(conn: sa.Connection, author_ids: Iterable[int]) -> dict[int, Person]:
    """The person each author is, by author id (authors stored before 0.2 may have none)."""
    au = t.authors.c
    rows = conn.execute(
        sa.select(au.id.label("author_id"), *t.people.c)
        .join_from(t.authors, t.people, au.person_id == t.people.c.id)
        .where(au.id.in_(set(author_ids)))
    )
    return {r.author_id: person_record(r) for r in rows}


def author_of_people(conn: sa.Connection, person_ids: Iterable[int]) -> dict[int, Author]:
    """The author each person is, by person id: the first stored when several bylines (two
    spellings of one name) are one person."""
    au = t.authors.c
    rows = conn.execute(
        sa.select(t.authors).where(au.person_id.in_(set(person_ids))).order_by(au.id.desc())
    )
    return {r.person_id: _author(r) for r in rows}  # the lowest id is written last and wins


def names_of_countries(conn: sa.Connection, codes: Iterable[str]) -> dict[str, list[str]]:
    """Each country's other names (Cyrillic too), by code."""
    c = t.countries.c
    rows = conn.execute(sa.select(c.code, c.names).where(c.code.in_(set(codes))))
    return {r.code: list(r.names or ()) for r in rows}


def names_of_organizations(conn: sa.Connection, ids: Iterable[int]) -> dict[int, list[str]]:
    """Each organization's other names (Cyrillic too), by row id."""
    c = t.organizations.c
    rows = conn.execute(sa.select(c.id, c.names).where(c.id.in_(set(ids))))
    return {r.id: list(r.names or ()) for r in rows}
