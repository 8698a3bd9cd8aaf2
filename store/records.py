"""Plain frozen records that cross layer borders.

The ingest side hands *drafts* to the store; the store hands *records* back. Neither is a
database row, a Whoosh hit or a Strawberry type, so each layer can change its internals freely.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

BlockKind = Literal[
    "paragraph", "subheading", "question", "answer", "caption", "related", "source",
    "correction", "quote",
]  # fmt: skip
BLOCK_KINDS: tuple[BlockKind, ...] = (
    "paragraph", "subheading", "question", "answer", "caption", "related", "source",
    "correction", "quote",
)  # fmt: skip
# Heading-like blocks: `subheadings` lists them (interview questions included); every other
# kind is a paragraph of the body (captions, related links and corrections included).
HEADING_KINDS: frozenset[BlockKind] = frozenset({"subheading", "question"})
# BCP 47 "undetermined": articles stored before languages were recorded, and texts too short
# or too mixed to tell.
UNDETERMINED_LANGUAGE = "und"
# Kinds that are the article's own running text, where its lede is found.
TEXT_KINDS: frozenset[BlockKind] = frozenset({"paragraph", "answer", "quote"})


@dataclass(frozen=True, slots=True)
class Block:
    """One block of an article body, in reading order: a paragraph, a sub-heading, an
    interview question or answer, a caption, a related link, a source or correction line."""

    text: str
    kind: BlockKind = "paragraph"


class ArticleText:
    """The words of an article; shared by drafts and stored records.

    A stored article's blocks stay in the store's encoding until something reads them: a
    search page or a list of headlines needs titles, and decoding every paragraph of every
    hit was most of a rare-word search's time. Immutable, compared by title and blocks."""

    __slots__ = ("_blocks", "_encoded", "title")
    title: str
    _blocks: tuple[Block, ...] | None
    _encoded: str | None

    def __init__(self, title: str, blocks: Iterable[Block] = (), *, encoded: str | None = None):
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "_blocks", None if encoded is not None else tuple(blocks))
        object.__setattr__(self, "_encoded", encoded)

    @classmethod
    def stored(cls, title: str, encoded: str) -> ArticleText:
        """From the store's JSON of `[kind, text]` pairs, decoded on first use."""
        return cls(title, encoded=encoded)

    @property
    def blocks(self) -> tuple[Block, ...]:
        if self._blocks is None:
            pairs = json.loads(self._encoded or "[]")
            object.__setattr__(self, "_blocks", tuple(Block(text=t, kind=k) for k, t in pairs))
            object.__setattr__(self, "_encoded", None)
        return self._blocks  # type: ignore[return-value]  # set just above when it was None

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"ArticleText is immutable; cannot set {name}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ArticleText):
            return NotImplemented
        return (self.title, self.blocks) == (other.title, other.blocks)

    def __hash__(self) -> int:
        return hash((self.title, self.blocks))

    def __repr__(self) -> str:
        return f"ArticleText(title={self.title!r}, blocks={self.blocks!r})"

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.blocks if b.kind not in HEADING_KINDS)

    @property
    def subheadings(self) -> tuple[str, ...]:
        return tuple(b.text for b in self.blocks if b.kind in HEADING_KINDS)

    @property
    def corrections(self) -> tuple[str, ...]:
        """Correction and clarification notes: kept out of `paragraphs`, kept in `body`."""
        return tuple(b.text for b in self.blocks if b.kind == "correction")

    @property
    def body(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)

    @property
    def lede(self) -> str:
        """The first paragraph of running text (a caption or a link above it is no lede)."""
        first = next((b.text for b in self.blocks if b.kind in TEXT_KINDS), None)
        return first if first is not None else next(iter(self.paragraphs), "")

    @property
    def word_count(self) -> int:
        return sum(len(b.text.split()) for b in self.blocks)


# --- drafts: what ingest asks the store to hold -------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonDraft:
    """A person as the linker identified them; `slug` is their identity and `key` the
    spelling-proof key of their name (the same for "Sadyr Japarov" and "Садыр Жапаров"), which
    joins a byline written one way to a person stored under another."""

    slug: str
    name: str
    key: str
    spellings: tuple[str, ...] = ()  # other spellings of the full name, any script
    role: str | None = None  # "President of Kyrgyzstan", for people the curated table knows
    country: str | None = None  # ISO 3166-1 alpha-2 of the country they serve
    curated: bool = False  # from the table of public figures: its row is the truth


@dataclass(frozen=True, slots=True)
class AuthorDraft:
    name: str
    bio: str | None = None
    person: PersonDraft | None = None  # the person the author is (authors are people too)


