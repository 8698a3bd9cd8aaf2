"""The anchor: Whoosh as its documentation sets it up, with none of Steppe's tuning.

A default schema (title and body as plain `TEXT`, stored), one `ix.writer()` and one commit,
`open_dir`, a `MultifieldParser` over title and body, `searcher.search(q, limit=10)`, hits'
`highlights("body")`, and a `FieldFacet` for facet counts. `country` is a `KEYWORD` field so
the filter and facet queries have something to work on. Build: `python -m bench.raw_whoosh
CORPUS_FILE... INDEX_DIR` in a child process; prints JSON.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from whoosh import index, sorting
from whoosh import query as wq
from whoosh.fields import ID, KEYWORD, TEXT, Schema
from whoosh.qparser import MultifieldParser

from bench.documents import documents
from bench.queries import Query


def schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(stored=True),
        body=TEXT(stored=True),
        country=KEYWORD(stored=True, lowercase=True),
    )


def build(files: list[Path], directory: Path) -> dict[str, float]:
    """Index the corpus; time covers add + commit, not reading the JSON."""
    docs = list(documents(files))
    directory.mkdir(parents=True, exist_ok=True)
    ix = index.create_in(str(directory), schema())
    started = time.perf_counter()
    writer = ix.writer()
    for doc in docs:
        country = " ".join(doc.countries).lower()
        writer.add_document(id=str(doc.number), title=doc.title, body=doc.body, country=country)
    writer.commit()
    seconds = time.perf_counter() - started
    ix.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"articles": len(docs), "total_s": seconds, "peak_rss_mib": peak}


class RawWhoosh:
    """One searcher kept open for the whole run, as any sane Whoosh program does."""

    name = "raw Whoosh"

    def __init__(self, directory: Path) -> None:
        self.ix = index.open_dir(str(directory))
        self.searcher = self.ix.searcher()
        self.parser = MultifieldParser(["title", "body"], self.ix.schema)

    def search(self, query: Query) -> int:
        text = f'"{" ".join(query.words)}"' if query.kind == "phrase" else " ".join(query.words)
        q = self.parser.parse(text)
        options: dict[str, object] = {"limit": 10}
        if query.country:
            options["filter"] = wq.Term("country", query.country.lower())
        if query.kind == "facets":
            options["groupedby"] = sorting.FieldFacet(
                "country", allow_overlap=True, maptype=sorting.Count
            )
        results = self.searcher.search(q, **options)
        titles = [hit["title"] for hit in results]
        if query.kind == "highlights":
            titles += [hit.highlights("body") for hit in results]
        if query.kind == "facets":
            titles += [str(results.groups())]
        return len(titles)

    def close(self) -> None:
        self.searcher.close()
        self.ix.close()


if __name__ == "__main__":
    *corpus, target = sys.argv[1:]
    print(json.dumps(build([Path(p) for p in corpus], Path(target))))
