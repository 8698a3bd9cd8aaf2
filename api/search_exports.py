"""A search as a feed and as a file: `/feeds/search.atom`, `/export/search.csv`, `.jsonl`.

An analyst who found a search worth following subscribes to it in any feed reader, or takes
every hit into a spreadsheet. The parameters are the `search` field's: `text` and the
`ArticleFilter` fields (`countries`, `organizations`, `authors`, repeated or comma-separated;
`from`, `to` as ISO dates), plus `orderBy` for exports. A wrong parameter is a 400 naming it.

Searches go through the same search threads and slots as GraphQL's (`SearchCapacity`), so an
export never starves other searches; an export reads its hits page by page and streams rows
as they come, up to `STEPPE_EXPORT_MAX_ROWS`. The feed is cached like other GETs.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route
from starlette.types import Receive, Scope, Send

from api.caching import HttpCache, Rendered
from api.callers import KEY_PARAMETER
from api.feeds import ATOM_MEDIA_TYPE, FEED_SIZE, Feed, atom
from index import SearchFilter, SearchIndex, SearchOrder, SearchRequest, SearchSyntaxError
from ingest import describe, find_bad_character
from schema.capacity import Deadline, SearchCapacity
from schema.errors import RequestTimeoutError, ServerBusyError
from store import SteppeError, Store, queries

logger = logging.getLogger("steppe.exports")

LIST_PARAMETERS = ("countries", "organizations", "authors")
DATE_PARAMETERS = {"from": "published_from", "to": "published_to"}
ORDERS = ("RELEVANCE", "NEWEST", "OLDEST")
EXPORT_PAGE = 500  # hits read per search while streaming an export
BUSY_RETRIES = 8  # tries for a page while the search threads are busy (about 9 s in all)
MAX_TEXT_LENGTH = 2000
FORMULA_STARTS = frozenset("=+-@\t\r")
CSV_COLUMNS = ("slug", "title", "publishedOn", "authors", "countries", "organizations", "score")


@dataclass(frozen=True)
class SearchResources:
    store: Store
    index: SearchIndex
    capacity: SearchCapacity
    # Exports at once: half the search threads at most, so searches always have room.
    export_slots: asyncio.Semaphore

    @classmethod
    def of(cls, store: Store, index: SearchIndex, capacity: SearchCapacity) -> SearchResources:
        slots = asyncio.Semaphore(max(1, capacity.limits.workers // 2))
        return cls(store, index, capacity, slots)


@dataclass(frozen=True)
class SearchQuery:
    text: str
    filter: SearchFilter
    order: SearchOrder


class ParameterError(SteppeError, ValueError):
    """A parameter that cannot be read; the message names it and what it should be."""


def parse_query(request: Request, exports: bool) -> SearchQuery:
    params = request.query_params
    allowed = {"text", *LIST_PARAMETERS, *DATE_PARAMETERS, *(("orderBy",) if exports else ())}
    unknown = sorted(set(params) - allowed - {KEY_PARAMETER})
    if unknown:
        raise ParameterError(
            f"unknown parameter {unknown[0]!r}; this takes {', '.join(sorted(allowed))}"
        )
    for name, value in params.multi_items():
        _check_characters(name, value)
    for name in ("text", "orderBy", *DATE_PARAMETERS):
        if len(params.getlist(name)) > 1:
            raise ParameterError(f"`{name}` is given more than once; give it once")
    text = params.get("text", "").strip()
    if not text:
        raise ParameterError("`text` is required: the search, as in GraphQL's search(text:)")
    if len(text) > MAX_TEXT_LENGTH:
        raise ParameterError(f"`text` is {len(text)} characters; the limit is {MAX_TEXT_LENGTH}")
    lists = {
        name: tuple(v.strip() for raw in params.getlist(name) for v in raw.split(",") if v.strip())
        for name in LIST_PARAMETERS
    }
    dates: dict[str, date | None] = {}
    for name, field_name in DATE_PARAMETERS.items():
        raw = params.get(name)
        try:
            dates[field_name] = None if raw is None else date.fromisoformat(raw)
        except ValueError:
            raise ParameterError(f"`{name}` must be a date like 2025-12-15; got {raw!r}") from None
    start, end = dates["published_from"], dates["published_to"]
    if start is not None and end is not None and start > end:
        raise ParameterError(f"`from` ({start}) is after `to` ({end})")
    given = params.get("orderBy", "RELEVANCE" if exports else "NEWEST")
    order = given.upper()
    if order not in ORDERS:
        raise ParameterError(f"`orderBy` must be one of {', '.join(ORDERS)}; got {given[:40]!r}")
    return SearchQuery(text, SearchFilter(**lists, **dates), order)  # type: ignore[arg-type]


def _check_characters(name: str, value: str) -> None:
    """What GraphQL refuses as INVALID_CHARACTER is refused here too (`ingest.hygiene`, the
    same rule): a control character or a non-character would make the feed invalid XML."""
    found = find_bad_character(value)
    if found is not None:
        raise ParameterError(f"`{name}` holds {describe(found[1])}, which is not text")


def search_export_routes(
    resources: Callable[[Scope], SearchResources],
    cache: HttpCache,
    search_budget: float,
    max_rows: int,
) -> list[BaseRoute]:
    """`resources` reads the request's lifespan state: they open after routing is set."""

    async def run(found: SearchResources, query: SearchQuery, first: int, after: Any = None) -> Any:
        request = SearchRequest(
            query.text, query.filter, query.order, first, after,
            want_suggestion=False, time_budget_s=search_budget,
        )  # fmt: skip
        deadline = Deadline(search_budget + found.capacity.limits.wait_s)
        return await found.capacity.run(lambda: found.index.search(request), deadline)

    async def render_feed(request: Request, query: SearchQuery) -> Rendered:
        found = resources(request.scope)
        page = await run(found, query, FEED_SIZE)
        feed = await asyncio.to_thread(_feed, found.store, query, page)
        self_url = str(request.url)
        body = atom(feed, self_url, f"{request.url.path}?{request.url.query}")
        return Response(body, media_type=ATOM_MEDIA_TYPE), not page.partial

    async def search_feed(request: Request) -> Response:
        try:
            query = parse_query(request, exports=False)
        except ParameterError as exc:
            return PlainTextResponse(str(exc), status_code=400)
        key = ("feed", str(request.base_url), "search", _canonical(query))
        try:
            return await cache.respond(request, key, lambda: render_feed(request, query))
        except SearchSyntaxError as exc:
            return PlainTextResponse(f"`text`: {exc}", status_code=400)
        except (ServerBusyError, RequestTimeoutError) as exc:
            return _busy(exc)

    async def export(request: Request, kind: str) -> Response:
        try:
            query = parse_query(request, exports=True)
        except ParameterError as exc:
            return PlainTextResponse(str(exc), status_code=400)
        found = resources(request.scope)
        slots = found.export_slots
        if slots.locked():
            message = "Other exports are running; retry in a few seconds."
            return PlainTextResponse(message, status_code=503, headers={"retry-after": "5"})
        await slots.acquire()
        try:
            first = await run(found, query, min(EXPORT_PAGE, max_rows))
        except SearchSyntaxError as exc:
            slots.release()
            return PlainTextResponse(f"`text`: {exc}", status_code=400)
        except (ServerBusyError, RequestTimeoutError) as exc:
            slots.release()
            return _busy(exc)
        except BaseException:
            slots.release()
            raise
        rows = min(first.total_count, max_rows)
        request.state.cost = 10 + rows // 10  # what api.rate_limits charges
        headers = {
            "x-total-count": str(first.total_count),
            "x-row-cap": str(max_rows),
            "cache-control": "no-store",
            "content-disposition": f'attachment; filename="search.{kind}"',
        }
        media_type = "text/csv; charset=utf-8" if kind == "csv" else "application/x-ndjson"
        stream = _rows(found.store, partial(run, found), query, first, max_rows, kind)
        return GatedStream(slots, stream, headers=headers, media_type=media_type)

    async def export_csv(request: Request) -> Response:
        return await export(request, "csv")

    async def export_jsonl(request: Request) -> Response:
        return await export(request, "jsonl")

    return [
        Route("/feeds/search.atom", search_feed, methods=["GET"]),
        Route("/export/search.csv", export_csv, methods=["GET"]),
        Route("/export/search.jsonl", export_jsonl, methods=["GET"]),
    ]