@dataclass(frozen=True, slots=True)
class OrganizationDraft:
    """An organization as the linker identified it; `slug` is its identity."""

    slug: str
    name: str
    acronym: str | None = None
    names: tuple[str, ...] = ()  # other names for its page, Cyrillic too ("ШОС")


@dataclass(frozen=True, slots=True)
class CountryMention:
    code: str  # ISO 3166-1 alpha-2
    mentions: int


@dataclass(frozen=True, slots=True)
class OrganizationMention:
    organization: OrganizationDraft
    mentions: int


@dataclass(frozen=True, slots=True)
class PersonMention:
    person: PersonDraft
    mentions: int


@dataclass(frozen=True, slots=True)
class ArticleDraft:
    slug: str
    text: ArticleText
    published_on: date
    source: str
    authors: tuple[AuthorDraft, ...] = ()
    countries: tuple[CountryMention, ...] = ()
    organizations: tuple[OrganizationMention, ...] = ()
    language: str = UNDETERMINED_LANGUAGE  # BCP 47 primary language subtag: "en", "ru", "kk"
    people: tuple[PersonMention, ...] = ()


@dataclass(frozen=True, slots=True)
class RateDraft:
    base: str  # ISO 4217
    quote: str
    rate: Decimal  # exactly as published: Decimal("0.28490") keeps its trailing zero
    change_percent: Decimal | None
    as_of: date

    @property
    def pair(self) -> str:
        return f"{self.base}/{self.quote}"


# --- records: what the store hands back ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Article:
    id: int
    slug: str
    text: ArticleText
    published_on: date
    source: str
    revision: int
    updated_at: datetime | None = None  # when a re-ingest last changed it; None if never
    language: str = UNDETERMINED_LANGUAGE  # BCP 47 primary language subtag

    @property
    def title(self) -> str:
        return self.text.title


@dataclass(frozen=True, slots=True)
class ArticleRevision:
    """One correction: when it was ingested, from which source, and what it changed."""

    at: datetime
    source: str
    changed_fields: tuple[str, ...]  # GraphQL field names: "body", "title", "corrections", ...
    revision: int


@dataclass(frozen=True, slots=True)
class Author:
    id: int
    slug: str
    name: str
    bio: str | None


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    names: tuple[str, ...] = ()  # other names, Cyrillic too; filled for the index only


@dataclass(frozen=True, slots=True)
class Organization:
    id: int
    slug: str
    name: str
    acronym: str | None
    names: tuple[str, ...] = ()  # other names, Cyrillic too; filled for the index only


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    slug: str
    name: str
    spellings: tuple[str, ...]  # every other spelling seen or curated, any script
    role: str | None
    country: str | None  # ISO 3166-1 alpha-2


@dataclass(frozen=True, slots=True)
class Currency:
    code: str
    name: str


# A stored rate holds exactly what its draft held: one shape serves both directions.
Rate = RateDraft


@dataclass(frozen=True, slots=True)
class LinkedArticle:
    """An article with everything the search index and the export need about it."""

    article: Article
    authors: tuple[Author, ...] = ()
    countries: tuple[Country, ...] = ()  # most-mentioned first
    organizations: tuple[Organization, ...] = ()  # most-mentioned first
    people: tuple[Person, ...] = ()  # most-mentioned first
    country_mentions: tuple[int, ...] = field(default=())
    organization_mentions: tuple[int, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """Fields combine with AND, values within a field with OR; None means "any"."""

    countries: tuple[str, ...] | None = None  # ISO codes
    organizations: tuple[str, ...] | None = None  # slugs or acronyms
    authors: tuple[str, ...] | None = None  # slugs
    people: tuple[str, ...] | None = None  # slugs
    published_from: date | None = None  # inclusive
    published_to: date | None = None  # inclusive


@dataclass(frozen=True, slots=True)
class ArticleKey:
    """Where an article sits in date order: the keyset for cursors that survive new ingests."""

    published_on: date
    id: int


# --- takedowns and the audit log ----------------------------------------------------------

RemovalReason = Literal["takendown", "retracted", "expired"]
REMOVAL_REASONS: tuple[RemovalReason, ...] = ("takendown", "retracted", "expired")


@dataclass(frozen=True, slots=True)
class RemovedArticle:
    """A tombstone: the article under `slug` is hidden from every read until republished."""

    slug: str
    reason: RemovalReason
    note: str | None
    removed_at: datetime  # timezone-aware, UTC
    revision: int


@dataclass(frozen=True, slots=True)
class RemovedKey:
    """Where a tombstone sits in newest-first order: the keyset of removedArticles cursors."""

    removed_at: datetime
    slug: str


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One write: who (an API key's name, or "cli"), what (action and target), when."""

    id: int
    at: datetime
    actor: str
    action: str
    target: str
    detail: dict[str, object]
