"""Who wrote an article, as a plain page says it: a "By ..." byline or a closing bio.

A bio ("Aidar Borangaziev is a Kazakhstani diplomat ...") names its subject first, so the
name is the 2–4 capitalised words before " is a"/" is an". Place names read the same way
("Central Asia is a region ..."), so a name made of a country or a region word is no person.
"""

from __future__ import annotations

import re

from ingest.countries import find_country
from store.records import AuthorDraft

_NAME_WORD = r"[A-Z][\w’'.-]*"
_NAME = rf"{_NAME_WORD}(?: (?:(?:de|van|von|der|al|bin|ibn|le|la|da|di) )?{_NAME_WORD}){{1,3}}"
_BIO = re.compile(rf"({_NAME}) (?:is|was) (?:an?|the) \w")
_BYLINE = re.compile(rf"By ({_NAME}(?:(?:, | and |, and ){_NAME})*)")
_BYLINE_SPLIT = re.compile(r", and |, | and ")
# fmt: off
_NOT_PERSONAL = frozenset({
    "The", "This", "That", "These", "Our", "Its", "His", "Her", "Their", "Central", "North",
    "South", "East", "West", "Asia", "Africa", "Europe", "America", "Republic", "Union",
    "Council", "Ministry", "Government", "President",
})
# fmt: on


def bio_author(paragraph: str) -> AuthorDraft | None:
    """The author a closing bio paragraph describes, with the paragraph as the bio."""
    match = _BIO.match(paragraph)
    if match is None or not _is_personal_name(match.group(1)):
        return None
    return AuthorDraft(name=match.group(1), bio=paragraph)


def byline_authors(line: str) -> tuple[AuthorDraft, ...]:
    """The authors of a "By Jane Doe" or "By Jane Doe and John Roe" line; () if it is none."""
    match = _BYLINE.fullmatch(line.rstrip("."))
    if match is None:
        return ()
    names = _BYLINE_SPLIT.split(match.group(1))
    if not all(_is_personal_name(n) for n in names):
        return ()
    return tuple(AuthorDraft(name=n) for n in names)


def _is_personal_name(name: str) -> bool:
    words = name.split()
    return not any(w in _NOT_PERSONAL for w in words) and find_country(name) is None
