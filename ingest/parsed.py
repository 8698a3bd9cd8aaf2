"""What both readers produce: articles as read from the page, before entity linking.

The readers stop at the words and the page metadata; `ingest.linking.link` turns a
`ParsedArticle` into the `ArticleDraft` the store wants. Keeping the two steps apart lets the
linker be tested on hand-made articles and the readers on pages alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from store.records import AuthorDraft, Block, OrganizationDraft, RateDraft

# A name, acronym or slug for the linker to resolve, or an organization spelled out in full.
ExplicitOrganization = str | OrganizationDraft


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """One article as a reader found it.

    `slug` is where the title puts the article; `slug_given` says a record named it instead,
    which makes that record an update of whatever article holds the slug (JSON Lines only).
    `explicit_countries` holds ISO alpha-2 codes and `explicit_organizations` names, acronyms,
    slugs or whole drafts, as an editor (or an export) listed them; JSON Lines only. `None`
    means "not given", so the linker detects them from the text; an empty tuple means "none".
    `language` likewise: a record's BCP 47 primary subtag, or None to detect it.
    """

    title: str
    blocks: tuple[Block, ...]
    published_on: date
    authors: tuple[AuthorDraft, ...]
    slug: str
    source: str
    explicit_countries: tuple[str, ...] | None = None
    explicit_organizations: tuple[ExplicitOrganization, ...] | None = None
    slug_given: bool = False
    language: str | None = None  # as the record named it; None: detected from the text


@dataclass(frozen=True, slots=True)
class ParsedPage:
    """Everything one input file held: its articles and its currency rates."""

    articles: tuple[ParsedArticle, ...] = ()
    rates: tuple[RateDraft, ...] = ()
