"""Who writes an index folder: a running server, or else the CLI.

A server holds a shared lock on `SERVING.lock` in the index folder for as long as it runs (its
follower indexes whatever reaches the store, whoever wrote it). `steppe ingest` writes the
store and then asks for the lock exclusively without waiting: when a server holds it, the CLI
leaves the indexing to that server's follower instead of fighting it for Whoosh's writer lock;
when no server runs, the CLI indexes itself while holding the lock, so a server starting
meanwhile waits until the index is consistent. The operating system drops the lock of a
process that dies, so a crash never leaves the folder claimed.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

LEASE_FILE = "SERVING.lock"


class IndexLease:
    """A held lock on an index folder; `release` (or process exit) lets it go."""

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None

    def __enter__(self) -> IndexLease:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def _open(root: Path) -> int:
    root.mkdir(parents=True, exist_ok=True)
    return os.open(root / LEASE_FILE, os.O_RDWR | os.O_CREAT, 0o644)


def serve(root: Path) -> IndexLease:
    """A server's shared hold; waits while a CLI is indexing the folder."""
    fd = _open(Path(root))
    fcntl.flock(fd, fcntl.LOCK_SH)
    return IndexLease(fd)


def write_unless_served(root: Path) -> IndexLease | None:
    """The exclusive hold for indexing from the CLI, or None when a server holds the folder."""
    fd = _open(Path(root))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return IndexLease(fd)
