"""One spelling-proof key per word, the same for Жапарова, Zhaparov and Japarov.

A name of the region reaches the archive in Cyrillic (Russian or the local alphabet), in the
BGN/PCGN-style romanization English-language papers use, and in the countries' own Latin
alphabets. The key is built in three steps, each the same on both sides of a search:

1. romanize: Cyrillic letters by the table below (ж → zh, х → kh, ё → yo, the Kazakh, Kyrgyz,
   Tajik and Uzbek letters to their usual Latin), any other script by anyascii;
2. fold the spellings that vary (zh/dzh/dj/j, kh/h, q/k, w/v, ye/e, yo/o, yu/u, ya/a, y/i,
   doubled letters, apostrophes such as the Uzbek oʻ);
3. strip one Russian case ending (Жапарова, Токаевым, Казахстане → the nominative), so
   inflected names meet their base form. The stem must keep four letters.

The key is for matching across scripts and spellings only: a search still prefers a word
written as it was asked for (exact terms score above folded ones; see index/query.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

# Russian, then the letters of the other Cyrillic alphabets of the region (Kazakh, Kyrgyz,
# Tajik, Uzbek). ъ and ь carry no sound of their own in a romanized name.
_CYRILLIC = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
        "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
        "я": "ya",
        "ә": "a", "ғ": "gh", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
        "і": "i", "ӣ": "i", "ӯ": "u", "ҳ": "h", "ҷ": "j", "ў": "o",
    }
)  # fmt: skip
_APOSTROPHES = re.compile(r"['’ʻʼ`´]")
_POSSESSIVE = re.compile(r"['’]s$")
# Applied in order; each rule sees the output of the ones before it.
_VARIANTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"shch", "sh"),
        (r"dzh|dj|zh", "j"),
        (r"kh", "h"),
        (r"gh", "g"),
        (r"q", "k"),
        (r"w", "v"),
        (r"ye", "e"),
        (r"yo", "o"),
        (r"yu", "u"),
        (r"ya", "a"),
        (r"y", "i"),
        (r"(.)\1+", r"\1"),
    )
)
_CASE_ENDING = re.compile(r"(?:ami|imi|ogo|ego|omu|emu|om|em|im|oi|ei|ah|am|ih|a|u|e|i)$")
_MIN_STEM = 4
_NON_WORD = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65_536)
def cross_script_key(word: str) -> str:
    """The key of one word as written (any case, any script); "" for a word with no letters
    or digits once romanized."""
    text = spelling_key(word)
    stripped = _CASE_ENDING.sub("", text)
    return stripped if len(stripped) >= _MIN_STEM else text


@lru_cache(maxsize=65_536)
def spelling_key(word: str) -> str:
    """The key of a word's spelling, romanized and folded but with its ending kept: Zhaparov
    and Japarov share it, Ivanov and Ivanova (two people) do not."""
    text = _POSSESSIVE.sub("", word.lower())
    text = _APOSTROPHES.sub("", text)
    text = _NON_WORD.sub("", anyascii(text.translate(_CYRILLIC)).lower())
    for pattern, replacement in _VARIANTS:
        text = pattern.sub(replacement, text)
    return text


def is_plain_latin(word: str) -> bool:
    """Whether `word` is ASCII only: its spelling is the one a Latin query would type."""
    return word.isascii()
