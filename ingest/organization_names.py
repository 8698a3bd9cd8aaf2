"""Organizations the curated table lacks, found by the shape of their names.

A proper name with an organization head word ("Nazarbayev University", "the Ministry of
Economy and Finance", "State Agency for Water Resources", "Kazakh Press Club") names a body:
capitalised words before the head, and an "of/for/on ..." tail of capitalised words after
it. What is not a name stays out: lowercase descriptions ("the regional water authority"),
a head word alone ("Bank officials"), places that look like bodies ("West Bank", "Soviet
Union") and media services ("Kazakh Service").

Ministries are written many ways; "Energy Ministry", "Kazakhstan's Ministry of Energy" and
"the Ministry of Energy of Kazakhstan" are all named "Ministry of Energy".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ingest.countries import country_name, find_country
from ingest.country_names import DEMONYMS
from ingest.organizations import find_organization

# fmt: off
HEADS = frozenset({
    "Ministry", "Bank", "Fund", "Agency", "Service", "Committee", "Council", "Commission",
    "Company", "Corporation", "Consortium", "Union", "Organization", "Organisation",
    "Programme", "Program", "University", "Institute", "Foundation", "Association",
    "Authority", "Railways", "Airways", "Airlines", "Holding", "Exchange",
    "Club", "Chamber", "Cabinet", "Academy", "Inspectorate", "Directorate", "Federation",
    "Society", "Centre",
})
# Capitalised words that start a sentence or a clause rather than a name.
_NOT_NAME = frozenset({
    "The", "A", "An", "This", "That", "These", "Those", "Its", "Their", "His", "Her", "Our",
    "My", "Your", "In", "On", "At", "By", "For", "From", "With", "And", "But", "Or", "As",
    "After", "Before", "When", "While", "Since", "Both", "Each", "Every", "Some", "Many",
    "Most", "Several", "Other", "Under", "Over", "According", "Last", "If", "Why", "How",
    "What", "Who", "Where", "Officials", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December", "Q", "A:", "Q:",
})
# Names of places or of nothing in particular, though they end in a head word.
_NOT_BODIES = frozenset({"West Bank", "Soviet Union", "Left Bank"})
# fmt: on
_TAIL_LINKS = ("of", "for", "on")
# Head words that name a plan as often as a body: a body has a tail ("Programme for ...").
_NEEDS_TAIL = frozenset({"Programme", "Program", "Cabinet", "Chamber"})
_INNER = frozenset({"of", "for", "on", "the", "and", "&", "de"})
_WORD = re.compile(r"[^\s,;:()\"“”]+")
_QUOTES = '“”"‘’()[]'
_TRIM = "“”\"‘’'.,;:!?()[]"


@dataclass(frozen=True, slots=True)
class FoundName:
    name: str
    start: int
    end: int


def named_bodies(text: str) -> Iterator[FoundName]:
    """Every organization-shaped proper name in `text`, in reading order, no overlaps."""
    words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
    # a name is built around a head word ("Bank", "Ministry"): only those are looked at
    heads = [i for i, (word, _, _) in enumerate(words) if word.rstrip(_TRIM) in HEADS]
    index = 0
    for head in heads:
        if head < index:
            continue  # inside the name found last
        found = _name_at(words, head, text)
        if found is None:
            continue
        name, first, last = found
        start = words[first][1] + len(words[first][0]) - len(words[first][0].lstrip(_TRIM))
        end = words[last][2] - len(words[last][0]) + len(words[last][0].rstrip(_TRIM))
        yield FoundName(name, start, end)
        index = last + 1


def _name_at(
    words: list[tuple[str, int, int]], index: int, text: str
) -> tuple[str, int, int] | None:
    word = words[index][0].rstrip(_TRIM)
    if word not in HEADS:
        return None
    first = _extend_left(words, index, text)
    last = _extend_right(words, index, text)
    parts = [
        words[i][0] + ("," if i < last and text[words[i][2] : words[i + 1][1]] == ", " else "")
        for i in range(first, last + 1)
    ]
    name = " ".join(parts).strip(_TRIM)
    if first == last or name in _NOT_BODIES or find_country(name):
        return None
    if word in _NEEDS_TAIL and last == index:
        return None  # "the Space Shuttle Program" is a plan, not a body
    if words[first][0] in DEMONYMS and word == "Service" and last == index:
        return None  # "RFE/RL's Kazakh Service" is a newsroom, and not in our table
    return _canonical(parts, word), first, last


def _is_clause_end(word: str) -> bool:
    return word.endswith((".", ",", ";", ":", "!", "?"))


def _extend_left(words: list[tuple[str, int, int]], index: int, text: str) -> int:
    """The first word of the name that ends at `words[index]`: capitalised words, no gap."""
    first = index
    while first > 0:
        word = words[first - 1][0]
        between = text[words[first - 1][2] : words[first][1]]
        if between != " " or _is_clause_end(word) or not _capitalised(word):
            break
        if word in _NOT_NAME or _possessive(word) or word.endswith(("’", "'")):
            break
        first -= 1
    return first


def _extend_right(words: list[tuple[str, int, int]], index: int, text: str) -> int:
    """The last word of an "of/for/on ..." tail, capitalised words joined by connectors;
    "and" joins only what is not a second body ("Ministry of Energy and the World Bank")."""
    if _is_clause_end(words[index][0]) or index + 1 >= len(words):
        return index
    if words[index + 1][0] not in _TAIL_LINKS or text[words[index][2] : words[index + 1][1]] != " ":
        return index
    last = index
    position = index + 1
    while position < len(words):
        word = words[position][0]
        gap = text[words[position - 1][2] : words[position][1]]
        if gap != " " and not (gap == ", " and _lists_fields(words, position, text)):
            break
        bare = word.rstrip(_TRIM)
        if bare in _INNER and not _is_clause_end(word):
            if bare in {"and", "&"} and _starts_second_body(words, position + 1):
                break
            position += 1
            continue
        if not _capitalised(bare) or bare in _NOT_NAME:
            break
        last = position
        if _is_clause_end(word) or (bare in HEADS and word != bare) or _possessive(word):
            break  # "Hebrew University of Jerusalem’s institute"
        position += 1
    return last


def _lists_fields(words: list[tuple[str, int, int]], position: int, text: str) -> bool:
    """After a comma inside a tail: the rest of a list of fields that closes with "and"
    ("Ministry of Labour, Migration and Employment"), not a list of other bodies or places
    ("Ministry of Energy, Rosatom and Kazatomprom")."""
    seen_and = False
    for offset, (word, _, end) in enumerate(words[position : position + 8]):
        bare = word.rstrip(_TRIM)
        if bare in {"and", "&"}:
            seen_and = True
        elif not _is_field(bare):
            return False
        elif seen_and:
            return True
        following = words[position + offset + 1][1] if position + offset + 1 < len(words) else end
        if text[end:following] not in (" ", ", "):
            return False
    return False


def _is_field(word: str) -> bool:
    """A capitalised word that can name a ministry's field, not a body or a country."""
    if not _capitalised(word) or word in _NOT_NAME or word in HEADS:
        return False
    return not (find_country(word) or find_organization(word))


