"""Atom feeds (RFC 4287) of the newest articles, overall and per country, and of takedowns;
cached like GETs."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from xml.etree import ElementTree as ET

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import Scope

from api.caching import HttpCache, Rendered
from store import Store, entities, queries, takedowns
from store.records import Article, ArticleFilter, Author, RemovedArticle

ATOM = "http://www.w3.org/2005/Atom"
ATOM_MEDIA_TYPE = "application/atom+xml; charset=utf-8"
FEED_SIZE = 20
REMOVED_FEED_SIZE = 100


@dataclass(frozen=True, slots=True)
class Feed:
    title: str
    entries: list[tuple[Article, list[Author]]]


def load_feed(store: Store, code: str | None) -> Feed | None:
    """The newest articles (about `code`, if given); None for a country the store lacks."""
    with store.read() as conn:
        title = "Steppe: latest articles"
        if code is not None:
            country = entities.countries_by_code(conn, [code]).get(code)
            if country is None:
                return None
            title = f"Steppe: {country.name}"
        wanted = ArticleFilter(countries=None if code is None else (code,))
        articles, _ = queries.list_articles(conn, wanted, "NEWEST", FEED_SIZE, None)
        authors = queries.authors_by_article(conn, [a.id for a in articles])
    return Feed(title, [(a, authors.get(a.id, [])) for a in articles])


def feed_routes(store: Callable[[Scope], Store], cache: HttpCache) -> list[BaseRoute]:
    """`store` reads the request's lifespan state: the store opens after routing is set."""

    async def render(request: Request, code: str | None) -> Rendered:
        feed = await asyncio.to_thread(load_feed, store(request.scope), code)
        if feed is None:
            message = f"No country with the code {code!r} (ISO 3166-1 alpha-2, e.g. KZ)."
            return PlainTextResponse(message, status_code=404), False
        self_url = str(request.url.replace(query=""))
        return Response(atom(feed, self_url, request.url.path), media_type=ATOM_MEDIA_TYPE), True

    async def latest(request: Request) -> Response:
        key = ("feed", str(request.base_url), "latest")
        return await cache.respond(request, key, lambda: render(request, None))

    async def country(request: Request) -> Response:
        code = request.path_params["code"].upper()
        key = ("feed", str(request.base_url), code)
        return await cache.respond(request, key, lambda: render(request, code))

    async def render_removed(request: Request) -> Rendered:
        found = await asyncio.to_thread(load_removed, store(request.scope))
        self_url = str(request.url.replace(query=""))
        body = removed_atom(found, self_url, request.url.path)
        return Response(body, media_type=ATOM_MEDIA_TYPE), True

    async def removed(request: Request) -> Response:
        key = ("feed", str(request.base_url), "removed")
        return await cache.respond(request, key, lambda: render_removed(request))

    return [
        Route("/feeds/latest.atom", latest, methods=["GET"]),
        Route("/feeds/removed.atom", removed, methods=["GET"]),
        Route("/feeds/country/{code}.atom", country, methods=["GET"]),
    ]


def load_removed(store: Store) -> list[RemovedArticle]:
    with store.read() as conn:
        found, _ = takedowns.list_removed(conn, None, REMOVED_FEED_SIZE, None)
    return found


def removed_atom(removed: list[RemovedArticle], self_url: str, path: str) -> bytes:
    """One entry per takedown: the slug as title, the reason as category, the time as updated.

    A takedown lifted by a republish leaves the feed; taking it down again is a new entry.
    """
    ET.register_namespace("", ATOM)
    root = ET.Element(_tag("feed"))
    _add(root, "id", _urn(f"steppe:feed:{path}"))
    _add(root, "title", "Steppe: removed articles")
    newest = removed[0].removed_at if removed else datetime.now(UTC)
    _add(root, "updated", newest.isoformat())
    _add(root, "link", rel="self", type="application/atom+xml", href=self_url)
    _add(_add(root, "author"), "name", "Steppe")
    _add(root, "generator", "Steppe")
    for r in removed:
        entry = _add(root, "entry")
        _add(entry, "id", _urn(f"steppe:removed:{r.slug}:{r.revision}"))
        _add(entry, "title", r.slug)
        _add(entry, "updated", r.removed_at.isoformat())
        _add(entry, "category", term=r.reason)
        _add(entry, "summary", r.reason if r.note is None else f"{r.reason}: {r.note}")
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


def atom(feed: Feed, self_url: str, path: str) -> bytes:
    ET.register_namespace("", ATOM)
    root = ET.Element(_tag("feed"))
    _add(root, "id", _urn(f"steppe:feed:{path}"))
    _add(root, "title", feed.title)
    times = [_updated(article) for article, _ in feed.entries]
    _add(root, "updated", max(times) if times else datetime.now(UTC).isoformat())
    _add(root, "link", rel="self", type="application/atom+xml", href=self_url)
    _add(_add(root, "author"), "name", "Steppe")
    _add(root, "generator", "Steppe")
    for article, authors in feed.entries:
        _entry(root, article, authors)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


def _entry(root: ET.Element, article: Article, authors: list[Author]) -> None:
    entry = _add(root, "entry")
    _add(entry, "id", _urn(f"steppe:article:{article.slug}"))
    _add(entry, "title", article.title)
    _add(entry, "published", _timestamp(article.published_on))
    _add(entry, "updated", _updated(article))
    for author in authors:
        _add(_add(entry, "author"), "name", author.name)
    _add(entry, "summary", article.text.lede)
    _add(entry, "content", article.text.body, type="text")


def _updated(article: Article) -> str:
    """A correction moves <updated> (RFC 4287, 4.2.15: "the most recent instant in time when
    an entry was modified in a way the publisher considers significant")."""
    if article.updated_at is not None:
        return article.updated_at.isoformat()
    return _timestamp(article.published_on)


def _add(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
    child = ET.SubElement(parent, _tag(name), attrs)
    child.text = text
    return child


def _tag(name: str) -> str:
    return f"{{{ATOM}}}{name}"


def _urn(name: str) -> str:
    """A stable, host-independent id: readers dedupe entries by it (RFC 4287, 4.2.6)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, name).urn


def _timestamp(day: date) -> str:
    return datetime(day.year, day.month, day.day, tzinfo=UTC).isoformat()
