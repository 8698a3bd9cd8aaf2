"""Text hygiene: which characters no stored text, feed or response may carry, and limits on
the size of what ingest reads.

Refused everywhere (`find_bad_character`): lone surrogates (U+D800–U+DFFF, which cannot be
encoded as UTF-8 at all), NUL and the other C0 controls except tab, line feed and carriage
return (XML 1.0 forbids them, so one in a title breaks every Atom feed), and the Unicode
non-characters (U+FDD0–U+FDEF and the last two code points of every plane).

Ingest's policy (`clean_text`): C0 controls are removed (a vertical tab or form feed becomes a
space), because exports and pasted text carry them by accident and nothing of the article is
lost; lone surrogates and non-characters are refused with the file and line, because they mean
the text was damaged on its way (a surrogate pair cut in half) and guessing would store a
corrupted article.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ingest.errors import IngestError
from ingest.parsed import ParsedPage

_NONCHARACTERS = "".join(
    f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(0x11)
)  # U+FFFE, U+FFFF, U+1FFFE, …, U+10FFFF
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f"
BAD_CHARACTER = re.compile(f"[{_CONTROLS}\ud800-\udfff\ufdd0-\ufdef{_NONCHARACTERS}]")
_DAMAGED = re.compile(f"[\ud800-\udfff\ufdd0-\ufdef{_NONCHARACTERS}]")
_SPACING_CONTROLS = re.compile("[\x0b\x0c\x1c-\x1f]")
_OTHER_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b]")


def find_bad_character(text: str) -> tuple[int, str] | None:
    """(offset, character) of the first character no text may carry, or None."""
    found = BAD_CHARACTER.search(text)
    return None if found is None else (found.start(), found.group())


def describe(character: str) -> str:
    """'U+0000 (a control character)', for messages."""
    code = ord(character)
    if 0xD800 <= code <= 0xDFFF:
        kind = "a lone surrogate"
    elif code < 0x20:
        kind = "a control character"
    else:
        kind = "a Unicode non-character"
    return f"U+{code:04X} ({kind})"


def clean_text(text: str, source: str, first_line: int = 1) -> str:
    """The text with controls removed, or IngestError at the first damaged character."""
    if BAD_CHARACTER.search(text) is None:
        return text  # the usual case costs one scan
    damaged = _DAMAGED.search(text)
    if damaged is not None:
        line = first_line + text.count("\n", 0, damaged.start())
        raise IngestError(source, f"damaged text: {describe(damaged.group())}", line)
    return _OTHER_CONTROLS.sub("", _SPACING_CONTROLS.sub(" ", text))


def clean_value(value: object, source: str, line: int) -> object:
    """`clean_text` applied to every string (keys too) inside a decoded JSON value."""
    if isinstance(value, str):
        return clean_text(value, source, line)
    if isinstance(value, dict):
        return {clean_text(k, source, line): clean_value(v, source, line) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_value(item, source, line) for item in value]
    return value


@dataclass(frozen=True)
class IngestLimits:
    """Sizes ingest refuses beyond (file and line named): STEPPE_MAX_* in the settings."""

    max_file_bytes: int = 64 * 1024 * 1024
    max_line_bytes: int = 2 * 1024 * 1024
    max_article_bytes: int = 1024 * 1024


def check_lines(text: str, source: str, limits: IngestLimits) -> None:
    """IngestError naming the first line over `max_line_bytes` (UTF-8), if any."""
    if len(text.encode("utf-8", "surrogatepass")) <= limits.max_line_bytes:
        return
    for number, line in enumerate(text.split("\n"), start=1):
        size = len(line.encode("utf-8", "surrogatepass"))
        if size > limits.max_line_bytes:
            raise IngestError(
                source, f"a line of {size} bytes; the limit is {limits.max_line_bytes}", number
            )


def check_articles(page: ParsedPage, text: str, source: str, limits: IngestLimits) -> None:
    """IngestError naming the first article over `max_article_bytes` (title and blocks), or
    dated outside the years a newsroom's archive can hold (a typo like 0025 or 2205 would
    otherwise lead every list, feed and timeline)."""
    latest = date.today() + timedelta(days=MAX_DAYS_AHEAD)
    for article in page.articles:
        day = article.published_on
        if not EARLIEST_DAY <= day <= latest:
            raise IngestError(
                source,
                f"the article {article.title[:80]!r} is dated {day.isoformat()}; a publication "
                f"date must be between {EARLIEST_DAY.isoformat()} and a year from today",
                _line_of(article.title, text),
            )
        size = len(article.title.encode()) + sum(len(b.text.encode()) for b in article.blocks)
        if size > limits.max_article_bytes:
            raise IngestError(
                source,
                f"the article {article.title[:80]!r} has {size} bytes of text; "
                f"the limit is {limits.max_article_bytes}",
                _line_of(article.title, text),
            )


EARLIEST_DAY = date(1900, 1, 1)
MAX_DAYS_AHEAD = 366  # an embargoed article may carry a date ahead


def _line_of(title: str, text: str) -> int | None:
    """Where the article starts, found by its title (as typed, or as JSON escapes it)."""
    for spelled in (title, json.dumps(title)[1:-1]):
        at = text.find(spelled)
        if at >= 0:
            return text.count("\n", 0, at) + 1
    return None
