"""Dates written the way pages write them, parsed without the locale.

`strptime("%B")` depends on the process locale, so month names come from a fixed table.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAY = (
    r"(?:(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs|fri|sat"
    r"|sun)\.?,?\s+)?"
)
_DAY_MONTH_YEAR = re.compile(_WEEKDAY + r"(\d{1,2})\s+([a-z]+)\.?,?\s+(\d{4})", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(_WEEKDAY + r"([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})", re.IGNORECASE)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DATELINE = re.compile(
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day,\s+[a-z]+\.?\s+\d{1,2},?\s+\d{4}\b\s*",
    re.IGNORECASE,
)


def parse_date(text: str) -> date | None:
    """The date when the whole of `text` is one ("15 December 2025", "Monday, December 15,
    2025", "2025-12-15"), else None; impossible dates such as 31 February are None too."""
    text = text.strip()
    if match := _ISO.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
        return _safe_date(year, month, day)
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        day_text, month_name, year_text = match.groups()
        return _named(int(year_text), month_name, int(day_text))
    if match := _MONTH_DAY_YEAR.fullmatch(text):
        month_name, day_text, year_text = match.groups()
        return _named(int(year_text), month_name, int(day_text))
    return None


def looks_like_date(text: str) -> bool:
    """Whether `text` has a date's shape (a known month name, or ISO digits), possible or not:
    so "31 February 2025" can be reported as a bad date instead of a missing one."""
    text = text.strip()
    if _ISO.fullmatch(text):
        return True
    named = _DAY_MONTH_YEAR.fullmatch(text) or _MONTH_DAY_YEAR.fullmatch(text)
    if named is None:
        return False
    return any(group.lower() in _MONTHS for group in named.groups())


def _named(year: int, month_name: str, day: int) -> date | None:
    month = _MONTHS.get(month_name.lower())
    return _safe_date(year, month, day) if month else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def strip_dateline(paragraph: str) -> str:
    """`paragraph` without a leading "Thursday, May 7, 2015" dateline; "" if it is only a date."""
    if parse_date(paragraph) is not None:
        return ""
    match = _DATELINE.match(paragraph)
    if match is None or parse_date(match.group().strip()) is None:
        return paragraph
    return paragraph[match.end() :]
