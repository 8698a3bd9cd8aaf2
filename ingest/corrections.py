"""Correction notes: a line of an article that starts `Correction:` or `Clarification:`.

Such a line is the newsroom's note about the article, not part of its story, so it becomes a
block of kind "correction": kept in `body` as printed, left out of `paragraphs` and the lede,
and listed in `Article.corrections`.
"""

from __future__ import annotations

import re

from store.records import Block

_LABEL = re.compile(r"(?:corrections?|clarifications?)\s*:\s*\S", re.IGNORECASE)


def is_correction(text: str) -> bool:
    return _LABEL.match(text) is not None


def as_block(text: str, otherwise: Block) -> Block:
    """The block `text` makes: a correction when it says so, else `otherwise`."""
    return Block(text, "correction") if is_correction(text) else otherwise
