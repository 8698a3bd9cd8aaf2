"""One shared SearchIndex serves a thread pool while another thread writes to it."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from index import SearchIndex, SearchRequest, folders
from index import fields as f
from index.documents import META_ARTICLE_ID
from index.folders import current
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


def test_a_commit_keeps_every_file_a_search_in_progress_may_still_open(tmp_path: Path) -> None:
    """Whoosh deletes a merged-away segment's files at commit; on POSIX that succeeds even
    while a searcher of the previous commit is reading, and it opens column files lazily
    (`has_column` asks whether the file exists), so such a search lost its columns."""
    index = SearchIndex.open(tmp_path)
    corpus = steppe_articles() + wikinews_articles()[:16]  # enough commits for merges
    for revision, article in enumerate(corpus, start=1):  # one segment each: merges follow
        index.apply([article], revision=revision)
    generation = current(tmp_path)
    assert generation is not None
    with index._lease() as lease:  # a search in progress on this commit
        held = set(os.listdir(generation))
        for revision, article in enumerate(corpus, start=len(corpus) + 1):
            index.apply([article], revision=revision)
        assert held <= set(os.listdir(generation)), "files of a searcher still out were deleted"
        ids = lease.searcher.reader().column_reader(f.ARTICLE_ID, translate=True)
        assert sorted(set(ids) - {META_ARTICLE_ID}) == sorted(a.article.id for a in corpus)
    index.refresh()
    assert not held <= set(os.listdir(generation)), "replaced files were never deleted"
    assert index.search(SearchRequest("the", first=1000)).total_count == len(corpus)
    index.close()


def test_related_lists_while_the_same_process_merges_segments(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path)
    corpus = steppe_articles() + wikinews_articles()  # a commit per article: merges under way
    for revision, article in enumerate(corpus, start=1):
        index.apply([article], revision=revision)

    def related(article_id: int) -> tuple[int, ...]:
        return index.related(article_id, first=5)

    with ThreadPoolExecutor(max_workers=4) as pool:
        pending = [pool.submit(related, a.article.id) for a in corpus * 3]
        for revision, article in enumerate(corpus, start=len(corpus) + 1):
            index.apply([article], revision=revision)
        found = [future.result() for future in pending]
    known = {a.article.id for a in corpus}
    assert all(set(ids) <= known and len(ids) <= 5 for ids in found)
    index.close()


def test_a_replaced_generation_stays_on_disk_for_its_grace(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path)
    index.apply(steppe_articles(), revision=1)
    first = current(tmp_path)
    SearchIndex.rebuild(tmp_path, steppe_articles(), revision=2)  # `steppe reindex` elsewhere
    assert first is not None and (first / folders.RETIRED).is_file()
    assert index.search(SearchRequest("the")).total_count == len(steppe_articles())
    crashed = folders.new_generation(tmp_path)  # a rebuild that died before publishing
    SearchIndex.rebuild(tmp_path, steppe_articles(), revision=3)
    assert not crashed.exists() and first.is_dir()
    folders.remove_retired(tmp_path, grace_s=0.0)
    live = current(tmp_path)
    assert live is not None
    assert [g.name for g in tmp_path.glob(f"{folders.PREFIX}*")] == [live.name]
    index.refresh()
    assert index.revision == 3
    index.close()
