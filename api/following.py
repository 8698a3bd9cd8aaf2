"""The server keeps its search index (and so its caches) caught up with the store.

Writes come from three places: `steppe ingest` and other replicas (picked up by polling every
`STEPPE_INDEX_POLL_SECONDS`), and this server's own write API (caught up at once, so an editor
reads their own write in the answer to it). Whoosh allows one writer per index, so both go
through one lock; and a catch-up that has started always finishes, even when the request that
asked for it is cancelled, since its thread cannot be stopped halfway.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from api.caching import StoreRevision
from index import SearchIndex
from ingest.sync import catch_up
from store.database import Store

logger = logging.getLogger("steppe")


class StoreFollower:
    def __init__(self, store: Store, index: SearchIndex, revision: StoreRevision) -> None:
        self.store, self.index, self.revision = store, index, revision
        self._lock = asyncio.Lock()
        self._moved = asyncio.Event()  # replaced, after being set, at each new revision

    @property
    def current(self) -> int:
        return self.revision.current

    async def changes(self, since: int) -> AsyncIterator[int]:
        """Each revision after `since` this server catches up to (`schema.events`)."""
        seen = since
        while True:
            moved = self._moved  # taken before the check, so no announcement is missed
            if self.revision.current > seen:
                seen = self.revision.current
                yield seen
                continue
            await moved.wait()

    def _announce(self) -> None:
        moved, self._moved = self._moved, asyncio.Event()
        moved.set()

    async def catch_up(self) -> int:
        """Index every write the store has; then every cached response and ETag moves on."""
        async with self._lock:
            work = asyncio.ensure_future(asyncio.to_thread(catch_up, self.store, self.index))
            try:
                applied = await asyncio.shield(work)
            except asyncio.CancelledError:
                # Keep the lock until the thread is done: a second writer would fail, and the
                # lifespan must not close the store under it.
                with contextlib.suppress(Exception):
                    await work
                raise
            finally:
                before, self.revision.current = self.revision.current, self.index.revision
                if self.revision.current != before:
                    self._announce()
            return applied

    async def follow(self, every: float) -> None:
        """Poll for writes made elsewhere until cancelled (at shutdown)."""
        while True:
            await asyncio.sleep(every)
            try:
                await self.catch_up()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("catching the index up with the store failed; will retry")
