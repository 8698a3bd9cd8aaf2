"""What a caller asks the index for: plain frozen values, no Whoosh types."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from index.cursor import SearchCursor

SearchOrder = Literal["RELEVANCE", "NEWEST", "OLDEST"]


@dataclass(frozen=True, slots=True)
class SearchFilter:
    """Restricts hits without changing scores. Fields combine with AND, values within one
    field with OR; an empty tuple means "any"."""

    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2 codes, any case
    organizations: tuple[str, ...] = ()  # slugs or acronyms, any case
    authors: tuple[str, ...] = ()  # slugs
    people: tuple[str, ...] = ()  # person slugs
    languages: tuple[str, ...] = ()  # BCP 47 primary subtags: "en", "ru"
    published_from: date | None = None  # inclusive
    published_to: date | None = None  # inclusive

    @property
    def is_empty(self) -> bool:
        return self == SearchFilter()


@dataclass(frozen=True, slots=True)
class SearchRequest:
    text: str
    filter: SearchFilter = field(default_factory=SearchFilter)
    order: SearchOrder = "RELEVANCE"
    first: int = 10
    after: SearchCursor | None = None
    want_facets: bool = False
    # Which facets to count ("countries", "years", …); None counts all. A query that shows
    # one facet should not pay for bucketing thousands of authors it never reads.
    facet_names: frozenset[str] | None = None
    want_highlights: bool = False
    # False lets a first RELEVANCE page without facets skip blocks that cannot reach it, as
    # Whoosh's own top-N search does; `SearchPage.total_count` is then only a lower bound.
    want_total: bool = True
    # "Did you mean" walks Levenshtein automata over the vocabulary for each unknown word:
    # several milliseconds that a query not selecting `suggestion` should not pay.
    want_suggestion: bool = True
    facet_limit: int = 10
    time_budget_s: float = 2.0
