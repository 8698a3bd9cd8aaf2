"""The reader for digest pages: a plain-text news page with a currency ticker on top.

A page is a ticker, the page date, then articles. Nothing is marked up, so structure comes
from typography (see `headlines`): a Title Case line starts an article, short sentence-case
lines are its sub-headings, the rest are paragraphs, and a closing "Name is a ..." paragraph
is its author's bio. Text before the first headline (a masthead) is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

from ingest.authors import bio_author, byline_authors
from ingest.dates import looks_like_date, parse_date
from ingest.errors import IngestError
from ingest.headlines import ends_sentence, is_headline, is_subheading
from ingest.parsed import ParsedArticle, ParsedPage
from ingest.slugs import article_slug
from ingest.ticker import BULLET, Quote, merge_quotes, parse_quote
from ingest.whitespace import split_lines, tidy
from store.records import AuthorDraft, Block


@dataclass
class _Draft:
    """An article while its lines are still coming in."""

    title: str
    line: int
    blocks: list[Block] = field(default_factory=list)
    authors: list[AuthorDraft] = field(default_factory=list)

    def add(self, text: str, follows_text: bool) -> None:
        last = self.blocks[-1] if self.blocks else None
        if follows_text and last and last.kind == "paragraph" and not ends_sentence(last.text):
            self.blocks[-1] = Block(f"{last.text} {text}")  # a hard-wrapped paragraph
        elif not self.blocks and not self.authors and (byline := byline_authors(text)):
            self.authors.extend(byline)
        else:
            self.blocks.append(Block(text, "subheading" if is_subheading(text) else "paragraph"))


@dataclass
class _Page:
    date: date | None = None
    quotes: list[Quote] = field(default_factory=list)
    drafts: list[_Draft] = field(default_factory=list)


def read_digest(text: str, source: str) -> ParsedPage:
    """Articles and rates of one digest page; `IngestError` when it is not a usable one."""
    lines = split_lines(text)
    if not any(tidy(line) for line in lines):
        raise IngestError(source, "the page is empty")
    page = _scan(lines, source)
    if not page.drafts and not page.quotes:
        raise IngestError(source, "no headline and no ticker: this is not a digest page")
    if page.date is None:
        first = page.drafts[0].line if page.drafts else page.quotes[0].line
        raise IngestError(source, "no page date (like '15 December 2025') before this", first)
    articles = tuple(_finish(d, page.date, source) for d in page.drafts)
    return ParsedPage(articles=articles, rates=merge_quotes(page.quotes, page.date, source))


def _scan(lines: list[str], source: str) -> _Page:
    page = _Page()
    previous = ""
    for number, raw in enumerate(lines, start=1):
        line = tidy(raw)
        if line.startswith(BULLET):
            page.quotes.append(parse_quote(line, source, number))
        elif page.date is None and not page.drafts and (day := parse_date(line)):
            page.date = day
        elif page.date is None and not page.drafts and looks_like_date(line):
            raise IngestError(source, f"{line!r} is not a valid date", number)
        elif line and is_headline(line) and _can_start_article(page, line):
            page.drafts.append(_Draft(line, number))
        elif line and page.drafts:
            page.drafts[-1].add(line, follows_text=bool(previous))
        previous = line
    return page


def _can_start_article(page: _Page, line: str) -> bool:
    """A Title Case line is a headline unless it is the byline right under one."""
    current = page.drafts[-1] if page.drafts else None
    fresh = current is not None and not current.blocks and not current.authors
    return not (fresh and byline_authors(line))


def _finish(draft: _Draft, published_on: date, source: str) -> ParsedArticle:
    blocks, bios = _split_bios(draft.blocks)
    if not blocks:
        raise IngestError(source, f"the article {draft.title!r} has no text", draft.line)
    return ParsedArticle(
        title=draft.title,
        blocks=tuple(blocks),
        published_on=published_on,
        authors=_merge_authors(draft.authors, bios),
        slug=article_slug(draft.title),
        # The file name, not the path it was loaded by: re-ingesting from elsewhere is a no-op.
        source=PurePath(source).name,
    )


def _split_bios(blocks: list[Block]) -> tuple[list[Block], list[AuthorDraft]]:
    """Closing bio paragraphs become authors; at least one body block always stays."""
    body, bios = list(blocks), list[AuthorDraft]()
    while len(body) > 1 and body[-1].kind == "paragraph" and (bio := bio_author(body[-1].text)):
        bios.insert(0, bio)
        body.pop()
    return body, bios


def _merge_authors(byline: list[AuthorDraft], bios: list[AuthorDraft]) -> tuple[AuthorDraft, ...]:
    """Byline order first; a bio fills in the byline author of the same name."""
    by_name = {a.name: a for a in [*byline, *bios]}
    return tuple(by_name[name] for name in dict.fromkeys(a.name for a in [*byline, *bios]))
