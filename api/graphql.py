"""The GraphQL endpoint: Strawberry's ASGI view with our context, limits and error policy."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import Response
from strawberry.asgi import GraphQL
from strawberry.extensions import (
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.types import ExecutionContext

from api.errors import MaskUnexpectedErrors
from api.settings import Settings
from index import SearchIndex
from schema.context import Context, Limits
from schema.root import build_schema
from store.database import Store


class SteppeSchema(strawberry.Schema):
    """Strawberry logs every error with a traceback; ours are logged once, by the masker."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        return None


def schema_extensions(settings: Settings) -> list[Any]:
    """Limits first (they reject before work is done), caches, then the error policy."""
    extensions: list[Any] = [
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        lambda: QueryDepthLimiter(max_depth=settings.max_depth),
        lambda: MaxAliasesLimiter(max_alias_count=settings.max_aliases),
        lambda: ParserCache(maxsize=512),
        lambda: ValidationCache(maxsize=512),
        MaskUnexpectedErrors,
    ]
    if not settings.introspection:
        extensions.insert(0, DisableIntrospection)
    return extensions


def create_schema(settings: Settings) -> strawberry.Schema:
    return build_schema(
        schema_extensions(settings),
        field_suggestions=settings.introspection,
        schema_class=SteppeSchema,
    )


class SteppeGraphQL(GraphQL[Context, None]):
    def __init__(self, settings: Settings, store: Store, index: SearchIndex) -> None:
        super().__init__(
            create_schema(settings),
            graphql_ide="graphiql",
            allow_queries_via_get=True,
            multipart_uploads_enabled=False,
        )
        self.store = store
        self.index = index
        self.limits = Limits(
            max_page_size=settings.max_page_size, search_time_budget=settings.search_time_budget
        )

    async def get_context(self, request: Request, response: Response) -> Context:  # type: ignore[override]
        request_id = getattr(request.state, "request_id", "-")
        return Context(
            store=self.store,
            index=self.index,
            limits=self.limits,
            extras={"request_id": request_id, "response": response},
        )
