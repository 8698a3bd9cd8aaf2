"""A schema-driven fuzzer against the live server: valid and invalid documents from our SDL.

hypothesis-graphql builds documents from `schema/schema.graphql`: in positive mode every one
validates, in negative mode each breaks the schema somewhere (wrong argument types, unknown
enum values, missing required arguments). Whatever comes, the answer is JSON with a clear
error or data, never a 500 and never a masked "Unexpected error".
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import graphql
import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, from_schema, nodes

from tests.api.conftest import LiveServer

SDL = (Path(__file__).resolve().parents[2] / "schema" / "schema.graphql").read_text("utf-8")
SCALARS = {
    "Date": st.dates(datetime.date(1990, 1, 1), datetime.date(2040, 12, 31)).map(
        lambda d: nodes.String(d.isoformat())
    ),
    "Decimal": st.decimals(Decimal("-1e6"), Decimal("1e6"), places=4).map(
        lambda d: nodes.String(format(d, "f"))
    ),
    # `upsertArticles(records:)`: JSON objects as GraphQL object literals, article-shaped
    "JSON": st.dictionaries(
        st.sampled_from(["title", "body", "published", "id", "authors", "x"]),
        st.text(max_size=20).map(nodes.String) | st.integers(-5, 5).map(nodes.Int),
        max_size=4,
    ).map(
        lambda fields: nodes.Object(
            [
                graphql.ObjectFieldNode(name=graphql.NameNode(value=k), value=v)
                for k, v in fields.items()
            ]
        )
    ),
}


def documents(mode: Mode) -> st.SearchStrategy[Any]:
    return from_schema(SDL, custom_scalars=SCALARS, mode=mode, print_ast=graphql.print_ast)


DOCUMENTS = st.one_of(documents(Mode.POSITIVE), documents(Mode.NEGATIVE))


@settings(
    max_examples=200,
    deadline=None,
    derandomize=True,  # the same few hundred cases on every run: CI stays reproducible
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(document=DOCUMENTS)
def test_generated_documents_never_get_a_500_or_an_unexpected_error(
    server: LiveServer, document: str
) -> None:
    response = httpx.post(f"{server.url}/graphql", json={"query": document}, timeout=15)
    assert response.status_code in (200, 400), (response.status_code, response.text, document)
    body = response.json()
    assert "data" in body or "errors" in body, document
    for error in body.get("errors") or ():
        assert "Unexpected error" not in error["message"], (error, document)
        assert error.get("extensions", {}).get("code") != "INTERNAL_SERVER_ERROR", document
