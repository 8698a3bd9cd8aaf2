"""Content negotiation for GraphQL over HTTP (graphql/graphql-over-http, "Accept")."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"


def negotiate(accept: str | None) -> str:
    """The response media type for an Accept header.

    The spec's media type when the client prefers it (ties go to it, since clients that list
    it are new enough to understand it); application/json otherwise, including for a missing
    header and for `*/*`, which is what legacy clients send.
    """
    if not accept:
        return JSON
    ranks = _qualities(accept)
    modern = ranks.get(GRAPHQL_RESPONSE, 0.0)
    legacy = max(ranks.get(JSON, 0.0), ranks.get("application/*", 0.0), ranks.get("*/*", 0.0))
    return GRAPHQL_RESPONSE if modern > 0 and modern >= legacy else JSON


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
    return bool(accept) and _qualities(accept or "").get("text/html", 0.0) > 0


def _qualities(accept: str) -> dict[str, float]:
    ranks: dict[str, float] = {}
    for item in accept.split(","):
        media_type, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranks[media_type.lower()] = max(ranks.get(media_type.lower(), 0.0), quality)
    return ranks
