"""Steppe's one error hierarchy, rooted here (the bottom layer, so every package can use it),
and the store's own errors.

    SteppeError                      every error Steppe raises on purpose
    ├── StoreError                   store/: the database, keys, articles by slug
    ├── SearchIndexError             index/: syntax (BAD_SEARCH_SYNTAX), cursors (BAD_CURSOR),
    │                                locks
    ├── IngestError                  ingest/: a file or text refused, with source and line
    ├── SteppeGraphQLError           schema/ and api/: errors a client sees, each with its
    │                                `extensions.code` (README "Errors" lists them)
    └── api/'s own: SettingsError, PersistedQueryError, BadRequestTextError,
        BodyTooLargeError, ParameterError (refused requests, before GraphQL)

A class's `code` is the GraphQL `extensions.code` (or the HTTP refusal's) it reaches clients
with; errors that never reach a client as such keep the root's. Anything not a SteppeError
that escapes is a bug: the API masks it as INTERNAL_SERVER_ERROR with a request id.
"""

from __future__ import annotations


class SteppeError(Exception):
    """The root: `except SteppeError` catches every failure Steppe means to report."""

    code: str = "INTERNAL_SERVER_ERROR"


class StoreError(SteppeError):
    """Base of every store failure."""


class StoreSchemaError(StoreError):
    """The database is at a schema revision this code does not know (newer code wrote it)."""


class ArticleNotFoundError(StoreError):
    """A write named an article slug the store does not hold."""

    code = "NOT_FOUND"

    def __init__(self, slug: str) -> None:
        self.slug = slug
        super().__init__(f"no article has the slug {slug!r}")
