"""Whitespace as pages really come: non-breaking spaces, runs of blanks, CRLF, a BOM."""

from __future__ import annotations

import re

# Every Unicode space separator (NBSP, thin and narrow spaces, ...) plus tabs, but no newline.
_SPACES = re.compile(r"[^\S\n]+")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def tidy(text: str) -> str:
    """One line of text with each run of spaces made one plain space and the ends stripped.

    Typography (’ – “ ”) is kept as published: only spacing changes.
    """
    if _ZERO_WIDTH.search(text):
        text = _ZERO_WIDTH.sub("", text)
    if "\n" in text:
        return _SPACES.sub(" ", text).strip()
    # Without newlines, str.split() splits on exactly the characters `\s` matches: 2-3× faster.
    return " ".join(text.split())


def split_lines(text: str) -> list[str]:
    """The lines of a file, whatever its line endings, with a leading BOM dropped."""
    return text.removeprefix("\ufeff").splitlines()
