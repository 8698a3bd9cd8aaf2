"""The performance harness (issue 6): Steppe beside its anchors, in one run.

`python -m bench` (or `make bench`) generates a corpus learned from `sample/`, loads it through
the real ingest, serves it with the real app, and measures ingest, search latency, GraphQL
throughput and memory next to raw Whoosh, SQLite FTS5 and a raw Starlette endpoint. Ratios
are what count: absolute times on shared 2-core machines drift from run to run.
"""
