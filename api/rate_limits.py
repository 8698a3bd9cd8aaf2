"""Rate limits in cost points, per API key or per client IP, per minute and per day.

Each caller has two windows (a minute and a day) of the `limits` library's sliding-window
counter, which behaves like a token bucket that refills evenly: the count of the previous
window is weighted by how much of it still overlaps. Counters live in `memory://` (one
process) or Redis (`redis://…`, shared by every replica, so a key's budget holds across them).

A request is admitted while both windows have points left; its cost is charged when the
response starts, because only then is it known: `scope["state"]["cost"]` as the GraphQL view
sets it from `extensions.cost.requested` (1 when absent, 1 for a document refused by cost),
0 for a response served from the cache and for a 304, 1 for anything else. A request that costs
more than what is left empties the window, so the next one is refused. Refused: 429
RATE_LIMITED with `Retry-After`. Every limited response carries `RateLimit-Limit`,
`RateLimit-Remaining` and `RateLimit-Reset` (seconds) of the tighter window, added here, after
the response cache, so no client ever sees another client's numbers.

Round trips are what a shared Redis costs (about 0.25 ms each on loopback, more across hosts),
so with Redis a request waits for one only: both windows are read at once, and the charge is
sent after the response has started, with the headers computed from what was read. A caller's next
request waits for that caller's charge still in flight, so one client's requests are counted
in order; requests of many clients arriving at once may overshoot a window by what is in
flight, as any counter read before it is written does.

When the counter storage fails (Redis down), requests go through unlimited and the failure is
logged: an outage of the limiter must not become an outage of the API.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from dataclasses import dataclass

from limits import RateLimitItem, RateLimitItemPerDay, RateLimitItemPerMinute
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from limits.storage import storage_from_string
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.refusals import refuse
from api.settings import Settings
from schema.context import Caller

logger = logging.getLogger("steppe.rate_limits")

UNLIMITED_PATHS = ("/healthz", "/metrics", "/favicon.ico")
UNLIMITED_PREFIXES = ("/static/",)
_LOG_EVERY_S = 60.0
NS = "steppe"
RATE_LIMIT_HEADERS = ("ratelimit-limit", "ratelimit-remaining", "ratelimit-reset")


@dataclass(frozen=True)
class Budget:
    per_minute: RateLimitItem
    per_day: RateLimitItem

    @property
    def windows(self) -> tuple[RateLimitItem, RateLimitItem]:
        return (self.per_minute, self.per_day)


@dataclass(frozen=True)
class Window:
    """One window's state for one caller: its size, what is left and when it refills."""

    item: RateLimitItem
    remaining: int
    reset_at: float

    def seconds_to_reset(self, now: float) -> int:
        return max(1, math.ceil(self.reset_at - now))


def budgets(settings: Settings) -> dict[str, Budget]:
    """The default budget of each tier, from the settings."""
    per_tier = {
        "anonymous": (settings.anonymous_points_per_minute, settings.anonymous_points_per_day),
        "partner": (settings.partner_points_per_minute, settings.partner_points_per_day),
        "editor": (settings.editor_points_per_minute, settings.editor_points_per_day),
    }
    return {
        tier: Budget(
            RateLimitItemPerMinute(minute, namespace=NS), RateLimitItemPerDay(day, namespace=NS)
        )
        for tier, (minute, day) in per_tier.items()
    }


def open_storage(url: str) -> object:
    """`memory://` or `redis://…` as the asyncio storage of `limits` (redis-py's client)."""
    if url.startswith(("redis://", "rediss://")):
        return storage_from_string(f"async+{url}", implementation="redispy")
    return storage_from_string(f"async+{url}")


def charge_of(scope: Scope, status: int, headers: list[tuple[bytes, bytes]]) -> int:
    """What a response costs the caller (see the module docstring)."""
    if status == 304 or (b"x-cache", b"hit") in headers:
        return 0
    cost = scope.get("state", {}).get("cost", 1)
    return max(0, int(cost))


