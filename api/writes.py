"""The write API's service: ingest, takedown and republish for editor keys, over GraphQL
mutations and `POST /ingest`.

Each write is the CLI's own code path (`ingest.pipeline`, `ingest.takedowns`): the same
parse, one all-or-nothing transaction with its audit row naming the key, the same
idempotence. The store work runs on a thread and is shielded: once it has started it
finishes even if the client hangs up or the request runs out of time, since a transaction
cannot be stopped halfway; a retry then finds it unchanged. Afterwards this server's index
catches up at once (other replicas within their poll interval), so the answer to a write
already reflects it everywhere this server answers from, caches and ETags included.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TypeVar, cast

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Scope

from api.callers import KEY_PARAMETER
from api.following import StoreFollower
from api.metrics import Metrics
from api.refusals import error_body
from api.settings import Settings
from ingest import (
    FileResult,
    IngestError,
    IngestLimits,
    decode_bytes,
    ingest_text,
    republish,
    unpublish,
)
from schema.context import ANONYMOUS, Caller
from schema.editorial import IngestOutcome, Note, Problem
from schema.permissions import EDITOR, require_tier
from schema.writes import IngestSummary, check_source
from store import ArticleNotFoundError, Store
from store.records import Article, RemovalReason, RemovedArticle

T = TypeVar("T")

# Media types `POST /ingest` reads, and the reader each selects (as a file suffix would).
INGEST_TYPES = {
    "text/plain": ".txt",
    "application/x-ndjson": ".jsonl",
    "application/jsonl": ".jsonl",
}


def ingest_limits(settings: Settings) -> IngestLimits:
    return IngestLimits(
        max_file_bytes=settings.max_file_bytes,
        max_line_bytes=settings.max_line_bytes,
        max_article_bytes=settings.max_article_bytes,
    )


class ApiWrites:
    """`schema.editorial.EditorialWrites` for this server."""

    def __init__(
        self, store: Store, follower: StoreFollower, settings: Settings, metrics: Metrics
    ) -> None:
        self.store, self.follower, self.metrics = store, follower, metrics
        self.limits = ingest_limits(settings)

    async def ingest(self, text: str, source: str, kind: str, actor: str) -> IngestOutcome:
        result = await _to_completion(
            lambda: ingest_text(self.store, text, source, kind, actor, self.limits)
        )
        if result.error is None:
            await self.follower.catch_up()
            self.metrics.wrote("ingest", "ok", result.summary.articles)
        else:
            self.metrics.wrote("ingest", "refused")
        return outcome(result, self.follower.revision.current)

    async def unpublish(
        self, slug: str, reason: str, note: str | None, actor: str
    ) -> RemovedArticle | None:
        why = cast(RemovalReason, reason)
        return await self._takedown(
            "unpublish", lambda: unpublish(self.store, None, slug, why, note, actor)
        )

    async def republish(self, slug: str, actor: str) -> Article | None:
        return await self._takedown("republish", lambda: republish(self.store, None, slug, actor))

    async def _takedown(self, action: str, work: Callable[[], T]) -> T | None:
        """A takedown or republish: None for an unknown slug; else indexed before answering."""
        try:
            done = await _to_completion(work)
        except ArticleNotFoundError:
            self.metrics.wrote(action, "not_found")
            return None
        await self.follower.catch_up()
        self.metrics.wrote(action, "ok")
        return done


async def _to_completion(work: Callable[[], T]) -> T:
    """Run a write on a thread; a cancelled caller stops waiting, the write still finishes."""
    return await asyncio.shield(asyncio.ensure_future(asyncio.to_thread(work)))


def outcome(result: FileResult, revision: int) -> IngestOutcome:
    summary, error = result.summary, result.error
    return IngestOutcome(
        source=str(result.path),
        articles=dict(summary.articles),
        rates=dict(summary.rates),
        new_entities=dict(summary.new_entities),
        titles=result.articles,
        notes=tuple(Note(n.kind, n.slug, n.source, n.message) for n in summary.notes),
        errors=() if error is None else (Problem(error.reason, error.source, error.line),),
        revision=revision,
    )


def ingest_route(writes: Callable[[Scope], ApiWrites]) -> Route:
    """`POST /ingest?source=NAME` with a page (`text/plain`) or JSON Lines
    (`application/x-ndjson`): the `ingestPage`/`upsertArticles` summary as JSON, for scripts.

    200 when written (or unchanged), 422 when refused (nothing written), 400/401/403/415 for a
    request that could not be one.
    """

    async def post(request: Request) -> Response:
        if request.method != "POST":
            message = "POST /ingest?source=NAME with the page or the JSON Lines as the body."
            return _error(request, 405, "METHOD_NOT_ALLOWED", message, {"allow": "POST"})
        caller: Caller = getattr(request.state, "caller", ANONYMOUS)
        refusal = require_tier(caller, EDITOR)
        if refusal is not None:
            code = str((refusal.extensions or {})["code"])
            status = 401 if code == "UNAUTHENTICATED" else 403
            headers = {"www-authenticate": "Bearer"} if status == 401 else {}
            return _error(request, status, code, refusal.message, headers)
        problem = _parameter_problem(request)
        if problem is not None:
            return _error(request, 400, "BAD_REQUEST", problem)
        content_type = request.headers.get("content-type", "")
        media_type = content_type.split(";")[0].strip().lower()
        charset = _charset(content_type)
        if charset not in (None, "utf-8", "utf8"):
            message = f"The body must be UTF-8; charset={charset} is not read."
            return _error(request, 415, "UNSUPPORTED_MEDIA_TYPE", message)
        kind = INGEST_TYPES.get(media_type)
        if kind is None:
            accepted = ", ".join(INGEST_TYPES)
            message = f"Send a page or JSON Lines: Content-Type must be one of {accepted}."
            return _error(request, 415, "UNSUPPORTED_MEDIA_TYPE", message)
        source = request.query_params.get("source")
        if source is None:
            message = "Name what is sent, as a file name: POST /ingest?source=NAME."
            return _error(request, 400, "BAD_REQUEST", message)
        try:
            check_source(source)
        except Exception as exc:  # a GraphQLError naming the rule
            return _error(request, 400, "BAD_REQUEST", str(exc))
        try:
            text = decode_bytes(await request.body(), source)
        except IngestError as exc:
            result = FileResult(path=Path(source), error=exc)
            writes(request.scope).metrics.wrote("ingest", "refused")
            summary = outcome(result, writes(request.scope).follower.revision.current)
            return _summary(summary, 422)
        done = await writes(request.scope).ingest(text, source, kind, caller.key_name or "unknown")
        return _summary(done, 422 if done.errors else 200)

    return Route("/ingest", post, methods=["GET", "POST", "PUT", "PATCH", "DELETE"])


def _parameter_problem(request: Request) -> str | None:
    """`source` once (and an `api-key`, read by the edge), nothing else."""
    params = request.query_params
    unknown = sorted(set(params) - {"source", KEY_PARAMETER})
    if unknown:
        return f"unknown parameter {unknown[0]!r}; /ingest takes `source`"
    if len(params.getlist("source")) > 1:
        return "`source` is given more than once; give it once"
    return None


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return None


def _summary(done: IngestOutcome, status: int) -> Response:
    """The JSON of an `IngestSummary` with every field selected, as the mutation answers."""
    summary = IngestSummary.of(done)
    body = {
        "source": summary.source,
        "ok": summary.ok,
        "articles": asdict(summary.articles),
        "rates": asdict(summary.rates),
        "newEntities": asdict(summary.new_entities),
        "titles": summary.titles,
        "notes": [asdict(n) for n in summary.notes],
        "errors": [asdict(p) for p in summary.errors],
        "revision": summary.revision,
    }
    content = json.dumps(body, ensure_ascii=False).encode()
    headers = {"cache-control": "no-store"}
    return Response(content, status, headers=headers, media_type="application/json")


def _error(
    request: Request, status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    body = error_body(request.scope, code, message)
    headers = {"cache-control": "no-store", **(headers or {})}
    return Response(body, status, headers=headers, media_type="application/json")
