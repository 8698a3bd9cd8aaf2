"""Load corpus files the way `steppe ingest` does, timing the store and the index apart.

Runs in a child process (`python -m bench.load_steppe DATA_DIR FILE...`) so its peak RSS is
its own; prints one JSON object. Reading and parsing the files counts as ingest: it is part
of what a newsroom waits for. Rate files are loaded and timed apart from articles (they are
not articles, and are not indexed), so articles/s is store + index time of articles alone.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections import Counter
from pathlib import Path

from api.resources import open_index, open_store
from api.settings import Settings
from ingest.pipeline import ingest_file
from ingest.sync import catch_up
from store.database import Store


def load(data_dir: Path, files: list[Path]) -> dict[str, float]:
    settings = Settings(data_dir=data_dir)
    store = open_store(settings)
    index = open_index(settings)
    try:
        articles, store_s = _ingest(store, [p for p in files if p.name != "rates.jsonl"])
        started = time.perf_counter()
        indexed = catch_up(store, index)
        index_s = time.perf_counter() - started
        rates, rates_s = _ingest(store, [p for p in files if p.name == "rates.jsonl"])
    finally:
        index.close()
        store.close()
    return {
        "articles": articles["articles"],
        "indexed": indexed,
        "store_s": store_s,
        "index_s": index_s,
        "total_s": store_s + index_s,
        "rates": rates["rates"],
        "rates_s": rates_s,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _ingest(store: Store, files: list[Path]) -> tuple[Counter[str], float]:
    """Rows added by `ingest_file` over `files`, and the seconds it took."""
    added: Counter[str] = Counter()
    started = time.perf_counter()
    for path in files:
        result = ingest_file(store, path)
        if result.error is not None:
            raise SystemExit(f"ingest failed: {result.error}")
        added["articles"] += result.summary.articles["added"]
        added["rates"] += result.summary.rates["added"]
    return added, time.perf_counter() - started


if __name__ == "__main__":
    data, *paths = sys.argv[1:]
    print(json.dumps(load(Path(data), [Path(p) for p in paths])))
