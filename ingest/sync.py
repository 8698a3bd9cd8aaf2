"""The search index follows the store by revision; this is the only place that moves it."""

from __future__ import annotations

from collections.abc import Callable

from index import SearchIndex
from store import Store, queries
from store.records import ArticleFilter


def catch_up(store: Store, index: SearchIndex) -> int:
    """Apply every article changed since the index's revision; returns how many.

    Taken-down articles (see store.takedowns) are deleted from the index first, under the
    index's old revision, so a crash between the two commits only repeats the work.

    The store revision is read before the articles, in the same transaction, so the index
    never claims a revision whose writes it has not seen. Re-applying is harmless, so a crash
    anywhere here only means the next call does the work again.
    """
    with store.read() as conn, conn.begin():
        target = queries.revision(conn)
        if target <= index.revision:
            return 0
        changed = list(queries.linked_articles(conn, since_revision=index.revision))
        hidden = queries.hidden_article_ids(conn, since_revision=index.revision)
    if hidden:
        index.delete(hidden, revision=index.revision)
    index.apply(changed, revision=target)
    return len(changed) + len(hidden)


def rebuild(store: Store, index: SearchIndex, progress: Callable[[int], None] | None = None) -> int:
    """Build a fresh index from the whole store and swap it in; returns the article count."""
    with store.read() as conn, conn.begin():
        target = queries.revision(conn)
        total = queries.count_articles(conn, ArticleFilter())
        index.rebuild_from(queries.linked_articles(conn), revision=target, progress=progress)
    return total
