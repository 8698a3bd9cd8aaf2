"""The reader for digest pages: a plain-text news page with a currency ticker on top.

A page is a ticker, the page date, then articles. Nothing is marked up, so `ingest.reading`
decides what each line is from its context (headline, byline, sub-heading, question, caption,
related link, bio, ...); this module turns those readings into articles and rates. Text before
the first headline (a masthead) is skipped, and so is a title with no text under it (a section
label or kicker) when another article follows, so one misread never costs the other articles.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import PurePath

from ingest.authors import bio_authors, byline
from ingest.errors import IngestError
from ingest.parsed import ParsedArticle, ParsedPage
from ingest.reading import (
    BIO,
    BYLINE,
    CONTINUED,
    HEADLINE,
    SKIPPED,
    PageReading,
    Reading,
    read_lines,
)
from ingest.slugs import article_slug
from ingest.ticker import merge_quotes
from ingest.whitespace import split_lines, tidy
from store.records import BLOCK_KINDS, AuthorDraft, Block


@dataclass
class _Draft:
    """An article while its lines are still coming in."""

    title: str
    line: int
    blocks: list[Block] = field(default_factory=list)
    authors: list[AuthorDraft] = field(default_factory=list)
    bios: list[AuthorDraft] = field(default_factory=list)


def read_digest(text: str, source: str) -> ParsedPage:
    """Articles and rates of one digest page; `IngestError` when it is not a usable one."""
    page = explain_digest(text, source)
    if page.error is not None:
        raise page.error
    drafts = _drafts(page.readings)
    if not drafts and not page.quotes:
        raise IngestError(source, "no headline and no ticker: this is not a digest page")
    if page.date is None:
        first = drafts[0].line if drafts else page.quotes[0].line
        raise IngestError(source, "no page date (like '15 December 2025') before this", first)
    articles = tuple(_finish(d, page.date, source) for d in drafts)
    return ParsedPage(articles=articles, rates=merge_quotes(page.quotes, page.date, source))


def explain_digest(text: str, source: str) -> PageReading:
    """Every line of the page with what the reader took it for and why; raises only for an
    empty page (a ticker or date error is kept in `error`, after the lines read so far)."""
    lines = split_lines(text)
    if not any(tidy(line) for line in lines):
        raise IngestError(source, "the page is empty")
    page = read_lines(lines, source)
    page.readings = _skip_empty_titles(page.readings)
    return page


def _skip_empty_titles(readings: list[Reading]) -> list[Reading]:
    """A headline with nothing under it before the next headline is a label, not an article;
    one at the very end is skipped too when the page has other articles."""
    marked = list(readings)
    body = [i for i, r in enumerate(marked) if r.role not in ("blank", "ticker", SKIPPED)]
    headlines = [i for i in body if marked[i].role == HEADLINE]
    for position, i in enumerate(body):
        nxt = marked[body[position + 1]] if position + 1 < len(body) else None
        if marked[i].role != HEADLINE or (nxt is not None and nxt.role != HEADLINE):
            continue
        if nxt is None and len(headlines) == 1:
            continue  # the page's only article: `_finish` names the problem
        why = "a title with no text under it (a section label or kicker)"
        marked[i] = replace(marked[i], role=SKIPPED, why=why)
    return marked


def _drafts(readings: list[Reading]) -> list[_Draft]:
    drafts: list[_Draft] = []
    for r in readings:
        if r.role == HEADLINE:
            drafts.append(_Draft(r.text, r.line))
        elif not drafts:
            continue
        elif r.role == BYLINE and (found := byline(r.text)):
            drafts[-1].authors.extend(AuthorDraft(name=n) for n in found[0])
        elif r.role == BIO:
            drafts[-1].bios.extend(bio_authors(r.text))
        elif r.role == CONTINUED and drafts[-1].blocks:
            last = drafts[-1].blocks[-1]
            drafts[-1].blocks[-1] = Block(f"{last.text} {r.text}", last.kind)
        elif r.role in BLOCK_KINDS:
            drafts[-1].blocks.append(Block(r.text, r.role))
    return drafts


def _finish(draft: _Draft, published_on: date, source: str) -> ParsedArticle:
    if not draft.blocks:
        raise IngestError(source, f"the article {draft.title!r} has no text", draft.line)
    return ParsedArticle(
        title=draft.title,
        blocks=tuple(draft.blocks),
        published_on=published_on,
        authors=_merge_authors(draft.authors, draft.bios),
        slug=article_slug(draft.title),
        # The file name, not the path it was loaded by: re-ingesting from elsewhere is a no-op.
        source=PurePath(source).name,
    )


def _merge_authors(byline: list[AuthorDraft], bios: list[AuthorDraft]) -> tuple[AuthorDraft, ...]:
    """Byline order first; a bio fills in the byline author of the same name."""
    by_name = {a.name: a for a in [*byline, *bios]}
    return tuple(by_name[name] for name in dict.fromkeys(a.name for a in [*byline, *bios]))
