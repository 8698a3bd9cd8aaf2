"""Every write to the index: incremental batches and whole new generations.

The revision travels in the hidden document (article_id 0) written by the same writer, so
one Whoosh commit makes documents and revision visible together or not at all.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from whoosh import query as wq
from whoosh.index import FileIndex, LockError
from whoosh.writing import IndexWriter

from index import fields as f
from index import folders
from index.documents import META_ARTICLE_ID, meta_document, to_document
from index.errors import IndexLockedError, SearchIndexError
from index.layout import create_index
from store.records import LinkedArticle

_LOCK_TIMEOUT_S = 30.0
_LARGE_BATCH = 500  # articles
_LARGE_LIMIT_MB = 512
_PROCS = 2


def update_documents(ix: FileIndex, articles: Iterable[LinkedArticle], revision: int) -> None:
    """Add or replace `articles` by id, and record `revision`, in one commit.

    Into an index holding no article yet (a first load, or a layout rebuild) every article is
    new: no per-document delete lookup is needed, and a large batch is analysed by two worker
    processes (Whoosh's MpWriter, ~2x on two cores) whose segments join the same commit, when
    this process may fork (see `_may_fork`).
    """
    batch = list(articles)
    fresh = ix.doc_count() <= 1  # nothing but, at most, the revision document
    if fresh and len(batch) > _LARGE_BATCH and _may_fork():
        _add_in_parallel(ix, batch, revision)
        return
    writer = _writer(ix, limitmb=_LARGE_LIMIT_MB if len(batch) > _LARGE_BATCH else None)
    write = writer.add_document if fresh else writer.update_document
    _write_and_commit(writer, write, batch, revision)


def _write_and_commit(
    writer: IndexWriter,
    write: Callable[..., None],
    batch: list[LinkedArticle],
    revision: int,
) -> None:
    try:
        for linked in batch:
            write(**to_document(linked))
        writer.update_document(**meta_document(revision))
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def _add_in_parallel(ix: FileIndex, batch: list[LinkedArticle], revision: int) -> None:
    """Whoosh's MpWriter drops the segment of a worker that died without a word, so the
    commit is counted; if documents are missing, the old revision is written back (the next
    `catch_up` redoes the batch) and the error is raised."""
    previous = _stored_revision(ix)
    writer = _writer(ix, limitmb=_LARGE_LIMIT_MB // _PROCS, procs=_PROCS)
    _write_and_commit(writer, writer.add_document, batch, revision)
    if ix.doc_count() != len(batch) + 1:
        rollback = _writer(ix)
        _write_and_commit(rollback, rollback.add_document, [], previous)
        raise SearchIndexError("A worker process lost part of the index update; retry it.")


def _may_fork() -> bool:
    """Worker processes are forked; forking a process that runs other threads (a server's
    thread pool, a progress bar) can deadlock on a lock some thread held, and Python 3.12+
    warns about it. So only a single-threaded process, such as `steppe ingest`, uses them."""
    return threading.active_count() == 1


def _stored_revision(ix: FileIndex) -> int:
    with ix.searcher() as searcher:
        stored = searcher.document(**{f.ARTICLE_ID: META_ARTICLE_ID})
    return int(stored[f.REVISION]) if stored else 0


def delete_documents(ix: FileIndex, article_ids: Iterable[int], revision: int) -> None:
    writer = _writer(ix)
    try:
        for article_id in article_ids:
            writer.delete_by_query(wq.Term(f.ARTICLE_ID, article_id))  # a numeric term
        writer.update_document(**meta_document(revision))
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def build_generation(
    root: Path,
    articles: Iterable[LinkedArticle],
    revision: int,
    progress: Callable[[int], None] | None,
) -> Path:
    """A complete, committed index in a new folder under `root` (not yet published)."""
    generation = folders.new_generation(root)
    try:
        ix = create_index(generation)
        writer = ix.writer(limitmb=_LARGE_LIMIT_MB, compound=False)
        try:
            for count, linked in enumerate(articles, start=1):
                writer.add_document(**to_document(linked))
                if progress is not None:
                    progress(count)
            writer.add_document(**meta_document(revision))
        except BaseException:
            writer.cancel()
            raise
        writer.commit(optimize=True)
        ix.close()
    except BaseException:
        shutil.rmtree(generation, ignore_errors=True)
        raise
    return generation


def _writer(ix: FileIndex, limitmb: int | None = None, procs: int = 1) -> IndexWriter:
    """A writer; a large batch gets a postings pool that stays in memory (Whoosh's default
    128 MB spills ~1,000 articles to disk and merges the runs back through pickle).

    Segments are never assembled into one compound file: Whoosh reads a compound file's
    parts through `BytesIO` copies of its memory map, so every open searcher held a private
    copy of every postings file (417 of 545 MiB of a 30k server's own memory). Separate
    files are read in place, from the OS page cache."""
    options: dict[str, object] = {"compound": False}
    if limitmb:
        options["limitmb"] = limitmb
    if procs > 1:
        options |= {"procs": procs, "multisegment": True}
    try:
        return ix.writer(timeout=_LOCK_TIMEOUT_S, **options)
    except LockError as error:
        raise IndexLockedError("Another process is writing to the search index.") from error
