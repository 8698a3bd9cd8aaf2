"""Recursive descent over syntax tokens: OR binds tighter than the implicit AND, NOT/`-`
binds tightest, parentheses group, `field:` applies to a word, a phrase or a group."""

from __future__ import annotations

from index.errors import SearchSyntaxError
from index.syntax import (
    MAX_DEPTH,
    MAX_LEAVES,
    Node,
    Token,
    Tree,
    count_leaves,
    phrase_leaf,
    split_field,
    tokenize,
    word_leaf,
)


def parse(text: str) -> Tree | None:
    """The tree of `text`, or None when it holds nothing to search for."""
    parser = _Parser(tokenize(text))
    tree = parser.conjunction(0, None)
    if count_leaves(tree) > MAX_LEAVES:
        raise SearchSyntaxError(f"The search has too many terms (at most {MAX_LEAVES}).")
    return tree


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.at = 0

    def peek(self) -> Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> Token:
        self.at += 1
        return self.tokens[self.at - 1]

    def is_op(self, name: str) -> bool:
        token = self.peek()
        return token is not None and token.kind == "word" and token.text == name

    def conjunction(self, depth: int, field: str | None) -> Tree | None:
        if depth > MAX_DEPTH:
            raise SearchSyntaxError(
                f"The search nests parentheses too deeply (at most {MAX_DEPTH} levels)."
            )
        parts: list[Tree] = []
        while (token := self.peek()) is not None and token.kind != "rp":
            if self.is_op("AND") or self.is_op("OR"):
                self.take()  # dangling or doubled operators read as nothing
                continue
            if (part := self.disjunction(depth, field)) is not None:
                parts.append(part)
        return _combine("and", parts)

    def disjunction(self, depth: int, field: str | None) -> Tree | None:
        parts = [self.unary(depth, field)]
        while self.is_op("OR"):
            self.take()
            if self.peek() is not None and not self.is_op("OR"):
                parts.append(self.unary(depth, field))
        return _combine("or", [part for part in parts if part is not None])

    def unary(self, depth: int, field: str | None) -> Tree | None:
        negated = False
        while self.is_op("NOT"):
            self.take()
            negated = not negated
        if self.peek() is None:
            return None
        tree = self.primary(depth, field)
        if isinstance(tree, Node) and tree.op == "not" and tree.children:
            negated, tree = not negated, tree.children[0]
        return Node("not", (tree,)) if negated and tree is not None else tree

    def primary(self, depth: int, field: str | None) -> Tree | None:
        token = self.take()
        if token.kind == "rp":
            return None  # a stray ")" reads as nothing
        if token.kind == "lp":
            return self.group(depth, field)
        if token.kind == "phrase":
            return phrase_leaf(token, field)
        return self.word(token, depth, field)

    def group(self, depth: int, field: str | None) -> Tree | None:
        tree = self.conjunction(depth + 1, field)
        if self.peek() is not None:
            self.take()  # the ")"; a missing one closes at the end of the text
        return tree

    def word(self, token: Token, depth: int, field: str | None) -> Tree | None:
        raw, start = token.text, token.start
        negated = False
        while raw[:1] in ("-", "+"):
            negated ^= raw[0] == "-"
            raw, start = raw[1:], start + 1
        named, value, start = split_field(raw, start)
        field = named or field
        tree = word_leaf(value, start, field) if value else self.glued(token, depth, field, named)
        return Node("not", (tree,)) if negated and tree is not None else tree

    def glued(self, token: Token, depth: int, field: str | None, named: str | None) -> Tree | None:
        """`-"a phrase"`, `title:"a phrase"`, `-(a b)`, `title:(a b)`: prefix glued to the next."""
        following = self.peek()
        if following is not None and following.start == token.end and following.kind != "rp":
            return self.primary(depth, field)
        if named is not None:
            raise SearchSyntaxError(f"'{named}:' needs a value after the colon.")
        return None


def _combine(op: str, parts: list[Tree]) -> Tree | None:
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Node(op, tuple(parts))
