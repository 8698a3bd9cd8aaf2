"""The floor of the 50-article list: what Strawberry itself costs, beside what Steppe costs.

`floor` is a bare Strawberry schema (only the parser and validation caches, which any
deployment turns on) whose resolver returns the same 50 headlines as prebuilt Python objects;
`steppe` is Steppe's whole schema, with its extensions, reading the store for every request
(no result cache). Both answer the bench's `Headlines` document in this process, alternating,
and each request is timed from the document to the encoded JSON body.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import strawberry
from strawberry.extensions import ParserCache, ValidationCache

from bench.latency import percentile
from bench.steppe_client import HEADLINE_COUNT, HEADLINES

Execute = Callable[[], Awaitable[bytes]]


@strawberry.type
class FloorAuthor:
    slug: str
    name: str


@strawberry.type
class FloorCountry:
    code: str
    name: str


@strawberry.type
class FloorArticle:
    slug: str
    title: str
    published_on: date
    authors: list[FloorAuthor]
    countries: list[FloorCountry]


@dataclass(frozen=True)
class Measured:
    floor_ms: float
    steppe_ms: float
    runs: int
    same_response: bool

    def as_dict(self) -> dict[str, Any]:
        return {"floor_p50_ms": self.floor_ms, "steppe_p50_ms": self.steppe_ms,
                "runs": self.runs, "same_response": self.same_response,
                "ratio": self.steppe_ms / self.floor_ms}  # fmt: skip


def floor_schema(rows: list[FloorArticle]) -> strawberry.Schema:
    @strawberry.type
    class Query:
        @strawberry.field
        def headlines(self, first: int) -> list[FloorArticle]:
            return rows[:first]

    return strawberry.Schema(query=Query, extensions=[ParserCache(), ValidationCache()])


def prebuilt(payload: dict[str, Any]) -> list[FloorArticle]:
    """The objects the floor serves, from Steppe's own answer (so both say the same)."""
    return [
        FloorArticle(
            slug=a["slug"],
            title=a["title"],
            published_on=date.fromisoformat(a["publishedOn"]),
            authors=[FloorAuthor(**x) for x in a["authors"]],
            countries=[FloorCountry(**x) for x in a["countries"]],
        )
        for a in payload["headlines"]
    ]


def executor(schema: strawberry.Schema, context: Callable[[], Any] | None = None) -> Execute:
    variables = {"first": HEADLINE_COUNT}

    async def run() -> bytes:
        found = await schema.execute(
            HEADLINES, variable_values=variables, context_value=context() if context else None
        )
        if found.errors:
            raise RuntimeError(f"GraphQL errors: {found.errors}")
        return json.dumps({"data": found.data}).encode()

    return run


def steppe_executor(data_dir: Path) -> tuple[Execute, Callable[[], None]]:
    """Steppe's schema as `steppe serve` builds it, over the bench's data folder."""
    from api.graphql import create_schema
    from api.resources import open_index, open_store
    from api.settings import Settings
    from schema.context import Context, Limits

    settings = Settings(data_dir=data_dir)
    store, index = open_store(settings), open_index(settings)
    limits = Limits(max_page_size=settings.max_page_size)

    def context() -> Context:
        return Context(store=store, index=index, limits=limits)

    def close() -> None:
        index.close()
        store.close()

    return executor(create_schema(settings), context), close


def measure(data_dir: Path, runs: int) -> Measured:
    steppe, close = steppe_executor(data_dir)
    try:
        return asyncio.run(_alternating(steppe, runs))
    finally:
        close()


async def _alternating(steppe: Execute, runs: int) -> Measured:
    answer = await steppe()
    floor = executor(floor_schema(prebuilt(json.loads(answer)["data"])))
    same = await floor() == answer
    times: dict[str, list[float]] = {"floor": [], "steppe": []}
    for i in range(runs + 2):
        for name, run in (("floor", floor), ("steppe", steppe))[:: 1 if i % 2 else -1]:
            started = time.perf_counter()
            await run()
            if i >= 2:  # two untimed rounds: caches filled, code paths warm
                times[name].append((time.perf_counter() - started) * 1000)
    return Measured(percentile(times["floor"], 0.5), percentile(times["steppe"], 0.5), runs, same)
