"""The typography of a line on a plain-text page: could it be a title, a sub-heading, a
question, does it open with a dateline?

These are clues, not verdicts: `ingest.reading` weighs them with the line's context. A
headline is usually Title Case with no closing punctuation except "?" (or the closing quote of
a quoted title); a sub-heading is a short line without closing punctuation.
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
    if line.endswith(SENTENCE_END) and not line.endswith("?") and not _quoted_title(line):
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


# A closing quote mark after a word ends a quoted title (“Without Water There Is No Peace”),
# not a sentence; after ".", "," or "!" it ends a quoted sentence.
_QUOTED_TITLE_END = re.compile(r"[^\W_][”’\"']$")
# "ASTANA —", "SAMARKAND, Uzbekistan —", "ALMATY, March 24 (Kazinform) —": a city in capitals.
_DATELINE = re.compile(
    r"((?:[A-Z][A-Z’'.\-]{2,})(?: [A-Z][A-Z’'.\-]+){0,3}(?:, [^—–]{1,40}?)?) (?:—|–|--?) ?(?=\S)"
)


def is_title_like(line: str) -> bool:
    """A line that could stand as a title: short, capitalised, no closing punctuation except
    "?" or the closing quote of a quoted title. Typography only; context decides the rest."""
    words = line.split()
    if not 1 <= len(words) <= MAX_HEADLINE_WORDS or not _is_capitalised(words[0]):
        return False
    return not line.endswith(SENTENCE_END) or line.endswith("?") or _quoted_title(line)


def is_question(line: str) -> bool:
    """A short question standing alone, as interviewers put them."""
    words = line.split()
    ask = line.endswith("?") or line.endswith(("?”", '?"', "?’"))
    return ask and 1 <= len(words) <= MAX_QUESTION_WORDS and _is_capitalised(words[0])


def dateline(paragraph: str) -> str | None:
    """The dateline a paragraph opens with ("ASTANA —"), or None."""
    match = _DATELINE.match(paragraph)
    return match.group(0).strip() if match else None


def _quoted_title(line: str) -> bool:
    return bool(_QUOTED_TITLE_END.search(line))
