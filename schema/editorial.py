"""What a write is, as the schema sees it: the API's write service and its plain results.

Kept apart from the GraphQL types so the request context can name the service without
importing the mutations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from store.records import Article as ArticleRecord
from store.records import RemovedArticle as RemovedRecord


@dataclass(frozen=True)
class Problem:
    message: str
    source: str
    line: int | None = None


@dataclass(frozen=True)
class Note:
    kind: str
    slug: str
    source: str
    message: str


@dataclass
class IngestOutcome:
    """What one write of one page or batch of records did (or why it did nothing)."""

    source: str
    articles: dict[str, int] = field(default_factory=dict)
    rates: dict[str, int] = field(default_factory=dict)
    new_entities: dict[str, int] = field(default_factory=dict)
    titles: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()
    errors: tuple[Problem, ...] = ()
    revision: int = 0


class EditorialWrites(Protocol):
    """What the API provides for writes; each call writes, audits and waits for this
    server's index (so the writer reads its own write at once). `unpublish` and `republish`
    answer None for a slug no article has."""

    async def ingest(self, text: str, source: str, kind: str, actor: str) -> IngestOutcome: ...

    async def unpublish(
        self, slug: str, reason: str, note: str | None, actor: str
    ) -> RemovedRecord | None: ...

    async def republish(self, slug: str, actor: str) -> ArticleRecord | None: ...
