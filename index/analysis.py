"""How text becomes terms, identically when indexing and when querying.

Built from Whoosh's own tokenizer plus filters of ours, which the pickled Whoosh schema
refers to by name: renaming or moving `FoldFilter`, `ScriptStemFilter` or `CrossScriptFilter`
needs a new `fields.LAYOUT_VERSION`, so an index naming the old ones is replaced unread.
(Indexes written before `FoldFilter` name Whoosh's four filters it stands for, which give the
same terms, so they stay valid.)

Words are stemmed by their script: Cyrillic words with the Russian Snowball stemmer (and
surnames in -ов/-ев/-ин and countries in -стан kept whole, so Жапаров, Жапарова and
Жапаровым meet at one stem where Snowball would cut the nominative to "жапар"), every
other word with Porter's English stemmer. A Russian article quoting an English name, or an
English one quoting a Russian phrase, is stemmed right word by word, and a query needs no
language to be analysed.
Stop words are indexed on purpose: phrases such as "state of the art" stay exact, and a text
made only of stop words still finds something. The query side keeps them out of scoring.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from whoosh.analysis import (
    STOP_WORDS,
    Analyzer,
    Filter,
    RegexTokenizer,
    Token,
)
from whoosh.lang import stemmer_for_language
from whoosh.lang.porter import stem as porter_stem
from whoosh.support.charset import accent_map

from index.scripts import cross_script_key

# A word, possibly with inner apostrophes (straight or typographic): "Kazakhstan’s", "O'Neil".
WORD_PATTERN = r"\w+(?:['’]\w+)*"


_POSSESSIVE = re.compile(r"['’]s$")  # "kazakhstan’s" -> "kazakhstan"
_APOSTROPHES = re.compile(r"['’ʻʼ]")  # "o'neil" -> "oneil", "oʻzbek" -> "ozbek"
# Whoosh builds accent_map keyed by code point and annotates it by character
_ACCENTS = cast(dict[int, str], accent_map)


@lru_cache(maxsize=65_536)
def fold(word: str) -> str:
    """A word lower-cased, accents folded, a possessive and inner apostrophes dropped: what
    Whoosh's LowercaseFilter, CharsetFilter(accent_map) and two SubstitutionFilters give, in
    that order, remembered per word (an archive's words repeat; its analysis was most of an
    ingest)."""
    return _APOSTROPHES.sub("", _POSSESSIVE.sub("", word.lower().translate(_ACCENTS)))


class FoldFilter(Filter):
    """`fold` on every token: one pass where the four Whoosh filters made four."""

    # Whoosh's Filter and Composable disagree on this signature; Filter's is the one used.
    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:  # type: ignore[override]
        for token in tokens:
            token.text = fold(token.text)
            yield token


def _folding() -> Analyzer:
    return RegexTokenizer(WORD_PATTERN) | FoldFilter()


_russian_stem = stemmer_for_language("ru")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# A Russian surname or a country in -стан, and its case endings (after accent folding, so й
# reads и and ё reads е). Snowball cuts both inconsistently: Жапаров → "жапар" but Жапарова →
# "жапаров"; Казахстан → "казахста" but Казахстане → "казахстан".
_SURNAME = re.compile(r"(\w{2,}(?:ов|ев|ин|ын|стан))(?:а|у|ым|ом|е|ои|ою|ы|ых|ыми)?")


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """The stem the indexing analyzer gives an already folded word, by its script."""
    if not _CYRILLIC.search(word):
        return cast(str, porter_stem(word))
    if surname := _SURNAME.fullmatch(word):
        return surname.group(1)
    return cast(str, _russian_stem(word))


class ScriptStemFilter(Filter):
    """Stems each folded token by its script (see the module docstring)."""

    # Whoosh's Filter and Composable disagree on this signature; Filter's is the one used.
    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:  # type: ignore[override]
        for token in tokens:
            if not token.stopped:
                token.text = stem(token.text)
            yield token


class CrossScriptFilter(Filter):
    """Turns each token into its spelling-proof key (index/scripts.py), for the `*_fold`
    fields. Only words a reader would spell differently get one: words in a non-Latin
    script or with letters beyond ASCII, and capitalized words (names). Lower-case English
    prose has one spelling, and leaving it out keeps the folded fields small."""

    # Whoosh's Filter and Composable disagree on this signature; Filter's is the one used.
    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:  # type: ignore[override]
        for token in tokens:
            word = token.text
            if word[:1].isupper() or not word.isascii():
                key = cross_script_key(word)
                if key:
                    token.text = key
                    yield token


def text_analyzer() -> Analyzer:
    """The analyzer of every full-text field: fold case, accents and apostrophes, then stem."""
    return _folding() | ScriptStemFilter()


def fold_analyzer() -> Analyzer:
    """The analyzer of the `*_fold` fields: the same words and positions, keyed across
    scripts and spellings (the tokenizer is the same, so offsets and positions agree)."""
    return RegexTokenizer(WORD_PATTERN) | CrossScriptFilter()


FOLDING = _folding()


def is_stop_word(folded: str) -> bool:
    return folded in STOP_WORDS


@dataclass(frozen=True, slots=True)
class Word:
    """One word of user text: its folded form, its stem, its cross-script key ("" when it
    has none) and where it sits in that text."""

    folded: str
    stem: str
    start: int
    end: int
    key: str = ""


def words(text: str) -> Iterator[Word]:
    """The words of `text` as the index sees them, with character offsets for rewriting."""
    for token in FOLDING(text, chars=True, mode="query"):
        start, end = token.startchar, token.endchar
        key = cross_script_key(text[start:end])
        yield Word(token.text, stem(token.text), start, end, key)
