"""Prometheus metrics of one app, served at `/metrics` (README "Operating Steppe").

Every app has its own `CollectorRegistry`, so several apps in one process (the tests) never
share a count. Requests are observed by `MetricsMiddleware`, from what the layers inside leave
in the ASGI scope: the matched route, the GraphQL operations the view ran
(`state["operations"]`), documents refused by cost (`state["too_costly"]`), the caller's tier,
and the `x-cache` header of the answer. The rest is read when Prometheus scrapes: the search
queue, the store and index revisions.

Label values stay bounded: a route is named by its path template, a GraphQL operation by its
name only when it is a trusted document's (`queries/`) or one of the first
`EXTRA_OPERATION_NAMES` other names seen; later names are "other", a nameless operation is
"anonymous", a batch "batch".
"""

from __future__ import annotations

import asyncio
import ipaddress
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Match, Mount, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.refusals import error_body
from api.settings import Network, Settings, metrics_networks
from index import SearchIndex
from schema.capacity import SearchCapacity
from store import Store

EXTRA_OPERATION_NAMES = 32
MAX_NAME_LENGTH = 64
GRAPHQL_PATH = "/graphql"
HUNG_UP = 499  # no answer was sent: the client went away first (nginx's number for it)
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
WRITE_KINDS = ("ingest", "unpublish", "republish")
ARTICLE_OUTCOMES = ("added", "updated", "unchanged")


@dataclass(frozen=True)
class Live:
    """What a scrape reads, once the lifespan has opened it."""

    store: Store
    index: SearchIndex
    capacity: SearchCapacity


class OperationNames:
    """Operation name → label: trusted names always, a few others first come, then "other"."""

    def __init__(self, trusted: Iterable[str], extra: int = EXTRA_OPERATION_NAMES) -> None:
        self.trusted = frozenset(trusted)
        self.extra = extra
        self.seen: set[str] = set()

    def label(self, names: list[str | None]) -> str:
        if len(names) > 1:
            return "batch"
        name = names[0]
        if name is None:
            return "anonymous"
        if name in self.trusted or name in self.seen:
            return name
        if len(self.seen) < self.extra and len(name) <= MAX_NAME_LENGTH:
            self.seen.add(name)
            return name
        return "other"


