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
    `folded` ones match in any case ("International Labour Organization", "Organization Of
    Turkic States" in a headline) as long as they start with a capital letter."""

    def __init__(
        self, exact: Mapping[str, str | None], folded: Mapping[str, str | None] | None = None
    ) -> None:
        self._exact = {_plain(name): key for name, key in exact.items()}
        self._folded = {_plain(name).casefold(): key for name, key in (folded or {}).items()}
        parts = [(n, re.escape(n), False) for n in self._exact]
        parts += [(n, f"(?i:{re.escape(n)})", True) for n in self._folded]
        parts.sort(key=lambda part: (-len(part[0]), part[0]))
        alternation = _by_first_letter(parts) or "(?!)"
        # Not inside a word, nor in a dotted name such as a web address ("Turkmen.news").
        self._pattern = re.compile(rf"(?<![\w.])(?:{alternation})(?!\w|\.\w)")
        self._any_case = {n.casefold(): k for n, k in self._exact.items()} | self._folded

    def scan(self, text: str) -> Iterator[Hit]:
        """Every name in `text`, shadows left out, in reading order."""
        for match in self._pattern.finditer(_plain(text)):
            name = match.group()
            if name in self._exact:
                key = self._exact[name]
            elif name[:1].isupper():
                key = self._folded[name.casefold()]
            else:
                continue  # a folded name starts with a capital: "state grid" is no body
            if key is not None:
                yield Hit(key, match.start(), match.end())

    def lookup(self, name: str) -> str | None:
        """The key of a whole name, ignoring case; None for unknown names and shadows."""
        return self._any_case.get(_plain(name.strip()).casefold())


def _by_first_letter(parts: list[tuple[str, str, bool]]) -> str:
    """The alternation of `parts` (name, regex, folded) in their order, grouped by first letter.

    At any one position only the group of the letter there can match, and inside a group the
    order is kept, so the match is the one the flat alternation would find. The regex engine
    skips a group after one look at its first letter instead of trying a thousand names.
    """
    groups: dict[str, list[tuple[str, bool]]] = {}
    for name, pattern, folded in parts:
        letter = name[:1].lower()
        groups.setdefault(letter if len(letter) == 1 else "", []).append((pattern, folded))
    return "|".join(_group(letter, group) for letter, group in groups.items())


def _group(letter: str, group: list[tuple[str, bool]]) -> str:
    alternation = "|".join(pattern for pattern, _ in group)
    if not letter or (len({p[:1] for p, _ in group}) == 1 and not any(f for _, f in group)):
        return f"(?:{alternation})"  # one literal first letter: re factors it out by itself
    return f"(?i:(?={re.escape(letter)}))(?:{alternation})"


def _plain(text: str) -> str:
    # Same length in, same length out, so match offsets still point into the original text.
    return text.replace("’", "'").replace("‘", "'")
