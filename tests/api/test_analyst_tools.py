"""Tools analysts reach for: rates in an article's context, a search as a feed, exports."""

from __future__ import annotations

import asyncio
import csv
import dataclasses
import io
import json
from collections.abc import Iterator
from typing import Any

import feedparser
import pytest
from starlette.testclient import TestClient

from api import search_exports
from api.app import create_app
from api.settings import Settings
from tests.conftest import SEED_PAGE, WIKINEWS, graphql, ingest

LATER_PAGE = """\
• KZT/USD = 0.00201 3.61%
• UZS/USD = 0.000079 -0.5%

17 December 2025

Kazakhstan Raises Its Grain Export Quota

Kazakhstan has raised its grain export quota for the season, the agriculture ministry said.

The quota rises by a tenth.
"""
RATES = """query($slug: String!, $quote: String) {
  article(slug: $slug) { publishedOn countries { code } rates(quote: $quote) { pair rate asOf } }
}"""


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    ingest(settings, SEED_PAGE, WIKINEWS)
    later = settings.data_dir.parent / "digest-2025-12-17.txt"
    later.write_text(LATER_PAGE, encoding="utf-8")
    ingest(settings, later)
    unlimited = dataclasses.replace(settings, anonymous_points_per_minute=10**9)
    with TestClient(create_app(unlimited)) as test_client:
        yield test_client


def slug_of(client: TestClient, title_part: str) -> str:
    found = graphql(client, "{ articles(first: 100) { edges { node { slug title } } } }")
    return next(
        e["node"]["slug"]
        for e in found["data"]["articles"]["edges"]
        if title_part in e["node"]["title"]
    )


def rates_of(client: TestClient, slug: str, quote: str | None = None) -> dict[str, Any]:
    variables: dict[str, Any] = {"slug": slug}
    if quote is not None:
        variables["quote"] = quote
    article: dict[str, Any] = graphql(client, RATES, variables)["data"]["article"]
    return article


def test_an_article_carries_the_rates_in_force_on_its_day(client: TestClient) -> None:
    seed = rates_of(client, slug_of(client, "Taliban Government"))
    assert seed["publishedOn"] == "2025-12-15"
    kzt = [r for r in seed["rates"] if r["pair"] == "KZT/USD"]
    assert kzt == [{"pair": "KZT/USD", "rate": "0.00194", "asOf": "2025-12-15"}]
    # a later article sees the later rate; the seed article keeps the one of its own day
    later = rates_of(client, slug_of(client, "Grain Export Quota"))
    assert later["rates"] == [{"pair": "KZT/USD", "rate": "0.00201", "asOf": "2025-12-17"}]


def test_rates_follow_the_countries_and_the_quote(client: TestClient) -> None:
    seed = rates_of(client, slug_of(client, "Taliban Government"))
    codes = {c["code"] for c in seed["countries"]}
    assert {r["pair"].split("/")[0] for r in seed["rates"]} <= {
        {"KZ": "KZT", "UZ": "UZS", "KG": "KGS", "TJ": "TJS", "TM": "TMT", "AF": "AFN"}.get(c, "?")
        for c in codes
    }
    assert rates_of(client, slug_of(client, "Taliban Government"), quote="EUR")["rates"] == []


MONTHS = """query($text: String!) {
  search(text: $text, first: 100, facetLimit: 100) {
    totalCount
    edges { node { publishedOn } }
    facets { months { value label count } truncated }
  }
}"""


def test_the_months_facet_counts_every_hit_by_month_oldest_first(client: TestClient) -> None:
    found = graphql(client, MONTHS, {"text": "Kazakhstan OR Afghanistan"})["data"]["search"]
    months = found["facets"]["months"]
    by_date: dict[str, int] = {}
    for edge in found["edges"]:
        month = edge["node"]["publishedOn"][:7]
        by_date[month] = by_date.get(month, 0) + 1
    assert found["totalCount"] == len(found["edges"])  # every hit is on this page
    assert {m["value"]: m["count"] for m in months} == by_date
    assert [m["value"] for m in months] == sorted(by_date)
    assert {k: v for k, v in months[-1].items() if k != "count"} == {
        "value": "2025-12",
        "label": "December 2025",
    }
    assert "months" not in found["facets"]["truncated"]


