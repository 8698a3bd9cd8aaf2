"""Per-request DataLoaders: each batch is one SQL statement, run in a worker thread."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

from store import Connection, Store, entities, queries, rates, revisions
from store.records import Rate

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Loaders:
    """Created per request, so a cache never outlives the request that filled it."""

    def __init__(self, store: Store, check_time: Callable[[], None] = lambda: None) -> None:
        self._store = store
        self._check_time = check_time  # raises once the request is out of time
        self.article_by_id = self._loader(queries.articles_by_id, None)
        self.authors_by_article = self._loader(queries.authors_by_article, [])
        self.countries_by_article = self._loader(queries.countries_by_article, [])
        self.organizations_by_article = self._loader(queries.organizations_by_article, [])
        self.people_by_article = self._loader(queries.people_by_article, [])
        self.person_by_id = self._loader(entities.people_by_id, None)
        self.person_by_slug = self._loader(entities.people_by_slug, None)
        self.person_of_author = self._loader(entities.person_of_authors, None)
        self.author_of_person = self._loader(entities.author_of_people, None)
        self.names_of_country = self._loader(entities.names_of_countries, [])
        self.names_of_organization = self._loader(entities.names_of_organizations, [])
        self.author_by_id = self._loader(entities.authors_by_id, None)
        self.organization_by_id = self._loader(entities.organizations_by_id, None)
        self.country_by_code = self._loader(entities.countries_by_code, None)
        self.author_by_slug = self._loader(entities.authors_by_slug, None)
        self.organization_by_slug = self._loader(entities.organizations_by_slug, None)
        self.currency_by_code = self._loader(rates.currencies_by_code, None)
        self.currency_by_country = self._loader(rates.currency_by_country, None)
        self.countries_by_currency = self._loader(rates.countries_by_currency, [])
        self.revisions_by_article = self._loader(revisions.revisions_by_article, [])
        self.latest_rate = DataLoader[tuple[str, str], Rate | None](load_fn=self._latest_rates)
        self.rate_on = self._loader(rates.rates_on, None)  # (base, quote, day) → Rate

    def _loader(
        self, batch: Callable[[Connection, Iterable[K]], Mapping[K, V]], missing: Any
    ) -> DataLoader[K, Any]:
        async def load(keys: Sequence[K]) -> list[Any]:
            found = await self.run(batch, keys)
            return [found.get(k, missing) for k in keys]

        return DataLoader(load_fn=load)

    def read_here(self, fn: Callable[..., V], *args: Any) -> V:
        """A store read on the calling thread, for work already on a worker thread (a search
        reading its hits where it found them, saving the hop back and out again)."""
        self._check_time()
        return self._read(fn, *args)

    async def run(self, fn: Callable[..., V], *args: Any) -> V:
        """Run a store read in a worker thread: resolvers must not block the event loop.

        No read starts once the request is out of its time budget.
        """
        self._check_time()
        return await asyncio.to_thread(self._read, fn, *args)

    def _read(self, fn: Callable[..., V], *args: Any) -> V:
        with self._store.read() as conn:
            return fn(conn, *args)

    async def _latest_rates(self, keys: Sequence[tuple[str, str]]) -> list[Rate | None]:
        """Keys are (base, quote); one statement per distinct quote currency."""
        by_quote: dict[str, dict[str, Rate]] = {}
        for quote in {q for _, q in keys}:
            bases = [b for b, q in keys if q == quote]
            by_quote[quote] = await self.run(rates.latest_rates, bases, quote)
        return [by_quote[q].get(b) for b, q in keys]
