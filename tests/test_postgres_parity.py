"""SQLite and PostgreSQL hold the same data the same way: same export bytes, same answers.

The PostgreSQL server's default collation is ICU English (see tests/pg_server.py), which sorts
"alpha" before "Zeta" and ignores hyphens; SQLite sorts by code point. Every list must still
come back in one order on both.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from ingest.export import export_lines
from store.database import Store
from tests.conftest import EMPTY_TEMPLATE, SAMPLE, graphql, ingest
from tests.pg_server import PostgresServer
from tests.replicas import processes

pytestmark = pytest.mark.postgres

# Names that sort differently under English collation than by code point.
TRICKY_ARTICLE = {
    "title": "Donors Meet in Nukus on the Aral Sea",
    "body": "Donors met in Nukus, Uzbekistan, to fund water projects for the Aral Sea.\n\n"
    "Kazakhstan and Uzbekistan presented a joint plan.",
    "published": "2025-12-17",
    "authors": [
        "zhanna Abenova",
        "Zhanar Beisen",
        "Émile Laurent",
        "Anna-Maria Kim",
        "Annabel Ott",
    ],
    "organizations": [
        {"slug": "a-z-fund", "name": "a-z Fund"},
        {"slug": "ab-fund", "name": "Ab Fund"},
        {"slug": "zeta-collective", "name": "Zeta Collective"},
        {"slug": "alpha-circle", "name": "alpha circle"},
    ],
}
TRICKY_RATES = [
    {"pair": "UZS/USD", "rate": "0.000080", "change_percent": "-0.50", "as_of": "2025-12-17"},
    {"pair": "KZT/USD", "rate": "0.00200", "change_percent": None, "as_of": "2025-12-17"},
]

LISTS = """{ authors { id slug name bio } organizations { id slug name acronym }
  countries { code name currency { code } } ticker { pair rate changePercent asOf } }"""
ARTICLES = """{ articles(first: 100, orderBy: OLDEST) { totalCount edges { cursor node {
  id slug title publishedOn wordCount lede authors { slug } countries { code }
  organizations { slug } } } } }"""
LOOKUPS = """{ organization(slug: "ILO") { name } country(code: "kz") { name }
  currency(code: "kzt") { history { rate changePercent asOf } }
  search(text: "Taliban OR water", first: 20) { totalCount edges { node { slug } }
  facets { countries { value count } organizations { value count } } } }"""


@pytest.fixture
def pg_settings(postgres: PostgresServer, tmp_path: Path) -> Iterator[Settings]:
    """An empty PostgreSQL store of its own, beside the SQLite one each test makes."""
    name = postgres.copy_of(EMPTY_TEMPLATE)
    yield Settings(data_dir=tmp_path / "pg", database_url=postgres.url(name))
    postgres.drop_database(name)


@pytest.fixture
def tricky_page(tmp_path: Path) -> Path:
    page = tmp_path / "tricky.jsonl"
    lines = [TRICKY_ARTICLE, *TRICKY_RATES]
    page.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return page


def export_text(settings: Settings) -> str:
    store = Store.open(settings.store_url)
    try:
        return "".join(export_lines(store))
    finally:
        store.close()


def answers(settings: Settings) -> list[dict[str, Any]]:
    with TestClient(create_app(settings)) as client:
        return [graphql(client, q)["data"] for q in (LISTS, ARTICLES, LOOKUPS)]


def test_the_same_pages_give_identical_exports_and_answers_on_both_stores(
    tmp_path: Path, pg_settings: Settings, tricky_page: Path
) -> None:
    lite = Settings(data_dir=tmp_path / "lite")
    for settings in (lite, pg_settings):
        assert [r.error for r in ingest(settings, SAMPLE, tricky_page)] == [None] * 3
    assert export_text(pg_settings) == export_text(lite)
    on_sqlite, on_postgresql = answers(lite), answers(pg_settings)
    assert on_postgresql == on_sqlite
    lists = on_sqlite[0]
    names = [(a["name"], a["slug"]) for a in lists["authors"]]
    assert names == sorted(names) and ("zhanna Abenova", "zhanna-abenova") in names
    organizations = [(o["name"], o["slug"]) for o in lists["organizations"]]
    assert organizations == sorted(organizations)
    assert on_sqlite[2]["organization"] == {"name": "International Labour Organization"}


def test_sqlite_export_ingested_into_postgresql_exports_the_same_bytes(
    tmp_path: Path, postgres: PostgresServer
) -> None:
    """The migration path for a newsroom that outgrows one machine, run as a user would."""
    lite = Settings(data_dir=tmp_path / "lite")
    names = [postgres.copy_of(EMPTY_TEMPLATE) for _ in range(2)]
    direct, migrated = (
        Settings(data_dir=tmp_path / n, database_url=postgres.url(n)) for n in names
    )
    try:
        for settings in (lite, direct):
            done = processes.run(settings, "ingest", SAMPLE)
            assert done.returncode == 0, done.stderr
        exported = tmp_path / "from-sqlite.jsonl"
        assert processes.run(lite, "export", "--output", exported).returncode == 0
        done = processes.run(migrated, "ingest", exported)
        assert done.returncode == 0, done.stderr
        assert "49 article(s) indexed" in done.stdout
        for settings in (direct, migrated):
            again = processes.run(settings, "export")
            assert again.returncode == 0, again.stderr
            assert again.stdout == exported.read_text(encoding="utf-8")
    finally:
        for name in names:
            postgres.drop_database(name)
