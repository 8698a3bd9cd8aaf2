"""URL slugs made from titles, and the rule that gives colliding articles distinct ones.

A slug is an article's public identity (`article(slug:)`), so it must come out the same for
the same title on every run and every machine: no randomness, no locale. Every script is
transliterated (anyascii), so `Qazaqstan: Тенге упал` keeps its Cyrillic words as
`qazaqstan-tenge-upal` instead of collapsing to `qazaqstan`. Latin-script text goes through
exactly the folding it always did, so no existing slug of a Latin title changes.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from datetime import date
from itertools import count

from anyascii import anyascii

MAX_LENGTH = 80

# Letters NFKD cannot take apart into an ASCII base letter plus accents.
_FOLD = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ł": "l", "ı": "i"}
)
_APOSTROPHES = re.compile(r"['’ʼ`´]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Categories transliterated when NFKD leaves no ASCII: letters (not modifier letters such as
# the Uzbek `ʻ`, which is punctuation to a reader), digits, and the vowel signs of abugidas.
# Blocks of the Latin script and of what every script shares (accents, punctuation, symbols):
# their characters fold as slugs always did, so a Latin title keeps its slug to the byte.
_SHARED_BLOCKS = (
    (0x0000, 0x036F),  # Latin, IPA, spacing modifiers, combining diacritical marks
    (0x1AB0, 0x1AFF),  # combining diacritical marks extended
    (0x1DC0, 0x1EFF),  # combining supplement, Latin extended additional
    (0x2000, 0x2BFF),  # punctuation, letterlike symbols, arrows, shapes ...
    (0x2C60, 0x2C7F),  # Latin extended-C
    (0xA720, 0xA7FF),  # Latin extended-D
    (0xAB30, 0xAB6F),  # Latin extended-E
    (0xFE20, 0xFE2F),  # combining half marks
    (0xFF00, 0xFFEF),  # fullwidth forms
)
_SPELLED = frozenset({"Lu", "Ll", "Lt", "Lo", "Nd", "Nl", "No", "Mn", "Mc"})


def slugify(text: str, max_length: int = MAX_LENGTH) -> str:
    """Lowercase ASCII words joined by single hyphens, at most `max_length` characters.

    Apostrophes vanish rather than split a word ("Kazakhstan’s" → "kazakhstans"); any other
    run of punctuation or space becomes one hyphen. A long slug is cut at a hyphen so no word
    is chopped in half. Returns "" when nothing sluggable is left.
    """
    ascii_text = _ascii(text.lower().translate(_FOLD))
    slug = _NON_ALNUM.sub("-", _APOSTROPHES.sub("", ascii_text)).strip("-")
    if len(slug) <= max_length:
        return slug
    cut = slug[: max_length + 1].rfind("-")
    return slug[:cut] if cut > 0 else slug[:max_length]


def _ascii(text: str) -> str:
    """`text` in ASCII: Latin letters lose their accents (NFKD, as slugs always did), other
    symbols without an ASCII form vanish, and runs of other scripts are transliterated whole
    (an abugida's vowels depend on the letters around them: नमस्ते is "namaste")."""
    out: list[str] = []
    foreign: list[str] = []
    for char in text:
        if _is_foreign(char):
            foreign.append(char)
            continue
        if foreign:
            out.append(anyascii("".join(foreign)).lower())
            foreign.clear()
        out.append(unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii"))
    if foreign:
        out.append(anyascii("".join(foreign)).lower())
    return "".join(out)


def _is_foreign(char: str) -> bool:
    """A letter, digit or vowel sign of a script other than Latin, with no ASCII fold."""
    if char.isascii() or any(low <= ord(char) <= high for low, high in _SHARED_BLOCKS):
        return False
    if unicodedata.category(char) not in _SPELLED:
        return False
    return not unicodedata.normalize("NFKD", char).encode("ascii", "ignore")


def article_slug(title: str) -> str:
    """`slugify(title)`, or a stable hash-based slug when nothing of the title can be spelled
    in ASCII (only emoji or punctuation), so every article still gets a public identity."""
    return slugify(title) or "article-" + hashlib.sha1(title.encode()).hexdigest()[:12]


def slug_candidates(base: str, published_on: date) -> Iterator[str]:
    """The slugs an article may take, in order, when `base` may belong to another article.

    `base`, then `base-YYYY-MM-DD` (its publication date), then `base-YYYY-MM-DD-2`, `-3`, ...
    The date comes from the article itself, so which slug a newcomer gets does not depend on
    how many other articles share its title or in which order they arrived; only articles of
    one date with one base slug are numbered, in the order they are ingested.
    """
    yield base
    suffix = f"-{published_on.isoformat()}"
    dated = slugify(base, MAX_LENGTH - len(suffix)) + suffix
    yield dated
    for number in count(2):
        yield f"{dated}-{number}"
