"""One JSON Lines article record → `ParsedArticle`.

Reads both hand-written records (Wikinews style: `title`, `body`, `published`, `url`) and the
records `ingest.export` writes (`source`, `subheadings`, `countries`/`organizations` as
objects), so export → ingest gives the same articles back.

Sub-headings: JSON bodies carry no typography a rule could trust (Wikinews mixes datelines,
image captions, list items and interview fragments into short unpunctuated paragraphs), so a
paragraph is a sub-heading only when the record says so: it is listed in `subheadings`, or
it starts with "## ". A leading dateline ("Tuesday, September 1, 2015") is metadata, not
the lede, and is dropped. A record with `blocks` (`[{kind, text}]`, as `ingest.export` writes)
gives its body block by block with every kind (question, caption, correction, ...), and then
`body` and `subheadings` are not read.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from ingest.corrections import as_block
from ingest.countries import find_country
from ingest.dates import strip_dateline
from ingest.json_record import JsonRecord
from ingest.languages import language_tag
from ingest.organizations import organization
from ingest.parsed import ExplicitOrganization, ParsedArticle
from ingest.slugs import article_slug, slugify
from ingest.whitespace import tidy
from store.records import BLOCK_KINDS, AuthorDraft, Block, BlockKind, OrganizationDraft

SUBHEADING_MARK = "## "
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")


def read_article(record: JsonRecord) -> ParsedArticle:
    title = tidy(record.text("title"))
    slug = record.optional_text("slug")
    if slug is not None and not slugify(slug):
        raise record.fail("slug", f"{slug!r} has no letters or digits")
    source = record.optional_text("source") or record.optional_text("url")
    return ParsedArticle(
        title=title,
        blocks=_blocks(record),
        published_on=record.date("published"),
        authors=tuple(_author(record, i, item) for i, item in enumerate(record.items("authors"))),
        slug=slugify(slug) if slug else article_slug(title),
        source=source or PurePath(record.source).name,
        explicit_countries=_countries(record),
        explicit_organizations=_organizations(record),
        slug_given=slug is not None,
        language=_language(record),
    )


def _language(record: JsonRecord) -> str | None:
    given = record.optional_text("language")
    if given is None:
        return None
    try:
        return language_tag(given)
    except ValueError as error:
        raise record.fail("language", str(error)) from None


def _blocks(record: JsonRecord) -> tuple[Block, ...]:
    if record.fields.get("blocks") is not None:
        return _given_blocks(record)
    marked = set(record.strings("subheadings") or ())
    paragraphs = [tidy(p) for p in _PARAGRAPH_BREAK.split(record.text("body"))]
    paragraphs[0] = strip_dateline(paragraphs[0])
    blocks = []
    for paragraph in paragraphs:
        text = paragraph.removeprefix(SUBHEADING_MARK).strip()
        if text:
            heading = paragraph in marked or paragraph.startswith(SUBHEADING_MARK)
            blocks.append(as_block(text, Block(text, "subheading" if heading else "paragraph")))
    if not blocks:
        raise record.fail("body", "has no text besides a dateline")
    return tuple(blocks)


def _given_blocks(record: JsonRecord) -> tuple[Block, ...]:
    blocks = []
    for index, item in enumerate(record.items("blocks")):
        inner = record.nested(f"blocks[{index}]", item, "a {kind, text} object")
        blocks.append(Block(tidy(inner.text("text")), _block_kind(inner)))
    if not blocks:
        raise record.fail("blocks", "is empty")
    return tuple(blocks)


def _block_kind(inner: JsonRecord) -> BlockKind:
    kind = inner.text("kind").lower()
    for known in BLOCK_KINDS:
        if kind == known:
            return known
    raise inner.fail("kind", f"unknown block kind {kind!r}; one of {', '.join(BLOCK_KINDS)}")


def _author(record: JsonRecord, index: int, item: object) -> AuthorDraft:
    if isinstance(item, str) and tidy(item):
        return AuthorDraft(name=tidy(item))
    inner = record.nested(f"authors[{index}]", item, "a name or a {name, bio} object")
    return AuthorDraft(name=tidy(inner.text("name")), bio=inner.optional_text("bio"))


def _countries(record: JsonRecord) -> tuple[str, ...] | None:
    """Codes or names, or {code} objects as exported; unknown countries are errors."""
    if record.fields.get("countries") is None:
        return None
    codes = []
    for index, item in enumerate(record.items("countries")):
        field = f"countries[{index}]"
        name = item if isinstance(item, str) else record.nested(field, item, "a code").text("code")
        code = find_country(name)
        if code is None:
            raise record.fail(field, f"unknown country {name!r}")
        codes.append(code)
    return tuple(dict.fromkeys(codes))


def _organizations(record: JsonRecord) -> tuple[ExplicitOrganization, ...] | None:
    """Names, acronyms or slugs for the linker to resolve, or exported {slug, name, acronym}."""
    if record.fields.get("organizations") is None:
        return None
    found: list[ExplicitOrganization] = []
    for index, item in enumerate(record.items("organizations")):
        if isinstance(item, str) and tidy(item):
            found.append(tidy(item))
            continue
        inner = record.nested(f"organizations[{index}]", item, "a name or {slug, name, acronym}")
        name, acronym = tidy(inner.text("name")), inner.optional_text("acronym")
        default = organization(acronym, name)
        slug = slugify(inner.optional_text("slug") or default.slug)
        if not slug:
            raise record.fail(f"organizations[{index}].slug", "has no letters or digits")
        found.append(OrganizationDraft(slug=slug, name=name, acronym=acronym))
    return tuple(found)
