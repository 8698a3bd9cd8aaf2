"""`steppe ingest` while `steppe serve` runs on the same data: no traceback, data served."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from api.settings import Settings
from tests.conftest import SEED_PAGE, WIKINEWS, ingest
from tests.security.edge_servers import serving, steppe

QUERY = '{ search(text: "Wikinews OR Taliban") { totalCount } articles { totalCount } }'


def counts(url: str) -> dict[str, int]:
    data = httpx.post(f"{url}/graphql", json={"query": QUERY}, timeout=30).json()["data"]
    return {"search": data["search"]["totalCount"], "articles": data["articles"]["totalCount"]}


def test_ingest_next_to_a_live_server_leaves_indexing_to_it(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var")
    assert [r.error for r in ingest(settings, SEED_PAGE)] == [None]
    with serving(settings, tmp_path) as [url]:
        before = counts(url)
        result = steppe(settings, "ingest", str(WIKINEWS))
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr + result.stdout
        assert "A running server holds the search index" in result.stderr
        deadline = time.monotonic() + 60
        while counts(url)["articles"] == before["articles"] and time.monotonic() < deadline:
            time.sleep(0.3)
        after = counts(url)
        health = httpx.get(f"{url}/healthz", timeout=5).json()
        deadline = time.monotonic() + 60
        while health["index"]["lag"] and time.monotonic() < deadline:
            time.sleep(0.3)
            health = httpx.get(f"{url}/healthz", timeout=5).json()
        assert health["index"]["lag"] == 0
        assert after["articles"] == before["articles"] + 43
        assert counts(url)["search"] > before["search"]
    # With no server, the CLI indexes itself again.
    again = steppe(settings, "ingest", str(SEED_PAGE))
    assert again.returncode == 0 and "article(s) indexed" in again.stdout
