"""The other anchor: SQLite FTS5 from the standard library on the same documents.

`porter unicode61` tokenizing, bm25 ranking (`ORDER BY rank`), `snippet()` for highlights,
and a plain `article_countries` table for the filter (`rowid IN`) and the facet (`GROUP BY`).
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
    "CREATE VIRTUAL TABLE articles USING fts5(title, body, tokenize='porter unicode61')",
    "CREATE TABLE article_countries (article INTEGER NOT NULL, code TEXT NOT NULL)",
    "CREATE INDEX article_countries_code ON article_countries (code, article)",
)
_TOP = (
    "SELECT rowid, title{extra} FROM articles WHERE articles MATCH ?{where} ORDER BY rank LIMIT 10"
)
_SNIPPET = ", snippet(articles, 1, '<mark>', '</mark>', '…', 24)"
_IN_COUNTRY = " AND rowid IN (SELECT article FROM article_countries WHERE code = ?)"
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
            "INSERT INTO articles (rowid, title, body) VALUES (?, ?, ?)",
            ((d.number, d.title, d.body) for d in docs),
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
    """FTS5 syntax: every word quoted (no operator surprises), a phrase as one string."""
    if query.kind == "phrase":
        return '"' + " ".join(query.words) + '"'
    return " ".join(f'"{word}"' for word in query.words)


class Fts5:
    name = "SQLite FTS5"

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, check_same_thread=False)

    def search(self, query: Query) -> int:
        text = match(query)
        extra = _SNIPPET if query.kind == "highlights" else ""
        where = _IN_COUNTRY if query.country else ""
        params = (text, query.country) if query.country else (text,)
        rows = self.db.execute(_TOP.format(extra=extra, where=where), params).fetchall()
        if query.kind == "facets":
            rows += self.db.execute(_FACET, (text,)).fetchall()
        return len(rows)

    def close(self) -> None:
        self.db.close()


if __name__ == "__main__":
    *corpus, target = sys.argv[1:]
    print(json.dumps(build([Path(p) for p in corpus], Path(target))))
