"""The server keeps its search index (and so its caches) caught up with the store.

Writes come from three places: `steppe ingest` and other replicas (picked up at once when the
store sends notices, PostgreSQL's NOTIFY, and by polling every `STEPPE_INDEX_POLL_SECONDS`
whatever it sends), and this server's own write API (caught up at once, so an editor reads
their own write in the answer to it). Whoosh allows one writer per index, so both go
through one lock; and a catch-up that has started always finishes, even when the request that
asked for it is cancelled, since its thread cannot be stopped halfway.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import AsyncIterator

from api.caching import StoreRevision
from index import SearchIndex
from ingest import catch_up
from store import RevisionListener, Store

logger = logging.getLogger("steppe")


class StoreFollower:
    def __init__(self, store: Store, index: SearchIndex, revision: StoreRevision) -> None:
        self.store, self.index, self.revision = store, index, revision
        self._lock = asyncio.Lock()
        self._moved = asyncio.Event()  # replaced, after being set, at each new revision
        self._heard = asyncio.Event()  # set when the store says a write committed elsewhere

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

    async def follow(self, every: float, notices: RevisionListener | None = None) -> None:
        """Catch up with writes made elsewhere until cancelled (at shutdown): at once when
        `notices` (the store's, see `Store.revision_listener`) says one committed, and after
        `every` seconds without one, so a lost notice costs a poll interval at most."""
        listening = None if notices is None else asyncio.create_task(self._listen(notices))
        try:
            while True:
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(every):
                        await self._heard.wait()
                self._heard.clear()
                try:
                    await self.catch_up()
                except asyncio.CancelledError:
                    raise
                except Exception:
                    logger.exception("catching the index up with the store failed; will retry")
        finally:
            if listening is not None and notices is not None:
                listening.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await listening
                notices.close()  # also when `_listen` was cancelled before it began

    async def _listen(self, notices: RevisionListener) -> None:
        """Run the listener in a thread of its own until cancelled; then stop it."""
        loop = asyncio.get_running_loop()

        def heard(revision: int | None) -> None:  # in the listener's thread
            with contextlib.suppress(RuntimeError):  # the loop is closing: nothing to wake
                loop.call_soon_threadsafe(self._hear, revision)

        thread = threading.Thread(
            target=notices.run, args=(heard,), name="steppe-revision-notices", daemon=True
        )
        thread.start()
        try:
            await asyncio.Event().wait()  # until cancelled
        finally:
            notices.stop()
            await asyncio.shield(asyncio.to_thread(thread.join))

    def _hear(self, revision: int | None) -> None:
        # None: the listener (re)connected and may have missed notices, so look anyway.
        if revision is None or revision > self.revision.current:
            self._heard.set()
