"""The GraphQL endpoint: Strawberry's ASGI view with our context, limits, media types, persisted
queries and HTTP caching."""

from __future__ import annotations

import asyncio
import logging
import re
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import strawberry
from cross_web import HTTPException
from graphql import ASTValidationRule, GraphQLError
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxTokensLimiter,
    ParserCache,
    ValidationCache,
)
from strawberry.http import GraphQLRequestData
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.subscriptions import (
    GRAPHQL_SSE_PROTOCOL,
    GRAPHQL_TRANSPORT_WS_PROTOCOL,
    MULTIPART_SUBSCRIPTION_PROTOCOL,
)
from strawberry.types import ExecutionContext, ExecutionResult

from api.caching import NO_STORE, HttpCache, Rendered
from api.cost import CostModel
from api.cost_limit import QueryCostLimit, QueryPricing
from api.disconnect import unless_disconnected
from api.errors import MaskUnexpectedErrors
from api.limits import selection_limits
from api.media import GRAPHQL_RESPONSE, SpecMediaTypes, accepts_html, negotiate
from api.operations import NAME_GIVEN, OPERATIONS, OperationChoice, unknown_operation
from api.persisted import PersistedDocuments, PersistedQueryError
from api.request_text import BadRequestTextError, CleanStringLiterals, check_request, decode_json
from api.result_cache import ResultCache
from api.settings import Settings
from index import SearchIndex
from schema.capacity import SearchCapacity
from schema.context import ANONYMOUS, Caller, Context, Limits
from schema.editorial import EditorialWrites
from schema.errors import RequestTimeoutError
from schema.events import StoreEvents
from schema.permissions import EDITOR
from schema.root import build_schema
from store import Store

logger = logging.getLogger("steppe.requests")
# graphql-core's hints for unknown fields, arguments, types and enum values.
SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


class SteppeSchema(strawberry.Schema):
    """Strawberry logs every error with a traceback; ours are logged once, by the masker.

    With introspection off, no "Did you mean" hint may leak the schema either: Strawberry's
    own switch only strips them from unknown-field errors, not from arguments or enum values.
    """

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        if self.config.disable_field_suggestions:
            for error in errors:
                error.message = SUGGESTION.sub("", error.message)


def schema_extensions(settings: Settings) -> list[Any]:
    """Limits first (they reject before work is done), caches, then the error policy.

    ValidationCache keys on the rule classes, so the rules are built once here and every
    request adds the same classes. The cost limit (`create_schema`) runs at the start of
    execution, on a document that passed validation.
    """
    limits: list[type[ASTValidationRule]] = [
        selection_limits(settings.max_depth, settings.max_aliases),
        CleanStringLiterals,
    ]
    extensions: list[Any] = [
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        lambda: AddValidationRules(limits),
        lambda: ParserCache(maxsize=512),
        lambda: ValidationCache(maxsize=512),
        OperationChoice,
        MaskUnexpectedErrors,
    ]
    if not settings.introspection:
        extensions.insert(0, DisableIntrospection)
    return extensions


def create_schema(settings: Settings) -> strawberry.Schema:
    """The cost limit reads the built GraphQL types, so its pricing is bound after the build."""
    pricing = QueryPricing(settings.max_query_cost)
    schema = build_schema(
        [*schema_extensions(settings), lambda: QueryCostLimit(pricing)],
        field_suggestions=settings.introspection,
        schema_class=SteppeSchema,
    )
    pricing.bind(CostModel(schema._schema, settings.max_page_size))
    return schema


