"""`search(...)` and `Article.related`: the Whoosh index through the GraphQL layer."""

from __future__ import annotations

import asyncio
import calendar
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import strawberry

from index import (
    FACET_NAMES,
    SearchCursor,
    SearchFilter,
    SearchPage,
    SearchRequest,
    SearchSyntaxError,
)
from index import (
    BadCursorError as IndexCursorError,
)
from index import Facet as FacetRecord
from schema.connections import PageInfo, check_page_size
from schema.context import Info
from schema.errors import BadCursorError, BadSearchSyntaxError, UserInputError
from schema.inputs import ArticleFilter, SearchOrder, to_filter_record
from schema.selections import contains, names_at
from schema.types import Article, articles_of
from store import language_name, language_tag, queries
from store.records import Article as ArticleRecord
from store.records import ArticleFilter as ArticleFilterRecord

MAX_TEXT_LENGTH = 1000
MAX_FACET_LIMIT = 100


@strawberry.type
class Highlight:
    field: str
    snippet: str = strawberry.field(
        description="HTML: matched terms in <mark>…</mark>, everything else escaped."
    )


@strawberry.type
class SearchEdge:
    cursor: str
    score: float
    node: Article
    highlights: list[Highlight]


@strawberry.type
class FacetBucket:
    value: str
    label: str
    count: int


@strawberry.type(description="Counts over all hits of text + filter, not only this page.")
class SearchFacets:
    countries: list[FacetBucket]
    organizations: list[FacetBucket]
    authors: list[FacetBucket]
    people: list[FacetBucket] = strawberry.field(
        description='Hits per person named (value "sadyr-japarov", label "Sadyr Japarov").'
    )
    languages: list[FacetBucket] = strawberry.field(
        description='Hits per language (value "ru", label "Russian"); "und" is undetermined.'
    )
    years: list[FacetBucket]
    months: list[FacetBucket] = strawberry.field(
        description='Hits per month (value "2025-12"), oldest first, for a trend line: the '
        "newest `facetLimit` months that have hits."
    )
    truncated: list[str] = strawberry.field(
        description="Names of the facets that had more buckets than `facetLimit`."
    )


@strawberry.type
class SearchResults:
    total_count: int
    edges: list[SearchEdge]
    page_info: PageInfo
    facets: SearchFacets
    suggestion: str | None = strawberry.field(
        description="The text with likely misspellings corrected; null when it looks fine."
    )
    partial: bool = strawberry.field(
        description="The search ran out of its time budget: counts are lower bounds."
    )


async def run_search(
    info: Info,
    text: str,
    filter: ArticleFilter | None = None,
    order_by: SearchOrder | None = SearchOrder.RELEVANCE,
    first: int | None = 10,
    after: str | None = None,
    facet_limit: int | None = 10,
    language: Annotated[
        str | None,
        strawberry.argument(
            description='Only articles in this language: a BCP 47 tag ("ru", "kk", "en"); '
            'its primary subtag is compared, so "ru-RU" finds Russian articles.'
        ),
    ] = None,
) -> SearchResults:
    first = 10 if first is None else first
    order_by = order_by or SearchOrder.RELEVANCE
    facet_limit = 10 if facet_limit is None else facet_limit
    check_page_size(first, info)
    if not 1 <= facet_limit <= MAX_FACET_LIMIT:
        raise UserInputError(
            f"`facetLimit` must be between 1 and {MAX_FACET_LIMIT}; got {facet_limit}"
        )
    if len(text) > MAX_TEXT_LENGTH:
        raise BadSearchSyntaxError(
            f"search text is {len(text)} characters; the limit is {MAX_TEXT_LENGTH}"
        )
    record = to_filter_record(filter)
    selected = info.selected_fields  # converted by Strawberry on each read: once
    request = SearchRequest(
        text=text,
        filter=_search_filter(record, _language(language)),
        order=order_by.value,
        first=first,
        after=_decode_cursor(after),
        want_facets=contains(selected, "facets"),
        facet_names=_facet_names(selected),
        want_highlights=contains(selected, "highlights"),
        want_total=contains(selected, "totalCount"),
        want_suggestion=contains(selected, "suggestion"),
        facet_limit=facet_limit,
        time_budget_s=info.context.search_budget(),
    )
    if _matches_nothing(record):
        page = SearchPage(total_count=0, hits=(), has_next=False, facets=None, suggestion=None)
    else:
        page = await _search(info, request)
    return await _results(info, page, after, selected)


async def _search(info: Info, request: SearchRequest) -> SearchPage:
    """The search, and the stored articles of its hits read on the same search thread (one
    hop off the event loop, not two); they wait in the request's loader for `_results`."""
    index, loaders = info.context.index, info.context.loaders

    def search_and_read() -> tuple[SearchPage, dict[int, ArticleRecord]]:
        page = index.search(request)
        ids = [hit.article_id for hit in page.hits]
        return page, (loaders.read_here(queries.articles_by_id, ids) if ids else {})

    try:
        page, found = await info.context.search(search_and_read)
    except SearchSyntaxError as exc:
        raise BadSearchSyntaxError(str(exc)) from exc
    except IndexCursorError as exc:
        raise BadCursorError(str(exc)) from exc
    for hit in page.hits:  # a hit taken down since the index saw it is not there: None
        loaders.article_by_id.prime(hit.article_id, found.get(hit.article_id))
    return page


