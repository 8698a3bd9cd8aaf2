"""Corrections: what changed when a stored article's text changed on re-ingest.

`upsert_article` compares the stored row with the new draft before it overwrites anything,
and records one revision row (when, from which source, which fields) in the same transaction.
Field names are the GraphQL ones, so a client can show "corrected: body, title".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from store import tables as t
from store.records import ArticleDraft, ArticleRevision
from store.times import utc

CORRECTION = "correction"


def changed_fields(
    conn: sa.Connection,
    row: sa.Row[*tuple[Any, ...]],
    draft: ArticleDraft,
    author_slugs: tuple[str, ...],
) -> list[str]:
    """Which fields of the stored article (`row`) the draft changes, in a stable order."""
    old_blocks: list[tuple[str, str]] = [(kind, text) for kind, text in row.blocks]
    new_blocks: list[tuple[str, str]] = [(b.kind, b.text) for b in draft.text.blocks]
    changed = []
    if row.title != draft.text.title:
        changed.append("title")
    if _without_corrections(old_blocks) != _without_corrections(new_blocks):
        changed.append("body")
    if _corrections(old_blocks) != _corrections(new_blocks):
        changed.append("corrections")
    if row.published_on != draft.published_on:
        changed.append("publishedOn")
    if row.source != draft.source:
        changed.append("source")
    if row.language != draft.language:
        changed.append("language")
    old_authors, old_countries, old_organizations = _links(conn, row.id)
    new_authors = [(s, a.name, a.bio) for s, a in zip(author_slugs, draft.authors, strict=True)]
    if [s for s, _, _ in old_authors] != list(author_slugs) or any(
        bio is not None and bio != old[2]
        for (_, _, bio), old in zip(new_authors, old_authors, strict=True)
    ):
        changed.append("authors")
    if old_countries != sorted((m.code, m.mentions) for m in draft.countries):
        changed.append("countries")
    new_organizations = sorted((m.organization.slug, m.mentions) for m in draft.organizations)
    if old_organizations != new_organizations:
        changed.append("organizations")
    if _people(conn, row.id) != sorted((m.person.slug, m.mentions) for m in draft.people):
        changed.append("people")
    return changed or ["metadata"]


def _without_corrections(blocks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [b for b in blocks if b[0] != CORRECTION]


def _corrections(blocks: list[tuple[str, str]]) -> list[str]:
    return [text for kind, text in blocks if kind == CORRECTION]


def _links(
    conn: sa.Connection, article_id: int
) -> tuple[list[tuple[str, str, str | None]], list[tuple[str, int]], list[tuple[str, int]]]:
    """The stored links in the order the draft lists them (position; mentions as written)."""
    au, aa = t.authors.c, t.article_authors.c
    authors = conn.execute(
        sa.select(au.slug, au.name, au.bio)
        .join_from(t.article_authors, t.authors)
        .where(aa.article_id == article_id)
        .order_by(aa.position)
    ).all()
    ac = t.article_countries.c
    countries = conn.execute(
        sa.select(ac.country_code, ac.mentions).where(ac.article_id == article_id)
    ).all()
    o, ao = t.organizations.c, t.article_organizations.c
    organizations = conn.execute(
        sa.select(o.slug, ao.mentions)
        .join_from(t.article_organizations, t.organizations)
        .where(ao.article_id == article_id)
    ).all()
    return (
        [(r.slug, r.name, r.bio) for r in authors],
        sorted((r.country_code, r.mentions) for r in countries),
        sorted((r.slug, r.mentions) for r in organizations),
    )


def _people(conn: sa.Connection, article_id: int) -> list[tuple[str, int]]:
    p, ap = t.people.c, t.article_people.c
    rows = conn.execute(
        sa.select(p.slug, ap.mentions)
        .join_from(t.article_people, t.people)
        .where(ap.article_id == article_id)
    ).all()
    return sorted((r.slug, r.mentions) for r in rows)


def record(
    conn: sa.Connection,
    article_id: int,
    at: datetime,
    source: str,
    fields: list[str],
    revision: int,
) -> None:
    conn.execute(
        sa.insert(t.article_revisions).values(
            article_id=article_id, at=at, source=source, changed_fields=fields, revision=revision
        )
    )


def revisions_by_article(
    conn: sa.Connection, ids: Iterable[int]
) -> dict[int, list[ArticleRevision]]:
    """Each article's revisions, newest first."""
    r = t.article_revisions.c
    rows = conn.execute(
        sa.select(r.article_id, r.at, r.source, r.changed_fields, r.revision)
        .where(r.article_id.in_(set(ids)))
        .order_by(r.article_id, r.id.desc())
    )
    grouped: dict[int, list[ArticleRevision]] = defaultdict(list)
    for row in rows:
        grouped[row.article_id].append(
            ArticleRevision(utc(row.at), row.source, tuple(row.changed_fields), row.revision)
        )
    return grouped
