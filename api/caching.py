"""HTTP caching of GET responses: validators, 304s and an in-process response cache.

Everything a GET returns is a function of the request and of the store's content, and the
store bumps a revision on every write. So a response is keyed by (store revision, request):
an ingest moves the revision, which changes every ETag and retires every cached response at
once, with nothing to invalidate by hand. The revision is the one the search index has caught
up to, which the app's background follower refreshes; reading it costs no database query.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from starlette.datastructures import State
from starlette.requests import Request
from starlette.responses import Response

from api.lru import LRU
from api.settings import Settings

# GZipMiddleware compresses bodies from this size on and then adds `Vary: Accept-Encoding`;
# a 304 carries no body, so it has to be told which Vary its 200 had.
GZIP_MINIMUM = 1024
NO_STORE = "no-store"
_ENTRY_OVERHEAD = 200  # bytes of bookkeeping per entry, so tiny bodies still count

Rendered = tuple[Response, bool]  # the response, and whether it may be cached


@dataclass
class StoreRevision:
    """The store revision the search index has caught up to (see `api.app._follow_store`)."""

    current: int


@dataclass(frozen=True, slots=True)
class CachedResponse:
    body: bytes
    content_type: str
    operations: tuple[str | None, ...] = ()  # what GraphQL ran for it (the metrics' label)

    @classmethod
    def of(cls, response: Response, state: State) -> CachedResponse:
        operations = tuple(getattr(state, "operations", ()))
        return cls(bytes(response.body), response.headers["content-type"], operations)

    def replay(self, state: State) -> None:
        """On a hit, the request is labelled as if GraphQL had run it again."""
        if self.operations:
            state.operations = list(self.operations)


class HttpCache:
    """Answers cacheable GETs from memory, with ETags and 304s; bounded by a byte budget."""

    def __init__(self, settings: Settings, revision: StoreRevision) -> None:
        self.revision = revision
        self.responses: LRU[tuple[object, ...], CachedResponse] = LRU(settings.response_cache_bytes)
        self.policy = (
            f"public, max-age={settings.cache_max_age}, "
            f"stale-while-revalidate={settings.cache_stale_while_revalidate}"
        )

    async def respond(
        self,
        request: Request,
        key: tuple[str, ...],
        render: Callable[[], Awaitable[Rendered]],
        vary: str = "",
    ) -> Response:
        """The cached response for `key` at the current revision, or `render`'s, kept."""
        versioned = (self.revision.current, *key)
        etag = entity_tag(versioned)
        cached = self.responses.get(versioned)
        if cached is None:
            response, cacheable = await render()
            if not cacheable or response.status_code != 200:
                response.headers["cache-control"] = NO_STORE
                return response
            cached = CachedResponse.of(response, request.state)
            size = len(cached.body) + sum(map(len, key)) + _ENTRY_OVERHEAD
            self.responses.put(versioned, cached, size)
            state = "miss"
        else:
            state = "hit"
            cached.replay(request.state)
        if matches(request.headers.get("if-none-match"), etag):
            return Response(status_code=304, headers=self.headers(etag, cached, vary, True))
        headers = {**self.headers(etag, cached, vary, False), "x-cache": state}
        return Response(cached.body, headers={"content-type": cached.content_type, **headers})

    def headers(
        self, etag: str, cached: CachedResponse, vary: str, not_modified: bool
    ) -> dict[str, str]:
        varies = [vary] if vary else []
        if not_modified and len(cached.body) >= GZIP_MINIMUM:
            varies.append("Accept-Encoding")
        headers = {"cache-control": self.policy, "etag": etag}
        if varies:
            headers["vary"] = ", ".join(varies)
        return headers


def entity_tag(key: tuple[object, ...]) -> str:
    """A weak validator: the same content may go out gzipped or not (RFC 9110, 8.8.1)."""
    digest = hashlib.blake2b("\x1f".join(map(str, key)).encode(), digest_size=12).hexdigest()
    return f'W/"{key[0]}-{digest}"'


def matches(if_none_match: str | None, etag: str) -> bool:
    """Weak comparison, as If-None-Match uses (RFC 9110, 13.1.2)."""
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    wanted = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == wanted for tag in if_none_match.split(","))
