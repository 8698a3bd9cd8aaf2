"""Telling headlines, sub-headings and paragraphs apart on a plain-text page.

A digest page has no markup, only typography. Headlines are Title Case and carry no closing
punctuation except "?"; sub-headings are short sentence-case lines without closing
punctuation (or a short question, in a Q&A); everything else is a paragraph.
"""

from __future__ import annotations

import re

# Words Title Case leaves in lower case (Chicago and AP style, merged).
# fmt: off
SMALL_WORDS = frozenset({
    "a", "an", "and", "as", "at", "but", "by", "en", "for", "from", "if", "in", "into", "nor",
    "not", "of", "off", "on", "onto", "or", "out", "over", "per", "so", "than", "the", "to",
    "up", "upon", "via", "vs", "with", "yet",
})
# fmt: on
SENTENCE_END = tuple(".!?:;,…”\"'’)")
MAX_HEADLINE_WORDS = 25
MAX_SUBHEADING_WORDS = 10
MAX_QUESTION_WORDS = 20
_LETTERS = re.compile(r"[^\W\d_]")


def is_headline(line: str) -> bool:
    """Title Case, two words or more, no closing punctuation except "?"."""
    words = line.split()
    if not 2 <= len(words) <= MAX_HEADLINE_WORDS:
        return False
    if line.endswith(SENTENCE_END) and not line.endswith("?"):
        return False
    capitalised = [_is_capitalised(w) for w in words]
    if not capitalised[0] or sum(capitalised) < 2:
        return False
    return all(
        cap or _bare(word) in SMALL_WORDS or not _LETTERS.search(word)
        for word, cap in zip(words, capitalised, strict=True)
    )


def is_subheading(line: str) -> bool:
    """A short label in sentence case ("The future"), or a short question ("Why now?")."""
    words = line.split()
    if not words or not _is_capitalised(words[0]):
        return False
    if line.endswith("?"):
        return len(words) <= MAX_QUESTION_WORDS
    return len(words) <= MAX_SUBHEADING_WORDS and not line.endswith(SENTENCE_END)


def ends_sentence(line: str) -> bool:
    """Whether a line ends the way a paragraph does."""
    return line.endswith(SENTENCE_END)


def _is_capitalised(word: str) -> bool:
    """The first letter or digit is upper case or a digit (“Quoted” and 9/11 count)."""
    for char in word:
        if char.isalnum():
            return char.isupper() or char.isdigit()
    return False


def _bare(word: str) -> str:
    return word.strip("“”\"'‘’()[],:;–—-").lower()
