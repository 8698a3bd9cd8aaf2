"""Where the live index lives: generation folders under one root and a `CURRENT` pointer.

A rebuild writes a whole new generation beside the live one and then replaces the pointer
file with one atomic rename; a crash at any moment leaves the pointer naming a complete
index. Readers resolve the pointer when they open and when they look for changes.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh.util.filelock import FileLock

POINTER = "CURRENT"
REBUILD_LOCK = "REBUILD.lock"
PREFIX = "gen-"


def current(root: Path) -> Path | None:
    """The live generation folder, or None when the root holds no index yet."""
    try:
        name = (root / POINTER).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return root / name if name else None


def new_generation(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=PREFIX, dir=root))


def publish(root: Path, generation: Path) -> None:
    """Make `generation` live with one atomic rename of the pointer file."""
    temporary = root / f".{POINTER}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(generation.name)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, root / POINTER)
    _fsync_directory(root)


def remove_stale(root: Path, keep: Path) -> None:
    """Delete every generation but `keep`: replaced ones and leftovers of crashed rebuilds."""
    for child in root.glob(f"{PREFIX}*"):
        if child.is_dir() and child.name != keep.name:
            shutil.rmtree(child, ignore_errors=True)


@contextmanager
def rebuild_lock(root: Path) -> Iterator[None]:
    """One rebuild at a time per root, across processes."""
    root.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(root / REBUILD_LOCK))
    lock.acquire(blocking=True)
    try:
        yield
    finally:
        lock.release()


def _fsync_directory(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
