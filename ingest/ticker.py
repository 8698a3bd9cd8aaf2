"""The currency ticker at the top of a digest page: `• KZT/USD = 0.00194 0%`.

The marquee repeats every pair several times; one pair yields one rate per page. Numbers go
straight from their published text to `Decimal`, never through float, so "0.28490" keeps its
trailing zero.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ingest.errors import IngestError
from store.records import RateDraft

BULLET = "•"
_NUMBER = r"[+\-−]?\d+(?:\.\d+)?"
_LINE = re.compile(
    rf"•\s*([A-Z]{{3}})\s*/\s*([A-Z]{{3}})\s*=\s*({_NUMBER})(?:\s+({_NUMBER})\s*%)?", re.ASCII
)


@dataclass(frozen=True, slots=True)
class Quote:
    """One ticker entry before the page date is known."""

    base: str
    quote: str
    rate: Decimal
    change_percent: Decimal | None
    line: int


def parse_quote(text: str, source: str, line: int) -> Quote:
    """The entry on one bullet line; anything else on a bullet line is an error, not noise."""
    match = _LINE.fullmatch(text)
    if match is None:
        raise IngestError(source, f"malformed ticker line {text!r}", line)
    base, quote, rate, change = match.groups()
    if _decimal(rate) <= 0:
        raise IngestError(source, f"{base}/{quote} has the rate {rate}: rates are positive", line)
    return Quote(base, quote, _decimal(rate), _decimal(change) if change else None, line)


def merge_quotes(quotes: list[Quote], as_of: date, source: str) -> tuple[RateDraft, ...]:
    """One rate per pair, in order of first appearance; repeats must agree exactly."""
    first: dict[tuple[str, str], Quote] = {}
    for q in quotes:
        seen = first.setdefault((q.base, q.quote), q)
        if (seen.rate, seen.change_percent) != (q.rate, q.change_percent):
            raise IngestError(
                source,
                f"{q.base}/{q.quote} is {q.rate} here but {seen.rate} on line {seen.line}",
                q.line,
            )
    return tuple(
        RateDraft(q.base, q.quote, q.rate, q.change_percent, as_of) for q in first.values()
    )


def _decimal(text: str) -> Decimal:
    # U+2212 MINUS SIGN is how typeset pages often print a negative change.
    return Decimal(text.replace("−", "-").removeprefix("+"))
