"""Reads of currencies and their rates."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

import sqlalchemy as sa

from store import tables as t
from store.dialects import code_point_order as by_text
from store.records import Country, Currency, Rate


def _rate(r: sa.Row[*tuple[Any, ...]]) -> Rate:
    return Rate(r.base, r.quote, r.rate, r.change_percent, r.as_of)


def currencies_by_code(conn: sa.Connection, codes: Iterable[str]) -> dict[str, Currency]:
    wanted = {c.upper() for c in codes}
    rows = conn.execute(sa.select(t.currencies).where(t.currencies.c.code.in_(wanted)))
    return {r.code: Currency(r.code, r.name) for r in rows}


def currency_by_country(conn: sa.Connection, codes: Iterable[str]) -> dict[str, Currency]:
    """The currency of each country; where CLDR lists several, the first by code."""
    cc, cu = t.currency_countries.c, t.currencies.c
    rows = conn.execute(
        sa.select(cc.country_code, cu.code, cu.name)
        .join_from(t.currency_countries, t.currencies)
        .where(cc.country_code.in_({c.upper() for c in codes}))
        .order_by(by_text(cc.country_code).desc(), by_text(cu.code).desc())
    )
    return {r.country_code: Currency(r.code, r.name) for r in rows}


def countries_by_currency(conn: sa.Connection, codes: Iterable[str]) -> dict[str, list[Country]]:
    cc, co = t.currency_countries.c, t.countries.c
    rows = conn.execute(
        sa.select(cc.currency_code, co.code, co.name)
        .join_from(t.currency_countries, t.countries)
        .where(cc.currency_code.in_({c.upper() for c in codes}))
        .order_by(by_text(cc.currency_code), by_text(co.name))
    )
    grouped: dict[str, list[Country]] = defaultdict(list)
    for r in rows:
        grouped[r.currency_code].append(Country(r.code, r.name))
    return grouped


def latest_rates(conn: sa.Connection, bases: Iterable[str] | None, quote: str) -> dict[str, Rate]:
    """The newest rate of each base (all bases when None) against one quote, in one statement."""
    r = t.rates.c
    newest = (
        sa.select(r.base, sa.func.max(r.as_of).label("as_of"))
        .where(r.quote == quote.upper())
        .group_by(r.base)
    )
    if bases is not None:
        newest = newest.where(r.base.in_({b.upper() for b in bases}))
    latest = newest.subquery()
    rows = conn.execute(
        sa.select(t.rates)
        .join(latest, (r.base == latest.c.base) & (r.as_of == latest.c.as_of))
        .where(r.quote == quote.upper())
    )
    return {row.base: _rate(row) for row in rows}


def rates_on(
    conn: sa.Connection, keys: Iterable[tuple[str, str, date]]
) -> dict[tuple[str, str, date], Rate]:
    """For each (base, quote, day), the rate in force that day: the newest published on or
    before it. One statement per quote currency; days with no rate yet are left out."""
    wanted = list(dict.fromkeys(keys))
    r = t.rates.c
    found: dict[tuple[str, str, date], Rate] = {}
    for quote in {q for _, q, _ in wanted}:
        asked = [(b.upper(), d) for b, q, d in wanted if q == quote]
        rows = conn.execute(
            sa.select(t.rates)
            .where(r.quote == quote.upper(), r.base.in_({b for b, _ in asked}))
            .where(r.as_of <= max(d for _, d in asked))
            .order_by(r.as_of)
        )
        history: dict[str, list[Rate]] = defaultdict(list)
        for row in rows:
            history[row.base].append(_rate(row))
        for base, day in asked:
            days = [x.as_of for x in history[base]]
            at = bisect_right(days, day)
            if at:
                found[(base, quote, day)] = history[base][at - 1]
    return found


def ticker(conn: sa.Connection, quote: str) -> list[Rate]:
    """The latest rate of every currency quoted against `quote`, one each, by pair."""
    return sorted(latest_rates(conn, None, quote).values(), key=lambda x: x.pair)


def rate_history(
    conn: sa.Connection, base: str, quote: str, start: date | None, end: date | None
) -> list[Rate]:
    r = t.rates.c
    query = sa.select(t.rates).where(r.base == base.upper(), r.quote == quote.upper())
    if start is not None:
        query = query.where(r.as_of >= start)
    if end is not None:
        query = query.where(r.as_of <= end)
    return [_rate(row) for row in conn.execute(query.order_by(r.as_of))]


def all_rates(conn: sa.Connection) -> list[Rate]:
    r = t.rates.c
    return [
        _rate(row)
        for row in conn.execute(
            sa.select(t.rates).order_by(by_text(r.base), by_text(r.quote), r.as_of)
        )
    ]
