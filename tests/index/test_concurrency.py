"""One shared SearchIndex serves a thread pool while another thread writes to it."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from index import SearchIndex, SearchRequest
from tests.index.corpus import steppe_articles, wikinews_articles


def test_concurrent_searches_during_writes_see_whole_commits(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path)
    steppe, wikinews = steppe_articles(), wikinews_articles()
    index.apply(steppe, revision=1)
    expected = {len(steppe), len(steppe) + len(wikinews)}

    def search(_: int) -> int:
        page = index.search(SearchRequest("the", want_facets=True, want_highlights=True))
        return page.total_count

    with ThreadPoolExecutor(max_workers=8) as pool:
        pending = [pool.submit(search, n) for n in range(40)]
        index.apply(wikinews, revision=2)
        index.apply(steppe, revision=3)
        counts = {future.result() for future in pending}
    assert counts <= expected
    assert search(0) == len(steppe) + len(wikinews)
    assert index.revision == 3
    index.close()