def _decode_cursor(after: str | None) -> SearchCursor | None:
    if after is None:
        return None
    try:
        return SearchCursor.decode(after)
    except IndexCursorError as exc:
        raise BadCursorError(
            f"malformed cursor {after!r}: pass an endCursor from a previous page of this search"
        ) from exc


def _language(language: str | None) -> tuple[str, ...]:
    if language is None:
        return ()
    try:
        return (language_tag(language),)
    except ValueError as exc:
        raise UserInputError(f"`language`: {exc}") from None


def _search_filter(f: ArticleFilterRecord, languages: tuple[str, ...] = ()) -> SearchFilter:
    return SearchFilter(
        countries=f.countries or (),
        organizations=f.organizations or (),
        authors=f.authors or (),
        people=f.people or (),
        languages=languages,
        published_from=f.published_from,
        published_to=f.published_to,
    )


def _matches_nothing(f: ArticleFilterRecord) -> bool:
    """An explicit empty list allows no value, as it does for `articles(filter:)`."""
    return () in (f.countries, f.organizations, f.authors, f.people)


async def _results(
    info: Info, page: SearchPage, after: str | None, selected: list[Any]
) -> SearchResults:
    if page.partial:
        info.context.incomplete = True
    found = await info.context.loaders.article_by_id.load_many([h.article_id for h in page.hits])
    hits = [(hit, a) for hit, a in zip(page.hits, found, strict=True) if a is not None]
    nodes = await articles_of(info, [a for _, a in hits], ("edges", "node"), selected)
    edges = [
        SearchEdge(
            cursor=hit.cursor.encode(),
            score=hit.score,
            node=node,
            highlights=[Highlight(field=h.field, snippet=h.snippet) for h in hit.highlights],
        )
        for (hit, _), node in zip(hits, nodes, strict=True)
    ]
    page_info = PageInfo(
        has_next_page=page.has_next,
        has_previous_page=after is not None,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return SearchResults(
        total_count=page.total_count,
        edges=edges,
        page_info=page_info,
        facets=await _facets(info, page, selected),
        suggestion=page.suggestion,
        partial=page.partial,
    )


async def _facets(info: Info, page: SearchPage, selected: list[Any]) -> SearchFacets:
    facets = page.facets
    if facets is None:
        return SearchFacets(
            countries=[],
            organizations=[],
            authors=[],
            people=[],
            languages=[],
            years=[],
            months=[],
            truncated=[],
        )
    loaders = info.context.loaders
    # Entity names are a store read: only for a facet whose labels are shown.
    named = {n: "label" in names_at(selected, ("facets", n)) for n in ENTITY_FACETS}
    countries, organizations, authors, people = await asyncio.gather(
        _label(facets.countries, loaders.country_by_code.load_many, named["countries"]),
        _label(
            facets.organizations, loaders.organization_by_slug.load_many, named["organizations"]
        ),
        _label(facets.authors, loaders.author_by_slug.load_many, named["authors"]),
        _label(facets.people, loaders.person_by_slug.load_many, named["people"]),
    )
    languages = [
        FacetBucket(value=b.value, label=language_name(b.value), count=b.count)
        for b in facets.languages.buckets
    ]
    years = [FacetBucket(value=b.value, label=b.value, count=b.count) for b in facets.years.buckets]
    months = [
        FacetBucket(value=b.value, label=_month_label(b.value), count=b.count)
        for b in facets.months.buckets
    ]
    truncated = [
        name
        for name, facet in (
            ("countries", facets.countries),
            ("organizations", facets.organizations),
            ("authors", facets.authors),
            ("people", facets.people),
            ("languages", facets.languages),
            ("years", facets.years),
            ("months", facets.months),
        )
        if facet.truncated
    ]
    return SearchFacets(
        countries=countries,
        organizations=organizations,
        authors=authors,
        people=people,
        languages=languages,
        years=years,
        months=months,
        truncated=truncated,
    )


ENTITY_FACETS = ("countries", "organizations", "authors", "people")


def _facet_names(selected: list[Any]) -> frozenset[str] | None:
    """The facets the query shows; all of them when it asks which were `truncated`."""
    shown = names_at(selected, ("facets",))
    return None if "truncated" in shown else shown & FACET_NAMES


def _month_label(value: str) -> str:
    """ "2025-12" → "December 2025"."""
    year, month = value.split("-")
    return f"{calendar.month_name[int(month)]} {int(year)}"


async def _label(
    facet: FacetRecord, load_many: Callable[[list[str]], Awaitable[list[Any]]], named: bool
) -> list[FacetBucket]:
    """Buckets labelled with the entity's name (its value where it has none); when no label
    is selected, the value stands in and nothing is read."""
    if not named or not facet.buckets:
        return [FacetBucket(value=b.value, label=b.value, count=b.count) for b in facet.buckets]
    records = await load_many([b.value for b in facet.buckets])
    return [
        FacetBucket(value=b.value, label=getattr(r, "name", None) or b.value, count=b.count)
        for b, r in zip(facet.buckets, records, strict=True)
    ]
