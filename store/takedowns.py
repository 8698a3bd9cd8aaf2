"""Takedowns: tombstones that hide an article from every read, and lifting them.

The article row stays where it is. `queries.live()` leaves out every slug with a tombstone, so
lists, counts, entity pages and node lookups drop it in the same transaction; the article row
is stamped with the takedown's revision so the search index (which follows revisions) deletes
it. Because the row stays, re-ingesting its page updates the hidden row and never revives it.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from store import tables as t
from store.errors import ArticleNotFoundError
from store.records import RemovalReason, RemovedArticle, RemovedKey
from store.times import utc
from store.writes import Outcome, StoreWriter

# A takedown note travels in every removed-feed entry and `removedArticles` answer.
MAX_NOTE_LENGTH = 2000


def unpublish(
    writer: StoreWriter, slug: str, reason: RemovalReason, note: str | None, at: datetime
) -> tuple[RemovedArticle, Outcome]:
    """Take `slug` down; the same takedown again changes nothing (no new revision)."""
    conn = writer.conn
    article_id = _article_id(conn, slug)
    existing = removed_by_slug(conn, slug)
    if existing is not None and (existing.reason, existing.note) == (reason, note):
        return existing, "unchanged"
    revision = writer.bump()
    values = {"reason": reason, "note": note, "removed_at": at, "revision": revision}
    r = t.removed_articles
    if existing is None:
        conn.execute(sa.insert(r).values(slug=slug, **values))
    else:
        conn.execute(sa.update(r).where(r.c.slug == slug).values(**values))
    _stamp(conn, article_id, revision)
    found = removed_by_slug(conn, slug)
    assert found is not None
    return found, "added" if existing is None else "updated"


def republish(writer: StoreWriter, slug: str) -> Outcome:
    """Lift the tombstone of `slug`; republishing a live article changes nothing."""
    conn = writer.conn
    article_id = _article_id(conn, slug)
    r = t.removed_articles
    if conn.execute(sa.select(r.c.slug).where(r.c.slug == slug)).first() is None:
        return "unchanged"
    revision = writer.bump()
    conn.execute(sa.delete(r).where(r.c.slug == slug))
    _stamp(conn, article_id, revision)
    return "updated"


def _article_id(conn: sa.Connection, slug: str) -> int:
    a = t.articles.c
    found = conn.execute(sa.select(a.id).where(a.slug == slug)).scalar()
    if found is None:
        raise ArticleNotFoundError(slug)
    return int(found)


def _stamp(conn: sa.Connection, article_id: int, revision: int) -> None:
    """The index follows article revisions: stamping tells it to delete or re-add this one."""
    a = t.articles
    conn.execute(sa.update(a).where(a.c.id == article_id).values(revision=revision))


# --- reads ---------------------------------------------------------------------------------


def _removed(row: sa.Row[tuple]) -> RemovedArticle:  # type: ignore[type-arg]
    return RemovedArticle(
        slug=row.slug,
        reason=row.reason,
        note=row.note,
        removed_at=utc(row.removed_at),
        revision=row.revision,
    )


def removed_by_slug(conn: sa.Connection, slug: str) -> RemovedArticle | None:
    r = t.removed_articles
    row = conn.execute(sa.select(r).where(r.c.slug == slug)).first()
    return None if row is None else _removed(row)


def _since(since: datetime | None) -> list[sa.ColumnElement[bool]]:
    r = t.removed_articles.c
    return [] if since is None else [r.removed_at >= since.astimezone(UTC)]


def count_removed(conn: sa.Connection, since: datetime | None) -> int:
    query = sa.select(sa.func.count()).select_from(t.removed_articles).where(*_since(since))
    return int(conn.execute(query).scalar_one())


def list_removed(
    conn: sa.Connection, since: datetime | None, first: int, after: RemovedKey | None
) -> tuple[list[RemovedArticle], bool]:
    """Newest first (ties by slug, descending), from `since` on, after a keyset position."""
    r = t.removed_articles.c
    clauses = _since(since)
    if after is not None:
        at = after.removed_at.astimezone(UTC)
        clauses.append((r.removed_at < at) | ((r.removed_at == at) & (r.slug < after.slug)))
    rows = conn.execute(
        sa.select(t.removed_articles)
        .where(*clauses)
        .order_by(r.removed_at.desc(), r.slug.desc())
        .limit(first + 1)
    ).all()
    return [_removed(row) for row in rows[:first]], len(rows) > first
