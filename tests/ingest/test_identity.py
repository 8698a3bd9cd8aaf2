"""No silent overwrites: which slug an incoming article takes, on both stores.

An article is the same as a stored one only when its title and date match; anything else
that wants a taken slug is a different article with a slug of its own and a warning.
"""

from __future__ import annotations

import json
from pathlib import Path

from api.resources import open_store
from api.settings import Settings
from ingest.export import export_lines
from ingest.pipeline import FileResult, ingest_file
from store import queries
from store.writes import ArticleNote
from tests.conftest import ingest

DATA = Path(__file__).parents[1] / "data" / "identity"


def load(settings: Settings, *paths: Path) -> list[FileResult]:
    """Store only (the index is not what these tests are about)."""
    store = open_store(settings)
    try:
        return [ingest_file(store, path) for path in paths]
    finally:
        store.close()


def state(settings: Settings) -> tuple[str, int]:
    """Everything a reader can see, and the store revision."""
    store = open_store(settings)
    try:
        return "".join(export_lines(store)), store.revision()
    finally:
        store.close()


def slugs(settings: Settings) -> dict[str, str]:
    store = open_store(settings)
    try:
        with store.read() as conn:
            return {x.article.title: x.article.slug for x in queries.linked_articles(conn)}
    finally:
        store.close()


def page(tmp_path: Path, name: str, day: str, *articles: tuple[str, str]) -> Path:
    """A digest page of `day` with (headline, paragraph) articles."""
    text = "\n\n".join(f"{title}\n\n{body}" for title, body in articles)
    path = tmp_path / name
    path.write_text(f"• KZT/USD = 0.00194 0%\n\n{day}\n\n{text}\n", encoding="utf-8")
    return path


def notes(results: list[FileResult]) -> list[ArticleNote]:
    return [note for result in results for note in result.summary.notes]


def test_cyrillic_titles_sharing_a_latin_prefix_are_two_articles(settings: Settings) -> None:
    results = ingest(settings, DATA / "qazaqstan.jsonl", DATA / "qazaqstan-page.txt")
    assert [r.error for r in results] == [None, None]
    assert slugs(settings) == {
        "Qazaqstan: Ақорда заявила…": "qazaqstan-aqorda-zayavila",
        "Qazaqstan: Тенге упал": "qazaqstan-tenge-upal",
        "Qazaqstan: Ақорда Заявила Реформы": "qazaqstan-aqorda-zayavila-reformy",
        "Qazaqstan: Тенге Упал": "qazaqstan-tenge-upal-2026-03-24",
    }
    assert [n.kind for n in notes(results)] == ["distinct"]
    before = state(settings)
    again = ingest(settings, DATA / "qazaqstan-page.txt", DATA / "qazaqstan.jsonl")
    assert [r.summary.articles for r in again] == [{"added": 0, "updated": 0, "unchanged": 2}] * 2
    assert notes(again) == []
    assert state(settings) == before


def test_same_title_and_date_in_another_file_is_an_update_reported_with_its_file(
    settings: Settings, tmp_path: Path
) -> None:
    first = page(tmp_path, "monday.txt", "24 March 2026", ("Tenge Falls Again", "It fell."))
    second = page(tmp_path, "late.txt", "24 March 2026", ("Tenge Falls Again", "It fell 2%."))
    results = load(settings, first, second)
    assert results[1].summary.articles == {"added": 0, "updated": 1, "unchanged": 0}
    [note] = notes(results)
    assert (note.kind, note.slug, note.source) == ("updated", "tenge-falls-again", "late.txt")
    assert "was from monday.txt" in note.message
    assert slugs(settings) == {"Tenge Falls Again": "tenge-falls-again"}


def test_same_title_on_another_date_is_a_different_article_with_a_dated_slug(
    settings: Settings, tmp_path: Path
) -> None:
    march = page(tmp_path, "march.txt", "24 March 2026", ("Market Watch", "Tenge fell."))
    april = page(tmp_path, "april.txt", "2 April 2026", ("Market Watch", "Tenge rose."))
    results = load(settings, march, april)
    assert [r.summary.articles["added"] for r in results] == [1, 1]
    [warning] = notes(results)
    assert (warning.kind, warning.slug, warning.source) == (
        "distinct",
        "market-watch-2026-04-02",
        "april.txt",
    )
    assert "'Market Watch' (2026-03-24), which holds the slug 'market-watch'" in warning.message
    before = state(settings)
    assert [r.summary.articles["unchanged"] for r in load(settings, april, march)] == [1, 1]
    assert state(settings) == before


def test_the_dated_slug_does_not_depend_on_how_many_came_before(
    settings: Settings, tmp_path: Path
) -> None:
    days = ["24 March 2026", "2 April 2026", "9 April 2026"]
    pages = [
        page(tmp_path, f"{n}.txt", d, ("Market Watch", f"Day {n}.")) for n, d in enumerate(days)
    ]
    load(settings, pages[0], pages[2], pages[1])
    export = [json.loads(line) for line in state(settings)[0].splitlines()]
    assert {r["published"]: r["slug"] for r in export if r["type"] == "article"} == {
        "2026-03-24": "market-watch",
        "2026-04-02": "market-watch-2026-04-02",
        "2026-04-09": "market-watch-2026-04-09",
    }


