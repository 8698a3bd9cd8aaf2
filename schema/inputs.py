"""Input types and enums of the public contract."""

from __future__ import annotations

from datetime import date
from enum import Enum

import strawberry

from schema.errors import UserInputError
from store.records import ArticleFilter as ArticleFilterRecord


@strawberry.enum
class ArticleOrder(Enum):
    NEWEST = "NEWEST"
    OLDEST = "OLDEST"


@strawberry.enum
class SearchOrder(Enum):
    RELEVANCE = "RELEVANCE"
    NEWEST = "NEWEST"
    OLDEST = "OLDEST"


@strawberry.input(
    description="Fields combine with AND; values within one field with OR; "
    "date bounds are inclusive."
)
class ArticleFilter:
    countries: list[str] | None = strawberry.field(default=None, description="ISO codes")
    organizations: list[str] | None = strawberry.field(
        default=None, description="Slugs or acronyms"
    )
    authors: list[str] | None = strawberry.field(default=None, description="Slugs")
    people: list[str] | None = strawberry.field(
        default=None, description='Slugs of people named ("sadyr-japarov")'
    )
    published_from: date | None = None
    published_to: date | None = None

    def to_record(self) -> ArticleFilterRecord:
        if self.published_from and self.published_to and self.published_from > self.published_to:
            raise UserInputError(
                f"publishedFrom ({self.published_from}) is after publishedTo ({self.published_to})"
            )
        for code in self.countries or ():
            if len(code) != 2 or not code.isalpha():
                raise UserInputError(f"country {code!r} is not an ISO 3166-1 alpha-2 code")
        return ArticleFilterRecord(
            countries=_upper(self.countries),
            organizations=_lower(self.organizations),
            authors=_lower(self.authors),
            people=_lower(self.people),
            published_from=self.published_from,
            published_to=self.published_to,
        )


def to_filter_record(f: ArticleFilter | None) -> ArticleFilterRecord:
    return ArticleFilterRecord() if f is None else f.to_record()


def _upper(values: list[str] | None) -> tuple[str, ...] | None:
    return None if values is None else tuple(v.strip().upper() for v in values)


def _lower(values: list[str] | None) -> tuple[str, ...] | None:
    return None if values is None else tuple(v.strip().lower() for v in values)
