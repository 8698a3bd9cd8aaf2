"""Unexpected errors: hidden from clients, logged here with the request's id."""

from __future__ import annotations

import logging
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import MaskErrors
from strawberry.schema.exceptions import InvalidOperationTypeError

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
        if isinstance(error.original_error, InvalidOperationTypeError):
            return refused_operation(error.original_error, request_id)
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


def refused_operation(error: InvalidOperationTypeError, request_id: str) -> GraphQLError:
    """An operation the method or transport doesn't allow, met on a stream (a mutation in a
    GET event stream, a query over multipart): the client's mistake, refused before it ran."""
    return GraphQLError(
        message=f"{error.operation_type.value.capitalize()}s are not allowed with this method"
        " and transport; GET never writes.",
        extensions={"code": "BAD_REQUEST", "requestId": request_id},
    )
