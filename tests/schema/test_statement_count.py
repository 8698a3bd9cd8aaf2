"""DataLoaders keep the cost of a page fixed: the same SQL statements for 5 or 50 articles."""

from __future__ import annotations

import asyncio
from typing import Any

import sqlalchemy as sa

from api.resources import open_index, open_store
from api.settings import Settings
from schema.context import Context
from schema.root import build_schema

QUERY = """query($n: Int!) { articles(first: $n) { edges { node { authors { name }
    countries { code currency { code latestRate { rate } } } organizations { name } } } } }"""


def count_statements(settings: Settings, n: int) -> int:
    store, index = open_store(settings), open_index(settings)
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not statement.startswith(("BEGIN", "COMMIT", "ROLLBACK")):
            statements.append(statement)

    sa.event.listen(store.engine, "before_cursor_execute", record)
    try:
        result = asyncio.run(
            build_schema().execute(
                QUERY, variable_values={"n": n}, context_value=Context(store=store, index=index)
            )
        )
        assert result.errors is None
        assert len(result.data["articles"]["edges"]) == min(n, 49)  # type: ignore[index]
        return len(statements)
    finally:
        index.close()
        store.close()


def test_nested_page_costs_the_same_statements_for_5_and_50_articles(
    sample_settings: Settings,
) -> None:
    assert count_statements(sample_settings, 5) == count_statements(sample_settings, 50)
    # articles, authors, countries, organizations, currencies, latest rates: one each
    assert count_statements(sample_settings, 5) == 6
