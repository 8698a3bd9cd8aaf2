"""SearchIndex: the one object the rest of Steppe holds.

A small pool of Whoosh searchers, reused across requests and replaced after commits. Whoosh
searchers read postings through shared file positions (seek + read), so one searcher serves
one search at a time; a search leases a searcher of its own, so a cheap search never waits
for an expensive one to finish (both hold the GIL in turns, the cheap one ends first). Each
searcher's version is remembered, so searchers of an older commit are closed, not reused;
the vectorized engine's per-segment arrays are shared (keyed by segment, behind their own
lock). The lock here guards only the pool, the version check and the deferred deletions.

Files a commit replaced are deleted only once no searcher of an older version is out (see
index/storage.py for why Whoosh's own immediate deletion breaks searchers on POSIX).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from whoosh.index import FileIndex
from whoosh.searching import Searcher

from index import fields as f
from index import folders, layout
from index.documents import META_ARTICLE_ID
from index.errors import SearchIndexError
from index.request import SearchRequest
from index.results import SearchPage
from index.searcher import run_search
from index.storage import DeferredDeleteStorage
from index.vectorized import VectorEngine
from index.writer import build_generation, delete_documents, update_documents
from store.records import LinkedArticle

_CHECK_INTERVAL_S = 1.0  # how often to look for commits made by other processes
_RETIRED_SWEEP_S = 60.0  # how often a server looks for replaced generations past their grace


@dataclass(frozen=True)
class _DoomedFiles:
    """Files a commit replaced: deletable once every searcher out is of `version` or newer."""

    version: int
    storage: DeferredDeleteStorage
    names: frozenset[str]


@dataclass
class _Lease:
    """One pooled searcher and the index version it opened at."""

    searcher: Searcher
    version: int


class SearchIndex:
    def __init__(self, root: Path, generation: Path, ix: FileIndex) -> None:
        self.root = root
        self._generation = generation
        self._ix = ix
        self._lock = threading.Lock()
        self._engine = VectorEngine()
        self._version = 0  # bumped whenever a commit or a rebuild is noticed
        self._seen_commit = ix.latest_generation()
        self._free: list[_Lease] = []
        self._closed = False
        self._stale = False
        self._checked_at = time.monotonic()
        self._swept_at = self._checked_at
        self._out: Counter[int] = Counter()  # versions of the searchers checked out now
        self._doomed: list[_DoomedFiles] = []

    @classmethod
    def open(cls, path: Path) -> SearchIndex:
        """Open the index under `path`, creating an empty one if there is none.

        An index of an older field layout is replaced by an empty one (its revision is 0), so
        `catch_up` refills it from the store.
        """
        root = Path(path)
        generation = folders.current(root)
        if generation is None or not layout.is_current(generation):
            generation = _replace_with_empty(root)
        return cls(root, generation, _open_checked(generation))

    @classmethod
    def rebuild(
        cls,
        path: Path,
        articles: Iterable[LinkedArticle],
        revision: int,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """Index `articles` into a new generation beside the live one, then swap it in.

        Until the swap the old index keeps serving; a crash leaves it live and untouched.
        """
        root = Path(path)
        with folders.rebuild_lock(root):
            generation = build_generation(root, articles, revision, progress)
            folders.publish(root, generation)
            folders.remove_stale(root, keep=generation)

    def rebuild_from(
        self,
        articles: Iterable[LinkedArticle],
        revision: int,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """`rebuild` this index's folder, then switch this object to the new generation."""
        type(self).rebuild(self.root, articles, revision, progress)
        self.refresh()

    @property
    def revision(self) -> int:
        """The store revision the index reflects; written in the same commit as documents."""
        with self._lease() as lease:
            stored = lease.searcher.document(**{f.ARTICLE_ID: META_ARTICLE_ID})
        return int(stored[f.REVISION]) if stored else 0

    def apply(self, articles: Iterable[LinkedArticle], revision: int) -> None:
        """Add or replace articles (by id) and record `revision`, in one commit."""
        self._follow_rebuilds()
        try:
            update_documents(self._ix, articles, revision)
        finally:
            self._committed()

    def delete(self, article_ids: Iterable[int], revision: int) -> None:
        self._follow_rebuilds()
        try:
            delete_documents(self._ix, article_ids, revision)
        finally:
            self._committed()

    def search(self, request: SearchRequest) -> SearchPage:
        with self._lease() as lease:
            return run_search(lease.searcher, self._engine, request)

    def related(self, article_id: int, first: int = 5) -> tuple[int, ...]:
        """Articles most like this one by the key terms of its body; never itself."""
        with self._lease() as lease:
            searcher = lease.searcher
            docnum = searcher.document_number(**{f.ARTICLE_ID: article_id})
            if docnum is None or first <= 0:
                return ()
            hits = searcher.more_like(docnum, f.BODY, top=first + 1, numterms=12)
            ids = searcher.reader().column_reader(f.ARTICLE_ID, translate=True)
            found = (ids[hit.docnum] for hit in hits)
            return tuple(i for i in found if i not in (article_id, META_ARTICLE_ID))[:first]

    def refresh(self) -> None:
        """Pick up commits and rebuilds made elsewhere now rather than within a second."""
        self._stale = True
        with self._lease():
            pass

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._free = self._free, []
        for lease in idle:
            lease.searcher.close()
        self._delete_due()  # what searchers still out need stays; the next commit lists it again
        self._ix.close()

    def _committed(self) -> None:
        """After a commit of ours (or a failed one): searchers opened from now on see it, and
        the files it replaced wait for the searchers that may still read them."""
        with self._lock:
            self._version += 1
            self._seen_commit = self._ix.latest_generation()
            storage = self._ix.storage
            if isinstance(storage, DeferredDeleteStorage):
                names = storage.take_requested()
                if names:
                    self._doomed.append(_DoomedFiles(self._version, storage, frozenset(names)))
        self._delete_due()

    def _delete_due(self) -> None:
        with self._lock:
            oldest_out = min(self._out, default=self._version)
            due = [d for d in self._doomed if d.version <= oldest_out]
            self._doomed = [d for d in self._doomed if d.version > oldest_out]
        for doomed in due:
            doomed.storage.delete_now(set(doomed.names))

    @contextmanager
    def _lease(self) -> Iterator[_Lease]:
        lease = self._checkout()
        try:
            yield lease
        finally:
            self._checkin(lease)

    def _checkout(self) -> _Lease:
        """A free searcher of the current version, or a new one (opened outside the lock).

        New searchers are opened afresh, never by `Searcher.refresh()`: it reuses the reader
        of every segment that is still present, and segments compare equal by id alone
        (whoosh/codec/base.py `Segment.__eq__`), so a segment that gained deletions would keep
        its old reader and replaced documents would show twice.
        """
        found: _Lease | None = None
        outdated: list[_Lease] = []
        with self._lock:
            self._refresh_if_needed()
            ix, version = self._ix, self._version
            self._out[version] += 1  # before opening: a commit meanwhile must wait for it
            while self._free and found is None:
                lease = self._free.pop()
                if lease.version == version:
                    found = lease
                else:
                    outdated.append(lease)
        for old in outdated:
            old.searcher.close()
        if found is None:
            try:
                found = _Lease(ix.searcher(), version)
            except BaseException:
                self._release(version)
                raise
            self._engine.retain(found.searcher)
        return found

    def _checkin(self, lease: _Lease) -> None:
        with self._lock:
            keep = not self._closed and lease.version == self._version
            if keep:
                self._free.append(lease)
        if not keep:
            lease.searcher.close()
        self._release(lease.version)

    def _release(self, version: int) -> None:
        with self._lock:
            self._out[version] -= 1
            if self._out[version] <= 0:
                del self._out[version]
        if self._doomed:
            self._delete_due()

    def _refresh_if_needed(self) -> None:
        now = time.monotonic()
        if not self._stale and now - self._checked_at < _CHECK_INTERVAL_S:
            return
        self._stale, self._checked_at = False, now
        if now - self._swept_at >= _RETIRED_SWEEP_S:
            self._swept_at = now
            folders.remove_retired(self.root)
        generation = folders.current(self.root)
        if generation is not None and generation != self._generation:
            self._switch_to(generation)
            return
        latest = self._ix.latest_generation()
        if latest != self._seen_commit:
            self._seen_commit = latest
            self._version += 1  # leased searchers are closed when handed back

    def _switch_to(self, generation: Path) -> None:
        """Another generation was published (a rebuild): drop everything of the old one.

        Searchers still at work on the old generation finish there and are closed on return:
        its folder stays on disk for `folders.RETIRED_GRACE_S` after it was replaced, and
        `FileIndex.close` holds nothing.
        """
        old_ix = self._ix
        self._ix = _open_checked(generation)
        self._generation = generation
        self._seen_commit = self._ix.latest_generation()
        self._version += 1
        self._engine = VectorEngine()
        old_ix.close()

    def _follow_rebuilds(self) -> None:
        with self._lock:
            generation = folders.current(self.root)
            if generation is not None and generation != self._generation:
                self._switch_to(generation)


def _replace_with_empty(root: Path) -> Path:
    """Publish a new empty generation unless, by now, another process has (under the lock)."""
    with folders.rebuild_lock(root):
        generation = folders.current(root)
        if generation is not None and layout.is_current(generation):
            return generation
        generation = folders.new_generation(root)
        layout.create_index(generation).close()
        folders.publish(root, generation)
        folders.remove_stale(root, keep=generation)
    return generation


def _open_checked(generation: Path) -> FileIndex:
    ix = FileIndex(DeferredDeleteStorage(str(generation)), schema=None)
    if not layout.is_current(generation) or set(ix.schema.names()) != set(f.build_schema().names()):
        ix.close()
        raise SearchIndexError(f"The index at {generation} has an old layout; rebuild it.")
    return ix
