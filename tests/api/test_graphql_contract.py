"""The contract's promises, asked over HTTP of the app built from the sample data."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from tests.conftest import graphql

TALIBAN = "Central Asia Asks: Are Afghanistan’s Taliban Government Terrorists?"


def slug_of(client: TestClient, title: str) -> str:
    data = graphql(client, "{ articles(first: 100) { edges { node { slug title } } } }")["data"]
    [slug] = [e["node"]["slug"] for e in data["articles"]["edges"] if e["node"]["title"] == title]
    return str(slug)


def test_country_page_links_currency_latest_rate_and_articles(client: TestClient) -> None:
    data = graphql(
        client,
        """{ country(code: "KZ") { name currency { code latestRate {
        pair rate asOf } } articles(first: 3) { totalCount edges { node { title
        publishedOn authors { name } } } } } }""",
    )["data"]["country"]
    assert data["name"] == "Kazakhstan"
    assert data["currency"] == {
        "code": "KZT",
        "latestRate": {"pair": "KZT/USD", "rate": "0.00194", "asOf": "2025-12-15"},
    }
    articles = data["articles"]
    assert articles["totalCount"] >= 4
    assert len(articles["edges"]) == 3
    assert {e["node"]["publishedOn"] for e in articles["edges"]} == {"2025-12-15"}


def test_ticker_returns_each_seed_pair_once_with_published_figures(client: TestClient) -> None:
    data = graphql(client, "{ ticker { pair rate changePercent asOf } }")["data"]["ticker"]
    assert data == [
        {"pair": "KGS/USD", "rate": "0.01144", "changePercent": "0", "asOf": "2025-12-15"},
        {"pair": "KZT/USD", "rate": "0.00194", "changePercent": "0", "asOf": "2025-12-15"},
        {"pair": "TJS/USD", "rate": "0.10879", "changePercent": "-0.18", "asOf": "2025-12-15"},
        {"pair": "TMT/USD", "rate": "0.28490", "changePercent": "0", "asOf": "2025-12-15"},
        {"pair": "UZS/USD", "rate": "0.00008", "changePercent": "0", "asOf": "2025-12-15"},
    ]


def test_article_author_has_bio_and_articles(client: TestClient) -> None:
    slug = slug_of(client, TALIBAN)
    data = graphql(
        client,
        """query($slug: String!) { article(slug: $slug) { authors {
        name bio articles { totalCount } } } }""",
        {"slug": slug},
    )["data"]["article"]
    [author] = data["authors"]
    assert author["name"] == "Aidar Borangaziev"
    assert author["bio"].startswith("Aidar Borangaziev is a Kazakhstani diplomat")
    assert author["articles"]["totalCount"] == 1


def test_paging_visits_every_sample_article_exactly_once(client: TestClient) -> None:
    seen: list[str] = []
    after = None
    while True:
        page = graphql(
            client,
            """query($after: String) { articles(first: 7, after: $after) {
            totalCount edges { node { slug } } pageInfo { hasNextPage endCursor } } }""",
            {"after": after},
        )["data"]["articles"]
        assert page["totalCount"] == 49
        seen += [e["node"]["slug"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == 49 == len(set(seen))


def test_oldest_order_and_inclusive_date_bounds(client: TestClient) -> None:
    data = graphql(
        client,
        """{ articles(orderBy: OLDEST, first: 100, filter: {
        publishedFrom: "2015-09-01", publishedTo: "2015-09-22" }) {
        totalCount edges { node { publishedOn } } } }""",
    )["data"]["articles"]
    days = [e["node"]["publishedOn"] for e in data["edges"]]
    assert days == sorted(days) and days[0] == "2015-09-01" and days[-1] == "2015-09-22"
    assert data["totalCount"] == len(days)


def test_filter_values_or_fields_and(client: TestClient) -> None:
    def total(flt: str) -> int:
        query = f"{{ articles(filter: {flt}) {{ totalCount }} }}"
        return int(graphql(client, query)["data"]["articles"]["totalCount"])

    tm, tj = total('{countries: ["TM"]}'), total('{countries: ["TJ"]}')
    both = total('{countries: ["TM", "TJ"]}')
    assert tm >= 1 and tj >= 1 and max(tm, tj) <= both <= tm + tj
    assert total('{countries: ["TM"], organizations: ["ilo"]}') >= 1
    assert total('{countries: ["TM"], authors: ["aidar-borangaziev"]}') == 0


def test_node_resolves_every_type_and_never_another_types_fields(client: TestClient) -> None:
    data = graphql(
        client,
        """{ country(code: "KZ") { id currency { id } articles(first: 1) {
        edges { node { id authors { id } organizations { id } } } } } }""",
    )["data"]["country"]
    ids = {"Country": data["id"], "Currency": data["currency"]["id"]}
    node = data["articles"]["edges"][0]["node"]
    ids["Article"] = node["id"]
    for typename, global_id in ids.items():
        got = graphql(
            client, "query($id: ID!) { node(id: $id) { __typename id } }", {"id": global_id}
        )["data"]["node"]
        assert got == {"__typename": typename, "id": global_id}
    org = graphql(client, '{ organization(slug: "ilo") { id name acronym } }')["data"]
    found = graphql(
        client,
        "query($id: ID!) { node(id: $id) { ... on Organization { acronym }"
        " ... on Article { title } } }",
        {"id": org["organization"]["id"]},
    )
    assert found["data"]["node"] == {"acronym": "ILO"}


def errors_of(client: TestClient, query: str) -> list[dict[str, Any]]:
    response = client.post("/graphql", json={"query": query})
    assert response.status_code in (200, 400), response.text
    errors: list[dict[str, Any]] = response.json()["errors"]
    return errors


def test_page_size_over_the_cap_is_a_clear_error(client: TestClient) -> None:
    [error] = errors_of(client, "{ articles(first: 1000) { totalCount } }")
    assert "100" in error["message"] and "cap" in error["message"]
    assert error["extensions"]["code"] == "PAGE_SIZE_OUT_OF_RANGE"


def test_malformed_cursor_is_a_clear_error(client: TestClient) -> None:
    [error] = errors_of(client, '{ articles(after: "nonsense!") { totalCount } }')
    assert error["extensions"]["code"] == "BAD_CURSOR"


def test_deep_nesting_is_refused_by_the_depth_limit(client: TestClient) -> None:
    level = "countries { articles { edges { node { "
    query = "{ articles { edges { node { " + level * 5 + "title" + " } } } }" * 5 + " } } } }"
    [error] = errors_of(client, query)
    assert "exceeds maximum operation depth" in error["message"]


def test_fifty_aliases_are_refused(client: TestClient) -> None:
    query = "{ " + " ".join(f"a{i}: ticker {{ pair }}" for i in range(50)) + " }"
    [error] = errors_of(client, query)
    assert "aliases" in error["message"]


def test_unknown_field_keeps_validation_message(client: TestClient) -> None:
    [error] = errors_of(client, "{ nope }")
    assert "Cannot query field 'nope'" in error["message"]


def test_health_reports_store_and_index_revisions(client: TestClient) -> None:
    health = client.get("/healthz").json()
    assert health["status"] == "ok"
    assert health["index"]["lag"] == 0
    assert health["index"]["revision"] == health["store"]["revision"] > 0
