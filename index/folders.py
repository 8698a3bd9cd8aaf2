"""Where the live index lives: generation folders under one root and a `CURRENT` pointer.

A rebuild writes a whole new generation beside the live one and then replaces the pointer
file with one atomic rename; a crash at any moment leaves the pointer naming a complete
index. Readers resolve the pointer when they open and when they look for changes.

A replaced generation is marked `RETIRED` (the file's time is when) and kept for
`RETIRED_GRACE_S`: a server notices the new pointer within a second, but searches it started
on the old generation go on reading its files (Whoosh opens some lazily) until they end,
within the request time budget. Leftovers of crashed rebuilds carry no mark and go at once.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh.util.filelock import FileLock

POINTER = "CURRENT"
REBUILD_LOCK = "REBUILD.lock"
PREFIX = "gen-"
RETIRED = "RETIRED"
RETIRED_GRACE_S = 300.0  # far longer than any search may run (the request time budget)


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
    previous = current(root)
    temporary = root / f".{POINTER}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(generation.name)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, root / POINTER)
    _fsync_directory(root)
    if previous is not None and previous.name != generation.name and previous.is_dir():
        (previous / RETIRED).write_text(f"{time.time()}\n", encoding="utf-8")


def remove_stale(root: Path, keep: Path, grace_s: float = RETIRED_GRACE_S) -> None:
    """Delete leftovers of crashed rebuilds, and generations replaced more than `grace_s`
    ago; never `keep`. Called under the rebuild lock, so no rebuild is under way."""
    for child in _generations(root, keep):
        if not (child / RETIRED).exists() or _retired_for(child) >= grace_s:
            shutil.rmtree(child, ignore_errors=True)


def remove_retired(root: Path, grace_s: float = RETIRED_GRACE_S) -> None:
    """Delete generations replaced more than `grace_s` ago (safe without the rebuild lock: a
    rebuild under way has no mark); a server calls this now and then."""
    live = current(root)
    if live is None:
        return
    for child in _generations(root, live):
        if (child / RETIRED).exists() and _retired_for(child) >= grace_s:
            shutil.rmtree(child, ignore_errors=True)


def _generations(root: Path, keep: Path) -> list[Path]:
    return [c for c in root.glob(f"{PREFIX}*") if c.is_dir() and c.name != keep.name]


def _retired_for(generation: Path) -> float:
    try:
        return time.time() - (generation / RETIRED).stat().st_mtime
    except FileNotFoundError:
        return 0.0


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
