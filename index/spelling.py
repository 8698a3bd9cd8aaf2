""" "Did you mean": correct words that find nothing, from the index's own vocabulary."""

from __future__ import annotations

from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from index import fields as f
from index.analysis import Word, is_stop_word


def suggest(searcher: Searcher, text: str, spelled: tuple[Word, ...]) -> str | None:
    """`text` with each unknown word replaced by its nearest indexed word, keeping the user's
    casing; None when every word is known or nothing close is."""
    reader = searcher.reader()
    replacements: list[tuple[Word, str]] = []
    for word in spelled:
        if len(word.folded) < 3 or is_stop_word(word.folded) or _known(reader, word):
            continue
        if (correction := _nearest(searcher, word.folded)) is not None:
            replacements.append((word, _cased(text[word.start : word.end], correction)))
    if not replacements:
        return None
    for word, replacement in sorted(replacements, key=lambda r: r[0].start, reverse=True):
        text = text[: word.start] + replacement + text[word.end :]
    return text


def _known(reader: IndexReader, word: Word) -> bool:
    """Known as written, or in another script or spelling (Жапаров for "Zhaparov")."""
    if any((name, word.stem.encode()) in reader for name in f.DEFAULT_FIELDS):
        return True
    key = word.key.encode()
    return bool(key) and any((twin, key) in reader for twin in f.FOLDED.values())


def _nearest(searcher: Searcher, folded: str) -> str | None:
    """Whoosh's reader corrector ranks only by frequency within `maxdist`, so widen the
    distance step by step to prefer the closest word."""
    reader = searcher.reader()
    for distance in (1, 2):
        for fieldname in f.SPELLING_FIELDS:
            found = reader.corrector(fieldname).suggest(folded, limit=1, maxdist=distance, prefix=1)
            if found:
                return str(found[0])
    return None


def _cased(original: str, correction: str) -> str:
    if original.isupper() and len(original) > 1:
        return correction.upper()
    if original[:1].isupper():
        return correction[:1].upper() + correction[1:]
    return correction
