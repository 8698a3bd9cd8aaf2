"""The server-side result cache of POSTed read queries.

Front-ends POST the same few queries over and over; a GET has the response cache and HTTP
caching, a POST had nothing. Here a POST's response is kept in memory, keyed by the exact
request body and its content type, the negotiated media type, the caller's tier and the
store revision (the GET cache's policy: a write moves the revision and retires every entry
at once). The same bytes parse to the same document, variables and operation, so no
canonical form is needed, and a body that is not valid never produces a cacheable response.
Only queries are kept (never a mutation or a batch), only a complete 200 without GraphQL
errors, within a byte budget
(`STEPPE_RESULT_CACHE_BYTES`, 0 turns it off). A hit is marked `X-Cache: hit` and costs no
rate-limit points, as a cached GET does.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable

from graphql import GraphQLError, OperationType, get_operation_ast, parse
from starlette.datastructures import State
from starlette.responses import Response

from api.caching import CachedResponse, StoreRevision
from api.lru import LRU

_ENTRY_OVERHEAD = 200  # bytes of bookkeeping per entry
_KIND_ENTRY = 64  # bytes per remembered "is this a query" answer
_KINDS_BUDGET = 1024 * _KIND_ENTRY

Rendered = tuple[Response, bool]  # the response, and whether it may be kept


class ResultCache:
    def __init__(self, budget_bytes: int, revision: StoreRevision) -> None:
        self.enabled = budget_bytes > 0
        self.revision = revision
        self.results: LRU[tuple[object, ...], CachedResponse] = LRU(max(budget_bytes, 1))
        self.kinds: LRU[bytes, bool] = LRU(_KINDS_BUDGET)  # parsed once per distinct text

    def reads_only(self, document: str | None, operation_name: str | None) -> bool:
        """Whether the request runs a query (so may be kept), remembered per document."""
        if document is None:
            return False
        text = f"{operation_name or ''}\x1f{document}".encode("utf-8", "surrogatepass")
        digest = hashlib.blake2b(text, digest_size=16).digest()
        known = self.kinds.get(digest)
        if known is None:
            known = is_query(document, operation_name)
            self.kinds.put(digest, known, _KIND_ENTRY)
        return known

    async def respond(
        self,
        body: bytes,
        request_key: tuple[str, ...],
        render: Callable[[], Awaitable[Rendered]],
        state: State,
    ) -> Response:
        """The kept response for `body` (with `request_key`: what else shapes the answer) at
        the current revision, or `render`'s, kept when it may be; `state` is the request's."""
        digest = hashlib.blake2b(body, digest_size=16).digest()
        key = (self.revision.current, digest, *request_key)
        cached = self.results.get(key)
        if cached is not None:
            cached.replay(state)
            headers = {"content-type": cached.content_type, "x-cache": "hit"}
            return Response(cached.body, headers=headers)
        response, keep = await render()
        if keep and response.status_code == 200:
            kept = CachedResponse.of(response, state)
            self.results.put(key, kept, len(kept.body) + _ENTRY_OVERHEAD)
            response.headers["x-cache"] = "miss"
        return response


def is_query(document: str, operation_name: str | None) -> bool:
    """Whether `document` (with `operation_name`) selects a query; False when it does not
    parse or names no operation (execution reports those)."""
    try:
        operation = get_operation_ast(parse(document), operation_name)
    except GraphQLError:
        return False
    return operation is not None and operation.operation == OperationType.QUERY
