"""Atom feeds of the newest articles, checked with a real feed parser."""

from __future__ import annotations

import feedparser
from starlette.testclient import TestClient


def parse(client: TestClient, path: str) -> feedparser.FeedParserDict:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def test_latest_feed_is_valid_atom_newest_first(client: TestClient) -> None:
    feed = parse(client, "/feeds/latest.atom")
    assert feed.feed.title == "Steppe: latest articles"
    assert feed.feed.links[0].rel == "self"
    assert len(feed.entries) == 20
    days = [e.published for e in feed.entries]
    assert days == sorted(days, reverse=True) and days[0].startswith("2025-12-15")
    assert len({e.id for e in feed.entries}) == 20 and all(
        e.id.startswith("urn:uuid:") for e in feed.entries
    )
    assert all(e.summary and e.content[0].value for e in feed.entries)


def test_country_feed_lists_only_its_articles_with_authors(client: TestClient) -> None:
    feed = parse(client, "/feeds/country/kz.atom")
    assert feed.feed.title == "Steppe: Kazakhstan"
    titles = [e.title for e in feed.entries]
    assert "Central Asia Asks: Are Afghanistan’s Taliban Government Terrorists?" in titles
    taliban = next(e for e in feed.entries if "Taliban" in e.title)
    assert taliban.author == "Aidar Borangaziev"


def test_unknown_country_is_a_404_that_says_why(client: TestClient) -> None:
    response = client.get("/feeds/country/XX.atom")
    assert response.status_code == 404
    assert "No country with the code 'XX'" in response.text
    assert response.headers["cache-control"] == "no-store"


def test_feeds_are_cacheable_like_gets(client: TestClient) -> None:
    first = client.get("/feeds/country/KZ.atom")
    assert first.headers["cache-control"].startswith("public, max-age=")
    again = client.get("/feeds/country/KZ.atom", headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304 and again.headers["etag"] == first.headers["etag"]
    assert client.get("/feeds/latest.atom").headers["etag"] != first.headers["etag"]
