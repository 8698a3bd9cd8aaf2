"""The other anchor: SQLite FTS5 from the standard library on the same documents.

Set up as an FTS5 user would: `porter unicode61` tokenizing, the country codes as a third
FTS5 column, bm25 ranking (`ORDER BY rank`) and `snippet()` for highlights. Text is matched in
title and body only (`{title body}: …`); the filter is part of the same MATCH
(`… AND countries:KZ`), so FTS5 intersects posting lists instead of joining a side table.
Facets `GROUP BY` an indexed `(article, code)` side table over the rowids of the matches:
measured at 10k, about 5× faster than reading and counting the `countries` column of every
match.
Build: `python -m bench.fts5 CORPUS_FILE... DB_FILE` in a child process; prints JSON.
"""

from __future__ import annotations

import json
import resource
import sqlite3
import sys
import time
from pathlib import Path

from bench.documents import documents
from bench.queries import Query

_DDL = (
    "CREATE VIRTUAL TABLE articles USING fts5(title, body, countries, tokenize='porter unicode61')",
    "CREATE TABLE article_countries (article INTEGER NOT NULL, code TEXT NOT NULL)",
    "CREATE INDEX article_countries_article ON article_countries (article, code)",
)
_TOP = "SELECT rowid, title{extra} FROM articles WHERE articles MATCH ? ORDER BY rank LIMIT 10"
_SNIPPET = ", snippet(articles, 1, '<mark>', '</mark>', '…', 24)"
_FACET = (
    "SELECT code, count(*) FROM article_countries WHERE article IN "
    "(SELECT rowid FROM articles WHERE articles MATCH ?) GROUP BY code ORDER BY 2 DESC LIMIT 10"
)


def build(files: list[Path], path: Path) -> dict[str, float]:
    """Load in one transaction, then `optimize`; time covers both, not reading the JSON."""
    docs = list(documents(files))
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    started = time.perf_counter()
    with db:
        for statement in _DDL:
            db.execute(statement)
        db.executemany(
            "INSERT INTO articles (rowid, title, body, countries) VALUES (?, ?, ?, ?)",
            ((d.number, d.title, d.body, " ".join(d.countries)) for d in docs),
        )
        db.executemany(
            "INSERT INTO article_countries VALUES (?, ?)",
            ((d.number, code) for d in docs for code in d.countries),
        )
        db.execute("INSERT INTO articles (articles) VALUES ('optimize')")
    seconds = time.perf_counter() - started
    db.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"articles": len(docs), "total_s": seconds, "peak_rss_mib": peak}


def match(query: Query) -> str:
    """FTS5 syntax: every word quoted (no operator surprises), a phrase as one string, text
    in title and body only, the country as a column match ANDed to it."""
    if query.kind == "phrase":
        words = '"' + " ".join(query.words) + '"'
    else:
        words = " ".join(f'"{word}"' for word in query.words)
    found = "{title body}: (" + words + ")"
    return f'{found} AND countries:"{query.country}"' if query.country else found


class Fts5:
    name = "SQLite FTS5"

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, check_same_thread=False)

    def search(self, query: Query) -> int:
        text = match(query)
        extra = _SNIPPET if query.kind == "highlights" else ""
        rows: list[object] = self.db.execute(_TOP.format(extra=extra), (text,)).fetchall()
        if query.kind == "facets":
            rows += self.db.execute(_FACET, (text,)).fetchall()
        return len(rows)

    def close(self) -> None:
        self.db.close()


if __name__ == "__main__":
    *corpus, target = sys.argv[1:]
    print(json.dumps(build([Path(p) for p in corpus], Path(target))))
