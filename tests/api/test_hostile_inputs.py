"""Inputs found by review that once crashed or misled: each now gets a clear answer."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from api.settings import Settings
from tests.conftest import graphql, ingest


def global_id(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.mark.parametrize("body", ["null", "5", '"query"', "true"])
def test_a_json_body_that_is_not_an_object_is_a_400(client: TestClient, body: str) -> None:
    response = client.post("/graphql", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert "must be a JSON object" in response.text


@pytest.mark.parametrize("key", ["99999999999999999999999", "²", "-1", "1.0"])
def test_node_ids_that_cannot_name_a_row_find_nothing(client: TestClient, key: str) -> None:
    query = "query($a: ID!, $b: ID!) { a: node(id: $a) { id } b: node(id: $b) { id } }"
    data = graphql(client, query, {"a": global_id(f"Article:{key}"), "b": global_id("Article:1")})
    assert data["data"]["a"] is None
    assert data["data"]["b"] == {"id": global_id("Article:1")}


def test_node_ids_of_codes_ignore_case(client: TestClient) -> None:
    data = graphql(
        client,
        "query($id: ID!) { node(id: $id) { ... on Country { code } } }",
        {"id": global_id("Country:kz")},
    )
    assert data["data"]["node"] == {"code": "KZ"}


def test_null_arguments_mean_their_defaults(client: TestClient) -> None:
    query = """query($n: Int, $o: ArticleOrder, $q: String) { articles(first: $n, orderBy: $o) {
        edges { node { slug } } } ticker(quote: $q) { pair } headlines(first: $n) { slug } }"""
    data = graphql(client, query, {"n": None, "o": None, "q": None})["data"]
    assert len(data["articles"]["edges"]) == 20
    assert len(data["ticker"]) == 5 and len(data["headlines"]) == 10


def test_a_cursor_of_one_order_is_refused_in_another(client: TestClient) -> None:
    first = graphql(client, "{ articles(first: 1) { pageInfo { endCursor } } }")
    cursor = first["data"]["articles"]["pageInfo"]["endCursor"]
    payload = graphql(
        client,
        "query($a: String) { articles(orderBy: OLDEST, after: $a) { totalCount } }",
        {"a": cursor},
        expect_errors=True,
    )
    [error] = payload["errors"]
    assert error["extensions"]["code"] == "BAD_CURSOR" and "NEWEST" in error["message"]


@pytest.mark.parametrize(
    "query",
    [
        "{ articles(first: 2) { edges { node { related { related { slug } } } } } }",
        "{ articles(first: 2) { edges { node { related { ...More } } } } } "
        "fragment More on Article { related { slug } }",
    ],
)
def test_related_inside_related_is_refused(client: TestClient, query: str) -> None:
    [error] = graphql(client, query, expect_errors=True)["errors"]
    assert "`related` inside `related`" in error["message"]


@pytest.mark.parametrize("limit", [0, -1, 101])
def test_a_facet_limit_out_of_range_is_a_clear_error(client: TestClient, limit: int) -> None:
    payload = graphql(
        client,
        'query($l: Int) { search(text: "the", facetLimit: $l) { totalCount } }',
        {"l": limit},
        expect_errors=True,
    )
    assert payload["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_head_on_a_get_query_answers_like_get_without_a_body(client: TestClient) -> None:
    url = "/graphql?query=%7Bticker%7Bpair%7D%7D"
    head, get = client.head(url), client.get(url)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["etag"] == get.headers["etag"]


def test_tiny_rates_keep_positional_notation_and_bad_rates_are_refused(
    settings: Settings, tmp_path: Path
) -> None:
    rates = tmp_path / "rates.jsonl"
    rates.write_text(
        '{"pair": "UZS/USD", "rate": "0.00000010", "change_percent": "0", "as_of": "2025-12-20"}\n',
        encoding="utf-8",
    )
    negative = tmp_path / "negative.jsonl"
    negative.write_text(
        '{"pair": "TJS/USD", "rate": -0.5, "as_of": "2025-12-20"}\n', encoding="utf-8"
    )
    good, bad = ingest(settings, rates, negative)
    assert good.error is None
    assert bad.error is not None and "positive" in str(bad.error)
    from api.app import create_app

    with TestClient(create_app(settings)) as client:
        data = graphql(client, "{ ticker { pair rate } }")["data"]
    assert data["ticker"] == [{"pair": "UZS/USD", "rate": "0.00000010"}]
