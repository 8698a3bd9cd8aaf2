"""Keyset paging: every hit exactly once, in order, whatever the page size and ordering."""

from __future__ import annotations

import pytest

from index import BadCursorError, SearchCursor, SearchIndex, SearchRequest
from index.request import SearchOrder


def _walk(index: SearchIndex, text: str, order: SearchOrder, first: int) -> list[int]:
    seen: list[int] = []
    after: SearchCursor | None = None
    while True:
        page = index.search(SearchRequest(text, order=order, first=first, after=after))
        seen += [hit.article_id for hit in page.hits]
        if not page.has_next:
            return seen
        assert len(page.hits) == first
        # what the API does: encode the cursor into the edge, decode it from `after`
        after = SearchCursor.decode(page.hits[-1].cursor.encode())


@pytest.mark.parametrize("order", ["RELEVANCE", "NEWEST", "OLDEST"])
def test_paging_by_three_returns_each_hit_exactly_once(
    search_index: SearchIndex, order: SearchOrder
) -> None:
    everything = search_index.search(SearchRequest("the", order=order, first=1000))
    walked = _walk(search_index, "the", order, first=3)
    assert len(walked) == len(set(walked)) == everything.total_count
    assert walked == [hit.article_id for hit in everything.hits]


def test_paging_orders_by_date_with_ties_broken_by_article_id(search_index: SearchIndex) -> None:
    newest = search_index.search(SearchRequest("the", order="NEWEST", first=1000)).hits
    keys = [(h.cursor.published, h.article_id) for h in newest]
    assert keys == sorted(keys, reverse=True)
    oldest = search_index.search(SearchRequest("the", order="OLDEST", first=1000)).hits
    assert [h.article_id for h in oldest] == [h.article_id for h in reversed(newest)]


def test_paging_by_relevance_puts_higher_scores_first(search_index: SearchIndex) -> None:
    hits = search_index.search(SearchRequest("labor", first=1000)).hits
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)


def test_a_cursor_from_another_ordering_is_refused(search_index: SearchIndex) -> None:
    page = search_index.search(SearchRequest("the", order="NEWEST", first=1))
    with pytest.raises(BadCursorError):
        search_index.search(SearchRequest("the", order="OLDEST", after=page.hits[0].cursor))


@pytest.mark.parametrize("garbage", ["", "abc", "!!!", "AAAA", "x" * 500, "🙂"])
def test_a_malformed_cursor_is_a_bad_cursor_error(garbage: str) -> None:
    with pytest.raises(BadCursorError):
        SearchCursor.decode(garbage)


def test_cursors_are_url_safe_and_round_trip() -> None:
    cursor = SearchCursor("RELEVANCE", 12.625, 738000, 42)
    text = cursor.encode()
    assert text.isascii() and not set(text) & set("+/=")
    assert SearchCursor.decode(text) == cursor


@pytest.mark.parametrize("text", ["the", "kazakhstan", "gas OR oil", "the president"])
@pytest.mark.parametrize("first", [1, 3, 10])
def test_an_uncounted_first_page_continues_on_the_keyset_path(
    search_index: SearchIndex, text: str, first: int
) -> None:
    """want_total=False takes Whoosh's top-N path (block skipping) for the first page only;
    its hits, scores and cursor must be those of the counted path, so page 2 carries on."""
    counted = search_index.search(SearchRequest(text, first=first))
    fast = search_index.search(SearchRequest(text, first=first, want_total=False))
    assert [(h.article_id, h.score) for h in fast.hits] == [
        (h.article_id, h.score) for h in counted.hits
    ]
    assert fast.has_next == counted.has_next
    assert fast.total_count <= counted.total_count
    walked = [hit.article_id for hit in fast.hits]
    after = SearchCursor.decode(fast.hits[-1].cursor.encode()) if fast.has_next else None
    while after is not None:
        page = search_index.search(SearchRequest(text, first=first, after=after))
        walked += [hit.article_id for hit in page.hits]
        after = page.hits[-1].cursor if page.has_next else None
    everything = search_index.search(SearchRequest(text, first=1000))
    assert walked == [hit.article_id for hit in everything.hits]
    assert len(walked) == len(set(walked)) == everything.total_count
