"""A least-recently-used cache of numpy-backed values bounded by bytes, safe across threads.

Postings and per-segment columns are read once from the Whoosh files and kept as arrays; the
budget keeps that memory bounded whatever the archive's size (the rest stays on disk, where
the OS page cache serves it). Values are computed outside the lock: two threads that miss
the same key at once both read it, and one copy wins, which is cheaper than serializing reads.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class ByteBudgetCache(Generic[V]):
    def __init__(self, budget_bytes: int, size_of: Callable[[V], int]) -> None:
        self.budget_bytes = budget_bytes
        self._size_of = size_of
        self._entries: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self._used = 0
        self._lock = threading.Lock()

    @property
    def used_bytes(self) -> int:
        return self._used

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
                return entry[0]
        value = compute()
        size = self._size_of(value)
        if size > self.budget_bytes:
            return value  # larger than the whole budget: used once, never kept
        with self._lock:
            if key not in self._entries:
                self._entries[key] = (value, size)
                self._used += size
                while self._used > self.budget_bytes:
                    _, (_, dropped) = self._entries.popitem(last=False)
                    self._used -= dropped
        return value

    def retain(self, keep: Callable[[Hashable], bool]) -> None:
        """Drop every entry whose key `keep` refuses (segments merged away)."""
        with self._lock:
            for key in [k for k in self._entries if not keep(k)]:
                _, size = self._entries.pop(key)
                self._used -= size

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._used = 0