class Metrics:
    def __init__(self, trusted_names: Iterable[str]) -> None:
        self.registry = r = CollectorRegistry()
        self.names = OperationNames(trusted_names)
        self.live: Live | None = None
        by_request = ["operation", "status"]
        self.requests = Counter(
            "steppe_http_requests", "HTTP requests answered.", by_request, registry=r
        )
        self.latency = Histogram(
            "steppe_http_request_duration_seconds",
            "Time from a request's arrival to the end of its handling.",
            by_request,
            buckets=BUCKETS,
            registry=r,
        )
        self.cache = Counter(
            "steppe_response_cache_lookups",
            "Answers from the GET response cache and the POST result cache (x-cache).",
            ["cache", "result"],
            registry=r,
        )
        self.persisted = Counter(
            "steppe_persisted_query_lookups",
            "Persisted-query hashes: found (hit), not found (miss), registered with their text.",
            ["result"],
            registry=r,
        )
        self.too_costly = Counter(
            "steppe_queries_too_costly", "Documents refused by cost (QUERY_TOO_COSTLY).", registry=r
        )
        self.rate_limited = Counter(
            "steppe_rate_limited_requests", "Requests refused with 429.", ["tier"], registry=r
        )
        self.writes = Counter(
            "steppe_writes",
            "Writes through the write API, by kind and outcome.",
            ["kind", "outcome"],
            registry=r,
        )
        self.articles = Counter(
            "steppe_ingested_articles",
            "Articles in ingests through the write API, by what ingest did with them.",
            ["outcome"],
            registry=r,
        )
        self.queue = Gauge(
            "steppe_search_queue_depth", "Searches waiting for a search thread.", registry=r
        )
        self.busy = Gauge("steppe_search_busy_threads", "Search threads at work.", registry=r)
        self.threads = Gauge("steppe_search_threads", "Search threads in all.", registry=r)
        self.store_revision = Gauge("steppe_store_revision", "The store's revision.", registry=r)
        self.index_revision = Gauge(
            "steppe_index_revision", "The store revision the index reflects.", registry=r
        )
        self.lag = Gauge(
            "steppe_index_lag_revisions", "Store revision minus index revision.", registry=r
        )
        self._zeros()

    def _zeros(self) -> None:
        """Series that exist before their first event, so rates start from 0."""
        for cache in ("get", "post"):
            for result in ("hit", "miss"):
                self.cache.labels(cache, result)
        for result in ("hit", "miss", "registered"):
            self.persisted.labels(result)
        for kind in WRITE_KINDS:
            self.writes.labels(kind, "ok")
        for outcome in ARTICLE_OUTCOMES:
            self.articles.labels(outcome)

    def observe(
        self,
        scope: Scope,
        route: BaseRoute | None,
        status: int,
        cache: bytes | None,
        seconds: float,
    ) -> None:
        state: dict[str, Any] = scope.get("state", {})
        operation = self.operation_of(route, state)
        self.requests.labels(operation, str(status)).inc()
        self.latency.labels(operation, str(status)).observe(seconds)
        if cache in (b"hit", b"miss"):
            which = "post" if scope.get("method") == "POST" else "get"
            self.cache.labels(which, cache.decode()).inc()
        if status == 429:
            self.rate_limited.labels(getattr(state.get("caller"), "tier", "anonymous")).inc()
        self.too_costly.inc(int(state.get("too_costly", 0)))

    def operation_of(self, route: BaseRoute | None, state: Mapping[str, Any]) -> str:
        if isinstance(route, Mount):
            return f"{route.path}/{{path}}"
        if not isinstance(route, Route):
            return "unmatched"
        names = state.get("operations")
        if route.path != GRAPHQL_PATH or not names:
            return route.path  # GraphQL never ran: refused before, or the explorer page
        return self.names.label(list(names))

    def wrote(self, kind: str, outcome: str, articles: Mapping[str, int] | None = None) -> None:
        self.writes.labels(kind, outcome).inc()
        for change, count in (articles or {}).items():
            if change in ARTICLE_OUTCOMES:
                self.articles.labels(change).inc(count)

    def looked_up(self, result: str) -> None:
        self.persisted.labels(result).inc()

    def render(self) -> bytes:
        """The text exposition; reads the store's revision, so it runs on a thread."""
        live = self.live
        if live is not None:
            store_revision, index_revision = live.store.revision(), live.index.revision
            self.store_revision.set(store_revision)
            self.index_revision.set(index_revision)
            self.lag.set(max(0, store_revision - index_revision))
            self.queue.set(live.capacity.waiting)
            self.busy.set(live.capacity.busy)
            self.threads.set(live.capacity.limits.workers)
        return generate_latest(self.registry)


class MetricsMiddleware:
    """Counts and times every HTTP request, with the labels `Metrics.observe` picks.

    The route is the router's (`scope["route"]`), or for a request refused before it got
    there (401, 413, 429), the route that would have taken it."""

    def __init__(self, app: ASGIApp, metrics: Metrics, routes: list[BaseRoute]) -> None:
        self.app = app
        self.metrics = metrics
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status, cache = HUNG_UP, None

        async def send_observed(message: Message) -> None:
            nonlocal status, cache
            if message["type"] == "http.response.start":
                status = message["status"]
                cache = dict(message.get("headers", [])).get(b"x-cache")
            await send(message)

        path = scope["path"]
        try:
            await self.app(scope, receive, send_observed)
        except Exception:
            status = 500
            raise
        finally:
            route = scope.get("route") or self.route_of({**scope, "path": path})
            self.metrics.observe(scope, route, status, cache, time.perf_counter() - started)

    def route_of(self, scope: Scope) -> BaseRoute | None:
        matches = ((route, route.matches(scope)[0]) for route in self.routes)
        return next((route for route, match in matches if match != Match.NONE), None)


def metrics_route(settings: Settings, metrics: Metrics) -> list[Route]:
    """`GET /metrics`, to anyone (`STEPPE_METRICS=public`), to listed networks, or not at all."""
    if settings.metrics == "off":
        return []
    networks = [] if settings.metrics == "public" else metrics_networks(settings.metrics)

    async def scrape(request: Request) -> Response:
        if networks and not _allowed(request, networks):
            body = error_body(request.scope, "FORBIDDEN", "Metrics are not public here.")
            return Response(body, 403, media_type="application/json")
        body = await asyncio.to_thread(metrics.render)
        headers = {"cache-control": "no-store"}
        return Response(body, headers=headers, media_type=CONTENT_TYPE_LATEST)

    return [Route("/metrics", scrape, methods=["GET"])]


def _allowed(request: Request, networks: list[Network]) -> bool:
    client = request.client
    try:
        address = ipaddress.ip_address(client.host if client else "")
    except ValueError:
        return False
    return any(address in network for network in networks)
