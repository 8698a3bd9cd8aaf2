"""Fixtures built by running the real ingest on the real sample pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from api.resources import open_index, open_store
from api.settings import Settings
from ingest.pipeline import FileResult, discover, ingest_file
from ingest.sync import catch_up

SAMPLE = Path(__file__).resolve().parents[1] / "sample"
SEED_PAGE = SAMPLE / "digest-2025-12-15.txt"
WIKINEWS = SAMPLE / "wikinews-gum" / "articles.jsonl"


def ingest(settings: Settings, *paths: Path) -> list[FileResult]:
    """What `steppe ingest` does, in-process: store first, then the index follows."""
    store = open_store(settings)
    index = open_index(settings)
    try:
        results = [ingest_file(store, p) for p in discover(paths)]
        catch_up(store, index)
        return results
    finally:
        index.close()
        store.close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """An empty store and index of one's own."""
    return Settings(data_dir=tmp_path / "var")


@pytest.fixture(scope="session")
def sample_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The bundled sample data, loaded once; tests must not write to it."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("sample") / "var")
    results = ingest(settings, SAMPLE)
    assert [r.error for r in results] == [None, None]
    return settings


@pytest.fixture(scope="session")
def client(sample_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(sample_settings)) as test_client:
        yield test_client


def graphql(
    client: TestClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    expect_errors: bool = False,
) -> dict[str, Any]:
    response = client.post("/graphql", json={"query": query, "variables": variables or {}})
    assert response.status_code == 200, response.text
    payload: dict[str, Any] = response.json()
    if not expect_errors:
        assert "errors" not in payload, payload.get("errors")
    return payload
