"""A takedown as a newsroom runs it: `steppe unpublish` in its own process beside a running app,
then every read path checked, on SQLite and on PostgreSQL."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import feedparser
import pytest
from starlette.testclient import TestClient

from api.app import create_app
from api.resources import open_index, open_store
from api.settings import Settings
from index import SearchIndex, SearchRequest
from ingest.sync import catch_up
from ingest.takedowns import republish, unpublish
from store import audit, queries
from store.database import Store
from store.errors import ArticleNotFoundError
from store.records import Article, ArticleFilter
from tests.conftest import SEED_PAGE, WIKINEWS, graphql, ingest
from tests.test_cli import steppe

TITLE = "Turkmenistan to Ditch Forced Labor in Cotton Harvesting"  # about TM, names the ILO

READS = """
query($slug: String!, $id: ID!) {
  article(slug: $slug) { title }
  node(id: $id) { id }
  articles(first: 100) { totalCount edges { node { slug related(first: 20) { slug } } } }
  headlines(first: 100) { slug }
  tm: headlines(first: 100, country: "TM") { slug }
  country(code: "TM") { articles(first: 100) { totalCount edges { node { slug } } } }
  organization(slug: "ilo") { articles(first: 100) { totalCount edges { node { slug } } } }
  search(text: "cotton OR Turkmenistan", first: 100) {
    totalCount
    edges { node { slug } }
    facets { countries { value count } organizations { value count } years { value count } }
  }
}
"""


@pytest.fixture
def app_settings(settings: Settings) -> Settings:
    """The seed page and the Wikinews articles (for related), followed every 0.1 s."""
    results = ingest(settings, SEED_PAGE, WIKINEWS)
    assert [r.error for r in results] == [None, None]
    # One query reads every path at once, which costs more than a partner's query may.
    # The all-paths query runs a more-like-this search per article: on a busy machine it may
    # need more than the default request time budget.
    return dataclasses.replace(
        settings, index_poll_seconds=0.1, max_query_cost=100_000, request_time_budget=60.0
    )


@pytest.fixture
def client(app_settings: Settings) -> Iterator[TestClient]:
    # Many costly reads from one client: the rate limit is not what this test is about.
    unlimited = replace(app_settings, anonymous_points_per_minute=10**9)
    with TestClient(create_app(unlimited)) as test_client:
        yield test_client


def article_ids(client: TestClient) -> tuple[str, str]:
    found = graphql(client, "{ articles(first: 100) { edges { node { id slug title } } } }")
    nodes = [e["node"] for e in found["data"]["articles"]["edges"]]
    node = next(n for n in nodes if n["title"] == TITLE)
    return node["slug"], node["id"]


def reads(client: TestClient, slug: str, node_id: str) -> dict[str, Any]:
    data: dict[str, Any] = graphql(client, READS, {"slug": slug, "id": node_id})["data"]
    return data


def slugs_everywhere(data: dict[str, Any]) -> set[str]:
    """Every slug any list, connection, search hit or related list returned."""
    found: set[str] = set()
    for edge in data["articles"]["edges"]:
        found.add(edge["node"]["slug"])
        found.update(r["slug"] for r in edge["node"]["related"])
    found.update(a["slug"] for a in data["headlines"] + data["tm"])
    for owner in (data["country"], data["organization"], data["search"]):
        found.update(e["node"]["slug"] for e in (owner.get("articles") or owner)["edges"])
    return found


def comparable(data: dict[str, Any]) -> dict[str, Any]:
    """Everything but `related`: more-like-this picks its top terms and scores by index
    statistics, which a rebuild (no deleted documents left) changes; `slugs_everywhere` checks
    what related lists may hold."""
    edges = [e["node"]["slug"] for e in data["articles"]["edges"]]
    return {**data, "articles": {**data["articles"], "edges": edges}}


def facet_count(data: dict[str, Any], facet: str, value: str) -> int:
    buckets = data["search"]["facets"][facet]
    return next((b["count"] for b in buckets if b["value"] == value), 0)


def cached_get(client: TestClient, text: str, etag: str | None = None) -> Any:
    headers = {"if-none-match": etag} if etag else {}
    return client.get("/graphql", params={"query": text}, headers=headers)


def wait_for_new_etag(client: TestClient, text: str, old: str) -> None:
    """The app follows the store every 0.1 s; generous, since this only guards against a hang."""
    deadline = time.monotonic() + 30
    while cached_get(client, text).headers["etag"] == old:
        assert time.monotonic() < deadline, "the app never followed the takedown"
        time.sleep(0.05)


def feed_titles(client: TestClient, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200, response.text
    return [e.title for e in feedparser.parse(response.content).entries]


def test_a_takedown_hides_the_article_everywhere_and_only_republish_brings_it_back(
    app_settings: Settings, client: TestClient
) -> None:
    slug, node_id = article_ids(client)
    before = reads(client, slug, node_id)
    assert before["article"] == {"title": TITLE} and before["node"] == {"id": node_id}
    assert slug in slugs_everywhere(before)
    assert TITLE in feed_titles(client, "/feeds/latest.atom")
    assert TITLE in feed_titles(client, "/feeds/country/TM.atom")
    probe = f'{{ article(slug: "{slug}") {{ title }} search(text: "cotton") {{ totalCount }} }}'
    old = cached_get(client, probe)
    assert old.json()["data"]["article"] == {"title": TITLE}
    assert cached_get(client, probe, old.headers["etag"]).status_code == 304

    done = steppe(app_settings, "unpublish", slug, "--reason", "takendown", "--note", "court order")
    assert done.returncode == 0, done.stderr
    wait_for_new_etag(client, probe, old.headers["etag"])

    revalidated = cached_get(client, probe, old.headers["etag"])
    assert revalidated.status_code == 200, "an ETag of content that held the article got a 304"
    hits = old.json()["data"]["search"]["totalCount"]
    assert revalidated.json()["data"] == {"article": None, "search": {"totalCount": hits - 1}}
    after = reads(client, slug, node_id)
    assert after["article"] is None and after["node"] is None
    assert slug not in slugs_everywhere(after)
    assert after["articles"]["totalCount"] == before["articles"]["totalCount"] - 1
    for owner in ("country", "organization"):
        assert after[owner]["articles"]["totalCount"] == before[owner]["articles"]["totalCount"] - 1
    assert after["search"]["totalCount"] == before["search"]["totalCount"] - 1
    for facet, value in (("countries", "TM"), ("organizations", "ilo"), ("years", "2025")):
        assert facet_count(after, facet, value) == facet_count(before, facet, value) - 1
    assert TITLE not in feed_titles(client, "/feeds/latest.atom")
    assert TITLE not in feed_titles(client, "/feeds/country/TM.atom")
    assert_listed_as_removed(client, slug)

    # Re-ingesting the page it came from, and rebuilding the index, leave it down.
    assert steppe(app_settings, "ingest", SEED_PAGE).returncode == 0
    assert steppe(app_settings, "reindex").returncode == 0
    again = reads(client, slug, node_id)
    assert comparable(again) == comparable(after) and slug not in slugs_everywhere(again)

    assert steppe(app_settings, "republish", slug).returncode == 0
    wait_for_new_etag(client, probe, revalidated.headers["etag"])
    restored = reads(client, slug, node_id)
    assert comparable(restored) == comparable(before)
    related = {r["slug"] for e in restored["articles"]["edges"] for r in e["node"]["related"]}
    assert slug in related
    assert TITLE in feed_titles(client, "/feeds/latest.atom")
    removed = graphql(client, "{ removedArticles { totalCount edges { node { slug } } } }")
    assert removed["data"]["removedArticles"] == {"totalCount": 0, "edges": []}
    assert feed_titles(client, "/feeds/removed.atom") == []


def assert_listed_as_removed(client: TestClient, slug: str) -> None:
    text = (
        "{ removedArticles(first: 5) { totalCount edges { node { slug reason note removedAt } } } }"
    )
    removed = graphql(client, text)["data"]["removedArticles"]
    assert removed["totalCount"] == 1
    [edge] = removed["edges"]
    assert edge["node"]["slug"] == slug
    assert (edge["node"]["reason"], edge["node"]["note"]) == ("TAKENDOWN", "court order")
    response = client.get("/feeds/removed.atom")
    feed = feedparser.parse(response.content)
    assert not feed.bozo and feed.version == "atom10"
    [entry] = feed.entries
    assert entry.title == slug and entry.tags[0].term == "takendown"
    assert entry.updated.startswith(edge["node"]["removedAt"][:19])


@pytest.fixture
def seeded(settings: Settings) -> Iterator[tuple[Store, SearchIndex]]:
    """The seed page alone, with the store and index open in this process."""
    assert [r.error for r in ingest(settings, SEED_PAGE)] == [None]
    store, index = open_store(settings), open_index(settings)
    yield store, index
    index.close()
    store.close()


def test_every_takedown_and_ingest_lands_in_the_audit_log(
    seeded: tuple[Store, SearchIndex],
) -> None:
    store, index = seeded
    slug = _slug_of(store, TITLE)
    unpublish(store, index, slug, "expired", None, "cli")
    unpublish(store, index, slug, "expired", None, "night-desk")  # the same takedown again
    with pytest.raises(ArticleNotFoundError, match="no-such-article"):
        unpublish(store, index, "no-such-article", "expired", None, "cli")
    republish(store, index, slug, "cli")
    with store.read() as conn:
        logged = audit.entries(conn)
    assert [(e.actor, e.action, e.target) for e in logged] == [
        ("cli", "ingest", str(SEED_PAGE)),
        ("cli", "unpublish", slug),
        ("night-desk", "unpublish", slug),
        ("cli", "republish", slug),
    ]
    assert logged[0].detail["articles"] == {"added": 6, "updated": 0, "unchanged": 0}
    assert [e.detail["outcome"] for e in logged[1:]] == ["added", "unchanged", "updated"]
    assert logged[1].detail["reason"] == "expired" and logged[1].detail["note"] is None
    assert all(e.at.tzinfo is not None for e in logged)


REMOVED_PAGE = """
query($after: String, $since: DateTime) {
  removedArticles(first: 2, after: $after, since: $since) {
    totalCount
    edges { cursor node { slug removedAt } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


def test_removed_articles_page_newest_first_with_cursors_and_since(
    settings: Settings, seeded: tuple[Store, SearchIndex]
) -> None:
    store, index = seeded
    slugs = _slugs(store)[:3]
    for slug in slugs:
        unpublish(store, index, slug, "retracted", None, "cli")
    with TestClient(create_app(settings)) as client:
        text = REMOVED_PAGE
        first = graphql(client, text)["data"]["removedArticles"]
        second = graphql(client, text, {"after": first["pageInfo"]["endCursor"]})
        second = second["data"]["removedArticles"]
        nodes = [e["node"] for e in first["edges"] + second["edges"]]
        assert [n["slug"] for n in nodes] == list(reversed(slugs))
        assert first["pageInfo"]["hasNextPage"] and not second["pageInfo"]["hasNextPage"]
        since = graphql(client, text, {"since": nodes[1]["removedAt"]})["data"]
        assert since["removedArticles"]["totalCount"] == 2
        bad = graphql(client, text, {"after": "bm9wZQ"}, expect_errors=True)
        assert bad["errors"][0]["extensions"]["code"] == "BAD_CURSOR"


def _articles(store: Store) -> list[Article]:
    with store.read() as conn:
        found, _ = queries.list_articles(conn, ArticleFilter(), "NEWEST", 100, None)
    return found


def _slugs(store: Store) -> list[str]:
    return [a.slug for a in _articles(store)]


def _slug_of(store: Store, title: str) -> str:
    return next(a.slug for a in _articles(store) if a.title == title)


def test_a_fresh_index_of_another_replica_never_holds_a_taken_down_article(
    settings: Settings, seeded: tuple[Store, SearchIndex], tmp_path: Path
) -> None:
    store, index = seeded
    slug = _slug_of(store, TITLE)
    unpublish(store, index, slug, "takendown", None, "cli")
    fresh = SearchIndex.open(tmp_path / "replica-index")
    try:
        catch_up(store, fresh)
        assert fresh.revision == store.revision()
        page = fresh.search(SearchRequest(text="Turkmenistan", first=50))
        with store.read() as conn:
            live = queries.articles_by_id(conn, [h.article_id for h in page.hits])
        assert page.total_count == len(live) > 0 and slug not in {a.slug for a in live.values()}
    finally:
        fresh.close()
