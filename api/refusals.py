"""Requests refused at the edge, before GraphQL: one JSON shape, always with the request id.

The body is a GraphQL response with only `errors` (graphql-over-http allows that for requests
that never reached execution), so clients handle these like any other GraphQL error.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from starlette.types import Scope, Send

JSON = "application/json"


def request_id(scope: Scope) -> str:
    return str(scope.get("state", {}).get("request_id", "-"))


def error_body(scope: Scope, code: str, message: str, **extra: object) -> bytes:
    rid = request_id(scope)
    extensions = {"code": code, "requestId": rid, **extra}
    error = {"message": message, "extensions": extensions}
    return json.dumps({"errors": [error]}, ensure_ascii=True).encode()


async def refuse(
    scope: Scope,
    send: Send,
    status: int,
    code: str,
    message: str,
    headers: Mapping[str, str] | None = None,
    **extra: object,
) -> None:
    """Send a complete JSON error response (the request's body may be left unread)."""
    body = error_body(scope, code, message, **extra)
    raw = [(b"content-type", JSON.encode()), (b"content-length", str(len(body)).encode())]
    raw += [(b"cache-control", b"no-store")]
    raw += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})
