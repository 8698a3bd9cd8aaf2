"""The reader for JSON Lines: one article or one currency rate per line.

Articles: `title`, `body`, `published`, optional `slug`, `authors`, `countries`,
`organizations`, `url`/`source`, `subheadings` (see `json_articles`). Rates: `pair`
("KZT/USD"), `rate`, optional `change_percent`, `as_of`. A `type` of "article" or "rate"
says which, else a `pair` key means a rate. Other keys are ignored, so the Wikinews
`author: "Wikinews contributors"` credits no person. Numbers never pass through float.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from ingest.errors import IngestError
from ingest.hygiene import clean_value
from ingest.json_articles import read_article
from ingest.json_record import JsonRecord
from ingest.parsed import ParsedArticle, ParsedPage
from ingest.whitespace import tidy
from store.records import RateDraft

_PAIR = re.compile(r"([A-Z]{3})/([A-Z]{3})", re.ASCII)
_Rates = dict[tuple[str, object], tuple[RateDraft, int]]


def json_lines(text: str) -> list[str]:
    """Lines as JSON Lines defines them: split at LF only (a CR before it dropped). Python's
    `splitlines` also splits at U+2028, U+2029 and U+0085, which JSON strings may hold raw."""
    return [line.removesuffix("\r") for line in text.removeprefix("\ufeff").split("\n")]


def read_jsonl(text: str, source: str) -> ParsedPage:
    """Articles and rates of one JSON Lines file; `IngestError` names the line and field."""
    articles: list[ParsedArticle] = []
    rates: _Rates = {}
    for number, line in enumerate(json_lines(text), start=1):
        if not tidy(line):
            continue
        record = JsonRecord(_decode(line, source, number), source, number)
        if _is_rate(record):
            _keep_rate(rates, _rate(record), record)
        else:
            articles.append(read_article(record))
    if not articles and not rates:
        raise IngestError(source, "no articles and no rates: the file is empty")
    return ParsedPage(articles=tuple(articles), rates=tuple(r for r, _ in rates.values()))


def _decode(line: str, source: str, number: int) -> dict[str, Any]:
    try:
        value = json.loads(line, parse_float=Decimal, parse_int=Decimal, parse_constant=_no_nan)
    except (ValueError, RecursionError) as error:
        raise IngestError(source, f"not valid JSON: {error}", number) from None
    if not isinstance(value, dict):
        raise IngestError(source, f"expected a JSON object, got {type(value).__name__}", number)
    return clean_value(value, source, number)  # type: ignore[return-value]  # a dict stays one


def _no_nan(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def _is_rate(record: JsonRecord) -> bool:
    kind = record.fields.get("type")
    if kind is None:
        return "pair" in record.fields
    if kind not in ("article", "rate"):
        raise record.fail("type", f"expected 'article' or 'rate', got {kind!r}")
    return bool(kind == "rate")


def _rate(record: JsonRecord) -> RateDraft:
    pair = record.text("pair")
    match = _PAIR.fullmatch(pair.upper())
    if match is None:
        raise record.fail("pair", f"expected a pair like 'KZT/USD', got {pair!r}")
    rate = record.decimal("rate")
    assert rate is not None  # required=True never returns None
    if rate <= 0:
        raise record.fail("rate", f"expected a positive exchange rate, got {rate}")
    change = record.decimal("change_percent", required=False)
    return RateDraft(match[1], match[2], rate, change, record.date("as_of"))


def _keep_rate(rates: _Rates, rate: RateDraft, record: JsonRecord) -> None:
    """One rate per pair and day; a repeat must agree with the first."""
    first, line = rates.setdefault((rate.pair, rate.as_of), (rate, record.line))
    if (first.rate, first.change_percent) != (rate.rate, rate.change_percent):
        raise record.fail("rate", f"{rate.pair} on {rate.as_of} differs from line {line}")
