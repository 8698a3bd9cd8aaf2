"""Unexpected errors: hidden from clients, logged here with the request's id."""

from __future__ import annotations

import logging
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import MaskErrors

logger = logging.getLogger("steppe.errors")


def is_unexpected(error: GraphQLError) -> bool:
    """Validation, limit and user errors are GraphQLErrors with a message meant for users."""
    return error.original_error is not None and not isinstance(error.original_error, GraphQLError)


class MaskUnexpectedErrors(MaskErrors):
    """Keeps the messages of expected errors; replaces the rest and logs the traceback."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=is_unexpected)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        request_id = self._request_id()
        logger.error(
            "unexpected error in %s (request %s)",
            error.path,
            request_id,
            exc_info=error.original_error,
        )
        return GraphQLError(
            message=f"Unexpected error. Quote request id {request_id} when reporting it.",
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
        )

    def _request_id(self) -> str:
        context: Any = self.execution_context.context
        extras = getattr(context, "extras", None) or {}
        return str(extras.get("request_id", "-"))
