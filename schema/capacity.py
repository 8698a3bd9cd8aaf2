"""Where searches run: a bounded pool of their own, a bounded queue, and a per-request budget.

Searches never use asyncio's default thread pool, so however many are queued, the store
reads of DataLoaders, `/healthz` and the index follower keep their threads. One request may
hold only a few of the search slots at a time, so the 30 aliased searches of one query queue
behind each other, not in front of another client's single search. A search that finds no
slot in time is SERVER_BUSY (503 with Retry-After); work past the request's deadline is
TIMEOUT, and every search's own time budget is cut to what the request has left.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from schema.errors import RequestTimeoutError, ServerBusyError

T = TypeVar("T")


@dataclass(frozen=True)
class CapacityLimits:
    workers: int = 4  # threads that run searches
    per_request: int = 2  # of those, how many one request may hold at once
    queue: int = 64  # searches that may wait for a slot; more are refused at once
    wait_s: float = 2.0  # how long a search may wait for a slot


class SearchCapacity:
    """One per app: the search threads and the slots that admit work onto them."""

    def __init__(self, limits: CapacityLimits) -> None:
        self.limits = limits
        self._executor = ThreadPoolExecutor(limits.workers, thread_name_prefix="steppe-search")
        self._slots = asyncio.Semaphore(limits.workers)
        self._waiting = 0
        self._busy = 0

    @property
    def waiting(self) -> int:
        return self._waiting

    @property
    def busy(self) -> int:
        """Slots held: searches running on a thread, or about to."""
        return self._busy

    async def run(self, fn: Callable[[], T], deadline: Deadline) -> T:
        """`fn` on a search thread; its slot is freed when the thread is done with it.

        A caller that is cancelled (the request timed out, the client hung up) stops
        waiting at once; the thread finishes its search within that search's own budget.
        """
        await self._acquire(deadline)
        self._busy += 1
        loop = asyncio.get_running_loop()
        try:
            future = loop.run_in_executor(self._executor, fn)
        except BaseException:
            self._release()
            raise
        future.add_done_callback(lambda _done: self._release())
        return await asyncio.shield(future)

    def _release(self) -> None:
        self._busy -= 1
        self._slots.release()

    async def _acquire(self, deadline: Deadline) -> None:
        if self._waiting >= self.limits.queue and self._slots.locked():
            raise ServerBusyError(self.limits.wait_s)
        wait = min(self.limits.wait_s, deadline.remaining())
        self._waiting += 1
        try:
            await asyncio.wait_for(self._slots.acquire(), max(wait, 0.0))
        except TimeoutError:
            if deadline.remaining() <= 0:
                raise RequestTimeoutError(deadline.budget_s) from None
            raise ServerBusyError(self.limits.wait_s) from None
        finally:
            self._waiting -= 1

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


class Deadline:
    """A request's time budget, counted from when its GraphQL work began."""

    def __init__(self, budget_s: float) -> None:
        self.budget_s = budget_s
        self._ends = time.monotonic() + budget_s

    def remaining(self) -> float:
        return self._ends - time.monotonic()

    def check(self) -> None:
        """Refuse to start more work for a request that is out of time."""
        if self.remaining() <= 0:
            raise RequestTimeoutError(self.budget_s)


class SearchLane:
    """One request's way onto the shared capacity, holding at most `per_request` slots."""

    def __init__(self, capacity: SearchCapacity, deadline: Deadline) -> None:
        self.capacity = capacity
        self.deadline = deadline
        self._mine = asyncio.Semaphore(capacity.limits.per_request)

    async def run(self, fn: Callable[[], T]) -> T:
        self.deadline.check()
        async with self._mine:
            self.deadline.check()
            return await self.capacity.run(fn, self.deadline)
