"""What resolvers may use. The API fills it per request; the schema never sees a Request."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import strawberry

from index import SearchIndex
from schema.capacity import Deadline, SearchCapacity, SearchLane
from schema.editorial import EditorialWrites
from schema.events import StoreEvents
from schema.loaders import Loaders
from store import Store

T = TypeVar("T")


@dataclass(frozen=True)
class Limits:
    max_page_size: int = 100
    search_time_budget: float = 2.0
    request_time_budget: float = 10.0


@dataclass(frozen=True)
class Caller:
    """Who sent the request: an API key's name and tier, or an anonymous client.

    `tier` is "anonymous", "partner" or "editor"; `client` is the key's name or the client's
    IP address, the identity rate limits count against.
    """

    tier: str = "anonymous"
    key_name: str | None = None
    client: str = "-"

    @property
    def authenticated(self) -> bool:
        return self.key_name is not None


ANONYMOUS = Caller()


@dataclass
class Context:
    store: Store
    index: SearchIndex
    limits: Limits = field(default_factory=Limits)
    capacity: SearchCapacity | None = None  # None: searches go to asyncio's pool (tests)
    caller: Caller = ANONYMOUS
    loaders: Loaders = field(init=False)
    deadline: Deadline = field(init=False)
    extras: dict[str, Any] = field(default_factory=dict)
    writes: EditorialWrites | None = None  # None: this server takes no writes
    events: StoreEvents | None = None  # None: this server runs no subscriptions
    # Set when an answer depends on time as well as on the store (a search cut short by its
    # budget): the API then keeps it out of every cache, so a busy moment is not replayed.
    incomplete: bool = False

    def __post_init__(self) -> None:
        self.renew()

    def renew(self) -> None:
        """A fresh time budget and fresh loaders: a subscription's context lives as long as
        its connection, and each event it sends is answered like a request of its own
        (nothing cached from an earlier event, the read budget counted from now)."""
        self.deadline = Deadline(self.limits.request_time_budget)
        self.loaders = Loaders(self.store, self.deadline.check)
        self._lane = None if self.capacity is None else SearchLane(self.capacity, self.deadline)

    async def read(self, fn: Callable[..., T], *args: Any) -> T:
        return await self.loaders.run(fn, *args)

    async def search(self, fn: Callable[[], T]) -> T:
        """Index work, on the search threads, within the request's time budget."""
        if self._lane is None:
            self.deadline.check()
            return await asyncio.to_thread(fn)
        return await self._lane.run(fn)

    def search_budget(self) -> float:
        """A search's own time budget, cut to what the request has left."""
        return max(0.0, min(self.limits.search_time_budget, self.deadline.remaining()))


Info = strawberry.Info[Context, None]