def _starts_second_body(words: list[tuple[str, int, int]], position: int) -> bool:
    """After "and": a new name with a head word of its own, or "the ..." of any kind."""
    if position >= len(words) or words[position][0] in {"the", "The"}:
        return True
    for word, _, _ in words[position : position + 5]:
        bare = word.rstrip(_TRIM)
        if not _capitalised(bare):
            return False
        if bare in HEADS:
            return True
        if _is_clause_end(word):
            return False
    return False


def _possessive(word: str) -> bool:
    return word.endswith(("’s", "'s"))


def _capitalised(word: str) -> bool:
    bare = word.strip(_TRIM)
    return bool(bare) and (bare[0].isupper() or bare[0].isdigit())


def _canonical(parts: list[str], head: str) -> str:
    """One name per ministry however it is written, with its country when the words give it
    ("Kazakh Energy Ministry" → "Ministry of Energy of Kazakhstan"); other names as printed."""
    words = [p.strip(_QUOTES) for p in parts]  # inner commas stay: "Labour, Migration"
    words[0], words[-1] = words[0].strip(_TRIM), words[-1].strip(_TRIM)
    words[-1] = words[-1].removesuffix("’s").removesuffix("'s")  # "University of NSW’s"
    if head != "Ministry":
        if len(words) >= 5 and words[-3:-1] == ["of", "the"] and find_country(words[-1]):
            words = words[:-3]  # "University of Sheffield of the UK"
        return " ".join(words)
    country = None
    while words and (code := find_country(words[0])):
        country, words = code, words[1:]  # "Kazakh Ministry of Energy"
    if len(words) >= 4 and words[-2] == "of" and (code := find_country(words[-1])):
        country, words = code, words[:-2]  # "Ministry of Energy of Kazakhstan"
    if words[-1:] == ["Ministry"] and len(words) > 1:
        field = " ".join(words[:-1])
        words = ["Ministry", "of", "Foreign Affairs" if field == "Foreign" else field]
    return qualified(" ".join(words), country)


def qualified(ministry: str, country: str | None) -> str:
    """ "Ministry of Energy" of a country, by its readable name."""
    return f"{ministry} of {country_name(country)}" if country else ministry
