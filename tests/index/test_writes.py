"""Writing: idempotent batches, revisions committed with documents, atomic rebuilds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import index.writer as index_writer
from index import SearchIndex, SearchRequest
from index.folders import RETIRED, current
from store.records import LinkedArticle
from tests.index.corpus import TALIBAN, TOKAYEV, steppe_articles


def _ids(index: SearchIndex, text: str = "the") -> list[int]:
    return [h.article_id for h in index.search(SearchRequest(text, first=1000)).hits]


def test_a_new_index_is_empty_at_revision_zero(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path / "index")
    assert index.revision == 0
    assert index.search(SearchRequest("the")).total_count == 0
    index.close()


def test_apply_is_idempotent(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path)
    index.apply(steppe_articles(), revision=3)
    once = index.search(SearchRequest("the", first=100))
    index.apply(steppe_articles(), revision=3)
    twice = index.search(SearchRequest("the", first=100))
    assert twice.total_count == once.total_count == len(steppe_articles())
    # scores may drift until Whoosh merges the replaced copies away; the hits may not
    assert sorted(h.article_id for h in twice.hits) == sorted(h.article_id for h in once.hits)
    assert index.revision == 3
    index.close()


def test_apply_replaces_an_article_by_id(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path)
    articles = steppe_articles()
    index.apply(articles, revision=1)
    old = articles[0]
    renamed = LinkedArticle(
        old.article.__class__(
            old.article.id,
            old.article.slug,
            old.article.text.__class__("Renamed headline about yaks", old.article.text.blocks),
            old.article.published_on,
            old.article.source,
            2,
        ),
        old.authors,
        old.countries,
        old.organizations,
    )
    index.apply([renamed], revision=2)
    assert _ids(index, "yaks") == [TALIBAN]
    assert _ids(index, "title:Taliban") == []
    assert len(_ids(index)) == len(articles)
    index.close()


def test_revision_persists_across_reopen(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path)
    index.apply(steppe_articles(), revision=11)
    index.close()
    reopened = SearchIndex.open(tmp_path)
    assert reopened.revision == 11
    assert len(_ids(reopened)) == len(steppe_articles())
    reopened.close()


def test_delete_removes_articles_and_moves_the_revision(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path)
    index.apply(steppe_articles(), revision=1)
    index.delete([TOKAYEV], revision=2)
    assert TOKAYEV not in _ids(index)
    assert index.revision == 2
    index.close()


def test_rebuild_gives_the_same_results_as_incremental_applies(tmp_path: Path) -> None:
    articles = steppe_articles()
    incremental = SearchIndex.open(tmp_path / "a")
    incremental.apply(articles[:3], revision=1)
    incremental.apply(articles[3:], revision=2)
    SearchIndex.rebuild(tmp_path / "b", articles, revision=2)
    rebuilt = SearchIndex.open(tmp_path / "b")
    for text in ("the", "Taliban", '"forced labor"', "labor OR water", "kazakh*"):
        assert _ids(rebuilt, text) == _ids(incremental, text), text
    assert rebuilt.revision == incremental.revision == 2
    incremental.close()
    rebuilt.close()


def test_rebuild_swaps_generations_under_an_open_index(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path)
    index.apply(steppe_articles()[:2], revision=1)
    before = current(tmp_path)
    counted: list[int] = []
    index.rebuild_from(steppe_articles(), revision=5, progress=counted.append)
    assert counted == list(range(1, len(steppe_articles()) + 1))
    assert current(tmp_path) != before and before is not None
    assert (before / RETIRED).is_file(), "the replaced generation is kept for its grace, marked"
    assert index.revision == 5
    assert len(_ids(index)) == len(steppe_articles())
    index.close()


def test_a_failed_rebuild_leaves_the_live_index_untouched(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path)
    index.apply(steppe_articles(), revision=4)
    live = current(tmp_path)

    def crash_midway():  # type: ignore[no-untyped-def]
        yield from steppe_articles()[:2]
        raise RuntimeError("store went away")

    with pytest.raises(RuntimeError):
        SearchIndex.rebuild(tmp_path, crash_midway(), revision=9)
    assert current(tmp_path) == live
    assert sorted(os.listdir(tmp_path)) == sorted(["CURRENT", "REBUILD.lock", live.name])
    index.refresh()
    assert index.revision == 4
    assert len(_ids(index)) == len(steppe_articles())
    index.close()


def test_a_large_first_batch_is_written_by_worker_processes_in_one_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("index.writer._LARGE_BATCH", 2)  # take the MpWriter path
    # pytest may run helper threads; the CLI that uses this path runs none.
    monkeypatch.setattr("index.writer._may_fork", lambda: True)
    spy: list[int] = []
    real = index_writer._add_in_parallel
    monkeypatch.setattr("index.writer._add_in_parallel", lambda *a: (spy.append(1), real(*a))[1])
    index = SearchIndex.open(tmp_path)
    index.apply(steppe_articles(), revision=4)
    assert spy == [1]
    assert index.revision == 4
    assert sorted(_ids(index)) == sorted(a.article.id for a in steppe_articles())
    index.apply(steppe_articles(), revision=5)  # no longer fresh: replaced, not duplicated
    assert sorted(_ids(index)) == sorted(a.article.id for a in steppe_articles())
    assert index.revision == 5
    index.close()


def test_an_index_of_an_old_layout_is_replaced_by_an_empty_one(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path)
    index.apply(steppe_articles(), revision=3)
    index.close()
    old = current(tmp_path)
    assert old is not None
    (old / "LAYOUT").write_text("1\n", encoding="utf-8")  # as built by an older Steppe
    reopened = SearchIndex.open(tmp_path)
    assert reopened.revision == 0  # so catch_up refills it from the store
    assert _ids(reopened) == []
    assert current(tmp_path) != old and (old / RETIRED).is_file()  # removed after its grace
    reopened.close()


def test_segments_are_separate_files_never_a_compound_copy(tmp_path: Path) -> None:
    """A compound segment file is read through private in-memory copies of its parts;
    separate files are read in place (README "Where memory goes")."""
    index = SearchIndex.open(tmp_path)
    for revision, linked in enumerate(steppe_articles(), start=1):
        index.apply([linked], revision=revision)
    written = [_file_names(tmp_path)]
    SearchIndex.rebuild(tmp_path, steppe_articles(), revision=99)
    index.refresh()
    written.append(_file_names(tmp_path))
    for names in written:
        assert any(name.endswith(".pst") for name in names)
        assert not [name for name in names if name.endswith(".seg")]
    assert index.search(SearchRequest('"forced labor"')).total_count == 1
    index.close()


def _file_names(root: Path) -> list[str]:
    generation = current(root)
    assert generation is not None
    return [p.name for p in generation.iterdir()]
