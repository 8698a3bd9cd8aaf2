"""Snippets for the hits of one page, from stored character offsets (no re-analysis).

Text around the marks is HTML-escaped, so an article containing `<script>` cannot inject
markup: only our `<mark>` tags are live.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
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
from index.postings import Postings
from index.results import Highlight
from index.segments import Segment

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


class TermArrays(Protocol):
    """What highlighting reads from the vectorized engine's caches."""

    def postings(self, segment: Segment, fieldname: str, btext: bytes) -> Postings: ...

    def characters(
        self, segment: Segment, fieldname: str, btext: bytes, docs: list[int]
    ) -> Iterator[tuple[int, list[tuple[int, int, int]]]]: ...


def highlight_page(
    searcher: Searcher,
    terms: dict[str, set[bytes]],
    docnums: list[int],
    segments: list[Segment],
    arrays: TermArrays,
) -> dict[int, tuple[Highlight, ...]]:
    """`arrays` is the vectorized engine: which page documents hold a term is known from its
    cached postings, so only those are read for character offsets, from its cached blocks."""
    local = _by_segment(docnums, segments)
    spans = {name: _merged_spans(name, terms, local, arrays) for name in f.HIGHLIGHT_FIELDS}
    page: dict[int, tuple[Highlight, ...]] = {}
    for docnum in docnums:
        fields = [name for name in f.HIGHLIGHT_FIELDS if docnum in spans[name]]
        stored = searcher.reader().stored_fields(docnum) if fields else {}
        snippets = (
            (name, _snippet(name, stored.get(name, ""), spans[name][docnum])) for name in fields
        )
        page[docnum] = tuple(Highlight(name, snippet) for name, snippet in snippets if snippet)
    return page


def _by_segment(
    docnums: list[int], segments: list[Segment]
) -> list[tuple[Segment, npt.NDArray[np.int64]]]:
    """The page's documents as ascending local numbers of the segments that hold them."""
    found = []
    for segment in segments:
        mine = sorted(
            d - segment.offset
            for d in docnums
            if segment.offset <= d < segment.offset + segment.doc_count
        )
        if mine:
            found.append((segment, np.array(mine, dtype=np.int64)))
    return found


def _merged_spans(
    fieldname: str,
    terms: dict[str, set[bytes]],
    local: list[tuple[Segment, npt.NDArray[np.int64]]],
    arrays: TermArrays,
) -> dict[int, list[tuple[int, int]]]:
    """The spans of a field's own matched terms and of its cross-script twin's: both index
    the same stored text, so a Latin query marks the Cyrillic word it matched."""
    merged: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for source in f.HIGHLIGHT_SOURCES[fieldname]:
        for term in terms.get(source, ()):
            for segment, docs in local:
                _add_spans(merged, segment, source, term, docs, arrays)
    return merged


def _add_spans(
    spans: dict[int, list[tuple[int, int]]],
    segment: Segment,
    fieldname: str,
    term: bytes,
    docs: npt.NDArray[np.int64],
    arrays: TermArrays,
) -> None:
    """(startchar, endchar) of every occurrence of `term` in the page's documents of one
    segment, under their global numbers."""
    holding = arrays.postings(segment, fieldname, term).docs
    present = docs[np.isin(docs, holding, assume_unique=True)]
    if not len(present):
        return
    for local, found in arrays.characters(segment, fieldname, term, present.tolist()):
        spans[segment.offset + local].extend((s, e) for _, s, e in found)


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