class SteppeGraphQL(SpecMediaTypes, GraphQL[Context, None]):
    """GETs go through the response cache, POSTed queries through the result cache; the
    rest (mutations, batches, refusals) straight through Strawberry."""

    def __init__(
        self,
        settings: Settings,
        store: Store,
        index: SearchIndex,
        documents: PersistedDocuments,
        cache: HttpCache,
        explorer: Callable[[], Response],
        capacity: SearchCapacity | None = None,
        writes: EditorialWrites | None = None,
        events: StoreEvents | None = None,
    ) -> None:
        super().__init__(
            create_schema(settings),
            allow_queries_via_get=True,
            keep_alive=True,
            keep_alive_interval=KEEP_ALIVE_S,
            subscription_protocols=SUBSCRIPTION_PROTOCOLS,
            connection_init_wait_timeout=timedelta(seconds=settings.subscription_init_seconds),
            max_subscriptions_per_connection=settings.max_subscriptions_per_connection,
            allowed_origins=settings.cors_origins,
        )
        self.store, self.index, self.capacity, self.writes = store, index, capacity, writes
        self.events = events
        self.live = LiveConnections(settings.max_live_connections_per_client)
        self.documents, self.cache, self.explorer = documents, cache, explorer
        self.results = ResultCache(settings.result_cache_bytes, cache.revision)
        self.limits = Limits(
            max_page_size=settings.max_page_size,
            search_time_budget=settings.search_time_budget,
            request_time_budget=settings.request_time_budget,
        )
        self.max_json_depth = settings.max_json_depth
        self.write_time_budget = settings.write_time_budget

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.websocket(scope, receive, send)
            return
        request = Request(scope, receive)
        if is_stream(request):
            await self.stream(request, scope, receive, send)
            return
        try:
            if request.method == "POST":
                await request.body()  # read first: the disconnect watcher takes `receive`
        except ClientDisconnect:
            return
        response = await unless_disconnected(receive, self.respond(request))
        if response is None:
            request_id = getattr(request.state, "request_id", "-")
            logger.warning("request %s: the client hung up; its work was stopped", request_id)
            return
        response.headers.setdefault("cache-control", NO_STORE)
        await response(scope, receive, send)

    async def websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        """graphql-transport-ws, within the client's share of live connections."""
        client = _client(scope)
        if not self.live.open(client):
            logger.info("refused a WebSocket from %s: too many live connections", client)
            await send({"type": "websocket.close", "code": 1008})  # before accept: HTTP 403
            return
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.live.close(client)

    async def stream(self, request: Request, scope: Scope, receive: Receive, send: Send) -> None:
        """An event-stream (SSE) or multipart subscription: no request time budget (each
        event has its own, see schema.subscriptions), within the client's live connections."""
        client = _client(scope)
        if not self.live.open(client):
            message = (
                f"Too many live connections from this client (the limit is {self.live.limit});"
                " close one first."
            )
            await _refusal(request, 429, "RATE_LIMITED", message)(scope, receive, send)
            return
        try:
            response = await self.render(request)
            response.headers.setdefault("cache-control", NO_STORE)
            await response(scope, receive, send)
        finally:
            self.live.close(client)

    async def respond(self, request: Request) -> Response:
        """Within the request's time budget, or one TIMEOUT error naming it.

        Cancelling the whole execution at the deadline is cheaper than letting each of
        thousands of pending fields fail on its own; searches already on a thread end within
        their budget, which was cut to what the request had left.
        """
        budget = self.time_budget(request)
        try:
            async with asyncio.timeout(budget):
                if request.method == "GET" and not self.should_render_graphql_ide(request):
                    return await self.get(request)
                if request.method == "POST" and self.results.enabled:
                    return await self.post(request)
                return await self.render(request)
        except TimeoutError:
            error = RequestTimeoutError(budget)
            body = {"data": None, "errors": [error.formatted]}
            return JSONResponse(body, media_type=negotiate(request.headers.get("accept")))

    def time_budget(self, request: Request) -> float:
        """Writes have their own budget, and only editors can write: their requests get it.
        Their reads stay within the read budget, which each store read and search checks."""
        caller: Caller = getattr(request.state, "caller", ANONYMOUS)
        if caller.tier == EDITOR:
            return max(self.write_time_budget, self.limits.request_time_budget)
        return self.limits.request_time_budget

    async def get(self, request: Request) -> Response:
        """Keyed by the raw query string: a hit costs no parsing, hashing or GraphQL at all.

        The query string holds the document (or its hash), the variables and the operation
        name; the negotiated media type and the store revision complete the key.
        """
        query_string = request.scope["query_string"].decode("latin-1")
        key = (query_string, negotiate(request.headers.get("accept")))
        return await self.cache.respond(request, key, lambda: self.rendered(request), "Accept")

    async def post(self, request: Request) -> Response:
        """Keyed by the exact body (read already), its content type, the negotiated media
        type and the caller's tier (tiers differ in limits, so in what they may be answered)."""
        caller = getattr(request.state, "caller", ANONYMOUS)
        key = (
            request.headers.get("content-type", ""),
            negotiate(request.headers.get("accept")),
            caller.tier,
        )
        render = lambda: self.rendered_read(request)  # noqa: E731
        return await self.results.respond(await request.body(), key, render, request.state)

    async def rendered_read(self, request: Request) -> Rendered:
        """Kept only when the request ran one operation, a query, and GraphQL reported no
        error (a batch runs several, each noted by `execute_single`)."""
        response, cacheable = await self.rendered(request)
        context: Context | None = getattr(request.state, "context", None)
        operations = [] if context is None else context.extras.get(OPERATIONS_RUN, [])
        return response, cacheable and operations == [True]

    async def rendered(self, request: Request) -> Rendered:
        """Cacheable only when GraphQL ran, reported no error (see `process_result`) and gave
        a complete answer (no search cut short by its time budget)."""
        response = await self.render(request)
        context: Context | None = getattr(request.state, "context", None)
        complete = context is not None and not context.incomplete
        return response, complete and not getattr(request.state, "graphql_errors", True)

    async def render(self, request: Request) -> Response:
        try:
            return await self.run(request)
        except HTTPException as exc:
            if exc.status_code == 405:
                refusal = _refusal(request, 405, "METHOD_NOT_ALLOWED", exc.reason)
                refusal.headers["allow"] = "POST"
                return refusal
            return _refusal(request, exc.status_code, "BAD_REQUEST", exc.reason)
        except BadRequestTextError as exc:
            # Like a document that does not parse: 200 with `errors` under application/json,
            # 400 under the spec's media type (graphql-over-http, "Validation").
            spec = negotiate_json(request) == GRAPHQL_RESPONSE
            return _refusal(request, 400 if spec else 200, exc.code, str(exc))
        except PersistedQueryError as exc:
            error = {"message": exc.message, "extensions": {"code": exc.code}}
            media_type = negotiate(request.headers.get("accept"))
            # PERSISTED_QUERY_NOT_FOUND is the protocol's "send the text", not a failure: 200
            # under either media type, as Apollo Client 4 (which prefers the spec's) expects.
            status = 400 if exc.request_error else 200
            return JSONResponse({"errors": [error]}, status, media_type=media_type)

    async def process_result(self, request: Request, result: Any) -> Any:
        """No search slot in time: 503 with Retry-After, so clients and proxies back off; the
        cost to charge is left on the request for api.rate_limits."""
        request.state.cost = charged_cost(result)
        if too_costly(result):
            request.state.too_costly = getattr(request.state, "too_costly", 0) + 1
        payload = await super().process_result(request, result)
        busy = [e for e in result.errors or () if (e.extensions or {}).get("code") == "SERVER_BUSY"]
        if busy:
            sub_response: Response = request.state.sub_response
            sub_response.status_code = 503
            retry = max(int((e.extensions or {}).get("retryAfter", 1)) for e in busy)
            sub_response.headers["retry-after"] = str(retry)
        return payload

    def should_render_graphql_ide(self, request: Any) -> bool:
        """Only a browser's page load: `Accept: */*` with a hash-only GET is an API call."""
        params = request.query_params
        return (
            request.method == "GET"
            and params.get("query") is None
            and params.get("extensions") is None
            and accepts_html(request.headers.get("accept"))
        )

    async def render_graphql_ide(self, request: Request) -> Response:
        return self.explorer()

    def parse_json(self, data: str | bytes) -> Any:
        """Strawberry assumes a JSON body is an object (or a batch list) and fails with a 500
        on `null`, a number or a string; those are the client's mistake, so say so."""
        try:
            parsed = decode_json(data, self.max_json_depth)
        except BadRequestTextError as exc:
            raise HTTPException(400, str(exc)) from None
        if not isinstance(parsed, dict | list):
            raise HTTPException(400, "The request body must be a JSON object.")
        return parsed

    async def parse_http_body(self, request: Any) -> GraphQLRequestData | list[GraphQLRequestData]:
        data = await super().parse_http_body(request)
        for item in data if isinstance(data, list) else [data]:
            check_request(item.query, item.operation_name, item.variables, item.extensions)
        if isinstance(data, GraphQLRequestData):
            document = self.documents.resolve(data.query, data.extensions)
            data.query = None if document is None else document.text
        return data

    async def execute_single(
        self,
        request: Request,
        request_adapter: Any,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        """An unknown operationName becomes a GraphQL error (api.operations), not text/plain."""
        context.extras[NAME_GIVEN] = request_data.operation_name is not None
        query = self.results.reads_only(request_data.query, request_data.operation_name)
        context.extras.setdefault(OPERATIONS_RUN, []).append(query)
        try:
            return await super().execute_single(
                request, request_adapter, sub_response, context, root_value, request_data
            )
        except HTTPException as exc:
            # A name that is not a string is a malformed request: that stays a 400.
            named = isinstance(request_data.operation_name, str)
            if named and isinstance(exc.__cause__, CannotGetOperationTypeError):
                return unknown_operation(request_data.operation_name)
            if isinstance(exc.__cause__, InvalidOperationTypeError):
                # A mutation sent by GET: the method is what is wrong (graphql-over-http).
                raise HTTPException(405, "Mutations are sent by POST, never by GET.") from exc
            raise

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        request_id = getattr(request.state, "request_id", "-")
        operations: list[str | None] = []
        request.state.operations = operations  # the metrics' label (api.metrics)
        context = Context(
            store=self.store,
            index=self.index,
            limits=self.limits,
            capacity=self.capacity,
            caller=getattr(request.state, "caller", ANONYMOUS),
            extras={"request_id": request_id, "response": response, OPERATIONS: operations},
            writes=self.writes,
            events=self.events,
        )
        request.state.context = context  # read by `rendered`: was the answer complete?
        return context


# WebSocket (graphql-transport-ws; the older graphql-ws is left out), and over plain HTTP for
# proxies that block WebSockets: Server-Sent Events (graphql-sse) and multipart parts.
SUBSCRIPTION_PROTOCOLS = (
    GRAPHQL_TRANSPORT_WS_PROTOCOL,
    GRAPHQL_SSE_PROTOCOL,
    MULTIPART_SUBSCRIPTION_PROTOCOL,
)
KEEP_ALIVE_S = 15.0  # pings on idle subscriptions, so proxies keep the connection open
STREAM_TYPES = ("text/event-stream", "multipart/mixed")


def is_stream(request: Request) -> bool:
    """A subscription over HTTP: the client asks for an event stream or multipart parts."""
    accept = request.headers.get("accept", "").lower()
    return any(kind in accept for kind in STREAM_TYPES)


def _client(scope: Scope) -> str:
    caller = scope.get("state", {}).get("caller")
    if isinstance(caller, Caller):
        return caller.client
    client = scope.get("client")
    return str(client[0]) if client else "-"


class LiveConnections:
    """How many live connections each client holds; a client over `limit` is refused."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.held: Counter[str] = Counter()

    def open(self, client: str) -> bool:
        if self.held[client] >= self.limit:
            return False
        self.held[client] += 1
        return True

    def close(self, client: str) -> None:
        self.held[client] -= 1
        if self.held[client] <= 0:
            del self.held[client]


# Context extra: for each operation the request ran, whether it was a query.
OPERATIONS_RUN = "operations_run"


def too_costly(result: ExecutionResult) -> bool:
    return any((e.extensions or {}).get("code") == "QUERY_TOO_COSTLY" for e in result.errors or ())


def charged_cost(result: ExecutionResult) -> int:
    """`extensions.cost.requested` of the result, at least 1; 1 when refused by cost."""
    if too_costly(result):
        return 1
    cost = (result.extensions or {}).get("cost")
    requested = cost.get("requested") if isinstance(cost, dict) else None
    # At least 1: a document of scalars only is priced 0, but answering it is not free.
    return max(1, requested) if isinstance(requested, int) else 1


def _refusal(request: Request, status: int, code: str, message: str) -> Response:
    request_id = getattr(request.state, "request_id", "-")
    error = {"message": message, "extensions": {"code": code, "requestId": request_id}}
    return JSONResponse({"errors": [error]}, status, media_type=negotiate_json(request))


def negotiate_json(request: Request) -> str:
    return negotiate(request.headers.get("accept"))
