"""How text becomes terms, identically when indexing and when querying.

Built only from Whoosh's own tokenizer and filters so the pickled Whoosh schema never refers
to our classes (renaming a module of ours must not make an index unreadable).
Stop words are indexed on purpose: phrases such as "state of the art" stay exact, and a text
made only of stop words still finds something. The query side keeps them out of scoring.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from whoosh.analysis import (
    STOP_WORDS,
    Analyzer,
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    SubstitutionFilter,
)
from whoosh.lang.porter import stem as porter_stem
from whoosh.support.charset import accent_map

# A word, possibly with inner apostrophes (straight or typographic): "Kazakhstan’s", "O'Neil".
WORD_PATTERN = r"\w+(?:['’]\w+)*"


def _folding() -> Analyzer:
    return (
        RegexTokenizer(WORD_PATTERN)
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | SubstitutionFilter(r"['’]s$", "")  # possessive: "kazakhstan’s" -> "kazakhstan"
        | SubstitutionFilter(r"['’]", "")  # "o'neil" -> "oneil", "don’t" -> "dont"
    )


def text_analyzer() -> Analyzer:
    """The analyzer of every full-text field: fold case, accents and apostrophes, then stem."""
    return _folding() | StemFilter(stemfn=porter_stem)


FOLDING = _folding()


def stem(word: str) -> str:
    """The stem the indexing analyzer gives an already folded word."""
    return cast(str, porter_stem(word))


def is_stop_word(folded: str) -> bool:
    return folded in STOP_WORDS


@dataclass(frozen=True, slots=True)
class Word:
    """One word of user text: its folded form, its stem and where it sits in that text."""

    folded: str
    stem: str
    start: int
    end: int


def words(text: str) -> Iterator[Word]:
    """The words of `text` as the index sees them, with character offsets for rewriting."""
    for token in FOLDING(text, chars=True, mode="query"):
        yield Word(token.text, stem(token.text), token.startchar, token.endchar)
