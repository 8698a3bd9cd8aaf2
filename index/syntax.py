"""Reading user search text into a small tree, before any Whoosh type is involved.

The grammar is forgiving where a reading is obvious (an unclosed quote runs to the end, a
missing `)` closes at the end, a dangling OR/NOT is ignored) and strict where guessing would
surprise (unknown fields, leading or inner wildcards, absurd sizes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.errors import SearchSyntaxError

USER_FIELDS = ("title", "body", "author", "country", "organization", "person")
MAX_TEXT = 1000
MAX_DEPTH = 12
MAX_LEAVES = 32

_TOKEN = re.compile(r'(?P<ws>\s+)|(?P<lp>\()|(?P<rp>\))|(?P<phrase>"[^"]*"?)|(?P<word>[^\s()"]+)')
_FIELD = re.compile(r"([A-Za-z_]+):(.*)", re.DOTALL)
_INNER_WILDCARD = re.compile(r"\w\?+\w")
_FUZZY_OR_BOOST = re.compile(r"[~^][\d.]*$")


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # "lp", "rp", "phrase" or "word"
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Leaf:
    kind: str  # "word", "phrase" or "prefix"
    text: str  # the value, without field name, quotes or stars
    start: int  # offset of `text` in the user's text
    field: str | None


@dataclass(frozen=True, slots=True)
class Node:
    op: str  # "and", "or" or "not"
    children: tuple[Node | Leaf, ...]


Tree = Node | Leaf


def tokenize(text: str) -> list[Token]:
    if len(text) > MAX_TEXT:
        raise SearchSyntaxError(f"The search text is too long (at most {MAX_TEXT} characters).")
    tokens = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "ws"
        if kind != "ws":
            tokens.append(Token(kind, match.group(), match.start(), match.end()))
    return tokens


def split_field(raw: str, start: int) -> tuple[str | None, str, int]:
    """`title:Taliban` → ("title", "Taliban", offset of the value)."""
    match = _FIELD.fullmatch(raw)
    if match is None:
        return None, raw, start
    name, value = match.group(1).lower(), match.group(2)
    if name in USER_FIELDS:
        return name, value, start + match.start(2)
    if value.strip(":") and re.search(r"\w", value):
        valid = ", ".join(USER_FIELDS)
        raise SearchSyntaxError(f"Unknown field '{match.group(1)}:'; valid fields are {valid}.")
    return None, raw, start  # "Note: ..." reads as a word


def word_leaf(value: str, start: int, field: str | None) -> Leaf | None:
    value = _FUZZY_OR_BOOST.sub("", value)  # fuzzy "~" and boost "^" are not offered
    if _INNER_WILDCARD.search(value):
        raise SearchSyntaxError(
            f"'?' wildcards are not supported (in '{value}'); use a trailing '*'."
        )
    if value.startswith("*") and value.strip("*"):
        raise SearchSyntaxError(f"Leading wildcards are not supported (in '{value}').")
    stripped = value.rstrip("*")
    if "*" in stripped:
        raise SearchSyntaxError(f"'*' is only allowed at the end of a word (in '{value}').")
    if stripped != value:
        if len(re.sub(r"\W", "", stripped)) < 2:
            raise SearchSyntaxError(f"A prefix needs at least 2 letters before '*' (in '{value}').")
        return Leaf("prefix", stripped, start, field)
    return Leaf("word", value, start, field) if value else None


def phrase_leaf(token: Token, field: str | None) -> Leaf | None:
    inner = token.text[1:-1] if token.text.endswith('"') and len(token.text) > 1 else token.text[1:]
    return Leaf("phrase", inner, token.start + 1, field) if inner.strip() else None


def count_leaves(tree: Tree | None) -> int:
    if tree is None:
        return 0
    if isinstance(tree, Leaf):
        return 1
    return sum(count_leaves(child) for child in tree.children)
