"""Static query cost: refused before execution when too costly, reported when run."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from tests.test_readme_examples import README, examples

ROOT = Path(__file__).resolve().parents[2]
BIG_LIST = (
    "{ articles(first: 100) { edges { node { title authors { name } countries { code name } "
    "organizations { name acronym } } } } }"
)
NESTED = (
    '{ search(text: "water", first: 100) { edges { node { related(first: 100) { '
    "countries { articles(first: 100) { edges { node { title } } } } } } } } }"
)


def doubling(depth: int, leaf: str, on: str, root: str) -> str:
    """Fragment i spreads fragment i-1 twice: 2^depth paths in a few hundred bytes."""
    fragments = [f"fragment F0 on {on} {{ {leaf} }}"]
    fragments += [f"fragment F{i} on {on} {{ ...F{i - 1} ...F{i - 1} }}" for i in range(1, depth)]
    return "\n".join(fragments) + "\n" + root.replace("SPREAD", f"...F{depth - 1}")


def post(client: TestClient, query: str, variables: dict[str, Any] | None = None) -> Any:
    response = client.post("/graphql", json={"query": query, "variables": variables or {}})
    assert response.status_code == 200, response.text
    return response.json()


def test_a_successful_response_reports_requested_and_actual_cost(client: TestClient) -> None:
    body = post(client, "{ articles(first: 3) { edges { node { title authors { name } } } } }")
    cost = body["extensions"]["cost"]
    # articles: the connection 1 + 3 edges × (edge 1 + node 1 + 2 typical authors × 1)
    assert cost["requested"] == 1 + 3 * (1 + 1 + 2)
    authors = sum(len(e["node"]["authors"]) for e in body["data"]["articles"]["edges"])
    assert cost["actual"] == 1 + 3 * 2 + authors


def test_a_nested_search_related_articles_document_is_refused_with_its_cost(
    client: TestClient,
) -> None:
    body = post(client, NESTED)
    assert body["data"] is None
    [error] = body["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert error["extensions"]["cost"] == {"requested": 6070711, "maximum": 2500}
    assert "6070711" in error["message"] and "2500" in error["message"]


def test_the_big_list_of_articles_with_their_entities_is_allowed(client: TestClient) -> None:
    body = post(client, BIG_LIST)
    assert "errors" not in body
    assert body["extensions"]["cost"]["requested"] == 1001


def test_sizes_given_by_variables_are_priced_per_value(client: TestClient) -> None:
    query = "query($n: Int = 2) { articles(first: $n) { edges { node { title } } } }"
    assert post(client, query)["extensions"]["cost"]["requested"] == 1 + 2 * 2
    assert post(client, query, {"n": 50})["extensions"]["cost"]["requested"] == 1 + 50 * 2
    assert post(client, query, {"n": 3})["extensions"]["cost"]["requested"] == 1 + 3 * 2


def test_a_page_over_the_cap_is_priced_at_the_cap_so_the_cap_error_names_it(
    client: TestClient,
) -> None:
    body = post(client, "{ articles(first: 100000) { edges { node { title } } } }")
    [error] = body["errors"]
    assert error["extensions"]["code"] == "PAGE_SIZE_OUT_OF_RANGE"


def test_a_doubling_fragment_document_is_answered_without_expanding_it(
    client: TestClient,
) -> None:
    body = post(client, doubling(40, "__typename", "Query", "{ SPREAD }"))
    assert body["data"] == {"__typename": "Query"}
    assert body["extensions"]["cost"] == {"requested": 0, "actual": 0}


def test_a_doubling_fragment_document_of_searches_is_refused_by_cost(client: TestClient) -> None:
    leaf = 'search(text: "water") { edges { node { title } } }'
    [error] = post(client, doubling(40, leaf, "Query", "{ SPREAD }"))["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert error["extensions"]["cost"]["requested"] == 2**39 * (10 + 1 + 10 * 2)


def test_depth_and_aliases_are_counted_through_fragments(client: TestClient) -> None:
    level = "countries {{ articles {{ edges {{ node {{ ...D{} }} }} }} }}"
    deep = " ".join(f"fragment D{i} on Article {{ {level.format(i - 1)} }}" for i in (1, 2, 3))
    query = (
        "fragment D0 on Article { title } " + deep + " { articles { edges { node { ...D3 } } } }"
    )
    [error] = post(client, query)["errors"]  # 3 + 3 × 4 levels
    assert error["message"] == "'anonymous' exceeds maximum operation depth of 12"
    aliased = "fragment A on Query { " + " ".join(f"t{i}: ticker {{ pair }}" for i in range(10))
    spreads = "{ ...A ...B } fragment B on Query { ...A ...A ...A }"
    [error] = post(client, aliased + " } " + spreads)["errors"]
    assert error["message"] == "40 aliases found. Allowed: 30"


@pytest.mark.parametrize(
    "query",
    [
        "{ articles(first: 2) { edges { node { related { related { slug } } } } } }",
        "{ articles(first: 2) { edges { node { ...R } } } } "
        "fragment R on Article { related { ...S } } fragment S on Article { related { slug } }",
    ],
)
def test_related_inside_related_is_refused_once(client: TestClient, query: str) -> None:
    [error] = post(client, query)["errors"]
    assert "`related` inside `related`" in error["message"]


def test_every_readme_example_costs_what_the_limits_section_says(client: TestClient) -> None:
    section = README.read_text(encoding="utf-8").split("## Limits", 1)[1].split("\n## ", 1)[0]
    stated = {name: int(cost) for name, cost in re.findall(r"\| `([\w-]+)` \| (\d+) \|", section)}
    assert stated.keys() == examples().keys()
    for name, query in examples().items():
        body = post(client, query)
        assert "errors" not in body, name
        assert body["extensions"]["cost"]["requested"] == stated[name], name
    assert "| 1001 |" in section and "| 6070711 (refused) |" in section


def test_every_trusted_document_runs_within_the_default_cost(client: TestClient) -> None:
    section = README.read_text(encoding="utf-8").split("## Limits", 1)[1].split("\n## ", 1)[0]
    stated = {name: int(cost) for cost, name in re.findall(r"(\d+) \(`(\w+)`\)", section)}
    variables = {"CountryPage": {"code": "KZ"}, "SearchWithFacets": {"text": "water"}}
    documents = sorted((ROOT / "queries").glob("*.graphql"))
    assert sorted(stated) == sorted(d.stem for d in documents)
    for document in documents:
        body = post(client, document.read_text(encoding="utf-8"), variables.get(document.stem))
        assert "errors" not in body, document.name
        assert body["extensions"]["cost"]["requested"] == stated[document.stem], document.name


def test_the_maximum_is_a_setting(sample_settings: Settings) -> None:
    with TestClient(create_app(replace(sample_settings, max_query_cost=10))) as client:
        [error] = post(client, "{ articles(first: 5) { edges { node { title } } } }")["errors"]
    assert error["extensions"]["cost"] == {"requested": 11, "maximum": 10}


def test_introspection_off_hides_argument_type_and_enum_suggestions(
    sample_settings: Settings,
) -> None:
    locked = replace(sample_settings, introspection=False)
    typos = [
        "{ articles(frst: 2) { totalCount } }",
        "{ articles(orderBy: NEWST) { totalCount } }",
        "query($f: ArticleFiltr) { articles(filter: $f) { totalCount } }",
        "{ tickr { pair } }",
    ]
    with TestClient(create_app(locked)) as client:
        for query in typos:
            [error, *_] = post(client, query)["errors"]
            assert "Did you mean" not in error["message"], query
        variable = "query($o: ArticleOrder) { articles(orderBy: $o) { totalCount } }"
        [error] = post(client, variable, {"o": "NEWST"})["errors"]
        assert "NEWST" in error["message"] and "Did you mean" not in error["message"]
