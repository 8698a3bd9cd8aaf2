"""The explorer, the widgets and the charts in headless Chromium, off-site requests blocked."""

from __future__ import annotations

import shutil
from typing import Any

import httpx
import pytest

from tests.api.conftest import ARTIFACTS, HOSTILE_TITLE, LiveServer, run_node

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        shutil.which("chromium") is None,
        reason="chromium is not installed (`make test` installs it with apt-get when it can)",
    ),
]


def browse(check: str, server: LiveServer) -> dict[str, Any]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot = ARTIFACTS / f"{check}.png"
    report = run_node("browser.mjs", check, server.url, str(screenshot))
    print(f"screenshot: {screenshot}")
    assert "error" not in report, report["error"]
    assert report["offsite"] == [], "the page needs the internet"
    assert report["failedRequests"] == [] and report["httpErrors"] == []
    assert report["consoleErrors"] == []  # CSP violations would show here
    assert screenshot.stat().st_size > 10_000
    return dict(report["found"])


def test_explorer_loads_offline_and_runs_the_ticker_tab(live_server: LiveServer) -> None:
    found = browse("explorer", live_server)
    assert found["tabs"] == ["SearchWithFacets", "CountryPage", "Ticker"]
    assert found["plugin"] == 1  # the point-and-click explorer opened
    assert found["chartsLink"] == "/explorer/charts"
    assert '"text": "water"' in found["firstVariables"]
    assert '"pair": "KZT/USD"' in found["result"] and '"rate": "0.00194"' in found["result"]


def test_widgets_render_sample_data_and_show_markup_as_text(live_server: LiveServer) -> None:
    found = browse("widgets", live_server)
    assert found["ticker"][1].split() == ["KZT", "0.00194", "0%"]
    assert found["ticker"][2].split() == ["TJS", "0.10879", "-0.18%"]
    assert found["headings"] == [
        "Exchange rates against USD",
        "Latest from KZ",
        "Latest across the region",
    ]
    assert found["titles"][0] == HOSTILE_TITLE
    assert found["markup"] == 0 and found["title"] == "Steppe widgets: demo"
    assert len(found["titles"]) == 5 and found["statuses"] == ["", "", ""]


CHARTS_SEARCH = """query ($text: String!) {
  search(text: $text, facetLimit: 100) {
    totalCount
    facets { months { label count } countries { value label } }
  }
}"""
CHARTS_COMPANY = """query ($code: String!) {
  country(code: $code) {
    coMentioned(first: 10) {
      entity { __typename ... on Country { name } ... on Organization { name } }
    }
  }
}"""


def expected_charts(server: LiveServer, text: str) -> dict[str, Any]:
    """What the page should draw for `text`, asked of GraphQL directly."""
    search = post_graphql(server, CHARTS_SEARCH, text=text)["search"]
    top = search["facets"]["countries"][0]
    country = post_graphql(server, CHARTS_COMPANY, code=top["value"])["country"]
    return {
        "months": [
            f"{m['label']}: {m['count']} {'hit' if m['count'] == 1 else 'hits'}"
            for m in search["facets"]["months"]
        ],
        "company": [c["entity"]["name"] for c in country["coMentioned"]],
        "companyKinds": [
            f"bar {c['entity']['__typename'].lower()}" for c in country["coMentioned"]
        ],
        "companyHeading": f"Named alongside {top['label']}, the search’s top country",
        "total": f"{search['totalCount']} articles match.",
    }


def post_graphql(server: LiveServer, query: str, **variables: str) -> dict[str, Any]:
    response = httpx.post(f"{server.url}/graphql", json={"query": query, "variables": variables})
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    return dict(body["data"])


@pytest.fixture(scope="module")
def charts(live_server: LiveServer) -> dict[str, Any]:
    """One run of the charts check: Kazakhstan from the address, then typed searches."""
    return browse("charts", live_server)


def test_charts_draw_what_graphql_answers_for_the_search(
    charts: dict[str, Any], live_server: LiveServer
) -> None:
    assert charts["input"] == "Kazakhstan" and charts["title"] == "Steppe charts"
    for text in ("Kazakhstan", "the"):
        expected = expected_charts(live_server, text)
        drawn = charts[text.lower()]
        assert {key: drawn[key] for key in expected} == expected, text
        assert drawn["exportHref"] == f"/export/search.csv?text={text}"
        assert drawn["status"] == f"Drawn for “{text}”."
    assert len(charts["the"]["months"]) > 20 and charts["the"]["address"].endswith("?text=the")


def test_charts_link_the_searchs_csv_export(
    charts: dict[str, Any], live_server: LiveServer
) -> None:
    drawn = charts["kazakhstan"]
    csv = httpx.get(live_server.url + drawn["exportHref"])
    assert csv.status_code == 200 and csv.text.startswith("slug,title,publishedOn")
    assert drawn["total"] == f"{csv.headers['x-total-count']} articles match."


def test_charts_show_search_errors_and_empty_searches_as_text(
    charts: dict[str, Any], live_server: LiveServer
) -> None:
    body = {"query": CHARTS_SEARCH, "variables": {"text": "title:("}}
    errors = httpx.post(f"{live_server.url}/graphql", json=body).json()["errors"]
    assert errors[0]["extensions"]["code"] == "BAD_SEARCH_SYNTAX"
    assert charts["error"] == f"BAD_SEARCH_SYNTAX: {errors[0]['message']}"
    empty = charts["empty"]
    assert (
        empty["status"] == "No article matches “zzzqqqxx”."
        and empty["total"] == "0 articles match."
    )
    assert empty["sections"] == 0 and empty["months"] == [] and empty["company"] == []