class RateLimits:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.budgets = budgets(settings)
        self.limiter = SlidingWindowCounterRateLimiter(open_storage(settings.rate_limit_storage))  # type: ignore[arg-type]
        self._failed_at = -_LOG_EVERY_S
        self._remote = settings.rate_limit_storage.startswith(("redis://", "rediss://"))
        self._charging: dict[str, asyncio.Future[None]] = {}  # per client, the charge in flight

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not limited(scope):
            await self.app(scope, receive, send)
            return
        caller: Caller = scope.setdefault("state", {}).get("caller") or _anonymous(scope)
        budget = self.budgets.get(caller.tier, self.budgets["anonymous"])
        windows = await self._windows(budget, caller.client)
        if windows is None:  # the storage failed: let the request through
            await self.app(scope, receive, send)
            return
        now = time.time()
        empty = [w for w in windows if w.remaining <= 0]
        if empty:
            await self._refuse(scope, send, max(empty, key=lambda w: w.reset_at), now)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                cost = charge_of(scope, message["status"], headers)
                left = await self._charge(windows, caller.client, cost)
                headers.extend(_headers(min(left, key=lambda w: w.remaining), time.time()))
            await send(message)

        await self.app(scope, receive, send_with_headers)

    async def drain(self) -> None:
        """Wait for every charge in flight (the bench's timing; a clean shutdown)."""
        while self._charging:
            await asyncio.gather(*self._charging.values(), return_exceptions=True)

    async def _windows(self, budget: Budget, client: str) -> list[Window] | None:
        earlier = self._charging.get(client)
        if earlier is not None:
            await asyncio.wait([earlier])  # this client's previous request, counted first
        try:
            if self._remote:
                reads = (self.limiter.get_window_stats(i, client) for i in budget.windows)
                stats = await asyncio.gather(*reads)
            else:
                stats = [await self.limiter.get_window_stats(i, client) for i in budget.windows]
        except Exception:
            self._log_failure()
            return None
        pairs = zip(budget.windows, stats, strict=True)
        return [Window(i, s.remaining, s.reset_time) for i, s in pairs]

    async def _charge(self, windows: list[Window], client: str, cost: int) -> list[Window]:
        """Take `cost` from each window (all that is left when it is less), to Redis without
        waiting; the state after it, for the headers."""
        taken = [min(cost, window.remaining) for window in windows]
        if any(taken) and not self._remote:
            await self._hit(windows, taken, client, None)
        elif any(taken):
            earlier = self._charging.get(client)
            charge = asyncio.ensure_future(self._hit(windows, taken, client, earlier))
            self._charging[client] = charge
            charge.add_done_callback(lambda done: self._forget(client, done))
        return [
            Window(w.item, w.remaining - t, w.reset_at) for w, t in zip(windows, taken, strict=True)
        ]

    async def _hit(
        self,
        windows: list[Window],
        taken: list[int],
        client: str,
        earlier: asyncio.Future[None] | None,
    ) -> None:
        if earlier is not None:
            await asyncio.wait([earlier])
        hits = (
            self.limiter.hit(w.item, client, cost=t)
            for w, t in zip(windows, taken, strict=True)
            if t > 0
        )
        try:
            if self._remote:
                await asyncio.gather(*hits)
            else:
                for hit in hits:
                    await hit
        except Exception:
            self._log_failure()

    def _forget(self, client: str, charge: asyncio.Future[None]) -> None:
        if self._charging.get(client) is charge:
            del self._charging[client]

    async def _refuse(self, scope: Scope, send: Send, window: Window, now: float) -> None:
        wait = window.seconds_to_reset(now)
        message = (
            f"Rate limit reached: {window.item.amount} points per "
            f"{_window_name(window.item)}. Retry in {wait} s."
        )
        headers = dict((k.decode(), v.decode()) for k, v in _headers(window, now))
        headers["retry-after"] = str(wait)
        await refuse(scope, send, 429, "RATE_LIMITED", message, headers, retryAfter=wait)

    def _log_failure(self) -> None:
        now = time.monotonic()
        if now - self._failed_at >= _LOG_EVERY_S:
            self._failed_at = now
            logger.exception("rate-limit storage failed; requests pass unlimited meanwhile")


def limited(scope: Scope) -> bool:
    path: str = scope["path"]
    if scope.get("method") == "OPTIONS":
        return False
    return path not in UNLIMITED_PATHS and not path.startswith(UNLIMITED_PREFIXES)


def _anonymous(scope: Scope) -> Caller:
    client = scope.get("client")
    return Caller(client=client[0] if client else "-")


def _window_name(item: RateLimitItem) -> str:
    return "minute" if item.get_expiry() == 60 else "day"


def _headers(window: Window, now: float) -> list[tuple[bytes, bytes]]:
    return [
        (b"ratelimit-limit", str(window.item.amount).encode()),
        (b"ratelimit-remaining", str(window.remaining).encode()),
        (b"ratelimit-reset", str(window.seconds_to_reset(now)).encode()),
    ]
