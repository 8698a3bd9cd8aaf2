"""Every article (with its links) and every rate as JSON Lines that `steppe ingest` reads back.

The output is deterministic (stable order, sorted keys) so that export → ingest into an empty
store → export gives the same bytes: the migration path from SQLite to PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from store import Store, queries, rates
from store.records import LinkedArticle, Rate


def export_lines(store: Store) -> Iterator[str]:
    with store.read() as conn, conn.begin():
        linked = sorted(queries.linked_articles(conn), key=lambda x: x.article.slug)
        for item in linked:
            yield _dump(article_record(item))
        for rate in rates.all_rates(conn):
            yield _dump(rate_record(rate))


def _dump(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"


def article_record(item: LinkedArticle) -> dict[str, Any]:
    a = item.article
    return {
        "type": "article",
        "slug": a.slug,
        "title": a.title,
        "published": a.published_on.isoformat(),
        "source": a.source,
        "body": a.text.body,
        "subheadings": list(a.text.subheadings),
        "blocks": [{"kind": b.kind, "text": b.text} for b in a.text.blocks],
        "authors": [{"name": x.name, "bio": x.bio} for x in item.authors],
        "countries": [
            {"code": c.code, "mentions": n}
            for c, n in zip(item.countries, item.country_mentions, strict=True)
        ],
        "organizations": [
            {"slug": o.slug, "name": o.name, "acronym": o.acronym, "mentions": n}
            for o, n in zip(item.organizations, item.organization_mentions, strict=True)
        ],
    }


def rate_record(rate: Rate) -> dict[str, Any]:
    return {
        "type": "rate",
        "pair": rate.pair,
        "rate": format(rate.rate, "f"),
        "change_percent": None if rate.change_percent is None else format(rate.change_percent, "f"),
        "as_of": rate.as_of.isoformat(),
    }
