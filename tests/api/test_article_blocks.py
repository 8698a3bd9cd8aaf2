"""Article structure reaches the front-end: `blocks` in reading order and `bodyHtml`."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from starlette.testclient import TestClient

from api.app import create_app
from api.resources import open_store
from api.settings import Settings
from ingest.export import export_lines
from tests.conftest import graphql, ingest

PAGES = Path(__file__).parents[1] / "data" / "pages"
LAST = "protecting-women-and-children-helps-preserve-not-contradict-traditional-family"
QUERY = """query ($slug: String!) {
  article(slug: $slug) { body subheadings paragraphs bodyHtml blocks { kind text } }
}"""


class Outline(HTMLParser):
    """The element names and texts of an HTML fragment, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[str, str]] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.open.pop()

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.items.append((self.open[-1], data))


def outline(html: str) -> list[tuple[str, str]]:
    parser = Outline()
    parser.feed(html)
    parser.close()
    return parser.items


def test_the_seed_last_article_renders_with_its_three_sub_headings_in_place(
    client: TestClient,
) -> None:
    article = graphql(client, QUERY, {"slug": LAST})["data"]["article"]
    blocks = article["blocks"]
    headings = [i for i, b in enumerate(blocks) if b["kind"] == "SUBHEADING"]
    assert [blocks[i]["text"] for i in headings] == [
        "Regulatory actions",
        "Promoting a values-based society",
        "The future",
    ]
    assert headings == [2, 7, 11]
    assert [b["text"] for b in blocks] == article["body"].split("\n\n")
    assert outline(article["bodyHtml"]) == [
        ("h2" if b["kind"] == "SUBHEADING" else "p", b["text"]) for b in blocks
    ]
    assert article["subheadings"] == [blocks[i]["text"] for i in headings]
    assert article["paragraphs"] == [b["text"] for b in blocks if b["kind"] == "PARAGRAPH"]


def test_interview_blocks_keep_their_kinds_and_html_escapes_text(
    settings: Settings, tmp_path: Path
) -> None:
    page = tmp_path / "p.txt"
    page.write_text(
        "2026-03-25\n\nWater Minister Answers Questions on Toktogul\nBy Bakyt Jumabaev\n\n"
        "We spoke to the minister.\n\nHow bad is it?\n\nSerious <b>but</b> not hopeless.\n\n"
        "And the New Dam?\n\nQ: Who Will Build It?\n\nA: The tender is open.\n\n"
        "Photo: The Toktogul dam in March\n\nSource: State Agency for Water Resources\n\n"
        "Correction: An earlier version misnamed the agency.\n\n"
        "Read More: Kambarata-1: Three Countries, One Dam\n",
        encoding="utf-8",
    )
    assert [r.error for r in ingest(settings, page)] == [None]
    with TestClient(create_app(settings)) as client:
        slug = "water-minister-answers-questions-on-toktogul"
        article = graphql(client, QUERY, {"slug": slug})["data"]["article"]
    assert [b["kind"] for b in article["blocks"]] == [
        "PARAGRAPH", "QUESTION", "PARAGRAPH", "QUESTION", "QUESTION", "ANSWER", "CAPTION",
        "SOURCE", "CORRECTION", "RELATED",
    ]  # fmt: skip
    assert article["subheadings"] == ["How bad is it?", "And the New Dam?", "Q: Who Will Build It?"]
    assert len(article["paragraphs"]) == 7
    html = article["bodyHtml"]
    assert "<p>Serious &lt;b&gt;but&lt;/b&gt; not hopeless.</p>" in html
    assert '<h2 class="question">And the New Dam?</h2>' in html
    assert "<figure><figcaption>Photo: The Toktogul dam in March</figcaption></figure>" in html
    assert '<aside class="correction"><p>Correction:' in html
    assert [tag for tag, _ in outline(html)] == [
        "p", "h2", "p", "h2", "h2", "p", "figcaption", "small", "p", "p",
    ]  # fmt: skip


def test_every_block_kind_survives_export_and_import_byte_for_byte(
    settings: Settings, tmp_path: Path
) -> None:

    def export(s: Settings) -> str:
        store = open_store(s)
        try:
            return "".join(export_lines(store))
        finally:
            store.close()

    assert all(r.error is None for r in ingest(settings, PAGES))
    exported = tmp_path / "export.jsonl"
    exported.write_text(export(settings), encoding="utf-8")
    for kind in ("question", "caption", "related", "source", "correction"):
        assert f'"kind": "{kind}"' in exported.read_text(encoding="utf-8")
    again = Settings(data_dir=tmp_path / "again")
    assert [r.error for r in ingest(again, exported)] == [None]
    assert export(again) == exported.read_text(encoding="utf-8")
