"""Content negotiation for GraphQL over HTTP (graphql/graphql-over-http, "Accept")."""

from __future__ import annotations

from typing import Any

import mimeparse
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"


def negotiate(accept: str | None) -> str:
    """The response media type for an Accept header (RFC 9110 §12.5.1, via python-mimeparse).

    Each type gets the quality of the most specific range that matches it, so
    `application/json;q=0, */*` refuses JSON. The spec's media type when the client prefers
    it, or ties and names it (clients that list it are new enough to understand it);
    application/json otherwise, including for a missing header, for `*/*` (what legacy
    clients send) and for a header that accepts neither.
    """
    ranges = _ranges(accept)
    if not ranges:
        return JSON
    modern = mimeparse.quality_parsed(GRAPHQL_RESPONSE, ranges)
    legacy = mimeparse.quality_parsed(JSON, ranges)
    named = any(f"{kind}/{sub}" == GRAPHQL_RESPONSE for kind, sub, _ in ranges)
    if modern > legacy or (modern == legacy and modern > 0 and named):
        return GRAPHQL_RESPONSE
    return JSON


class SpecMediaTypes:
    """Strawberry view hooks for the spec's media type; mix in before `strawberry.asgi.GraphQL`.

    Strawberry always answers application/json with 200. Under
    application/graphql-response+json, a request that never reached execution is a 400 with
    no `data` (graphql-over-http, "application/graphql-response+json"). The negotiated type
    rides on the sub-response's `media_type`, which create_response reads.
    """

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        sub_response: Response = await super().get_sub_response(request)  # type: ignore[misc]
        sub_response.media_type = negotiate(request.headers.get("accept"))
        request.state.sub_response = sub_response
        return sub_response

    async def process_result(self, request: Request, result: ExecutionResult) -> Any:
        request.state.graphql_errors = bool(result.errors)  # read by the response cache
        payload: GraphQLHTTPResponse = await super().process_result(request, result)  # type: ignore[misc]
        sub_response: Response = request.state.sub_response
        if sub_response.media_type == GRAPHQL_RESPONSE and not_executed(result):
            sub_response.status_code = 400
            payload.pop("data", None)
        return payload

    def create_response(self, response_data: Any, sub_response: Response) -> Response:
        response: Response = super().create_response(response_data, sub_response)  # type: ignore[misc]
        response.headers["content-type"] = sub_response.media_type or JSON
        return response


def not_executed(result: ExecutionResult) -> bool:
    """Parse and validation failures, and variables that did not coerce (no path, no data)."""
    if isinstance(result, PreExecutionError):
        return True
    errors = result.errors or []
    return result.data is None and bool(errors) and all(e.path is None for e in errors)


def accepts_html(accept: str | None) -> bool:
    """Whether the client names text/html (a browser's page load), not merely `*/*`."""
    return any(
        (kind, sub) == ("text", "html") and float(params["q"]) > 0
        for kind, sub, params in _ranges(accept)
    )


def _ranges(accept: str | None) -> list[tuple[str, str, dict[str, str]]]:
    """The header's media ranges, lower-cased; malformed ones are ignored, not fatal."""
    ranges = []
    for item in (accept or "").lower().split(","):
        try:
            ranges.append(mimeparse.parse_media_range(item.strip()))
        except (mimeparse.MimeTypeParseException, ValueError):
            continue
    return ranges
