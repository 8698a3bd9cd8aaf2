"""Which operation of a document to run (GraphQL spec, "GetOperation"), answered as GraphQL.

Strawberry runs the first operation when a document has several and no `operationName`, and
answers an unknown `operationName` with a text/plain 400 that GraphiQL and gql cannot read.
Both are request errors: a JSON GraphQL error with no `data`, which the media-type policy
(api.media) sends as 200 under application/json and 400 under the spec's media type.
Apollo Server names the same failure OPERATION_RESOLUTION_FAILURE; so do we.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import ExecutionResult, GraphQLError, OperationDefinitionNode
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult as HTTPResult

CODE = "OPERATION_RESOLUTION_FAILURE"
NAME_GIVEN = "operation_name_given"  # Context.extras key, set by the view per request
# Context.extras key: the name (None when anonymous) of each operation run, for the metrics.
OPERATIONS = "operations"


def unknown_operation(name: str | None) -> HTTPResult:
    error = GraphQLError(
        f"Unknown operation named {name!r}: the document defines no operation of that name.",
        extensions={"code": CODE},
    )
    return HTTPResult(data=None, errors=[error])


class OperationChoice(SchemaExtension):
    """Refuses a document of several operations that does not say which one to run; notes
    the name of the one that runs."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        extras: Any = getattr(context.context, "extras", None) or {}
        document = context.graphql_document
        if isinstance(extras.get(OPERATIONS), list):
            extras[OPERATIONS].append(context.operation_name)
        if document is not None and not extras.get(NAME_GIVEN, True):
            names = [
                d.name.value if d.name else "(anonymous)"
                for d in document.definitions
                if isinstance(d, OperationDefinitionNode)
            ]
            if len(names) > 1:
                message = (
                    f"The document has {len(names)} operations ({', '.join(names)}): "
                    "say which one to run with operationName."
                )
                error = GraphQLError(message, extensions={"code": CODE})
                context.result = ExecutionResult(data=None, errors=[error])
        yield
