"""Who wrote an article, as a plain page says it: a "By ..." byline or a closing bio.

A bio ("Aidar Borangaziev is a Kazakhstani diplomat ...", "A and B are reporters ...",
"A covers energy ...") names its subjects first: 2–4 capitalised words each. Place names read
the same way ("Central Asia is a region ..."), so a name made of a country or a region word is
no person. Bylines carry roles and places too (`ingest.bylines`); only the names are authors.
"""

from __future__ import annotations

import re

from ingest.countries import find_country
from store.records import AuthorDraft

_NAME_WORD = r"[A-Z][\w’'.-]*"
_NAME = rf"{_NAME_WORD}(?: (?:(?:de|van|von|der|al|bin|ibn|le|la|da|di) )?{_NAME_WORD}){{1,3}}"
_BYLINE_SPLIT = re.compile(r", and |, | and ")
# fmt: off
_NOT_PERSONAL = frozenset({
    "The", "This", "That", "These", "Our", "Its", "His", "Her", "Their", "Central", "North",
    "South", "East", "West", "Asia", "Africa", "Europe", "America", "Republic", "Union",
    "Council", "Ministry", "Government", "President",
})
# fmt: on


def _is_personal_name(name: str) -> bool:
    words = name.split()
    return not any(w in _NOT_PERSONAL for w in words) and find_country(name) is None


# "Jane Doe is a ...", "Jane Doe and John Roe are ...", "Jane Doe covers energy for ...".
_BIO_SUBJECTS = re.compile(
    rf"({_NAME}(?:(?:, | and |, and ){_NAME})*) "
    r"(?:(?:is|was) (?:an?|the|also|based|[a-z]+-based) |(?:are|were) [a-z]+ |"
    r"(?:covers|writes|reports|has covered|has reported) )"
)


def bio_authors(paragraph: str) -> tuple[AuthorDraft, ...]:
    """The authors a closing bio paragraph describes, each with the paragraph as the bio."""
    match = _BIO_SUBJECTS.match(paragraph)
    if match is None:
        return ()
    names = _BYLINE_SPLIT.split(match.group(1))
    if not all(_is_personal_name(n) for n in names):
        return ()
    return tuple(AuthorDraft(name=n, bio=paragraph) for n in names)


def byline(line: str) -> tuple[tuple[str, ...], str | None, str | None] | None:
    """Names, role and place of a byline ("By A and B, Correspondents, in Bishkek"), or None."""
    from ingest.bylines import read_byline

    found = read_byline(line)
    if found is None or not all(_is_personal_name(n) for n in found.names):
        return None
    return found.names, found.role, found.place
