"""What the query-cost limit and the rate limiter add to the bench's search and list requests.

In-process, so HTTP and a shared machine's noise do not drown a difference of microseconds:
the cost extension's own work per request (the cached price, then the `actual` count over the
real response) and the rate-limit middleware's own work per request (read both windows, charge
them, add the headers: with `memory://` and, when `redis-server` is installed, with a local
Redis), each timed in a tight loop, beside the median of the whole request through the app's
schema on the same store and index. Also the price of a document priced afresh (a cache
miss, paid once per distinct document). Comparing two full runs with and without the
extension was tried first: on a busy 2-core machine their difference is noise.

    python -m bench.cost_overhead [--data-dir var] [--rounds 5] [--reps 200] [--no-redis]

Without `--data-dir` it loads the bundled sample data into a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphql import parse
from starlette.types import Message, Receive, Scope, Send

from api.cost import CostModel
from api.cost_limit import QueryPricing
from api.graphql import create_schema
from api.rate_limits import RateLimits
from api.resources import open_index, open_store
from api.settings import Settings
from bench.steppe_client import DOCUMENTS, HEADLINE_COUNT, HEADLINES
from ingest.pipeline import discover, ingest_file
from ingest.sync import catch_up
from schema.context import Caller, Context
from tests.redis_server import RedisServer, RedisUnavailableError

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


async def _respond(scope: Scope, receive: Receive, send: Send) -> None:
    """The cheapest ASGI answer: what the middleware wraps when its own work is timed."""
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"{}"})


async def _discard(message: Message) -> None:
    return None


async def _receive() -> Message:
    return {"type": "http.request", "body": b""}


CLIENTS = 50  # distinct keys in turn, as many partners' widgets are


def _state_of_client(n: int) -> dict[str, Any]:
    return {"caller": Caller(tier="partner", key_name=f"bench{n}", client=f"bench{n}"), "cost": 12}


async def _per_call_us(app: Any, scope: Scope, reps: int) -> float:
    """Best of five loops; charges sent after the response are waited for inside the loop."""
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        for n in range(reps):
            await app(dict(scope, state=_state_of_client(n % CLIENTS)), _receive, _discard)
        if isinstance(app, RateLimits):
            await app.drain()
        best = min(best, (time.perf_counter() - started) / reps)
    return best * 1e6


async def rate_limit_work_us(settings: Settings, storage: str, reps: int) -> float:
    """The middleware's own work per admitted request (keyed callers charged 12 points each,
    `CLIENTS` of them in turn), minus the wrapped answer's; no request is refused."""
    generous = dataclasses.replace(
        settings,
        rate_limit_storage=storage,
        partner_points_per_minute=10**12,
        partner_points_per_day=10**12,
    )
    limited = RateLimits(_respond, generous)
    scope: Scope = {
        "type": "http",
        "method": "POST",
        "path": "/graphql",
        "headers": [],
        "client": ("203.0.113.7", 40000),
    }
    await _per_call_us(limited, scope, 20)  # connections opened, scripts loaded
    return max(
        0.0, await _per_call_us(limited, scope, reps) - await _per_call_us(_respond, scope, reps)
    )


@contextmanager
def local_redis(wanted: bool) -> Iterator[str | None]:
    """A throwaway Redis when wanted and installed (`make test` installs it), else None."""
    if not wanted:
        yield None
        return
    with tempfile.TemporaryDirectory() as folder:
        try:
            server = RedisServer.start(Path(folder))
        except RedisUnavailableError:
            yield None
            return
        try:
            yield server.url
        finally:
            server.stop()


async def compare(
    settings: Settings, rounds: int, reps: int, text: str, redis_url: str | None = None
) -> list[str]:
    store, index = open_store(settings), open_index(settings)
    try:
        schema = create_schema(settings)
        pricing = QueryPricing(settings.max_query_cost)
        pricing.bind(CostModel(schema._schema, settings.max_page_size))

        def context() -> Context:
            return Context(store=store, index=index)

        limiter_us = {"memory": await rate_limit_work_us(settings, "memory://", reps * 5)}
        if redis_url is not None:
            limiter_us["Redis"] = await rate_limit_work_us(settings, redis_url, reps)
        limiter_heads = "".join(f" rate limit ({name}) µs | share |" for name in limiter_us)
        rows = [f"| request | request ms (median) | cost work µs | share |{limiter_heads}"
                " priced afresh µs |",
                "|---|---:|---:|---:|" + "---:|---:|" * len(limiter_us) + "---:|"]  # fmt: skip
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
            limiter_cells = "".join(
                f" {us:.0f} | {us / (request_ms * 10):.1f}% |" for us in limiter_us.values()
            )
            rows.append(
                f"| {request.name} | {request_ms:.2f} | {work_us:.0f} "
                f"| {work_us / (request_ms * 10):.1f}% |{limiter_cells} {fresh_us:.0f} |"
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
    parser.add_argument("--no-redis", action="store_true", help="time memory:// only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch, local_redis(not args.no_redis) as redis_url:
        if args.data_dir is not None:
            settings = Settings(data_dir=args.data_dir)
        else:
            settings = sample_settings(Path(scratch))
        run = compare(settings, args.rounds, args.reps, args.text, redis_url)
        for line in asyncio.run(run):
            print(line)


if __name__ == "__main__":
    main()
