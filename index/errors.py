"""The search index's exceptions: one base class, so callers can catch the package as a whole."""

from __future__ import annotations

from store.errors import SteppeError


class SearchIndexError(SteppeError):
    """Anything the search index cannot do; the base of every error raised by `index`."""


class SearchSyntaxError(SearchIndexError):
    """The user's search text cannot be read; the message names the problem for the user."""

    code = "BAD_SEARCH_SYNTAX"


class BadCursorError(SearchIndexError):
    """A paging cursor that this index did not produce, or produced for another ordering."""

    code = "BAD_CURSOR"


class IndexLockedError(SearchIndexError):
    """Another writer holds the index lock for longer than we are willing to wait."""
