"""A Whoosh file storage that deletes replaced segment files only when no searcher needs them.

Whoosh deletes the files of merged-away segments (and old table-of-contents files) at the end
of every commit. Open searchers of the previous commit still read those segments, and Whoosh
opens some of their files lazily: `has_column` asks whether a column file *exists*, so once
it is gone a searcher quietly sees no column (a `MultiColumnReader` of no readers, an
`IndexError`; with several segments, doc numbers mapped onto the wrong segment). On Windows
the delete fails while a file is open, which is what Whoosh counts on; on POSIX it succeeds.

So the live index's storage only records what a commit asked to delete; `SearchIndex` hands
the names back (`take_requested`) with the version they belong to, and deletes them
(`delete_now`) once every searcher that might read them has been returned.
"""

from __future__ import annotations

import threading

from whoosh.filedb.filestore import FileStorage


class DeferredDeleteStorage(FileStorage):
    def __init__(self, path: str) -> None:
        super().__init__(path)  # type: ignore[no-untyped-call]
        self._requested: set[str] = set()
        self._requested_lock = threading.Lock()

    def delete_file(self, name: str) -> None:
        with self._requested_lock:
            self._requested.add(name)

    def take_requested(self) -> set[str]:
        """The names asked for since the last call (each handed out once)."""
        with self._requested_lock:
            names, self._requested = self._requested, set()
        return names

    def delete_now(self, names: set[str]) -> None:
        """Delete `names`, skipping any already gone (another commit's cleanup got there)."""
        for name in names:
            try:
                super().delete_file(name)  # type: ignore[no-untyped-call]
            except OSError:  # already gone: a later commit's cleanup asked for it again
                continue
