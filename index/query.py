"""User search text → a Whoosh query, plus what "did you mean" needs to know about it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from whoosh import query as wq

from index import fields as f
from index.analysis import Word, is_stop_word, words
from index.errors import SearchSyntaxError
from index.parser import parse
from index.syntax import Leaf, Node, Tree

# user field → (full-text fields, keyword fields matched on the exact lower-cased value)
_TARGETS: dict[str | None, tuple[tuple[str, ...], tuple[str, ...]]] = {
    None: (f.DEFAULT_FIELDS, ()),
    "title": ((f.TITLE,), ()),
    "body": ((f.BODY,), ()),
    "author": ((f.AUTHOR,), (f.AUTHOR_KEY,)),
    "country": ((f.COUNTRY,), (f.COUNTRY_KEY,)),
    "organization": ((f.ORGANIZATION,), (f.ORGANIZATION_KEY,)),
    "person": ((f.PERSON,), (f.PERSON_KEY,)),
}
_SPELLED_FIELDS = (None, "title", "body", "author")


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    query: wq.Query
    spelled: tuple[Word, ...]  # positive words worth spell-checking, offsets into the text


def parse_query(text: str) -> ParsedQuery:
    tree = parse(text)
    keep_stops = not _has_content(tree)
    compiler = _Compiler(keep_stops)
    query = compiler.compile(tree, positive=True)
    if query is None:
        raise SearchSyntaxError("The search text has no words to search for.")
    if isinstance(query, wq.Not):
        query = wq.AndNot(wq.Every(), query.query)
    return ParsedQuery(query, tuple(compiler.spelled))


def _has_content(tree: Tree | None) -> bool:
    """Whether anything but stop words is asked for; if not, stop words are searched."""
    if tree is None:
        return False
    if isinstance(tree, Node):
        return any(_has_content(child) for child in tree.children)
    return tree.kind != "word" or any(not is_stop_word(w.folded) for w in words(tree.text))


class _Compiler:
    def __init__(self, keep_stops: bool) -> None:
        self.keep_stops = keep_stops
        self.spelled: list[Word] = []

    def compile(self, tree: Tree | None, positive: bool) -> wq.Query | None:
        if tree is None:
            return None
        if isinstance(tree, Leaf):
            return self.leaf(tree, positive)
        if tree.op == "not":
            inner = self.compile(tree.children[0], not positive)
            return wq.Not(inner) if inner is not None else None
        parts = [q for c in tree.children if (q := self.compile(c, positive)) is not None]
        if tree.op == "or":
            return _either(parts)
        return _all(parts)

    def leaf(self, leaf: Leaf, positive: bool) -> wq.Query | None:
        found = list(words(leaf.text))
        texts, keys = _TARGETS[leaf.field]
        if leaf.kind == "prefix":
            if not found:
                return None
            last = found[-1]  # a keyed field (person) holds keys: "Tokayev*" is "tokaev*"
            return _either(
                [wq.Prefix(n, last.key if n in f.KEYED_FIELDS else last.folded) for n in texts]
            )
        stops_only = all(is_stop_word(w.folded) for w in found)
        if leaf.kind == "word" and stops_only and not self.keep_stops:
            return None
        if positive and leaf.field in _SPELLED_FIELDS:
            self.spelled.extend(_shifted(w, leaf.start) for w in found)
        stems = [w.stem for w in found]
        spellings = [w.key for w in found]
        options = [
            _words_query(name, spellings if name in f.KEYED_FIELDS else stems)
            for name in texts
            if stems and (name not in f.KEYED_FIELDS or all(spellings))
        ]
        if spellings and all(spellings):
            twins = [f.FOLDED[name] for name in texts if name in f.FOLDED]
            options += [_words_query(name, spellings, f.FOLD_BOOST) for name in twins]
        key = re.sub(r"\s+", " ", leaf.text.strip(" \t\n.,;:!?'\"").lower())
        options += [wq.Term(name, key) for name in keys if key]
        return _either(options)


def _words_query(fieldname: str, stems: list[str], boost: float = 1.0) -> wq.Query:
    if len(stems) == 1:
        return wq.Term(fieldname, stems[0], boost=boost)
    return wq.Phrase(fieldname, stems, boost=boost)


def _shifted(word: Word, offset: int) -> Word:
    return Word(word.folded, word.stem, word.start + offset, word.end + offset, word.key)


def _either(parts: list[wq.Query]) -> wq.Query | None:
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.Or(parts)


def _all(parts: list[wq.Query]) -> wq.Query | None:
    positives = [q for q in parts if not isinstance(q, wq.Not)]
    negatives = [q.query for q in parts if isinstance(q, wq.Not)]
    if not negatives:
        return None if not positives else positives[0] if len(positives) == 1 else wq.And(positives)
    if not positives:
        return wq.Not(_either(negatives) or wq.NullQuery)
    included = positives[0] if len(positives) == 1 else wq.And(positives)
    return wq.AndNot(included, _either(negatives) or wq.NullQuery)
