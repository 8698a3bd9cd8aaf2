"""An article's language: as a JSON Lines record names it, or read off the text itself.

Detection needs no model: the script of the letters splits Cyrillic from Latin, the letters
only one of the region's alphabets has tell Kazakh, Kyrgyz, Tajik and Uzbek Cyrillic from
Russian, and a handful of the commonest words settles the rest (English, Uzbek and Turkmen
Latin). A text with too few letters, or with none of the telling words, is "und"
(undetermined) rather than a guess: a wrong language would stem it wrongly.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache

from store import language_tag
from store.records import UNDETERMINED_LANGUAGE

# The languages the newsroom publishes in; others are accepted from records, never guessed.
__all__ = ["DETECTED", "detect_language", "language_tag"]

DETECTED = ("en", "ru", "kk", "ky", "uz", "tg", "tk")

_MIN_LETTERS = 20  # shorter texts are "und": a headline alone is too little to tell
_SAMPLE_CHARS = 20_000  # the opening of a long text says as much as all of it

# Letters of one Cyrillic alphabet that Russian lacks (Kyrgyz shares ң ө ү with Kazakh).
_LETTERS: dict[str, frozenset[str]] = {
    "kk": frozenset("әғқңөұүһі"),
    "ky": frozenset("ңөү"),
    "tg": frozenset("ғӣқӯҳҷ"),
    "uz": frozenset("ўқғҳ"),
}
_UNIQUE: dict[str, frozenset[str]] = {
    "kk": frozenset("әұһі"),
    "tg": frozenset("ӣӯҷ"),
    "uz": frozenset("ў"),
}


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# The commonest short words, which carry no topic.
_WORDS: dict[str, frozenset[str]] = {
    "en": _words("the and of to in is that for was with on as by"),
    "ru": _words("и в не на что с по как из это для от он его к о"),
    "kk": _words("және бұл мен деп үшін да де бойынша болып"),
    "ky": _words("жана бул менен деп үчүн да дагы боюнча болуп"),
    "tg": _words("ва дар аз ба бо ки барои ин"),
    "uz": _words("va bilan uchun bu ham esa edi qilib билан учун ва"),
    "tk": _words("we bilen üçin bu hem-de hem bolup boýunça"),
}
_ALL_LETTERS: frozenset[str] = frozenset().union(*_LETTERS.values())
_WORD = re.compile(r"\w+(?:-\w+)?")


def detect_language(text: str) -> str:
    """The BCP 47 primary subtag of `text`'s language, or "und" when it cannot be told."""
    sample = text[:_SAMPLE_CHARS].lower()
    scripts: Counter[str] = Counter()
    for ch, n in Counter(sample).items():  # a text has few distinct characters, many of each
        if ch.isalpha():
            scripts[_script(ch)] += n
    cyrillic, latin = scripts["cyrillic"], scripts["latin"]
    if cyrillic + latin < _MIN_LETTERS:
        return UNDETERMINED_LANGUAGE
    words = Counter(_WORD.findall(sample))
    if cyrillic > latin:
        return _cyrillic_language(sample, words)
    return _best_by_words(words, ("en", "uz", "tk")) or UNDETERMINED_LANGUAGE


@cache
def _script(ch: str) -> str:
    """A letter's script, remembered: `unicodedata.name` for every letter of every text was
    most of a detection."""
    if "a" <= ch <= "z":
        return "latin"
    name = unicodedata.name(ch, "")
    if name.startswith("CYRILLIC"):
        return "cyrillic"
    if name.startswith("LATIN"):
        return "latin"
    return "other"


def _cyrillic_language(sample: str, words: Counter[str]) -> str:
    letters = Counter(ch for ch in sample if ch in _ALL_LETTERS)
    for language, unique in _UNIQUE.items():
        if sum(letters[ch] for ch in unique) >= 2:
            return language
    by_words = _best_by_words(words, ("ru", "kk", "ky", "tg", "uz"))
    if by_words not in (None, "ru"):
        return by_words
    if sum(letters[ch] for ch in _LETTERS["ky"]) >= 3:
        return "ky"
    return "ru"


def _best_by_words(words: Counter[str], languages: tuple[str, ...]) -> str | None:
    hits = {language: sum(words[w] for w in _WORDS[language]) for language in languages}
    best = max(hits, key=lambda language: hits[language])
    return best if hits[best] >= 2 else None
