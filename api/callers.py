"""Who is calling: an API key (`Authorization: Bearer KEY` or `?api-key=KEY`) or an IP address.

The caller goes into the ASGI scope's state (`scope["state"]["caller"]`, a `schema.context.
Caller`), where the size limits, the rate limits and the GraphQL context read it. A key that
is unknown or revoked is refused with 401 UNAUTHENTICATED before any other work: a client
that sends a key means to be counted against it, so silently treating it as anonymous would
hide its mistake.

Keys are looked up in the store (shared by every replica) and remembered for `KEY_CACHE_SECONDS`,
so a revoked key stops working everywhere within that time.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import time
from collections.abc import Callable
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Receive, Scope, Send

from api.refusals import refuse
from schema.context import Caller
from store import Store, keys

KEY_CACHE_SECONDS = 5.0
KEY_PREFIX = "stp_"
KEY_PARAMETER = "api-key"
TIERS = ("partner", "editor")
_CACHE_SIZE = 10_000


def new_key() -> str:
    """A fresh key: a recognisable prefix and 32 random bytes."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


class KeyLookup:
    """Digest → active key, from the store, remembered for a few seconds (misses too)."""

    def __init__(self, store: Callable[[Scope], Store]) -> None:
        self.store = store
        self.remembered: dict[str, tuple[float, keys.ApiKey | None]] = {}

    async def find(self, key: str, scope: Scope) -> keys.ApiKey | None:
        digest = key_digest(key)
        now = time.monotonic()
        hit = self.remembered.get(digest)
        if hit is not None and now - hit[0] < KEY_CACHE_SECONDS:
            return hit[1]
        found = await asyncio.to_thread(self._load, self.store(scope), digest)
        if len(self.remembered) >= _CACHE_SIZE:
            self.remembered.clear()  # a flood of made-up keys cannot grow memory
        self.remembered[digest] = (now, found)
        return found

    def _load(self, store: Store, digest: str) -> keys.ApiKey | None:
        with store.read() as conn:
            return keys.find_key(conn, digest)


class Callers:
    """ASGI middleware: identifies the caller, or refuses a bad key with 401."""

    def __init__(self, app: ASGIApp, store: Callable[[Scope], Store]) -> None:
        self.app = app
        self.lookup = KeyLookup(store)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        address = client[0] if client else "-"
        key = presented_key(scope)
        caller = Caller(client=address)
        if key is not None:
            found = await self.lookup.find(key, scope)
            if found is None and scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})  # before accept: 403
                return
            if found is None:
                message = "The API key is unknown or revoked."
                headers = {"www-authenticate": 'Bearer error="invalid_token"'}
                await refuse(scope, send, 401, "UNAUTHENTICATED", message, headers)
                return
            caller = Caller(tier=found.tier, key_name=found.name, client=f"key:{found.name}")
        scope.setdefault("state", {})["caller"] = caller
        await self.app(scope, receive, send)


def presented_key(scope: Scope) -> str | None:
    """The key from `Authorization: Bearer …`, else from the `api-key` query parameter."""
    headers: list[tuple[bytes, bytes]] = scope["headers"]
    for name, value in headers:
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                return token.strip()
    query: bytes = scope.get("query_string", b"")
    if b"api-key=" in query:
        for key, given in parse_qsl(query.decode("latin-1"), keep_blank_values=True):
            if key == KEY_PARAMETER and given:
                return given
    return None
