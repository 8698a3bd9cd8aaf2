"""Errors of the store layer."""


class StoreError(Exception):
    """Base of every store failure."""


class StoreSchemaError(StoreError):
    """The database is at a schema revision this code does not know (newer code wrote it)."""


class ArticleNotFoundError(StoreError):
    """A write named an article slug the store does not hold."""

    def __init__(self, slug: str) -> None:
        self.slug = slug
        super().__init__(f"no article has the slug {slug!r}")
