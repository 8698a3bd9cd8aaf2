"""Countries: finding them in prose, and naming them for readers.

Names come from pycountry (ISO 3166 name, official and common names) plus the regional
tables in `country_names`. Matching is case-sensitive: country names are proper nouns, and
"turkey" or "china" in lower case are a bird and a plate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import pycountry

from ingest.capitals import metonyms
from ingest.country_names import (
    ALIASES,
    DEMONYMS,
    LANGUAGE_SUFFIXES,
    PERSONAL_NAMES,
    SHADOWS,
)
from ingest.gazetteer import Gazetteer
from ingest.headlines import SMALL_WORDS

# Readers know "Russia", not "Russian Federation"; used where pycountry has no common_name.
# fmt: off
_READABLE = {
    "RU": "Russia", "KR": "South Korea", "KP": "North Korea", "GB": "United Kingdom",
    "US": "United States", "VA": "Vatican City", "CD": "DR Congo", "PS": "Palestine",
    "FM": "Micronesia", "MD": "Moldova", "TZ": "Tanzania", "BN": "Brunei", "TR": "Türkiye",
    "CZ": "Czechia", "MO": "Macao",
}
# fmt: on
_PREVIOUS_WORD = re.compile(r"([A-Z][\w'’-]*) $")
_NEXT_WORD = re.compile(r" [A-Z]")
_LANGUAGE_NOUN = re.compile(r" languages?\b")
_NOUN_AFTER = re.compile(r" (?!(?:and|or|are|is|was|were|has|have|had|will|can|too)\b)[a-z]")
_LANGUAGE_CUE = re.compile(r"\blanguages?\b|\b(?:in|into|speaks?|spoke|speaking) $")
_CLAUSE_END = re.compile(r"[.;:!?()]")
_LIST_ITEM_BEFORE = re.compile(r"([A-Z][a-z]+)(?:,| and| or|, and|, or) $")


def country_name(code: str) -> str:
    """A short name a reader recognises: "KG" → "Kyrgyzstan", "RU" → "Russia"."""
    code = code.upper()
    if code in _READABLE:
        return _READABLE[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        raise KeyError(code)
    return str(getattr(country, "common_name", None) or country.name)


def find_country(name: str) -> str | None:
    """The alpha-2 code for a code or a whole name/alias/adjective, in any case."""
    name = name.strip()
    if len(name) == 2 and name.isascii() and pycountry.countries.get(alpha_2=name.upper()):
        return name.upper()
    return _gazetteer().lookup(name)


def scan_countries(text: str) -> Iterator[str]:
    """The code of every country mention in `text`: names, adjectives, and capitals standing
    for their states. A country name once used as a person's surname ("Kate Jordan") stays
    the person for the rest of the text ("Jordan said")."""
    people: set[str] = set()
    for hit in _gazetteer().scan(text):
        word = text[hit.start : hit.end]
        if word in people:
            continue
        if _is_mention(text, hit.start, hit.end):
            yield hit.key
        elif word in PERSONAL_NAMES and _PREVIOUS_WORD.search(text, 0, hit.start):
            people.add(word)
    yield from metonyms(text)


def _is_mention(text: str, start: int, end: int) -> bool:
    """Rules out languages and first names ("Russian-language", "in German", "Chad Smith")."""
    if text[start:end] in DEMONYMS and _is_language(text, start, end):
        return False
    if text[start:end] not in PERSONAL_NAMES:
        return True
    previous = _PREVIOUS_WORD.search(text, 0, start)
    if previous and previous.group(1).lower() not in SMALL_WORDS:
        return False
    return _NEXT_WORD.match(text, end) is None


def _is_language(text: str, start: int, end: int) -> bool:
    """A demonym naming a language: "Russian-language", "the Kazakh language", "written in
    Russian", "languages like German, Hebrew, and Japanese", and every item of a list that
    starts as one ("broadcasts in Kazakh, Russian, Uzbek and Turkmen"). "Kazakh service" and
    "Turkmen gas" stay countries: an adjective before a noun is about the country."""
    if text.startswith(LANGUAGE_SUFFIXES, end) or _LANGUAGE_NOUN.match(text, end):
        return True
    if _NOUN_AFTER.match(text, end):
        return False
    clause = _CLAUSE_END.split(text[max(0, start - 40) : start])[-1]
    if _LANGUAGE_CUE.search(clause) is not None:
        return True
    previous = _LIST_ITEM_BEFORE.search(text, max(0, start - 40), start)
    if previous is None or previous.group(1) not in DEMONYMS:
        return False
    return _is_language(text, previous.start(1), previous.end(1))


@cache
def _gazetteer() -> Gazetteer:
    names: dict[str, str | None] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value and "," not in value:
                names[value.removeprefix("the ")] = country.alpha_2
    names |= ALIASES | DEMONYMS
    names |= dict.fromkeys(SHADOWS)
    return Gazetteer(exact=names)
