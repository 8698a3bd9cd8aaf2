"""Timelines of how often an entity is named: counts per month or year, for trend charts.

The store answers per day (`store.mentions`); the periods, empty ones included, are filled in
here, so a chart's x-axis has no holes.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

import strawberry

from schema.context import Info
from schema.errors import UserInputError
from store import EntityKey, EntityKind, mentions

MAX_PERIODS = 600  # fifty years of months; the cost limit prices a timeline at this many

MENTIONS_HELP = (
    "Articles naming this entity per month (or year), oldest first, every period from `from` "
    "(else the first mention, at most 600 periods back) to `to` (else the last) included, for "
    "a trend line."
)
CO_MENTIONED_HELP = (
    "The countries and organizations most often named in the same articles, with the number "
    "of such articles; ties by name."
)


@strawberry.enum(description="How a timeline groups days.")
class Interval(Enum):
    MONTH = "month"
    YEAR = "year"


@strawberry.type(description="Articles naming an entity within one period.")
class MentionCount:
    period: str = strawberry.field(description='"2025-12" for a month, "2025" for a year.')
    start: date = strawberry.field(description="The period's first day.")
    count: int


def _start(day: date, interval: Interval) -> date:
    return date(day.year, day.month if interval is Interval.MONTH else 1, 1)


def _next(start: date, interval: Interval) -> date:
    if interval is Interval.YEAR:
        return date(start.year + 1, 1, 1)
    return date(start.year + start.month // 12, start.month % 12 + 1, 1)


def _earliest(end: date, interval: Interval) -> date:
    """The start of the oldest of the MAX_PERIODS periods that end with `end`'s."""
    last = _start(end, interval)
    if interval is Interval.YEAR:
        return date(max(1, last.year - MAX_PERIODS + 1), 1, 1)
    months = last.year * 12 + last.month - 1 - (MAX_PERIODS - 1)
    return date(max(1, months // 12), months % 12 + 1, 1)


def _label(start: date, interval: Interval) -> str:
    """Zero-padded: strftime would write year 5 as "5", not "0005"."""
    if interval is Interval.MONTH:
        return f"{start.year:04d}-{start.month:02d}"
    return f"{start.year:04d}"


def buckets(
    days: list[tuple[date, int]], start: date | None, end: date | None, interval: Interval
) -> list[MentionCount]:
    """Every period from `start` (else the first mention) to `end` (else the last)."""
    if start is None or end is None:
        if not days:
            return []
        given_start = start
        start, end = start or days[0][0], end or days[-1][0]
        if given_start is None:
            start = max(start, _earliest(end, interval))  # the newest MAX_PERIODS at most
    if end < start:
        raise UserInputError(f"`to` ({end}) is before `from` ({start})")
    periods: dict[date, int] = {}
    at = _start(start, interval)
    while at <= end:
        periods[at] = 0
        if len(periods) > MAX_PERIODS:
            raise UserInputError(
                f"more than {MAX_PERIODS} periods: narrow `from`/`to` or use a longer interval"
            )
        at = _next(at, interval)
    for day, count in days:
        periods[_start(day, interval)] += count
    return [MentionCount(period=_label(s, interval), start=s, count=n) for s, n in periods.items()]


async def timeline(
    info: Info,
    kind: EntityKind,
    key: EntityKey,
    start: date | None,
    end: date | None,
    interval: Interval,
) -> list[MentionCount]:
    days = await info.context.read(mentions.mention_days, kind, key, start, end)
    return buckets(days, start, end, interval)
