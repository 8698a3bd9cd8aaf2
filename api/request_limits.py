"""Size limits checked before anything else reads the request: query string and body.

The body is counted while it streams in and buffered (at most the limit), then replayed to
the app; a body over the limit is refused as soon as the limit is passed, so a 20 MB upload
costs at most the limit in memory and the rest is never read. A declared Content-Length over
the limit is refused before a single body byte is read.

Editors' write routes (`WRITE_PATHS`) and requests made with an `editor` key get the larger
`max_ingest_bytes`; everything else gets `max_body_bytes`. A new write route applies the
larger limit by adding its path to `WRITE_PATHS` (or by passing `write_paths`).
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.refusals import refuse
from api.settings import Settings
from store import SteppeError

WRITE_PATHS: tuple[str, ...] = ("/ingest",)
TOO_LARGE = "REQUEST_TOO_LARGE"


class BodyTooLargeError(SteppeError):
    """The client sent more than the limit (raised inside `receive`, caught by the middleware)."""


class RequestLimits:
    def __init__(
        self, app: ASGIApp, settings: Settings, write_paths: Iterable[str] = WRITE_PATHS
    ) -> None:
        self.app = app
        self.max_body = settings.max_body_bytes
        self.max_ingest = settings.max_ingest_bytes
        self.max_query_string = settings.max_query_string_bytes
        self.write_paths = tuple(write_paths)

    def body_limit(self, scope: Scope) -> int:
        caller = scope.get("state", {}).get("caller")
        editor = getattr(caller, "tier", None) == "editor"
        writes = scope["path"] in self.write_paths
        return self.max_ingest if editor or writes else self.max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope["query_string"]) > self.max_query_string:
            message = f"The query string is over {self.max_query_string} bytes; POST the query."
            await refuse(scope, send, 414, TOO_LARGE, message, limit=self.max_query_string)
            return
        limit = self.body_limit(scope)
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await refuse(scope, send, 413, TOO_LARGE, _too_large(limit), limit=limit)
            return
        try:
            messages = await _read_body(receive, limit)
        except BodyTooLargeError:
            await refuse(scope, send, 413, TOO_LARGE, _too_large(limit), limit=limit)
            return
        await self.app(scope, _replay(messages, receive), send)


def _too_large(limit: int) -> str:
    return f"The request body is over the limit of {limit} bytes."


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _read_body(receive: Receive, limit: int) -> list[Message]:
    """Every body message up to the end of the body, or BodyTooLargeError past `limit`."""
    messages: list[Message] = []
    size = 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return messages  # the client went away; the app sees the disconnect
        size += len(message.get("body", b""))
        if size > limit:
            raise BodyTooLargeError
        if not message.get("more_body", False):
            return messages


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replayed() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replayed
