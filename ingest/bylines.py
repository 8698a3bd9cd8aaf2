"""Bylines as newsrooms write them: `By A`, `By A and B`, `By A, B and C`, `By A, Correspondent`,
`By A in Bishkek`, `By A, Special Correspondent, in Nukus`.

Only the names become authors; the role and the place are read so that they are not taken for
names (or the whole line for a headline), and `steppe ingest --explain` shows them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NAME_WORD = r"[A-Z][\w’'.-]*"
_PARTICLE = r"(?:de|van|von|der|al|bin|ibn|le|la|da|di|ul|uulu|kyzy)"
_NAME = re.compile(rf"{_NAME_WORD}(?: (?:{_PARTICLE} )?{_NAME_WORD}){{1,3}}")
_PLACE = re.compile(rf"(.*?),? in ({_NAME_WORD}(?:[ -]{_NAME_WORD}){{0,2}})")
_AND = re.compile(r",? and ")
# fmt: off
ROLE_WORDS = frozenset({
    "correspondent", "correspondents", "editor", "editors", "reporter", "reporters", "writer",
    "writers", "contributor", "columnist", "chief", "staff", "journalist", "analyst",
    "photographer", "producer", "bureau", "desk", "researcher", "fellow", "contributing",
    "special", "senior", "deputy", "managing", "news", "service", "agencies", "team",
})
# fmt: on


@dataclass(frozen=True, slots=True)
class Byline:
    names: tuple[str, ...]
    role: str | None = None
    place: str | None = None


def read_byline(line: str) -> Byline | None:
    """The names, role and place of a "By ..." line; None when it is no byline."""
    if not line.startswith("By "):
        return None
    rest, place = line[3:].rstrip(". "), None
    if match := _PLACE.fullmatch(rest):
        rest, place = match.group(1), match.group(2)
    parts = [p.strip() for p in rest.split(",") if p.strip()]
    if not parts:
        return None
    names: list[str] = []
    roles: list[str] = []
    for part in parts:
        if _is_role(part):
            roles.append(part)
        elif roles:  # a name after a role ("By A, Correspondent, B") is not how bylines go
            return None
        else:
            names.extend(n for n in _AND.split(part.removeprefix("and ")) if n)
    if not (names or roles) or not all(_NAME.fullmatch(n) for n in names):
        return None
    return Byline(tuple(names), ", ".join(roles) or None, place)


def _is_role(part: str) -> bool:
    return any(word.lower().strip("’'") in ROLE_WORDS for word in part.split())