async def _rows(
    store: Store,
    run: Callable[..., Any],
    query: SearchQuery,
    page: Any,
    max_rows: int,
    kind: str,
) -> AsyncIterator[bytes]:
    """Every hit, page by page, each page's articles and links read in one go."""
    if kind == "csv":
        yield _csv_line(CSV_COLUMNS)
    sent = 0
    while True:
        hits = page.hits[: max_rows - sent]
        rows = await asyncio.to_thread(_hit_rows, store, hits)
        for row in rows:
            yield _csv_line(_csv_values(row)) if kind == "csv" else _json_line(row)
        sent += len(hits)
        if not page.has_next or sent >= max_rows or not page.hits or page.partial:
            return
        page = await _next_page(run, query, min(EXPORT_PAGE, max_rows - sent), page)
        if page is None:
            return


class GatedStream(StreamingResponse):
    """A streamed export that gives its export slot back however it ends: finished, failed,
    or cut by a client that hung up (Starlette then skips a response's background task)."""

    def __init__(self, slots: asyncio.Semaphore, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.slots = slots

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.slots.release()


async def _next_page(run: Callable[..., Any], query: SearchQuery, size: int, page: Any) -> Any:
    """The next page, waiting out a busy moment (the headers are sent: a 503 is too late);
    None, with a log line, when the search threads stay busy: the stream then ends there,
    and `X-Total-Count` shows the client it was cut."""
    for attempt in range(BUSY_RETRIES):
        try:
            return await run(query, size, page.hits[-1].cursor)
        except (ServerBusyError, RequestTimeoutError):
            await asyncio.sleep(0.25 * (attempt + 1))
    logger.warning("an export of %r ended early: the search threads stayed busy", query.text)
    return None


def _hit_rows(store: Store, hits: Any) -> list[dict[str, Any]]:
    ids = [h.article_id for h in hits]
    with store.read() as conn:
        articles = queries.articles_by_id(conn, ids)
        authors = queries.authors_by_article(conn, ids)
        countries = queries.countries_by_article(conn, ids)
        organizations = queries.organizations_by_article(conn, ids)
    rows = []
    for hit in hits:
        article = articles.get(hit.article_id)
        if article is None:  # taken down between the search and this read
            continue
        rows.append(
            {
                "slug": article.slug,
                "title": article.title,
                "publishedOn": article.published_on.isoformat(),
                "authors": [a.name for a in authors.get(hit.article_id, [])],
                "countries": [c.code for c in countries.get(hit.article_id, [])],
                "organizations": [o.name for o in organizations.get(hit.article_id, [])],
                "score": round(hit.score, 6),
            }
        )
    return rows


def _csv_values(row: dict[str, Any]) -> list[str]:
    """Lists joined by "; " (names may hold commas), so one cell holds one field; text that
    a spreadsheet would run as a formula is quoted."""
    values = []
    for column in CSV_COLUMNS:
        value = row[column]
        if isinstance(value, list):
            values.append(_inert("; ".join(value)))
        elif isinstance(value, str):
            values.append(_inert(value))
        else:
            values.append(str(value))
    return values


def _inert(text: str) -> str:
    """A cell starting with = + - @ (or a tab or CR) is a formula to Excel and LibreOffice: a
    title like "=HYPERLINK(...)" must not become a link on an analyst's machine (OWASP's
    advice: a leading apostrophe, which spreadsheets show as plain text)."""
    return f"'{text}" if text[:1] in FORMULA_STARTS else text


def _csv_line(values: Any) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(values)
    return out.getvalue().encode("utf-8")


def _json_line(row: dict[str, Any]) -> bytes:
    return (json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8")


def _feed(store: Store, query: SearchQuery, page: Any) -> Feed:
    ids = [h.article_id for h in page.hits]
    with store.read() as conn:
        articles = queries.articles_by_id(conn, ids)
        authors = queries.authors_by_article(conn, ids)
    entries = [(articles[i], authors.get(i, [])) for i in ids if i in articles]
    return Feed(f"Steppe: search for {query.text}", entries)


def _canonical(query: SearchQuery) -> str:
    """One cache entry per search, however its parameters were spelled or ordered."""
    f = query.filter
    return json.dumps(
        [query.text, query.order, *(sorted(v.lower() for v in getattr(f, n)) for n in
                                    LIST_PARAMETERS), str(f.published_from), str(f.published_to)]
    )  # fmt: skip


def _busy(exc: ServerBusyError | RequestTimeoutError) -> Response:
    """No search slot in time: 503 with Retry-After, as GraphQL's SERVER_BUSY."""
    retry = str(exc.retry_after_s if isinstance(exc, ServerBusyError) else 1)
    return PlainTextResponse(exc.message, status_code=503, headers={"retry-after": retry})