def test_different_titles_of_one_date_and_one_slug_are_numbered(
    settings: Settings, tmp_path: Path
) -> None:
    titles = ["Tenge Falls", "Tenge, Falls", "Tenge: Falls"]
    path = page(tmp_path, "p.txt", "24 March 2026", *((t, f"Text of {t}.") for t in titles))
    [result] = load(settings, path)
    assert result.error is None
    assert slugs(settings) == {
        "Tenge Falls": "tenge-falls",
        "Tenge, Falls": "tenge-falls-2026-03-24",
        "Tenge: Falls": "tenge-falls-2026-03-24-2",
    }
    before = state(settings)
    load(settings, path)
    assert state(settings) == before


def test_two_articles_of_one_title_on_a_page_are_both_kept(
    settings: Settings, tmp_path: Path
) -> None:
    path = page(
        tmp_path,
        "p.txt",
        "24 March 2026",
        ("In Brief Today", "Kazakhstan raised rates."),
        ("In Brief Today", "Uzbekistan cut them."),
    )
    [result] = load(settings, path)
    assert result.summary.articles["added"] == 2
    export = [json.loads(line) for line in state(settings)[0].splitlines()]
    bodies = {r["slug"]: r["body"] for r in export if r["type"] == "article"}
    assert bodies == {
        "in-brief-today": "Kazakhstan raised rates.",
        "in-brief-today-2026-03-24": "Uzbekistan cut them.",
    }
    before = state(settings)
    assert load(settings, path)[0].summary.articles["unchanged"] == 2
    assert state(settings) == before


def test_an_article_printed_twice_on_a_page_is_stored_once(
    settings: Settings, tmp_path: Path
) -> None:
    article = ("Tenge Falls Again", "It fell.")
    [result] = load(settings, page(tmp_path, "p.txt", "24 March 2026", article, article))
    assert result.summary.articles["added"] == 1
    assert [(n.kind, n.slug) for n in result.summary.notes] == [("repeated", "tenge-falls-again")]


def test_an_article_stored_under_an_old_slug_keeps_it(settings: Settings, tmp_path: Path) -> None:
    """Before transliteration `Qazaqstan: Тенге упал` was stored as `qazaqstan`; the same
    article read again updates that row instead of appearing twice."""
    old = tmp_path / "old.jsonl"
    record = {"slug": "qazaqstan", "title": "Qazaqstan: Тенге упал", "published": "2026-03-24"}
    old.write_text(json.dumps(record | {"body": "Курс тенге снизился."}) + "\n", encoding="utf-8")
    load(settings, old, DATA / "qazaqstan.jsonl")
    assert slugs(settings) == {
        "Qazaqstan: Тенге упал": "qazaqstan",
        "Qazaqstan: Ақорда заявила…": "qazaqstan-aqorda-zayavila",
    }


def test_a_record_naming_a_slug_corrects_that_article(settings: Settings, tmp_path: Path) -> None:
    load(settings, page(tmp_path, "p.txt", "24 March 2026", ("Tenge Falls Again", "It fell.")))
    fix = tmp_path / "fix.jsonl"
    record = {"slug": "tenge-falls-again", "title": "Tenge Rises", "published": "2026-03-24"}
    fix.write_text(json.dumps(record | {"body": "It rose."}) + "\n", encoding="utf-8")
    [result] = load(settings, fix)
    [note] = result.summary.notes
    assert (note.kind, note.slug) == ("updated", "tenge-falls-again")
    assert "title was 'Tenge Falls Again'" in note.message
    assert slugs(settings) == {"Tenge Rises": "tenge-falls-again"}


def test_two_records_naming_one_slug_refuse_the_file(settings: Settings, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    records = [
        {"slug": "s", "title": "One", "published": "2026-03-24", "body": "A."},
        {"slug": "s", "title": "Two", "published": "2026-03-24", "body": "B."},
    ]
    bad.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    [result] = load(settings, bad)
    assert result.error is not None and "two different articles name the slug 's'" in str(
        result.error
    )
    assert slugs(settings) == {}


def test_a_record_naming_a_slug_another_record_of_the_file_took_is_refused(
    settings: Settings, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.jsonl"
    records = [
        {"title": "Tenge Falls", "published": "2026-03-24", "body": "A."},
        {"slug": "tenge-falls", "title": "Tenge Rises", "published": "2026-03-24", "body": "B."},
    ]
    bad.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    [result] = load(settings, bad)
    assert result.error is not None and "'tenge-falls'" in str(result.error)
    assert slugs(settings) == {}


def test_an_untitled_slug_after_a_named_one_gets_its_own(
    settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "two.jsonl"
    records = [
        {"slug": "tenge-falls", "title": "Tenge Rises", "published": "2026-03-24", "body": "B."},
        {"title": "Tenge Falls", "published": "2026-03-24", "body": "A."},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    [result] = load(settings, path)
    assert slugs(settings) == {
        "Tenge Rises": "tenge-falls",
        "Tenge Falls": "tenge-falls-2026-03-24",
    }
    assert [n.kind for n in result.summary.notes] == ["distinct"]


def test_an_acronym_defined_in_one_file_links_bare_in_later_ones(
    settings: Settings, tmp_path: Path
) -> None:
    defines = page(
        tmp_path,
        "a.txt",
        "24 March 2026",
        ("Water Fund Opens", "The Open Water Fund (OWF) opened in Almaty."),
        ("Farmers Wait", "Farmers say the OWF is slow."),
    )
    uses = page(tmp_path, "b.txt", "25 March 2026", ("Loans Flow", "The OWF lent more."))
    load(settings, defines, uses)
    export = [json.loads(line) for line in state(settings)[0].splitlines()]
    linked = {r["title"]: [o["slug"] for o in r["organizations"]] for r in export if "title" in r}
    assert linked == {"Water Fund Opens": ["owf"], "Farmers Wait": ["owf"], "Loans Flow": ["owf"]}
