"""Search through GraphQL over HTTP on the sample data: what analysts rely on."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from api.resources import open_store
from api.settings import Settings
from store import queries
from tests.conftest import graphql

TALIBAN_SLUG = "central-asia-asks-are-afghanistans-taliban-government-terrorists"

SEARCH = """query($text: String!, $filter: ArticleFilter, $order: SearchOrder, $first: Int,
  $after: String) {
  search(text: $text, filter: $filter, orderBy: $order, first: $first, after: $after) {
    totalCount suggestion partial
    edges { cursor score node { slug title } highlights { field snippet } }
    pageInfo { hasNextPage endCursor }
    facets { countries { value label count } organizations { value label count }
             authors { value label count } years { value label count } truncated }
  }
}"""


def search(client: TestClient, text: str, **variables: Any) -> dict[str, Any]:
    payload = graphql(client, SEARCH, {"text": text, **variables})
    result: dict[str, Any] = payload["data"]["search"]
    return result


def test_taliban_ranks_the_taliban_article_first_with_a_marked_body_snippet(
    client: TestClient,
) -> None:
    result = search(client, "Taliban")
    top = result["edges"][0]
    assert top["node"]["slug"] == TALIBAN_SLUG
    body = [h["snippet"] for h in top["highlights"] if h["field"] == "body"]
    assert body and "<mark>Taliban</mark>" in body[0]
    assert result["suggestion"] is None


def test_phrase_finds_the_turkmenistan_article(client: TestClient) -> None:
    slugs = [e["node"]["slug"] for e in search(client, '"forced labor"')["edges"]]
    assert "turkmenistan-to-ditch-forced-labor-in-cotton-harvesting" in slugs


def test_misspelled_name_suggests_the_spelling_in_the_archive(client: TestClient) -> None:
    assert search(client, "Tokoyev")["suggestion"] == "Tokayev"
    assert search(client, "Turkmenstan")["suggestion"] == "Turkmenistan"
    # Another spelling of a name in the archive finds it: no suggestion is owed.
    tokaev = search(client, "Tokaev")
    assert tokaev["suggestion"] is None and tokaev["totalCount"] >= 1


def test_country_filter_returns_only_articles_linked_to_that_country(
    client: TestClient, sample_settings: Settings
) -> None:
    result = search(client, "water", filter={"countries": ["KZ"]}, first=50)
    assert result["totalCount"] >= 1
    store = open_store(sample_settings)
    with store.read() as conn:
        kz = {
            a.slug
            for a in queries.list_articles(
                conn, queries.ArticleFilter(countries=("KZ",)), "NEWEST", 100, None
            )[0]
        }
    store.close()
    assert {e["node"]["slug"] for e in result["edges"]} <= kz


def test_facets_count_every_hit_as_the_store_does(
    client: TestClient, sample_settings: Settings
) -> None:
    result = search(client, "the", first=100)
    slugs = [e["node"]["slug"] for e in result["edges"]]
    assert len(slugs) == result["totalCount"]
    store = open_store(sample_settings)
    with store.read() as conn:
        by_slug = {queries.article_by_slug(conn, s).id: s for s in slugs}  # type: ignore[union-attr]
        countries = queries.countries_by_article(conn, by_slug)
        organizations = queries.organizations_by_article(conn, by_slug)
        articles = queries.articles_by_id(conn, by_slug)
    store.close()
    expected_countries = Counter(c.code for cs in countries.values() for c in cs)
    expected_orgs = Counter(o.slug for os in organizations.values() for o in os)
    expected_years = Counter(str(a.published_on.year) for a in articles.values())
    facets = result["facets"]
    got = {b["value"]: b["count"] for b in facets["countries"]}
    assert got == dict(expected_countries.most_common(len(got)))
    assert got == {k: expected_countries[k] for k in got}
    assert {b["value"]: b["count"] for b in facets["organizations"]} == {
        k: expected_orgs[k] for k in (b["value"] for b in facets["organizations"])
    }
    assert {b["value"]: b["count"] for b in facets["years"]} == {
        k: expected_years[k] for k in (b["value"] for b in facets["years"])
    }
    assert ("countries" in facets["truncated"]) == (len(expected_countries) > len(got))
    kz = next(b for b in facets["countries"] if b["value"] == "KZ")
    assert kz["label"] == "Kazakhstan"


@pytest.mark.parametrize("order", ["RELEVANCE", "NEWEST", "OLDEST"])
def test_paging_through_every_hit_returns_each_once(client: TestClient, order: str) -> None:
    total = search(client, "the", order=order, first=1)["totalCount"]
    seen: list[str] = []
    after = None
    while True:
        page = search(client, "the", order=order, first=3, after=after)
        seen += [e["node"]["slug"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == total == len(set(seen)) > 20


def test_bad_syntax_is_a_clear_error_with_its_code(client: TestClient) -> None:
    payload = graphql(client, SEARCH, {"text": "*stan"}, expect_errors=True)
    [error] = payload["errors"]
    assert error["extensions"]["code"] == "BAD_SEARCH_SYNTAX"
    assert "wildcard" in error["message"].lower()


def test_related_articles_never_include_the_article_itself(client: TestClient) -> None:
    data = graphql(
        client,
        """query($slug: String!) { article(slug: $slug) {
        slug related(first: 5) { slug } } }""",
        {"slug": TALIBAN_SLUG},
    )["data"]["article"]
    related = [a["slug"] for a in data["related"]]
    assert related and TALIBAN_SLUG not in related and len(related) <= 5


SYNTAX = ["OR", "NOT", "AND", "title:", "country:KZ", "author:", "((", "x*", "*", " "]
TOKENS = st.sampled_from([*"abcKZ\"()*:-?~^[]{}/\\éü’'\xa0\t\n", *SYNTAX, "Taliban", "water"])
SEARCH_TEXT = st.lists(TOKENS, max_size=12).map("".join) | st.text(max_size=30)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=SEARCH_TEXT)
def test_any_search_text_gets_results_or_a_syntax_error_never_a_crash(
    client: TestClient, text: str
) -> None:
    response = client.post("/graphql", json={"query": SEARCH, "variables": {"text": text}})
    assert response.status_code == 200, response.text
    payload = response.json()
    for error in payload.get("errors", []):
        # Control characters are refused before the search sees them (api.request_text).
        assert error["extensions"]["code"] in ("BAD_SEARCH_SYNTAX", "INVALID_CHARACTER"), error
    if "errors" not in payload:
        assert payload["data"]["search"]["totalCount"] >= 0
