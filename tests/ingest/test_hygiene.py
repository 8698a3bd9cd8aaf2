"""Ingest hygiene: odd characters cleaned or refused with file and line, sizes bounded, and
one bad file never stops the others of a run."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from ingest.hygiene import IngestLimits, clean_text, find_bad_character
from ingest.pipeline import read_file
from tests.conftest import SEED_PAGE, ingest
from tests.ingest.test_pipeline import linked


def article(title: str, body: str = "Water flows in Kazakhstan.", **extra: object) -> str:
    record = {"title": title, "body": body, "published": "2025-12-01", **extra}
    return json.dumps(record)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_escaped_surrogate_refuses_its_file_and_the_next_files_still_load(
    settings: Settings, tmp_path: Path
) -> None:
    bad = write(tmp_path, "a-bad.jsonl", article("Good One") + "\n" + article("Broken \ud800"))
    good = write(tmp_path, "b-good.jsonl", article("Later Article"))
    results = ingest(settings, bad, good)
    assert results[0].error is not None
    assert str(results[0].error) == f"{bad}:2: damaged text: U+D800 (a lone surrogate)"
    assert results[1].error is None
    assert list(linked(settings)) == ["Later Article"]


def test_a_nul_in_a_title_never_reaches_the_store_and_feeds_stay_valid_xml(
    settings: Settings, tmp_path: Path
) -> None:
    path = write(tmp_path, "nul.jsonl", article("Dams\x00 on the\x0b Syr Darya\x1f"))
    assert [r.error for r in ingest(settings, path)] == [None]
    assert list(linked(settings)) == ["Dams on the Syr Darya"]
    with TestClient(create_app(settings)) as client:
        feed = client.get("/feeds/latest.atom")
    titles = [
        e.text for e in ET.fromstring(feed.content).iter("{http://www.w3.org/2005/Atom}title")
    ]
    assert "Dams on the Syr Darya" in titles


def test_controls_in_a_digest_page_are_cleaned_before_the_reader(tmp_path: Path) -> None:
    text = SEED_PAGE.read_text(encoding="utf-8").replace("Turkmenistan to", "Turkmenistan\x0bto", 1)
    page = read_file(write(tmp_path, "page.txt", text.replace("\n\n", "\n\x07\n", 3)))
    assert "Turkmenistan to Ditch Forced Labor in Cotton Harvesting" in [
        a.title for a in page.articles
    ]
    assert all(find_bad_character(b.text) is None for a in page.articles for b in a.blocks)


def test_a_non_character_in_a_digest_page_is_refused_with_its_line(tmp_path: Path) -> None:
    text = SEED_PAGE.read_text(encoding="utf-8")
    lines = text.split("\n")
    lines[9] += "\ufffe"
    path = write(tmp_path, "page.txt", "\n".join(lines))
    with pytest.raises(Exception, match=r"page\.txt:10: damaged text: U\+FFFE"):
        read_file(path)


def test_a_line_over_the_limit_is_refused_with_file_and_line(tmp_path: Path) -> None:
    text = SEED_PAGE.read_text(encoding="utf-8").split("\n")
    text.insert(12, "word " * 1000)
    path = write(tmp_path, "long.txt", "\n".join(text))
    limits = IngestLimits(max_line_bytes=4000)
    with pytest.raises(Exception, match=r"long\.txt:13: a line of 5000 bytes; the limit is 4000"):
        read_file(path, limits)


def test_an_article_over_the_limit_is_refused_with_file_and_line(
    settings: Settings, tmp_path: Path
) -> None:
    body = "\n\n".join(["A paragraph about water in Kazakhstan."] * 40)
    path = write(tmp_path, "big.jsonl", article("Small") + "\n" + article("Huge Article", body))
    with pytest.raises(
        Exception, match=r"big\.jsonl:2: the article 'Huge Article' has 1\d\d\d bytes"
    ):
        read_file(path, IngestLimits(max_article_bytes=1000))


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "any.jsonl", article("Small"))
    with pytest.raises(Exception, match=r"any\.jsonl: \d+ bytes; the limit is 10"):
        read_file(path, IngestLimits(max_file_bytes=10))


def test_an_unexpected_failure_while_storing_is_the_files_error_not_the_runs(
    settings: Settings, tmp_path: Path
) -> None:
    # A date the store cannot hold passes the reader's checks on some backends; whatever
    # the store raises, the run goes on.
    bad = write(tmp_path, "a.jsonl", article("Fine Title", authors=[{"name": "x" * 100_000}]))
    good = write(tmp_path, "b.jsonl", article("Still Loads"))
    results = ingest(settings, bad, good)
    if settings.database_url:  # PostgreSQL enforces VARCHAR(200); SQLite stores it
        assert "could not be stored" in str(results[0].error)
    assert results[1].error is None
    assert "Still Loads" in linked(settings)


def test_clean_text_keeps_ordinary_text_untouched() -> None:
    text = "Tab\tnew\nline\r\n, emoji 😀, Cyrillic Қазақстан, U+FFFD �"
    assert clean_text(text, "x") is text
