"""Finding names in text by their spelling-proof keys, whatever the script or the case ending.

The gazetteer (ingest/gazetteer.py) matches names as written, which is right for English and
wrong for Russian: Жапарова, Жапарову and Жапаровым are one surname, and Japarov, Zhaparov and
Жапаров one person. Here every word of the text and of each listed name is reduced to its
key (`index.scripts.cross_script_key`: romanized, spelling variants folded, one Russian case
ending removed), and a name matches where its keys follow one another in the text.

Only words that start with a capital letter (or belong to a script without case) match, so
a common noun that happens to share a key with a name is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from index.scripts import cross_script_key

# A word: letters and digits, joined by hyphens and apostrophes inside it ("Kassym-Jomart",
# "Tokayev's", "Oʻzbekiston"; ʻ is a modifier letter, so \w covers it).
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
# What may stand between two words of one name: spaces; after an initial, its full stop too
# ("С. Жапаров").
_SPACES = re.compile(r"[ \u00a0]+")
_AFTER_INITIAL = re.compile(r"\.[ \u00a0]*")


class Token(NamedTuple):
    """A word of a text (a tuple: an article is some thousand of them, made per scan)."""

    text: str
    start: int
    end: int
    key: str
    spaced: bool = False  # only spaces (or one non-breaking space) since the previous word

    @property
    def capitalized(self) -> bool:
        """Starts like a name: an upper-case letter, or a letter of a script with no case."""
        first = self.text[:1]
        return first.isupper() or (first.isalpha() and not first.islower())


@dataclass(frozen=True, slots=True)
class KeyHit:
    key: str  # the entity the name belongs to
    first: int  # index of its first token
    last: int  # index of its last token (inclusive)
    start: int  # character offsets into the text
    end: int


def tokens(text: str) -> list[Token]:
    found: list[Token] = []
    previous_end = -1
    for m in _WORD.finditer(text):
        word, start, end = m.group(), m.start(), m.end()
        if previous_end < 0:
            spaced = False
        elif len(found[-1].text) == 1:  # after an initial, its full stop may stand between
            spaced = _AFTER_INITIAL.fullmatch(text, previous_end, start) is not None
        else:  # one plain space is by far the commonest gap: no regex for it
            spaced = (start == previous_end + 1 and text[previous_end] == " ") or (
                _SPACES.fullmatch(text, previous_end, start) is not None
            )
        found.append(Token(word, start, end, cross_script_key(word), spaced))
        previous_end = end
    return found


def name_keys(name: str) -> tuple[str, ...]:
    """The keys of a name's words, in order ("Sadyr Japarov" → ("sadir", "japarov"))."""
    return tuple(t.key for t in tokens(name) if t.key)


class KeyedNames:
    """Names (as key sequences) → the entity each names; scans a text's tokens, longest
    name first at each word, each word in at most one name."""

    def __init__(self, names: Mapping[tuple[str, ...], str]) -> None:
        self._names = {keys: entity for keys, entity in names.items() if keys}
        self._longest: dict[str, int] = {}
        for keys in self._names:
            self._longest[keys[0]] = max(self._longest.get(keys[0], 0), len(keys))

    @classmethod
    def of(cls, spellings: Iterable[tuple[str, str]]) -> KeyedNames:
        """From (spelling, entity) pairs; a spelling listed for two entities is dropped, since
        it cannot tell them apart."""
        found: dict[tuple[str, ...], str | None] = {}
        for spelling, entity in spellings:
            keys = name_keys(spelling)
            found[keys] = entity if found.get(keys, entity) == entity else None
        return cls({keys: entity for keys, entity in found.items() if entity is not None})

    def entity(self, name: str) -> str | None:
        """The entity a whole name spells, or None."""
        return self._names.get(name_keys(name))

    def scan(self, found: list[Token], skip: frozenset[int] = frozenset()) -> Iterator[KeyHit]:
        """Every listed name among `found`, in reading order; tokens in `skip` match nothing."""
        i, longest = 0, self._longest
        while i < len(found):
            if found[i].key not in longest:  # no name starts with this word: most words
                i += 1
                continue
            hit = self._at(found, i, skip)
            if hit is None:
                i += 1
                continue
            yield hit
            i = hit.last + 1

    def _at(self, found: list[Token], i: int, skip: frozenset[int]) -> KeyHit | None:
        longest = self._longest.get(found[i].key, 0)
        for n in range(min(longest, len(found) - i), 0, -1):
            span = found[i : i + n]
            if any(i + j in skip or not t.capitalized for j, t in enumerate(span)):
                continue
            if not all(t.spaced for t in span[1:]):
                continue
            entity = self._names.get(tuple(t.key for t in span))
            if entity is not None:
                return KeyHit(entity, i, i + n - 1, span[0].start, span[-1].end)
        return None
