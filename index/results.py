"""What a search hands back: plain frozen values, no Whoosh types."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from index.cursor import SearchCursor


@dataclass(frozen=True, slots=True)
class Highlight:
    field: str  # "title" or "body"
    snippet: str  # HTML: matched terms in <mark>…</mark>, everything else escaped


@dataclass(frozen=True, slots=True)
class SearchHit:
    article_id: int
    slug: str
    score: float
    cursor: SearchCursor  # pass as `after` (or `cursor.encode`) to continue after this hit
    highlights: tuple[Highlight, ...] = ()


@dataclass(frozen=True, slots=True)
class FacetBucket:
    # country code (upper case), organization, author or person slug, language, year or month
    value: str
    count: int


@dataclass(frozen=True, slots=True)
class Facet:
    """The top buckets of one facet, most frequent first; `truncated` when more existed."""

    buckets: tuple[FacetBucket, ...] = ()
    truncated: bool = False


@dataclass(frozen=True, slots=True)
class SearchFacets:
    countries: Facet = field(default_factory=Facet)
    organizations: Facet = field(default_factory=Facet)
    authors: Facet = field(default_factory=Facet)
    people: Facet = field(default_factory=Facet)
    languages: Facet = field(default_factory=Facet)
    years: Facet = field(default_factory=Facet)
    months: Facet = field(default_factory=Facet)  # "2025-12", oldest first (see facets.py)


# What `SearchRequest.facet_names` may name.
FACET_NAMES: frozenset[str] = frozenset(f.name for f in fields(SearchFacets))


@dataclass(frozen=True, slots=True)
class SearchPage:
    # Exact, unless `partial` or the request had `want_total=False`: then a lower bound.
    total_count: int
    hits: tuple[SearchHit, ...]
    has_next: bool
    facets: SearchFacets | None  # None unless asked for
    suggestion: str | None  # the text with likely misspellings corrected
    partial: bool = False  # the time budget ran out: counts and facets are lower bounds

    @property
    def end_cursor(self) -> SearchCursor | None:
        return self.hits[-1].cursor if self.hits else None
