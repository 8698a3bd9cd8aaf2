"""The write API: mutations for the newsroom's CMS, editor keys only.

The schema does not ingest anything itself (it must not import `ingest`): the API puts an
`EditorialWrites` on the request context, and the resolvers here check the caller, check the
arguments and hand over. What comes back is plain data (`IngestOutcome`) that the types below
show: the same per-file summary `steppe ingest` prints, with errors by line.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import strawberry
from graphql import GraphQLError
from strawberry.scalars import JSON

from schema.context import Info
from schema.editorial import EditorialWrites, IngestOutcome
from schema.fields import mutation
from schema.permissions import RequireEditor
from schema.removed import RemovalReason, RemovedArticle
from schema.types import Article
from store import MAX_NOTE_LENGTH

MAX_SOURCE_LENGTH = 255
# `source` in GraphQL; another name in Python, since Strawberry's permission extension takes
# a `source` parameter of its own and the two collide.
SourceArgument = Annotated[
    str, strawberry.argument(name="source", description="The file name this stands for.")
]
DEFAULT_RECORDS_SOURCE = "upsertArticles"


@strawberry.type(description="Articles or rates by what a write did to them.")
class IngestCounts:
    added: int
    updated: int
    unchanged: int

    @classmethod
    def of(cls, counts: dict[str, int]) -> IngestCounts:
        return cls(**{k: counts.get(k, 0) for k in ("added", "updated", "unchanged")})


@strawberry.type(description="Entities a write stored for the first time.")
class NewEntities:
    authors: int
    countries: int
    organizations: int
    currencies: int
    people: int


@strawberry.type(description="Why a page or a record was refused; nothing of it was written.")
class IngestProblem:
    message: str
    source: str
    line: int | None = strawberry.field(
        description="The line of the page, or the position (from 1) of the record."
    )


@strawberry.type(description="Something the editor should know about one stored article.")
class IngestNote:
    kind: str = strawberry.field(
        description="`updated` (a stored article changed), `distinct` (another article had "
        "the slug, so this one got a new one) or `repeated` (printed twice, stored once)."
    )
    slug: str
    source: str
    message: str


@strawberry.type(
    description="What one write did: the summary `steppe ingest` prints for one file. A write "
    "is all or nothing: with `errors`, nothing was written."
)
class IngestSummary:
    source: str
    ok: bool = strawberry.field(description="True when it was written (even if unchanged).")
    articles: IngestCounts
    rates: IngestCounts
    new_entities: NewEntities
    titles: list[str] = strawberry.field(description="The articles it held, in order.")
    notes: list[IngestNote]
    errors: list[IngestProblem]
    revision: int = strawberry.field(
        description="The store revision after the write; other replicas have it once their "
        "`/healthz` shows an index revision at least this high."
    )

    @classmethod
    def of(cls, o: IngestOutcome) -> IngestSummary:
        entities = {k: o.new_entities.get(k, 0) for k in NewEntities.__annotations__}
        return cls(
            source=o.source, ok=not o.errors, articles=IngestCounts.of(o.articles),
            rates=IngestCounts.of(o.rates), new_entities=NewEntities(**entities),
            titles=list(o.titles),
            notes=[IngestNote(kind=n.kind, slug=n.slug, source=n.source, message=n.message)
                   for n in o.notes],
            errors=[IngestProblem(message=p.message, source=p.source, line=p.line)
                    for p in o.errors],
            revision=o.revision,
        )  # fmt: skip


def _writes(info: Info) -> EditorialWrites:
    writes: EditorialWrites | None = info.context.writes
    if writes is None:
        raise GraphQLError("This server takes no writes.", extensions={"code": "FORBIDDEN"})
    return writes


def _actor(info: Info) -> str:
    return info.context.caller.key_name or "unknown"


def check_source(source: str) -> str:
    """A source names a file: one short line of printable text."""
    if not source.strip() or len(source) > MAX_SOURCE_LENGTH or not source.isprintable():
        raise GraphQLError(
            f"`source` must be a file name: 1 to {MAX_SOURCE_LENGTH} printable characters.",
            extensions={"code": "BAD_USER_INPUT"},
        )
    return source


def records_text(records: list[Any]) -> str:
    """JSON Lines of the records, one per line, so record N is line N of the reader's input."""
    return "".join(json.dumps(r, ensure_ascii=False, allow_nan=False) + "\n" for r in records)


def _not_found(slug: str) -> GraphQLError:
    return GraphQLError(f"No article has the slug {slug!r}.", extensions={"code": "NOT_FOUND"})


@strawberry.type
class Mutation:
    @mutation(
        description="Ingest a digest page as `steppe ingest` ingests a file named `source` "
        "with this text: all or nothing, idempotent. Editor keys only.",
        permission_classes=[RequireEditor],
    )
    async def ingest_page(
        self, info: Info, text: str, source_name: SourceArgument
    ) -> IngestSummary:
        name = check_source(source_name)
        outcome = await _writes(info).ingest(text, name, ".txt", _actor(info))
        return IngestSummary.of(outcome)

    @mutation(
        description="Ingest JSON Lines records (the objects `steppe export` writes, one per "
        "item) as one file named `source`: all or nothing, idempotent. Editor keys only.",
        permission_classes=[RequireEditor],
    )
    async def upsert_articles(
        self, info: Info, records: list[JSON], source_name: SourceArgument = DEFAULT_RECORDS_SOURCE
    ) -> IngestSummary:
        writes, source = _writes(info), check_source(source_name)
        try:
            text = records_text(records)
        except ValueError:  # NaN or Infinity: JSON Lines cannot hold them
            raise GraphQLError(
                "A record holds NaN or Infinity, which JSON cannot.",
                extensions={"code": "BAD_USER_INPUT"},
            ) from None
        return IngestSummary.of(await writes.ingest(text, source, ".jsonl", _actor(info)))

    @mutation(
        description="Take an article down everywhere (as `steppe unpublish`); re-ingesting "
        "its page does not bring it back. Editor keys only.",
        permission_classes=[RequireEditor],
    )
    async def unpublish_article(
        self, info: Info, slug: str, reason: RemovalReason, note: str | None = None
    ) -> RemovedArticle:
        if note is not None and len(note) > MAX_NOTE_LENGTH:
            raise GraphQLError(
                f"`note` is {len(note)} characters; the limit is {MAX_NOTE_LENGTH}.",
                extensions={"code": "BAD_USER_INPUT"},
            )
        removed = await _writes(info).unpublish(slug, reason.value, note, _actor(info))
        if removed is None:
            raise _not_found(slug)
        return RemovedArticle.from_record(removed)

    @mutation(
        description="Bring a taken-down article back as it is stored now (as `steppe "
        "republish`). Editor keys only.",
        permission_classes=[RequireEditor],
    )
    async def republish_article(self, info: Info, slug: str) -> Article:
        found = await _writes(info).republish(slug, _actor(info))
        if found is None:
            raise _not_found(slug)
        return Article.from_record(found)
