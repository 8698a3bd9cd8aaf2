"""The whole ingest path against a real store and index: files in, linked rows and hits out."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from api.resources import open_index, open_store
from api.settings import Settings
from index import SearchIndex, SearchRequest
from ingest.export import export_lines
from ingest.sync import catch_up, rebuild
from store import queries, rates
from store.records import ArticleFilter, LinkedArticle
from tests.conftest import SAMPLE, SEED_PAGE, WIKINEWS, ingest

SEED_TITLES = [
    "Central Asia – EU Political and Security Cooperation",
    "Central Asia Asks: Are Afghanistan’s Taliban Government Terrorists?",
    "Turkmenistan to Ditch Forced Labor in Cotton Harvesting",
    "Kazakhstan’s President Tokayev Foresees a Bigger Role for Middle Powers in Solving the "
    "World’s Problems",
    "Peace for Women and Children Returning from Syria to Tajikistan",
    "Protecting Women and Children Helps Preserve, Not Contradict, Traditional Family Values in "
    "Kazakhstan",
]


def linked(settings: Settings) -> dict[str, LinkedArticle]:
    store = open_store(settings)
    try:
        with store.read() as conn:
            return {x.article.title: x for x in queries.linked_articles(conn)}
    finally:
        store.close()


def export_text(settings: Settings) -> str:
    store = open_store(settings)
    try:
        return "".join(export_lines(store))
    finally:
        store.close()


def test_seed_page_gives_six_articles_and_five_rates(settings: Settings) -> None:
    [result] = ingest(settings, SEED_PAGE)
    assert result.error is None
    articles = linked(settings)
    assert sorted(articles) == sorted(SEED_TITLES)
    assert {x.article.published_on for x in articles.values()} == {date(2025, 12, 15)}
    store = open_store(settings)
    with store.read() as conn:
        ticker = [
            (r.pair, str(r.rate), str(r.change_percent), r.as_of) for r in rates.ticker(conn, "USD")
        ]
    store.close()
    day = date(2025, 12, 15)
    assert ticker == [
        ("KGS/USD", "0.01144", "0", day),
        ("KZT/USD", "0.00194", "0", day),
        ("TJS/USD", "0.10879", "-0.18", day),
        ("TMT/USD", "0.28490", "0", day),
        ("UZS/USD", "0.00008", "0", day),
    ]


def test_bio_becomes_the_author_and_leaves_the_body(settings: Settings) -> None:
    ingest(settings, SEED_PAGE)
    taliban = linked(settings)[SEED_TITLES[1]]
    [author] = taliban.authors
    assert author.name == "Aidar Borangaziev"
    assert author.bio is not None and author.bio.startswith("Aidar Borangaziev is a Kazakhstani")
    assert "Borangaziev" not in taliban.article.text.body
    last = linked(settings)[SEED_TITLES[5]]
    assert last.article.text.subheadings == (
        "Regulatory actions",
        "Promoting a values-based society",
        "The future",
    )
    assert not linked(settings)[SEED_TITLES[0]].authors


def test_seed_articles_link_the_countries_and_organizations_a_reader_expects(
    settings: Settings,
) -> None:
    ingest(settings, SEED_PAGE)
    articles = linked(settings)

    def links(title: str) -> tuple[set[str], set[str]]:
        x = articles[title]
        return {c.code for c in x.countries}, {o.slug for o in x.organizations}

    eu_countries, eu_orgs = links(SEED_TITLES[0])
    assert {"KZ", "KG", "TJ", "TM", "UZ", "AF"} <= eu_countries
    assert {"eu", "eeas", "ifas"} <= eu_orgs
    turkmen_countries, turkmen_orgs = links(SEED_TITLES[2])
    assert turkmen_countries == {"TM"}
    assert {"ilo", "ministry-of-labor-and-social-security", "ombudsman-institute"} <= turkmen_orgs
    taliban_countries, taliban_orgs = links(SEED_TITLES[1])
    assert {"KZ", "AF", "RU"} <= taliban_countries and {"csto", "un", "nato"} <= taliban_orgs
    assert articles[SEED_TITLES[1]].countries[0].code == "KZ"  # most-mentioned first


def test_ingesting_everything_twice_changes_nothing(settings: Settings) -> None:
    first = ingest(settings, SAMPLE)
    assert [r.summary.articles["added"] for r in first] == [6, 43]
    before = (export_text(settings), open_store(settings).revision())
    second = ingest(settings, SAMPLE)
    assert [r.summary.articles for r in second] == [
        {"added": 0, "updated": 0, "unchanged": 6},
        {"added": 0, "updated": 0, "unchanged": 43},
    ]
    assert (export_text(settings), open_store(settings).revision()) == before


def test_an_edited_article_is_updated_in_place(settings: Settings, tmp_path: Path) -> None:
    ingest(settings, SEED_PAGE)
    edited = tmp_path / SEED_PAGE.name
    edited.write_text(SEED_PAGE.read_text().replace("11th round", "eleventh round"))
    [result] = ingest(settings, edited)
    assert result.summary.articles == {"added": 0, "updated": 1, "unchanged": 5}
    assert len(linked(settings)) == 6


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "broken.jsonl",
            b'{"title": "A", "body": "B", "published": "2025-01-01"}\n{"title": ',
            "broken.jsonl:2: not valid JSON",
        ),
        ("binary.txt", b"15 December 2025\n\nA Headline\n\x00\x01\x02", "binary.txt:4: binary"),
        ("empty.txt", b"", "empty.txt: the page is empty"),
        (
            "latin1.txt",
            "15 December 2025\n\nCaf\xe9 Headline\n".encode("latin-1"),
            "latin1.txt:3: not UTF-8",
        ),
    ],
)
def test_unreadable_file_names_file_and_line_and_stores_nothing(
    settings: Settings, tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    results = ingest(settings, bad, SEED_PAGE)
    assert results[0].error is not None and expected in str(results[0].error)
    assert results[1].error is None
    assert sorted(linked(settings)) == sorted(SEED_TITLES)


def test_wikinews_file_gives_43_articles_without_authors(settings: Settings) -> None:
    ingest(settings, WIKINEWS)
    articles = linked(settings)
    assert len(articles) == 43
    assert not any(x.authors for x in articles.values())
    assert all(x.article.source.startswith("https://en.wikinews.org/") for x in articles.values())


def test_export_then_ingest_into_an_empty_store_exports_the_same_bytes(
    settings: Settings, tmp_path: Path
) -> None:
    ingest(settings, SAMPLE)
    exported = tmp_path / "export.jsonl"
    exported.write_text(export_text(settings), encoding="utf-8")
    again = Settings(data_dir=tmp_path / "again")
    assert [r.error for r in ingest(again, exported)] == [None]
    assert export_text(again) == exported.read_text(encoding="utf-8")


def test_index_catches_up_after_a_crash_between_store_and_index_commits(
    settings: Settings, tmp_path: Path
) -> None:
    ingest(settings, WIKINEWS)
    # A real process stores the seed page, then dies before the index hears of it.
    crash = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from api.resources import open_store\n"
        "from api.settings import Settings\n"
        "from ingest.pipeline import ingest_file\n"
        "settings = Settings(data_dir=Path(sys.argv[1]), database_url=sys.argv[3])\n"
        "assert ingest_file(open_store(settings), Path(sys.argv[2])).error is None\n"
        "os._exit(3)\n"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            crash,
            str(settings.data_dir),
            str(SEED_PAGE),
            settings.database_url,
        ],
        check=False,
        timeout=120,
    )
    assert done.returncode == 3
    index = open_index(settings)
    try:
        assert (
            index.search(SearchRequest(text="Taliban")).total_count == 1
        )  # not yet: Wikinews only
        assert catch_up(open_store(settings), index) == 6
        hits = index.search(SearchRequest(text="Taliban")).hits
        assert hits[0].slug == "central-asia-asks-are-afghanistans-taliban-government-terrorists"
    finally:
        index.close()


def test_reindex_gives_the_same_results_as_incremental_ingest(settings: Settings) -> None:
    ingest(settings, SEED_PAGE)
    ingest(settings, WIKINEWS)
    texts = ("the", "Taliban OR water", '"forced labor"', "Tokayev")
    requests = [
        SearchRequest(text=t, order=o, first=50, want_facets=True)
        for t in texts
        for o in ("RELEVANCE", "NEWEST")
    ]

    def results(index: SearchIndex) -> list[tuple[object, ...]]:
        # BM25 scores of near-ties on a stop word may swap with segment layout; which articles
        # match, the date orders, the top hit and the facets may not.
        pages = [index.search(r) for r in requests]
        return [
            (
                sorted(h.article_id for h in p.hits),
                [h.article_id for h in p.hits] if r.order == "NEWEST" else p.hits[0].article_id,
                p.total_count,
                p.facets,
            )
            for r, p in zip(requests, pages, strict=True)
        ]

    index = open_index(settings)
    try:
        before = results(index)
        assert rebuild(open_store(settings), index) == 49
        assert results(index) == before
    finally:
        index.close()


def test_filtered_counts_in_store_match_linking(settings: Settings) -> None:
    ingest(settings, SEED_PAGE)
    store = open_store(settings)
    with store.read() as conn:
        assert queries.count_articles(conn, ArticleFilter(countries=("TM",))) >= 1
        assert queries.count_articles(conn, ArticleFilter(organizations=("ILO",))) == 1
    store.close()