def test_the_months_facet_keeps_the_newest_months_within_the_limit(client: TestClient) -> None:
    query = '{ search(text: "Kazakhstan OR Afghanistan", facetLimit: 1) { facets { months { value } truncated } } }'  # noqa: E501
    facets = graphql(client, query)["data"]["search"]["facets"]
    assert facets["months"] == [{"value": "2025-12"}]
    assert "months" in facets["truncated"]


FEED_MATCH = """query($text: String!, $filter: ArticleFilter) {
  search(text: $text, filter: $filter, orderBy: NEWEST, first: 20) { edges { node { title } } }
}"""


def test_the_search_feed_matches_search_for_the_same_text_and_filter(client: TestClient) -> None:
    response = client.get(
        "/feeds/search.atom", params={"text": "water OR trade", "countries": "KZ"}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/atom+xml")
    assert response.headers["etag"] and response.headers["cache-control"].startswith("public")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    expected = graphql(
        client, FEED_MATCH, {"text": "water OR trade", "filter": {"countries": ["KZ"]}}
    )["data"]["search"]["edges"]
    assert [e.title for e in parsed.entries] == [e["node"]["title"] for e in expected]
    assert parsed.entries, "the search should find something"
    # the same search spelled differently is the same cache entry
    again = client.get("/feeds/search.atom", params={"countries": "kz", "text": "water OR trade"})
    assert again.headers["x-cache"] == "hit"


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({}, "`text`"),
        ({"text": "water", "from": "yesterday"}, "`from`"),
        ({"text": "water", "contries": "KZ"}, "'contries'"),
        ({"text": "wat*er"}, "`text`"),
    ],
)
def test_a_wrong_feed_parameter_is_a_400_naming_it(
    client: TestClient, params: dict[str, str], named: str
) -> None:
    response = client.get("/feeds/search.atom", params=params)
    assert response.status_code == 400 and named in response.text


ALL_HITS = """query($text: String!, $after: String) {
  search(text: $text, first: 100, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { slug title publishedOn authors { name } countries { code } } }
  }
}"""


