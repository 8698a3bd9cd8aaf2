"""Takedown and republish as the CLI and the API run them: one transaction with its audit
row, then the search index catches up (which also moves every cache and ETag)."""

from __future__ import annotations

from datetime import UTC, datetime

from index import SearchIndex
from ingest.sync import catch_up
from store import ArticleNotFoundError, Store, audit, queries, takedowns
from store.records import Article, RemovalReason, RemovedArticle


def unpublish(
    store: Store,
    index: SearchIndex | None,
    slug: str,
    reason: RemovalReason,
    note: str | None,
    actor: str,
) -> RemovedArticle:
    """Take `slug` down everywhere; raises ArticleNotFoundError for an unknown slug."""
    now = datetime.now(UTC)
    with store.write() as writer:
        removed, outcome = takedowns.unpublish(writer, slug, reason, note, now)
        detail: dict[str, object] = {"reason": reason, "note": note, "outcome": outcome}
        audit.record(writer, actor, "unpublish", slug, detail, now)
    if index is not None:
        catch_up(store, index)
    return removed


def republish(store: Store, index: SearchIndex | None, slug: str, actor: str) -> Article:
    """Bring `slug` back as it is stored now (with any edits ingested while it was down)."""
    now = datetime.now(UTC)
    with store.write() as writer:
        outcome = takedowns.republish(writer, slug)
        audit.record(writer, actor, "republish", slug, {"outcome": outcome}, now)
        found = queries.article_by_slug(writer.conn, slug)
    if found is None:  # a concurrent takedown cannot interleave: writers are serialised
        raise ArticleNotFoundError(slug)
    if index is not None:
        catch_up(store, index)
    return found
