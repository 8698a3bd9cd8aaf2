"""Reads of authors, countries and organizations, one by key or many at once."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from store import tables as t
from store.dialects import code_point_order as by_text
from store.records import Author, Country, Organization


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
