"""The composition root: settings in, a Starlette app out. Resources open in the lifespan."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.caching import GZIP_MINIMUM, HttpCache, StoreRevision
from api.callers import Callers
from api.charts import charts_routes
from api.embed import embed_routes
from api.explorer import VENDOR_DIR, explorer_page, explorer_routes
from api.feeds import feed_routes
from api.following import StoreFollower
from api.graphql import SteppeGraphQL
from api.logs import REQUEST_ID
from api.metrics import Live, Metrics, MetricsMiddleware, metrics_route
from api.persisted import PersistedDocuments, load_trusted
from api.rate_limits import RATE_LIMIT_HEADERS, RateLimits
from api.refusals import error_body
from api.request_limits import RequestLimits
from api.resources import open_index, open_store
from api.search_exports import SearchResources, search_export_routes
from api.settings import Settings
from api.state import STATE_KEY, AppState, app_state, resources_of, store_of, writes_of
from api.writes import ApiWrites, ingest_route
from index import lease
from ingest import catch_up
from schema.capacity import CapacityLimits, SearchCapacity

logger = logging.getLogger("steppe")


def create_app(settings: Settings, vendor_dir: Path = VENDOR_DIR) -> Starlette:
    """`vendor_dir`: the explorer's built files (`make web`); tests point it elsewhere."""
    trusted = load_trusted()
    metrics = Metrics(d.name for d in trusted.values() if d.name)
    documents = PersistedDocuments(trusted, settings.apq_cache_bytes, metrics.looked_up)
    revision = StoreRevision(current=0)
    cache = HttpCache(settings, revision)
    explorer = explorer_page(documents, vendor_dir)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[dict[str, AppState]]:
        # While this server runs, it (its follower) is the index folder's writer: see
        # index.lease. Waits while a `steppe ingest` is indexing the folder.
        index_lease = await asyncio.to_thread(lease.serve, settings.index_dir)
        store = await asyncio.to_thread(open_store, settings)
        index = await asyncio.to_thread(open_index, settings)
        await asyncio.to_thread(catch_up, store, index)
        revision.current = index.revision
        capacity = SearchCapacity(search_capacity(settings))
        follower = StoreFollower(store, index, revision)
        writes = ApiWrites(store, follower, settings, metrics)
        metrics.live = Live(store, index, capacity)
        graphql = SteppeGraphQL(
            settings, store, index, documents, cache, explorer, capacity, writes, follower
        )
        state = AppState(SearchResources.of(store, index, capacity), graphql, writes)
        following = asyncio.create_task(
            follower.follow(settings.index_poll_seconds, store.revision_listener())
        )
        try:
            yield {STATE_KEY: state}
        finally:
            following.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await following
            metrics.live = None
            capacity.close()
            index.close()
            store.close()
            index_lease.release()

    async def healthz(request: Request) -> Response:
        return JSONResponse(await asyncio.to_thread(_health, resources_of(request.scope)))

    async def manifest(_request: Request) -> Response:
        return JSONResponse(documents.manifest())

    routes = [
        Route("/graphql", GraphQLFromState(), methods=["GET", "POST"]),
        WebSocketRoute("/graphql", GraphQLFromState()),  # subscriptions
        Route("/graphql/documents", manifest, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        *metrics_route(settings, metrics),
        ingest_route(writes_of),
        *feed_routes(store_of, cache),
        *search_export_routes(
            resources_of,
            cache,
            settings.search_time_budget,
            settings.export_max_rows,
        ),
        *embed_routes(settings, documents),
        *explorer_routes(vendor_dir),
        *charts_routes(),
    ]
    # Outside in: the request id, CORS (so refusals below are readable cross-origin), the
    # metrics (every answer but a preflight's), who calls, their rate limit, the size limits,
    # then compression. Each refuses before the next one does any work.
    exposed = ["etag", "x-request-id", "x-cache", "retry-after", *RATE_LIMIT_HEADERS]
    allowed = ["content-type", "accept", "if-none-match", "x-request-id", "authorization"]
    middleware = [
        Middleware(RequestIdMiddleware),
        Middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=allowed,
            expose_headers=exposed,
            allow_credentials=False,
            max_age=86400,
        ),
        Middleware(MetricsMiddleware, metrics=metrics, routes=routes),
        Middleware(Callers, store=store_of),
        Middleware(RateLimits, settings=settings),
        Middleware(RequestLimits, settings=settings),
        Middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM),
    ]
    return Starlette(
        routes=routes,
        middleware=middleware,
        lifespan=lifespan,
        exception_handlers={Exception: _unexpected},
    )


async def _unexpected(request: Request, exc: Exception) -> Response:
    """The last resort: a JSON 500 with the request id, never Starlette's plain-text page.

    Starlette logs the traceback itself after sending this."""
    body = error_body(request.scope, "INTERNAL_SERVER_ERROR", "Unexpected error.")
    return Response(body, 500, media_type="application/json")


def search_capacity(settings: Settings) -> CapacityLimits:
    return CapacityLimits(
        workers=settings.search_workers,
        per_request=max(1, settings.search_workers // 2),
        queue=settings.search_queue,
        wait_s=settings.search_wait_seconds,
    )


def _health(resources: SearchResources) -> dict[str, object]:
    store_revision = resources.store.revision()
    index_revision = resources.index.revision
    return {
        "status": "ok",
        "store": {"backend": resources.store.backend, "revision": store_revision},
        "index": {"revision": index_revision, "lag": max(0, store_revision - index_revision)},
    }


class GraphQLFromState:
    """The GraphQL view the lifespan opened (it needs the store and the index), per request."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("method") == "HEAD":
            # Starlette advertises HEAD beside GET; the server drops the body of the GET answer.
            scope = {**scope, "method": "GET"}
        await app_state(scope).graphql(scope, receive, send)


class RequestIdMiddleware:
    """Tags each request with an id (the client's X-Request-ID or a new one) for the logs."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming[:64] if incoming.isprintable() and incoming else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append((b"x-request-id", request_id.encode()))
            await send(message)

        token = REQUEST_ID.set(request_id)  # for every log line of this request (api.logs)
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            REQUEST_ID.reset(token)
