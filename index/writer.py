"""Every write to the index: incremental batches and whole new generations.

The revision travels in the hidden document (article_id 0) written by the same writer, so
one Whoosh commit makes documents and revision visible together or not at all.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import FileIndex, LockError
from whoosh.writing import IndexWriter

from index import fields as f
from index import folders
from index.documents import meta_document, to_document
from index.errors import IndexLockedError
from store.records import LinkedArticle

_LOCK_TIMEOUT_S = 30.0


def update_documents(ix: FileIndex, articles: Iterable[LinkedArticle], revision: int) -> None:
    writer = _writer(ix)
    try:
        for linked in articles:
            writer.update_document(**to_document(linked))
        writer.update_document(**meta_document(revision))
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def delete_documents(ix: FileIndex, article_ids: Iterable[int], revision: int) -> None:
    writer = _writer(ix)
    try:
        for article_id in article_ids:
            writer.delete_by_term(f.ARTICLE_ID, article_id)
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
        ix = whoosh_index.create_in(str(generation), f.build_schema())
        writer = ix.writer(limitmb=256)
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


def _writer(ix: FileIndex) -> IndexWriter:
    try:
        return ix.writer(timeout=_LOCK_TIMEOUT_S)
    except LockError as error:
        raise IndexLockedError("Another process is writing to the search index.") from error
