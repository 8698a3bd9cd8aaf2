"""Refusing documents that cost too much, before any resolver runs; reporting the cost after.

The requested cost is cached per distinct (document, operation, sizes given by variables),
beside graphql-core's validation cache, so a repeated query is priced once. The response's
`extensions.cost` carries `{requested, actual}`; the request's state carries a `CostReport`
for the layers around GraphQL (the rate limiter charges `requested`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import DocumentNode
from graphql import ExecutionResult as GraphQLExecutionResult
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from api.cost import CostModel
from api.lru import LRU
from schema.errors import SteppeGraphQLError

COST_CACHE_BYTES = 4 * 1024 * 1024


class QueryTooCostlyError(SteppeGraphQLError):
    code = "QUERY_TOO_COSTLY"

    def __init__(self, requested: int, maximum: int) -> None:
        super().__init__(
            f"This query would cost {requested} points; the maximum is {maximum}. Ask for "
            "smaller pages (`first:`), fewer nested lists, or split it into several queries.",
            extensions={"code": self.code, "cost": {"requested": requested, "maximum": maximum}},
        )


@dataclass
class CostReport:
    """What one GraphQL request was priced at; `actual` is None when it did not run."""

    requested: int = 0
    maximum: int = 0
    actual: int | None = None

    @property
    def refused(self) -> bool:
        return self.requested > self.maximum


class QueryPricing:
    """The model, the maximum and the cache shared by every request of one app."""

    def __init__(self, maximum: int) -> None:
        self.maximum = maximum
        self._model: CostModel | None = None
        self._sizes: LRU[str, tuple[str, ...]] = LRU(COST_CACHE_BYTES // 2)
        self._costs: LRU[tuple[Any, ...], int] = LRU(COST_CACHE_BYTES // 2)

    def bind(self, model: CostModel) -> None:
        self._model = model

    @property
    def model(self) -> CostModel:
        if self._model is None:
            raise RuntimeError("QueryPricing.bind was never called")
        return self._model

    def requested(
        self,
        query: str | None,
        document: DocumentNode,
        operation_name: str | None,
        variables: Mapping[str, Any] | None,
    ) -> int:
        if query is None:
            return self.model.requested(document, operation_name, variables)
        names = self._sizes.get(query)
        if names is None:
            names = self.model.size_variables(document)
            self._sizes.put(query, names, len(query) + 64)
        given = variables or {}
        key = (query, operation_name, tuple(repr(given.get(name)) for name in names))
        cost = self._costs.get(key)
        if cost is None:
            cost = self.model.requested(document, operation_name, variables)
            self._costs.put(key, cost, len(query) + 128)
        return cost


class QueryCostLimit(SchemaExtension):
    """Prices the operation at the start of execution (validation has passed by then)."""

    def __init__(self, pricing: QueryPricing) -> None:
        self.pricing = pricing
        self.report: CostReport | None = None

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is None:
            yield
            return
        requested = self.pricing.requested(
            context.query, document, context.operation_name, context.variables
        )
        self.report = CostReport(requested=requested, maximum=self.pricing.maximum)
        extras = getattr(context.context, "extras", None)
        if isinstance(extras, dict):
            extras["cost"] = self.report
        if self.report.refused:
            error = QueryTooCostlyError(requested, self.pricing.maximum)
            if context.operation_type is OperationType.SUBSCRIPTION:
                # A subscription ignores a preset result: Strawberry reports an error raised
                # here as the stream's one result instead, before any resolver runs.
                raise error
            context.result = GraphQLExecutionResult(data=None, errors=[error])
            yield
            return
        yield
        result = context.result
        data = getattr(result, "data", None)
        self.report.actual = self.pricing.model.actual(document, context.operation_name, data)

    def get_results(self) -> dict[str, Any]:
        report = self.report
        if report is None or report.refused:
            return {}
        return {"cost": {"requested": report.requested, "actual": report.actual or 0}}
