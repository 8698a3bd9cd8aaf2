"""Corrections: a changed paragraph re-ingested is recorded (updatedAt, revisions, the feed's
<updated>), and a `Correction:` line is kept as a correction note, not a body paragraph."""

from __future__ import annotations

from pathlib import Path

import feedparser
from starlette.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from ingest.digest import read_digest
from tests.conftest import SEED_PAGE, graphql, ingest

TITLE = "Turkmenistan to Ditch Forced Labor in Cotton Harvesting"
NOTE = "Correction: An earlier version of this article gave the wrong year for the roadmap."
ANCHOR = "means whereby complaints of coercion can be anonymously filed"

ARTICLE = """
query($slug: String!) {
  article(slug: $slug) {
    updatedAt corrections paragraphs body
    revisions { at source changedFields }
  }
}
"""


def corrected_page(folder: Path) -> Path:
    """The seed page with one paragraph reworded and a correction note, under its own name."""
    lines = SEED_PAGE.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if ANCHOR in line)
    lines[at + 1 : at + 1] = ["", NOTE]
    text = "\n".join(lines) + "\n"
    assert "significant progress will be made" in text
    text = text.replace("significant progress will be made", "real progress will be made")
    folder.mkdir()
    page = folder / SEED_PAGE.name
    page.write_text(text, encoding="utf-8")
    return page


def test_a_correction_shows_in_updated_at_revisions_and_the_feed(
    settings: Settings, tmp_path: Path
) -> None:
    assert [r.error for r in ingest(settings, SEED_PAGE)] == [None]
    with TestClient(create_app(settings)) as client:
        slug = next(
            e["node"]["slug"]
            for e in graphql(client, "{ articles { edges { node { slug title } } } }")["data"][
                "articles"
            ]["edges"]
            if e["node"]["title"] == TITLE
        )
        before = graphql(client, ARTICLE, {"slug": slug})["data"]["article"]
        assert (before["updatedAt"], before["revisions"], before["corrections"]) == (None, [], [])
    page = corrected_page(tmp_path / "corrected")
    [result] = ingest(settings, page)
    assert result.error is None and result.summary.articles["updated"] == 1
    assert ingest(settings, page)[0].summary.articles["updated"] == 0  # idempotent
    with TestClient(create_app(settings)) as client:
        after = graphql(client, ARTICLE, {"slug": slug})["data"]["article"]
        feed = feedparser.parse(client.get("/feeds/latest.atom").content)
    assert after["updatedAt"] is not None
    assert after["revisions"] == [
        {
            "at": after["updatedAt"],
            "source": SEED_PAGE.name,
            "changedFields": ["body", "corrections"],
        }
    ]
    assert after["corrections"] == [NOTE]
    assert NOTE in after["body"]
    assert any("real progress" in p for p in after["paragraphs"])
    entry = next(e for e in feed.entries if e.title == TITLE)
    assert entry.updated == after["updatedAt"]
    assert entry.published.startswith("2025-12-15")
    assert feed.feed.updated == after["updatedAt"]  # the newest change of the feed
    untouched = [e for e in feed.entries if e.title != TITLE]
    assert all(e.updated == e.published for e in untouched)


def test_correction_and_clarification_lines_are_notes_not_paragraphs() -> None:
    page = read_digest(
        "15 December 2025\n\nSteppe Water Talks Resume in Almaty\n\n"
        "Officials from five countries met on Monday to discuss the shared rivers of the "
        "region and the summer's water quotas.\n\n"
        "Clarification: the talks were not held in Bishkek.\n\n"
        "CORRECTION: An earlier version named the wrong minister.\n",
        "talks.txt",
    )
    [article] = page.articles
    kinds = [(b.kind, b.text) for b in article.blocks]
    assert kinds == [
        (
            "paragraph",
            "Officials from five countries met on Monday to discuss the shared rivers of the "
            "region and the summer's water quotas.",
        ),
        ("correction", "Clarification: the talks were not held in Bishkek."),
        ("correction", "CORRECTION: An earlier version named the wrong minister."),
    ]