def every_hit(client: TestClient, text: str) -> list[dict[str, Any]]:
    hits, after = [], None
    while True:
        page = graphql(client, ALL_HITS, {"text": text, "after": after})["data"]["search"]
        hits += [e["node"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return hits
        after = page["pageInfo"]["endCursor"]


def test_the_csv_export_has_one_row_per_hit(client: TestClient) -> None:
    response = client.get("/export/search.csv", params={"text": "the"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    expected = every_hit(client, "the")
    assert len(expected) > 40 and int(response.headers["x-total-count"]) == len(expected)
    assert [r["slug"] for r in rows] == [h["slug"] for h in expected]
    first = rows[0]
    assert first["title"] == expected[0]["title"]
    assert first["publishedOn"] == expected[0]["publishedOn"]
    assert first["countries"] == "; ".join(c["code"] for c in expected[0]["countries"])
    assert float(first["score"]) > 0


def test_the_jsonl_export_streams_pages_and_stops_at_the_row_cap(settings: Settings) -> None:
    ingest(settings, SEED_PAGE, WIKINEWS)
    capped = dataclasses.replace(settings, export_max_rows=7, anonymous_points_per_minute=10**9)
    with TestClient(create_app(capped)) as client:
        response = client.get("/export/search.jsonl", params={"text": "the", "orderBy": "NEWEST"})
        lines = [json.loads(line) for line in response.text.splitlines()]
        assert len(lines) == 7 and int(response.headers["x-total-count"]) > 7
        dates = [line["publishedOn"] for line in lines]
        assert dates == sorted(dates, reverse=True)
        assert set(lines[0]) == {
            "slug", "title", "publishedOn", "authors", "countries", "organizations", "score"
        }  # fmt: skip


def test_an_export_read_in_many_pages_is_every_hit_once_in_order(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_exports, "EXPORT_PAGE", 5)  # 49 articles: ten pages
    response = client.get("/export/search.jsonl", params={"text": "the"})
    slugs = [json.loads(line)["slug"] for line in response.text.splitlines()]
    assert slugs == [h["slug"] for h in every_hit(client, "the")]
    assert len(slugs) == len(set(slugs)) > 40


EVERYTHING = """{ articles(first: 100) { totalCount edges { node {
  publishedOn countries { code name } organizations { slug name } } } } }"""
TIMELINES = """query($code: String!, $org: String!) {
  country(code: $code) {
    byMonth: mentions { period start count }
    byYear: mentions(interval: YEAR, from: "2020-01-01", to: "2025-12-31") { period count }
    coMentioned(first: 100) { count entity { __typename ... on Country { code name }
                                                       ... on Organization { slug name } } }
  }
  organization(slug: $org) { mentions(interval: YEAR) { period count } coMentioned { count } }
}"""


def test_timelines_and_co_mentions_equal_counts_made_from_every_article(
    client: TestClient,
) -> None:
    articles = graphql(client, EVERYTHING)["data"]["articles"]
    assert articles["totalCount"] == len(articles["edges"])
    nodes = [e["node"] for e in articles["edges"]]
    kz = [n for n in nodes if "KZ" in {c["code"] for c in n["countries"]}]
    org = max(  # the organization named in most articles
        {o["slug"] for n in nodes for o in n["organizations"]},
        key=lambda s: (sum(s in {o["slug"] for o in n["organizations"]} for n in nodes), s),
    )
    data = graphql(client, TIMELINES, {"code": "KZ", "org": org})["data"]

    months: dict[str, int] = {}
    for n in kz:
        months[n["publishedOn"][:7]] = months.get(n["publishedOn"][:7], 0) + 1
    by_month = data["country"]["byMonth"]
    assert {m["period"]: m["count"] for m in by_month if m["count"]} == months
    assert by_month[0]["period"] == min(months) and by_month[-1]["period"] == max(months)
    assert all(b["start"] == b["period"] + "-01" for b in by_month)
    assert len(by_month) == len({m["period"] for m in by_month})  # every month once, no holes
    by_year = data["country"]["byYear"]
    assert [y["period"] for y in by_year] == [str(y) for y in range(2020, 2026)]
    assert sum(y["count"] for y in by_year) == sum(
        1 for n in kz if "2020" <= n["publishedOn"][:4] <= "2025"
    )

    together: dict[tuple[str, str], int] = {}
    for n in kz:
        for c in n["countries"]:
            if c["code"] != "KZ":
                together[("Country", c["code"])] = together.get(("Country", c["code"]), 0) + 1
        for o in n["organizations"]:
            key = ("Organization", o["slug"])
            together[key] = together.get(key, 0) + 1
    found = {
        (m["entity"]["__typename"], m["entity"].get("code") or m["entity"]["slug"]): m["count"]
        for m in data["country"]["coMentioned"]
    }
    assert found == together
    counts = [m["count"] for m in data["country"]["coMentioned"]]
    assert counts == sorted(counts, reverse=True)
    org_years = sum(y["count"] for y in data["organization"]["mentions"])
    assert org_years == sum(org in {o["slug"] for o in n["organizations"]} for n in nodes)


def test_a_timeline_that_would_be_endless_is_refused(client: TestClient) -> None:
    query = '{ country(code: "KZ") { mentions(from: "1900-01-01", to: "2025-12-31") { count } } }'
    errors = graphql(client, query, expect_errors=True)["errors"]
    assert "periods" in errors[0]["message"]
    backwards = (
        '{ country(code: "KZ") { mentions(from: "2025-01-01", to: "2024-01-01") { count } } }'
    )
    assert "before" in graphql(client, backwards, expect_errors=True)["errors"][0]["message"]


def test_csv_cells_a_spreadsheet_would_run_are_quoted(settings: Settings) -> None:
    formula = settings.data_dir.parent / "formula.jsonl"
    record = {"title": '=HYPERLINK("http://evil.example","Kazakhstan")', "published": "2025-12-01",
              "body": "Kazakhstan and its grain."}  # fmt: skip
    formula.write_text(json.dumps(record) + "\n", encoding="utf-8")
    ingest(settings, formula)
    with TestClient(create_app(settings)) as client:
        response = client.get("/export/search.csv", params={"text": "grain"})
        jsonl = client.get("/export/search.jsonl", params={"text": "grain"})
    [row] = list(csv.DictReader(io.StringIO(response.text)))
    assert row["title"] == "'" + record["title"]
    # the JSON export is data, not a sheet: the title as it is
    assert json.loads(jsonl.text)["title"] == record["title"]


def test_dates_no_archive_holds_are_refused_and_old_ones_label_with_four_digits(
    settings: Settings,
) -> None:
    records = settings.data_dir.parent / "dates.jsonl"
    rows = [
        {"title": "Typed Year Probe", "published": "0025-03-01", "body": "Kyrgyzstan."},
        {"title": "Far Future Probe", "published": "2205-03-01", "body": "Kyrgyzstan."},
    ]
    for row in rows:
        records.write_text(json.dumps(row) + "\n", encoding="utf-8")
        [result] = ingest(settings, records)
        assert result.error is not None and "dated" in str(result.error), result.error
        assert result.error.line == 1
    old = {"title": "Old Treaty Probe", "published": "1905-03-01", "body": "Kyrgyzstan treaty."}
    records.write_text(json.dumps(old) + "\n", encoding="utf-8")
    assert [r.error for r in ingest(settings, records)] == [None]
    with TestClient(create_app(settings)) as client:
        query = '{ search(text: "treaty") { facets { months { value label } } } }'
        months = graphql(client, query)["data"]["search"]["facets"]["months"]
        timeline = graphql(
            client, '{ country(code: "KG") { mentions(interval: YEAR) { period } } }'
        )
    assert months == [{"value": "1905-03", "label": "March 1905"}]
    assert timeline["data"]["country"]["mentions"][0]["period"] == "1905"


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"text": "water\x01"}, "U+0001"),
        ({"text": "water\ufffe"}, "U+FFFE"),
        ({"text": ["water", "gold"]}, "more than once"),
        ({"text": "water", "from": "2025-02-01", "to": "2025-01-01"}, "after"),
    ],
)
def test_feed_parameters_that_are_not_one_clear_search_are_refused(
    client: TestClient, params: dict[str, Any], named: str
) -> None:
    for path in ("/feeds/search.atom", "/export/search.csv"):
        response = client.get(path, params=params)
        assert response.status_code == 400 and named in response.text, (path, response.text)


