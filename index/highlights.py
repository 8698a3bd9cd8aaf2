"""Snippets for the hits of one page, from stored character offsets (no re-analysis).

Text around the marks is HTML-escaped, so an article containing `<script>` cannot inject
markup: only our `<mark>` tags are live.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from typing import Any

from whoosh import query as wq
from whoosh.analysis import Token
from whoosh.highlight import (
    FIRST,
    BasicFragmentScorer,
    Formatter,
    Fragment,
    PinpointFragmenter,
    top_fragments,
)
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from index import fields as f
from index.results import Highlight

_MAX_EXPANSIONS = 64  # a prefix such as "ka*" highlights at most this many index terms
_FRAGMENTS = 3
_FRAGMENTER = PinpointFragmenter(maxchars=200, surround=50, autotrim=True)
_SCORER = BasicFragmentScorer()
_ELLIPSIS = "…"
_SPACES = re.compile(r"\s+")  # paragraph breaks inside a snippet read as one space


class MarkFormatter(Formatter):
    """Wraps matches in <mark>…</mark> and escapes everything else."""

    def _text(self, text: str) -> str:
        return html.escape(_SPACES.sub(" ", text), quote=False)

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return f"<mark>{html.escape(text[token.startchar : token.endchar], quote=False)}</mark>"


_FORMATTER = MarkFormatter()
_SOURCE_FIELDS = frozenset(name for names in f.HIGHLIGHT_SOURCES.values() for name in names)


def matched_terms(query: wq.Query, reader: IndexReader) -> dict[str, set[bytes]]:
    """The index terms a query asks for (not those it excludes), by highlighted field."""
    found: dict[str, set[bytes]] = defaultdict(set)
    _collect_terms(query, reader, found)
    return found


def _collect_terms(query: wq.Query, reader: IndexReader, found: dict[str, set[bytes]]) -> None:
    if isinstance(query, wq.Not):
        return
    if isinstance(query, wq.AndNot):
        _collect_terms(query.a, reader, found)
    elif query.is_leaf() or isinstance(query, wq.Phrase):
        for fieldname, text in query.existing_terms(reader, expand=True):
            if fieldname in _SOURCE_FIELDS and len(found[fieldname]) < _MAX_EXPANSIONS:
                found[fieldname].add(text)
    else:
        for child in query.children():
            _collect_terms(child, reader, found)


def highlight_page(
    searcher: Searcher, terms: dict[str, set[bytes]], docnums: list[int]
) -> dict[int, tuple[Highlight, ...]]:
    spans = {name: _merged_spans(searcher, name, terms, docnums) for name in f.HIGHLIGHT_FIELDS}
    page: dict[int, tuple[Highlight, ...]] = {}
    for docnum in docnums:
        fields = [name for name in f.HIGHLIGHT_FIELDS if docnum in spans[name]]
        stored = searcher.reader().stored_fields(docnum) if fields else {}
        snippets = (
            (name, _snippet(name, stored.get(name, ""), spans[name][docnum])) for name in fields
        )
        page[docnum] = tuple(Highlight(name, snippet) for name, snippet in snippets if snippet)
    return page


def _merged_spans(
    searcher: Searcher, fieldname: str, terms: dict[str, set[bytes]], docnums: list[int]
) -> dict[int, list[tuple[int, int]]]:
    """The spans of a field's own matched terms and of its cross-script twin's: both index
    the same stored text, so a Latin query marks the Cyrillic word it matched."""
    merged: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for source in f.HIGHLIGHT_SOURCES[fieldname]:
        for docnum, found in _spans(searcher, source, terms.get(source, set()), docnums).items():
            merged[docnum].extend(found)
    return merged


def _spans(
    searcher: Searcher, fieldname: str, terms: set[bytes], docnums: list[int]
) -> dict[int, list[tuple[int, int]]]:
    """docnum → (startchar, endchar) of every matched term occurrence in the field."""
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    ordered = sorted(docnums)
    for term in terms:
        matcher = searcher.postings(fieldname, term)
        for docnum in ordered:
            if not matcher.is_active():
                break
            matcher.skip_to(docnum)
            if matcher.is_active() and matcher.id() == docnum:
                spans[docnum].extend((s, e) for _, s, e in matcher.value_as("characters"))
    return spans


def _snippet(fieldname: str, text: str, spans: list[tuple[int, int]]) -> str:
    tokens = [
        Token(text=text[s:e].lower(), startchar=s, endchar=e, boost=1.0)
        for s, e in sorted(set(spans))
        if e <= len(text)
    ]
    if not tokens:
        return ""
    if fieldname == f.TITLE:
        return _FORMATTER.format_fragment(Fragment(text, tokens, 0, len(text)))
    fragments = top_fragments(
        _FRAGMENTER.fragment_matches(text, tokens), _FRAGMENTS, _SCORER, FIRST, minscore=1
    )
    parts = [_FORMATTER.format_fragment(fragment).strip() for fragment in fragments]
    lead = _ELLIPSIS if fragments and fragments[0].startchar > 0 else ""
    tail = _ELLIPSIS if fragments and fragments[-1].endchar < len(text) else ""
    return lead + f" {_ELLIPSIS} ".join(parts) + tail
