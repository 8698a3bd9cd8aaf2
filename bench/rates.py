"""A weekly rate history for the corpus's ten years: one line per pair and Monday.

Each currency walks randomly around a realistic level against the US dollar, and the change
is computed from the previous published (rounded) rate, as a newsroom ticker would show it.
Rates are written as strings so their digits reach the store exactly.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

# Units of USD per unit of each currency, about where they stood in 2016.
LEVELS = {
    "KZT": 0.0030, "UZS": 0.00034, "KGS": 0.0140, "TJS": 0.127, "TMT": 0.2857,
    "AFN": 0.0146, "RUB": 0.0150, "CNY": 0.152, "EUR": 1.09,
}  # fmt: skip


def rate_lines(rng: random.Random, first: date, days: int) -> Iterator[str]:
    """JSON Lines rate records, oldest first."""
    monday = first + timedelta(days=(7 - first.weekday()) % 7)
    weeks = range(0, days - (monday - first).days, 7)
    for code, level in LEVELS.items():
        value, previous = level, None
        for offset in weeks:
            value *= math.exp(rng.gauss(-0.0005, 0.008))
            published = _rounded(value)
            record: dict[str, str] = {
                "pair": f"{code}/USD",
                "rate": str(published),
                "as_of": (monday + timedelta(days=offset)).isoformat(),
            }
            if previous is not None:
                change = (published - previous) / previous * 100
                record["change_percent"] = str(change.quantize(Decimal("0.01")))
            previous = published
            yield json.dumps(record) + "\n"


def _rounded(value: float) -> Decimal:
    """Five significant digits, as rate tables print them."""
    digits = max(0, 4 - math.floor(math.log10(value)))
    return Decimal(f"{value:.{digits}f}")
