"""What resolvers may use. The API fills it per request; the schema never sees a Request."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import strawberry

from index import SearchIndex
from schema.loaders import Loaders
from store.database import Store

T = TypeVar("T")


@dataclass(frozen=True)
class Limits:
    max_page_size: int = 100
    search_time_budget: float = 2.0


@dataclass
class Context:
    store: Store
    index: SearchIndex
    limits: Limits = field(default_factory=Limits)
    loaders: Loaders = field(init=False)
    extras: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.store)

    async def read(self, fn: Callable[..., T], *args: Any) -> T:
        return await self.loaders.run(fn, *args)


Info = strawberry.Info[Context, None]
