"""Full-text search over the store's articles (Whoosh), behind a small facade.

The index is derived data: `SearchIndex.rebuild` recreates it from the store at any time.
"""

from index.cursor import SearchCursor
from index.engine import SearchIndex
from index.errors import BadCursorError, IndexLockedError, SearchIndexError, SearchSyntaxError
from index.request import SearchFilter, SearchOrder, SearchRequest
from index.results import (
    FACET_NAMES,
    Facet,
    FacetBucket,
    Highlight,
    SearchFacets,
    SearchHit,
    SearchPage,
)

__all__ = [
    "FACET_NAMES",
    "BadCursorError",
    "Facet",
    "FacetBucket",
    "Highlight",
    "IndexLockedError",
    "SearchCursor",
    "SearchFacets",
    "SearchFilter",
    "SearchHit",
    "SearchIndex",
    "SearchIndexError",
    "SearchOrder",
    "SearchPage",
    "SearchRequest",
    "SearchSyntaxError",
]
