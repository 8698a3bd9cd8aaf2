"""What the query-cost limit adds to the bench's own search and list requests.

In-process, so HTTP and a shared machine's noise do not drown a difference of microseconds:
the extension's own work per request (the cached price, then the `actual` count over the real
response), timed in a tight loop, beside the median of the whole request through the app's
schema on the same store and index. Also the price of a document priced afresh (a cache
miss, paid once per distinct document). Comparing two full runs with and without the
extension was tried first: on a busy 2-core machine their difference is noise.

    python -m bench.cost_overhead [--data-dir var] [--rounds 5] [--reps 200]

Without `--data-dir` it loads the bundled sample data into a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphql import parse

from api.cost import CostModel
from api.cost_limit import QueryPricing
from api.graphql import create_schema
from api.resources import open_index, open_store
from api.settings import Settings
from bench.steppe_client import DOCUMENTS, HEADLINE_COUNT, HEADLINES
from ingest.pipeline import discover, ingest_file
from ingest.sync import catch_up
from schema.context import Context

SAMPLE = Path(__file__).resolve().parents[1] / "sample"


@dataclass(frozen=True)
class Request:
    name: str
    document: str
    variables: dict[str, Any]


def requests(text: str) -> list[Request]:
    return [
        Request("search (plain)", DOCUMENTS["plain"], {"text": text}),
        Request("search (facets)", DOCUMENTS["facets"], {"text": text}),
        Request("list (headlines, 50)", HEADLINES, {"first": HEADLINE_COUNT}),
    ]


async def median_ms(schema: Any, request: Request, context: Any, reps: int) -> float:
    times = []
    for _ in range(reps):
        started = time.perf_counter()
        result = await schema.execute(
            request.document, variable_values=request.variables, context_value=context()
        )
        times.append(time.perf_counter() - started)
        assert not result.errors, result.errors
    return statistics.median(times) * 1000


def cost_work_us(pricing: QueryPricing, request: Request, data: Any, reps: int) -> float:
    """The cost extension's own work per request: the cached price and the actual count."""
    document = parse(request.document)
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(reps):
            pricing.requested(request.document, document, None, request.variables)
            pricing.model.actual(document, None, data)
        best = min(best, (time.perf_counter() - started) / reps)
    return best * 1e6


async def compare(settings: Settings, rounds: int, reps: int, text: str) -> list[str]:
    store, index = open_store(settings), open_index(settings)
    try:
        schema = create_schema(settings)
        pricing = QueryPricing(settings.max_query_cost)
        pricing.bind(CostModel(schema._schema, settings.max_page_size))

        def context() -> Context:
            return Context(store=store, index=index)

        rows = ["| request | request ms (median) | cost work µs | share | priced afresh µs |",
                "|---|---:|---:|---:|---:|"]  # fmt: skip
        for request in requests(text):
            result = await schema.execute(
                request.document, variable_values=request.variables, context_value=context()
            )
            assert not result.errors, result.errors
            request_ms = min(
                [await median_ms(schema, request, context, reps) for _ in range(rounds)]
            )
            work_us = cost_work_us(pricing, request, result.data, reps * 5)
            started = time.perf_counter()
            pricing.model.requested(parse(request.document), None, request.variables)
            fresh_us = (time.perf_counter() - started) * 1e6
            rows.append(
                f"| {request.name} | {request_ms:.2f} | {work_us:.0f} "
                f"| {work_us / (request_ms * 10):.1f}% | {fresh_us:.0f} |"
            )
        return rows
    finally:
        index.close()
        store.close()


def sample_settings(folder: Path) -> Settings:
    settings = Settings(data_dir=folder / "var")
    store, index = open_store(settings), open_index(settings)
    try:
        for path in discover([SAMPLE]):
            ingest_file(store, path)
        catch_up(store, index)
    finally:
        index.close()
        store.close()
    return settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="a loaded Steppe data folder")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--text", default="water", help="search text of the search requests")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        if args.data_dir is not None:
            settings = Settings(data_dir=args.data_dir)
        else:
            settings = sample_settings(Path(scratch))
        for line in asyncio.run(compare(settings, args.rounds, args.reps, args.text)):
            print(line)


if __name__ == "__main__":
    main()
