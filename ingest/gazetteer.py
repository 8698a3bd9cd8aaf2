"""Finding known names in running text, longest name first, on word boundaries.

One alternation regex per table: the engine tries longer names first at each position, so
"Papua New Guinea" wins over "Guinea" and "Kyrgyz Republic" over "Kyrgyz". A name mapped to
`None` is a *shadow*: it is matched and thrown away, so "New Jersey" hides "Jersey".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Hit:
    key: str
    start: int
    end: int


class Gazetteer:
    """A table of names → keys that scans text; `exact` names are case-sensitive ("US", "EU"),
    `folded` ones match in any case ("International Labour Organization")."""

    def __init__(
        self, exact: Mapping[str, str | None], folded: Mapping[str, str | None] | None = None
    ) -> None:
        self._exact = {_plain(name): key for name, key in exact.items()}
        self._folded = {_plain(name).casefold(): key for name, key in (folded or {}).items()}
        parts = [(n, re.escape(n)) for n in self._exact]
        parts += [(n, f"(?i:{re.escape(n)})") for n in self._folded]
        parts.sort(key=lambda part: (-len(part[0]), part[0]))
        alternation = "|".join(p for _, p in parts) or "(?!)"
        # Not inside a word, nor in a dotted name such as a web address ("Turkmen.news").
        self._pattern = re.compile(rf"(?<![\w.])(?:{alternation})(?!\w|\.\w)")
        self._any_case = {n.casefold(): k for n, k in self._exact.items()} | self._folded

    def scan(self, text: str) -> Iterator[Hit]:
        """Every name in `text`, shadows left out, in reading order."""
        for match in self._pattern.finditer(_plain(text)):
            name = match.group()
            key = self._exact[name] if name in self._exact else self._folded[name.casefold()]
            if key is not None:
                yield Hit(key, match.start(), match.end())

    def lookup(self, name: str) -> str | None:
        """The key of a whole name, ignoring case; None for unknown names and shadows."""
        return self._any_case.get(_plain(name.strip()).casefold())


def _plain(text: str) -> str:
    # Same length in, same length out, so match offsets still point into the original text.
    return text.replace("’", "'").replace("‘", "'")
