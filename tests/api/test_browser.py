"""The explorer, the widgets and the charts in headless Chromium, off-site requests blocked."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.settings import Settings
from tests.api.conftest import ARTIFACTS, HOSTILE_TITLE, WEB, LiveServer, node, run_node
from tests.api.test_subscriptions import NEXT_PAGE
from tests.conftest import SAMPLE, ingest
from tests.test_cli import steppe

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
    return checked(report, screenshot)


def checked(report: dict[str, Any], screenshot: Path) -> dict[str, Any]:
    print(f"screenshot: {screenshot}")
    assert "error" not in report, report["error"]
    assert report["offsite"] == [], "the page needs the internet"
    assert closed_streams_left_out(report["failedRequests"]) == []
    assert report["httpErrors"] == []
    assert report["consoleErrors"] == []  # CSP violations would show here
    assert screenshot.stat().st_size > 10_000
    return dict(report["found"])


def closed_streams_left_out(failed: list[str]) -> list[str]:
    """A live ticker's event stream never ends: closing it (element removed, page closed)
    aborts the request, which is no failure."""
    return [
        f
        for f in failed
        if not (SUBSCRIPTION in f.partition(" ")[0] and f.endswith(" net::ERR_ABORTED"))
    ]


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
    assert found["feed"] == "live"  # the ticker rendered from its subscription
    assert len(found["titles"]) == 5 and found["statuses"] == ["", "", ""]


def documents(server: LiveServer) -> dict[str, str]:
    listed = httpx.get(f"{server.url}/graphql/documents").json()
    return {name: d["sha256Hash"] for name, d in listed.items()}


@pytest.fixture(scope="module")
def one_live_connection(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The sample data, served to clients allowed one live connection each; ingested into by
    its test, so `live_server` stays as it was."""
    folder = tmp_path_factory.mktemp("live-widgets")
    ingest(Settings(data_dir=folder / "var"), SAMPLE)
    env = {"STEPPE_INDEX_POLL_SECONDS": "0.3", "STEPPE_MAX_LIVE_CONNECTIONS_PER_CLIENT": "1"}
    server = LiveServer(folder / "var", folder / "serve.log", env=env)
    try:
        server.wait_until_healthy()
        yield server
    finally:
        server.stop()


ARRIVES_WITHIN_S = 30.0
SUBSCRIPTION = "/graphql?query=subscription+TickerLive"
KZT_NOW, KZT_NEXT = "KZT\t0.00194\t0%", "KZT\t0.00201\t+3.61%"


def test_the_ticker_follows_the_live_feed_and_polls_when_refused(
    one_live_connection: LiveServer, tmp_path: Path
) -> None:
    """The demo's ticker takes the client's one live connection; a second ticker is refused
    and polls, a third has `live="off"`. A CLI ingest reaches the live one without a reload
    or a poll; the pollers (refresh 3600) keep the old rate."""
    server = one_live_connection
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot = ARTIFACTS / "live.png"
    ready = Path(f"{screenshot}.ready")
    ready.unlink(missing_ok=True)
    with subprocess.Popen(
        [node(), str(WEB / "checks" / "browser.mjs"), "live", server.url, str(screenshot)],
        stdout=subprocess.PIPE,
        text=True,
    ) as browser:
        deadline = time.monotonic() + ARRIVES_WITHIN_S
        while not ready.exists() and browser.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        if ready.exists():
            page = tmp_path / "digest-2025-12-16.txt"
            page.write_text(NEXT_PAGE, encoding="utf-8")
            done = steppe(Settings(data_dir=Path(server.log).parent / "var"), "ingest", page)
            assert done.returncode == 0, done.stderr
        out, _ = browser.communicate(timeout=120)
    report = json.loads(out)
    stream = f"{server.url}/graphql?query=subscription"
    # The second ticker's stream, refused; maybe a retry of `again` too (see browser.mjs).
    # Nothing else may fail, and each refusal is the one console error it causes.
    refused = report["httpErrors"]
    assert refused and all(e.startswith(f"429 {stream}") for e in refused), refused
    assert report["consoleErrors"] == len(refused) * [
        "Failed to load resource: the server responded with a status of 429 (Too Many Requests)"
    ]
    found = checked({**report, "httpErrors": [], "consoleErrors": []}, screenshot)

    assert found["feeds"] == {"live": "live", "refused": "polling", "off": "polling"}
    for ticker in ("live", "refused", "off"):
        assert KZT_NOW in found["before"][ticker], ticker
    assert KZT_NEXT in found["after"]["live"] and found["notReloaded"] is True
    assert KZT_NOW in found["after"]["refused"] and KZT_NOW in found["after"]["off"]
    assert found["statuses"] == ["", "", ""]
    # removed, the live ticker closed its stream: a new ticker gets the one connection
    assert found["again"]["feed"] == "live" and KZT_NEXT in found["again"]["rows"]
    # only the pollers fetched the ticker document: the live tickers never did
    ticker = documents(server)["Ticker"]
    fetched = [r for r in report["requests"] if ticker in r]
    assert len(fetched) == 2 + len(refused) - 1, fetched
    assert all(r.startswith("200 ") for r in fetched), fetched


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
