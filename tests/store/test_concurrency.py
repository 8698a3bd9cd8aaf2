"""Several replicas and CLIs on one store at once: they queue, never fail or duplicate."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from api.settings import Settings
from store import migrate, queries
from store.database import Store
from store.records import ArticleFilter
from store.tables import metadata
from tests.conftest import SAMPLE, ingest
from tests.replicas import processes
from tests.store.test_store import draft

T = TypeVar("T")
RACERS = 4


def all_at_once(task: Callable[[], T], n: int = RACERS) -> list[T]:
    """Run `task` in n threads released together by a barrier, so they really overlap."""
    barrier = threading.Barrier(n)

    def raced() -> T:
        barrier.wait(timeout=30)
        return task()

    with ThreadPoolExecutor(n) as pool:
        return [f.result(timeout=120) for f in [pool.submit(raced) for _ in range(n)]]


def test_replicas_migrating_a_fresh_database_at_once_all_succeed(fresh_url: str) -> None:
    def open_and_close() -> None:
        Store.open(fresh_url).close()

    all_at_once(open_and_close)
    store = Store.open(fresh_url, migrate_schema=False)
    try:
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        with store.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), metadata) == []
            assert conn.exec_driver_sql("SELECT count(*) FROM alembic_version").scalar() == 1
            assert conn.exec_driver_sql("SELECT count(*) FROM store_state").scalar() == 1
        assert store.revision() == 0
    finally:
        store.close()


def test_writers_racing_on_one_slug_queue_instead_of_failing(settings: Settings) -> None:
    """Without a writer lock, PostgreSQL lets both SELECTs miss and one INSERT then fails."""

    def write_once() -> tuple[str, int | None]:
        store = Store.open(settings.store_url)
        try:
            with store.write() as w:
                for code, name in (("KZ", "Kazakhstan"), ("AF", "Afghanistan")):
                    w.ensure_country(code, name)
                return w.upsert_article(draft(), ("aidar-borangaziev",)), w.revision
        finally:
            store.close()

    outcomes = all_at_once(write_once)
    assert sorted(outcomes, key=str) == [("added", 1)] + [("unchanged", None)] * (RACERS - 1)
    store = Store.open(settings.store_url)
    try:
        assert store.revision() == 1
        with store.read() as conn:
            assert queries.count_articles(conn, ArticleFilter()) == 1
    finally:
        store.close()


def test_two_ingest_processes_at_once_load_everything_exactly_once(
    settings: Settings, tmp_path: Path
) -> None:
    """Two machines: one shared store, an index folder each."""
    Store.open(settings.store_url).close()  # both start on a migrated store, as in production
    machines = [Settings(data_dir=tmp_path / n, database_url=settings.store_url) for n in "ab"]
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    runs = [
        processes.start(each, "ingest", SAMPLE, log=log)
        for each, log in zip(machines, logs, strict=True)
    ]
    try:
        codes = [run.wait(timeout=300) for run in runs]
    finally:
        for run in runs:
            processes.stop(run)
    assert codes == [0, 0], [log.read_text() for log in logs]
    store = Store.open(settings.store_url)
    try:
        revision = store.revision()
        with store.read() as conn:
            assert queries.count_articles(conn, ArticleFilter()) == 49
    finally:
        store.close()
    assert all(r.error is None for r in ingest(settings, SAMPLE))
    again = Store.open(settings.store_url)
    assert again.revision() == revision  # nothing was left to add
    again.close()
