"""The physical-limit row: tantivy (Rust, via the `tantivy` package) on the same documents.

Bench only, never in the product. Set up the way its documentation does: title and body as
stored text fields with the `en_stem` tokenizer (the stemming the other engines do), default
BM25 over both through `parse_query`, top 10 with stored titles, `SnippetGenerator` for
highlights, and the country codes as a multi-valued `raw` fast field, which the filter matches
as a required term and the facet counts with a `terms` aggregation.
Build: `python -m bench.tantivy_engine CORPUS_FILE... INDEX_DIR` in a child process; prints JSON.
"""

from __future__ import annotations

import json
import resource
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import tantivy

from bench.documents import documents
from bench.queries import Query

_FIELDS = ["title", "body"]


def schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("title", stored=True, tokenizer_name="en_stem")
    builder.add_text_field("body", stored=True, tokenizer_name="en_stem")
    builder.add_text_field("country", stored=True, fast=True, tokenizer_name="raw")
    return builder.build()


def build(files: list[Path], directory: Path) -> dict[str, float]:
    """Index the corpus; time covers add + commit + merging, not reading the JSON."""
    docs = list(documents(files))
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    ix = tantivy.Index(schema(), path=str(directory))
    started = time.perf_counter()
    writer = ix.writer(heap_size=256_000_000)
    for doc in docs:
        writer.add_document(
            tantivy.Document(title=doc.title, body=doc.body, country=list(doc.countries))
        )
    writer.commit()
    writer.wait_merging_threads()
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"articles": len(docs), "total_s": seconds, "peak_rss_mib": peak}


def text(query: Query) -> str:
    """tantivy's query language: a phrase quoted, words required (the mix ANDs words)."""
    if query.kind == "phrase":
        return '"' + " ".join(query.words) + '"'
    return " ".join(f"+{word}" for word in query.words)


class Tantivy:
    name = "tantivy"

    def __init__(self, directory: Path) -> None:
        self.ix = tantivy.Index.open(str(directory))
        self.ix.reload()
        self.searcher = self.ix.searcher()
        self.schema = self.ix.schema

    def search(self, query: Query) -> int:
        parsed = self.ix.parse_query(text(query), _FIELDS)
        if query.country:
            country = tantivy.Query.term_query(self.schema, "country", query.country)
            parsed = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, parsed), (tantivy.Occur.Must, country)]
            )
        found = self.searcher.search(parsed, 10)
        hits = [self.searcher.doc(address) for _, address in found.hits]
        titles: list[Any] = [hit["title"][0] for hit in hits]
        if query.kind == "highlights":
            snippets = tantivy.SnippetGenerator.create(self.searcher, parsed, self.schema, "body")
            titles += [snippets.snippet_from_doc(hit).to_html() for hit in hits]
        if query.kind == "facets":
            counts = self.searcher.aggregate(
                parsed, {"countries": {"terms": {"field": "country", "size": 10}}}
            )
            titles.append(counts["countries"]["buckets"])
        return len(titles)

    def close(self) -> None:
        del self.searcher


if __name__ == "__main__":
    *corpus, target = sys.argv[1:]
    print(json.dumps(build([Path(p) for p in corpus], Path(target))))
