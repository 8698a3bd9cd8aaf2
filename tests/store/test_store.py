from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from api.settings import Settings
from store import entities, queries, rates
from store.database import Store
from store.errors import StoreSchemaError
from store.records import (
    ArticleDraft,
    ArticleFilter,
    ArticleText,
    AuthorDraft,
    Block,
    CountryMention,
    OrganizationDraft,
    OrganizationMention,
    RateDraft,
)
from store.tables import metadata


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    """A migrated, empty store on each backend (see the `settings` fixture)."""
    opened = Store.open(settings.store_url)
    yield opened
    opened.close()


def draft(slug: str = "water-talks", title: str = "Water Talks", day: int = 1) -> ArticleDraft:
    return ArticleDraft(
        slug=slug,
        text=ArticleText(
            title,
            (Block("First paragraph."), Block("Next", "subheading"), Block("Second paragraph.")),
        ),
        published_on=date(2025, 12, day),
        source="page.txt",
        authors=(AuthorDraft("Aidar Borangaziev", "Aidar Borangaziev is a diplomat."),),
        countries=(CountryMention("KZ", 3), CountryMention("AF", 1)),
        organizations=(OrganizationMention(OrganizationDraft("un", "United Nations", "UN"), 2),),
    )


def write(store: Store, *drafts: ArticleDraft) -> tuple[list[str], int | None]:
    with store.write() as w:
        for code, name in (("KZ", "Kazakhstan"), ("AF", "Afghanistan")):
            w.ensure_country(code, name)
        outcomes = [w.upsert_article(d, ("aidar-borangaziev",)) for d in drafts]
        return outcomes, w.revision


def test_migrations_create_exactly_the_tables_queries_use(store: Store) -> None:
    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []


def test_sqlite_store_runs_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'steppe.db'}")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_writing_the_same_article_twice_changes_nothing(store: Store) -> None:
    assert write(store, draft()) == (["added"], 1)
    assert write(store, draft()) == (["unchanged"], None)
    assert store.revision() == 1


def test_edited_article_is_updated_in_place_with_a_new_revision(store: Store) -> None:
    write(store, draft())
    edited = replace(draft(), countries=(CountryMention("AF", 4),))
    assert write(store, edited) == (["updated"], 2)
    with store.read() as conn:
        article = queries.article_by_slug(conn, "water-talks")
        assert article is not None and article.revision == 2
        assert queries.count_articles(conn, ArticleFilter()) == 1
        assert [c.code for c in queries.countries_by_article(conn, [article.id])[article.id]] == [
            "AF"
        ]


def test_article_keeps_blocks_in_order_with_subheadings(store: Store) -> None:
    write(store, draft())
    with store.read() as conn:
        article = queries.article_by_slug(conn, "water-talks")
    assert article is not None
    assert article.text.subheadings == ("Next",)
    assert article.text.paragraphs == ("First paragraph.", "Second paragraph.")
    assert article.text.body == "First paragraph.\n\nNext\n\nSecond paragraph."


def test_rates_keep_the_published_decimal_text(store: Store) -> None:
    rate = RateDraft("TMT", "USD", Decimal("0.28490"), Decimal("-0.18"), date(2025, 12, 15))
    with store.write() as w:
        w.ensure_currency("TMT", "Turkmenistan New Manat", [])
        w.ensure_currency("USD", "US Dollar", [])
        assert w.upsert_rate(rate) == "added"
        assert w.upsert_rate(rate) == "unchanged"
    with store.read() as conn:
        [stored] = rates.ticker(conn, "USD")
    assert (str(stored.rate), str(stored.change_percent)) == ("0.28490", "-0.18")


def test_keyset_pages_do_not_repeat_when_articles_arrive_between_pages(store: Store) -> None:
    write(store, *(draft(f"a{i}", f"A{i}", day=1 + i % 3) for i in range(7)))
    seen: list[str] = []
    after = None
    with store.read() as conn:
        page, more = queries.list_articles(conn, ArticleFilter(), "NEWEST", 3, None)
    seen += [a.slug for a in page]
    write(store, draft("late", "Late", day=2))
    while more:
        last = page[-1]
        with store.read() as conn:
            after = queries.article_keys(conn, [last.id])[last.id]
            page, more = queries.list_articles(conn, ArticleFilter(), "NEWEST", 3, after)
        seen += [a.slug for a in page]
    old = [f"a{i}" for i in range(7)]
    assert sorted(s for s in seen if s in old) == sorted(old)
    assert len(seen) == len(set(seen))


def test_filter_fields_combine_with_and_values_with_or(store: Store) -> None:
    write(store, draft("a", "A"), replace(draft("b", "B"), countries=(CountryMention("AF", 1),)))
    with store.read() as conn:

        def count(**kw: object) -> int:
            return queries.count_articles(conn, ArticleFilter(**kw))  # type: ignore[arg-type]

        assert count(countries=("KZ",)) == 1
        assert count(countries=("KZ", "AF")) == 2
        assert count(countries=("AF",), organizations=("UN",)) == 2
        assert count(countries=("KZ",), authors=("nobody",)) == 0
        assert count(published_from=date(2025, 12, 1), published_to=date(2025, 12, 1)) == 2
        assert entities.organization_by_key(conn, "un") is not None


def test_a_database_from_newer_code_is_refused(store: Store) -> None:
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreSchemaError, match="9999"):
        Store.open(store.engine.url.render_as_string(hide_password=False))