def test_a_feed_reader_may_pass_its_key_as_a_parameter(client: TestClient) -> None:
    response = client.get("/feeds/search.atom", params={"text": "water", "api-key": "nope"})
    assert response.status_code == 401  # read as a key (unknown here), not as a search field


async def _asgi_get(
    app: Any, state: Any, path: str, query: str, hold: asyncio.Event | None = None
) -> Any:
    """One GET through the app's ASGI interface, carrying the lifespan's `state` as a server
    does; with `hold`, the client stops reading after the first body chunk until `hold` is
    set, as a slow reader on a slow link does."""
    started: dict[str, Any] = {}
    chunks: list[bytes] = []
    first_chunk = asyncio.Event()

    requests = [{"type": "http.request", "body": b"", "more_body": False}]

    async def receive() -> dict[str, Any]:
        if requests:
            return requests.pop()
        await asyncio.Event().wait()  # then the client never hangs up
        return {}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            started.update(message)
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))
            first_chunk.set()
            if hold is not None:
                await hold.wait()

    scope = {
        "type": "http", "asgi": {"version": "3.0", "spec_version": "2.4"}, "http_version": "1.1",
        "method": "GET", "scheme": "http", "path": path, "raw_path": path.encode(),
        "query_string": query.encode(), "root_path": "", "server": ("testserver", 80),
        "client": ("127.0.0.1", 5000), "headers": [(b"host", b"testserver")],
        "state": dict(state),
    }  # fmt: skip
    task = asyncio.ensure_future(app(scope, receive, send))
    await asyncio.wait({task, asyncio.ensure_future(first_chunk.wait())},
                       return_when=asyncio.FIRST_COMPLETED, timeout=30)  # fmt: skip
    return started, chunks, task


def test_exports_beyond_their_share_of_the_search_threads_wait_their_turn(
    settings: Settings,
) -> None:
    ingest(settings, SEED_PAGE, WIKINEWS)
    app = create_app(dataclasses.replace(settings, search_workers=2))

    async def scenario() -> None:
        async with app.router.lifespan_context(app) as state:
            hold = asyncio.Event()
            first, _, streaming = await _asgi_get(
                app, state, "/export/search.jsonl", "text=the", hold
            )
            assert first["status"] == 200  # under way, and holding the one export slot
            second, body, _ = await _asgi_get(app, state, "/export/search.jsonl", "text=water")
            assert second["status"] == 503, body
            assert (b"retry-after", b"5") in second["headers"]
            cheap, _, _ = await _asgi_get(app, state, "/graphql", "query=%7Bticker%7Bpair%7D%7D")
            assert cheap["status"] == 200  # searches and reads go on meanwhile
            hold.set()
            await asyncio.wait_for(streaming, 30)
            after, chunks, done = await _asgi_get(app, state, "/export/search.jsonl", "text=water")
            await asyncio.wait_for(done, 30)
            assert after["status"] == 200 and b"".join(chunks).count(b"\n") > 0

    asyncio.run(scenario())
