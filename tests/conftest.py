"""Fixtures built by running the real ingest on the real sample pages, on both stores.

Every test that asks for `settings`, `sample_settings` or `client` runs twice: on SQLite (the
zero-configuration default) and on PostgreSQL (a throwaway server started once per session, see
tests/pg_server.py). Where PostgreSQL is missing, those runs are reported as skipped with the
reason; the session summary prints how many PostgreSQL tests really ran.
"""

from __future__ import annotations

import contextlib
import json
import signal
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from api.resources import open_index, open_store
from api.settings import Settings
from ingest.pipeline import FileResult, discover, ingest_file
from ingest.sync import catch_up
from store.database import Store
from tests.pg_server import PostgresServer, PostgresUnavailableError

SAMPLE = Path(__file__).resolve().parents[1] / "sample"
SEED_PAGE = SAMPLE / "digest-2025-12-15.txt"
WIKINEWS = SAMPLE / "wikinews-gum" / "articles.jsonl"

BACKENDS = ("sqlite", pytest.param("postgresql", marks=pytest.mark.postgres))
# A migrated, empty database: CREATE DATABASE ... TEMPLATE copies it in milliseconds.
EMPTY_TEMPLATE = "steppe_empty"


@contextlib.contextmanager
def serving_records(
    settings: Settings, name: str, records: list[dict[str, Any]]
) -> Iterator[TestClient]:
    """`records` as a JSON Lines file beside the store, ingested, and the real app over them
    with a budget no test reaches."""
    path = settings.data_dir.parent / name
    lines = (json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    path.write_text("".join(lines), encoding="utf-8")
    ingest(settings, path)
    unlimited = replace(settings, anonymous_points_per_minute=10**9)
    with TestClient(create_app(unlimited)) as test_client:
        yield test_client


def within_one_minute(needed_s: float = 20.0) -> None:
    """Wait, when the clock's minute has less than `needed_s` left, for the next one.

    Budgets are sliding-window counters over minutes aligned to the clock: as a minute begins,
    the previous one's points still count, scaled down by how far the new one has gone. So a
    test that counts points exactly (4, 3, 2, 1, 0 left) holds only when all its requests fall
    in one minute; without this, a run that crosses a boundary sees a point come back."""
    left = 60.0 - time.time() % 60.0
    if left < needed_s:
        time.sleep(left + 0.2)


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


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """The session's PostgreSQL server, started on first use and always stopped."""
    try:
        server = PostgresServer.start()
    except PostgresUnavailableError as exc:
        pytest.skip(f"PostgreSQL unavailable: {exc}")
    previous = signal.signal(signal.SIGTERM, _interrupt)  # a killed run still stops it
    try:
        server.create_database(name=EMPTY_TEMPLATE)
        Store.open(server.url(EMPTY_TEMPLATE)).close()
        yield server
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.stop()


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt  # pytest then runs every fixture's teardown


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """ "sqlite" or "postgresql": the store every fixture below builds on."""
    return str(request.param)


@pytest.fixture
def settings(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    """An empty store and index of one's own.

    STEPPE_DATABASE_URL is set to the same store for the test's duration, so a `steppe`
    subprocess given only STEPPE_DATA_DIR (or `Settings.from_env`) opens this store too.
    """
    data_dir = tmp_path / "var"
    if backend == "sqlite":
        monkeypatch.delenv("STEPPE_DATABASE_URL", raising=False)
        yield Settings(data_dir=data_dir)
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    name = server.copy_of(EMPTY_TEMPLATE)
    monkeypatch.setenv("STEPPE_DATABASE_URL", server.url(name))
    yield Settings(data_dir=data_dir, database_url=server.url(name))
    server.drop_database(name)


@pytest.fixture(scope="session")
def sample_settings(
    backend: str, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Settings:
    """The bundled sample data, loaded once per backend; tests must not write to it."""
    settings = Settings(data_dir=tmp_path_factory.mktemp(f"sample-{backend}") / "var")
    if backend == "postgresql":
        server: PostgresServer = request.getfixturevalue("postgres")
        name = server.copy_of(EMPTY_TEMPLATE)
        settings = Settings(data_dir=settings.data_dir, database_url=server.url(name))
    results = ingest(settings, SAMPLE)
    assert [r.error for r in results] == [None, None]
    return settings


@pytest.fixture(scope="session")
def client(sample_settings: Settings) -> Iterator[TestClient]:
    # One client makes every API test's requests: no rate limit should stop it midway.
    unlimited = replace(sample_settings, anonymous_points_per_minute=10**9)
    with TestClient(create_app(unlimited)) as test_client:
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


# --- the PostgreSQL count in the session summary ----------------------------------------------

_POSTGRES_OUTCOMES: Counter[str] = Counter()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if "postgres" not in report.keywords:
        return
    if report.when == "call":
        _POSTGRES_OUTCOMES["run"] += 1
        _POSTGRES_OUTCOMES[report.outcome] += 1
    elif report.skipped:
        _POSTGRES_OUTCOMES["skipped"] += 1
    elif report.failed:
        _POSTGRES_OUTCOMES["errors"] += 1


def pytest_terminal_summary(terminalreporter: Any) -> None:
    counts = _POSTGRES_OUTCOMES
    details = ", ".join(
        f"{counts[k]} {k}" for k in ("passed", "failed", "skipped", "errors") if counts[k]
    )
    line = f"PostgreSQL: {counts['run']} tests run" + (f" ({details})" if details else "")
    terminalreporter.write_sep("-", line, yellow=not counts["run"], green=bool(counts["run"]))
