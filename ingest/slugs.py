"""URL slugs made from titles.

A slug is an article's public identity (`article(slug:)`), so it must come out the same for
the same title on every run and every machine: no randomness, no locale, no counters.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_LENGTH = 80

# Letters NFKD cannot take apart into an ASCII base letter plus accents.
_FOLD = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ł": "l", "ı": "i"}
)
_APOSTROPHES = re.compile(r"['’ʼ`´]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lowercase ASCII words joined by single hyphens, at most `MAX_LENGTH` characters.

    Apostrophes vanish rather than split a word ("Kazakhstan’s" → "kazakhstans"); any other
    run of punctuation or space becomes one hyphen. A long slug is cut at a hyphen so no word
    is chopped in half. Returns "" when nothing sluggable is left.
    """
    folded = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    slug = _NON_ALNUM.sub("-", _APOSTROPHES.sub("", ascii_text)).strip("-")
    if len(slug) <= MAX_LENGTH:
        return slug
    cut = slug[: MAX_LENGTH + 1].rfind("-")
    return slug[:cut] if cut > 0 else slug[:MAX_LENGTH]


def article_slug(title: str) -> str:
    """`slugify(title)`, or a stable hash-based slug when the title has no ASCII-foldable
    letters at all (a Cyrillic headline), so every article still gets a public identity."""
    return slugify(title) or "article-" + hashlib.sha1(title.encode()).hexdigest()[:12]
