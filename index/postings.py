"""A term's postings in one segment as numpy arrays, read straight from Whoosh's blocks.

Whoosh's matchers hand out one posting per Python call; here a block of up to 128 postings
becomes array slices in one step. The doc numbers are the segment's own, *including* deleted
documents (Whoosh's doc frequency counts them too, and BM25's idf must match); deletions are
masked later, per search. Positions are read only for phrases, into sorted int64 keys
`docnum << 32 | position` so a phrase check is a `searchsorted` over whole arrays.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.reading import IndexReader
from whoosh.util.numlists import delta_decode

IntArray = npt.NDArray[np.int32]
KeyArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float32]

_EMPTY_DOCS: IntArray = np.zeros(0, dtype=np.int32)
_EMPTY_WEIGHTS: FloatArray = np.zeros(0, dtype=np.float32)
POSITION_BITS = 32


@dataclass(frozen=True, slots=True)
class Postings:
    docs: IntArray  # ascending segment doc numbers
    weights: FloatArray  # term frequency (weight) per doc

    @property
    def nbytes(self) -> int:
        return int(self.docs.nbytes + self.weights.nbytes) + 64


EMPTY = Postings(_EMPTY_DOCS, _EMPTY_WEIGHTS)


def read_postings(reader: IndexReader, fieldname: str, btext: bytes) -> Postings:
    matcher = _raw_matcher(reader, fieldname, btext)
    if matcher is None:
        return EMPTY
    ids: list[int] = []
    weights: list[float] = []
    if isinstance(matcher, W3LeafMatcher):
        for block_ids, block_weights, _ in _blocks(matcher, values=False):
            ids.extend(block_ids)
            weights.extend(block_weights)
    else:
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
    return Postings(np.asarray(ids, dtype=np.int32), np.asarray(weights, dtype=np.float32))


def read_position_keys(reader: IndexReader, fieldname: str, btext: bytes) -> KeyArray:
    """Every occurrence of the term in the segment as `docnum << 32 | position`, ascending."""
    matcher = _raw_matcher(reader, fieldname, btext)
    if matcher is None:
        return np.zeros(0, dtype=np.int64)
    fmt: Any = reader.schema[fieldname].format
    decode = fmt.decode_positions
    docs: list[int] = []
    counts: list[int] = []
    positions: list[int] = []
    if isinstance(matcher, W3LeafMatcher):
        for block_ids, _, values in _blocks(matcher, values=True):
            for docnum, value in zip(block_ids, values, strict=True):
                found = decode(value)
                docs.append(docnum)
                counts.append(len(found))
                positions.extend(found)
    else:
        while matcher.is_active():
            found = decode(matcher.value())
            docs.append(matcher.id())
            counts.append(len(found))
            positions.extend(found)
            matcher.next()
    doc_keys = np.repeat(np.asarray(docs, dtype=np.int64), np.asarray(counts, dtype=np.int64))
    keys: KeyArray = (doc_keys << POSITION_BITS) | np.asarray(positions, dtype=np.int64)
    return keys


@dataclass(frozen=True, slots=True)
class BlockDirectory:
    """Where each posting block of a term starts in the postings file, and its last doc:
    Whoosh chains its blocks (each header says where the next begins), so finding the block
    of a doc means reading every header before it; read once, a page's docs are found by
    bisection instead."""

    offsets: tuple[int, ...]
    max_ids: tuple[int, ...]  # ascending

    @property
    def nbytes(self) -> int:
        return 16 * len(self.offsets) + 64


@dataclass(frozen=True, slots=True)
class ValueBlock:
    """One posting block's doc numbers and encoded values (character offsets, positions)."""

    ids: tuple[int, ...]
    values: tuple[bytes, ...]

    @property
    def nbytes(self) -> int:
        return 8 * len(self.ids) + sum(len(v) + 33 for v in self.values) + 128


NO_BLOCKS = BlockDirectory((), ())


def read_block_directory(
    reader: IndexReader, fieldname: str, btext: bytes
) -> BlockDirectory | None:
    """The term's block directory in the segment; None where the codec is not Whoosh 3's."""
    matcher = _raw_matcher(reader, fieldname, btext)
    if matcher is None:
        return NO_BLOCKS
    if not isinstance(matcher, W3LeafMatcher):
        return None
    leaf: Any = matcher  # its block fields are private and untyped
    offsets: list[int] = []
    max_ids: list[int] = []
    offset = leaf._baseoffset
    while True:
        offsets.append(offset)
        max_ids.append(leaf._maxid)
        if leaf._lastblock:
            break
        offset = leaf._nextoffset
        leaf._goto(offset)
    return BlockDirectory(tuple(offsets), tuple(max_ids))


def read_value_block(reader: IndexReader, fieldname: str, btext: bytes, offset: int) -> ValueBlock:
    """The block at `offset` (from the term's `BlockDirectory`), decoded as Whoosh does."""
    matcher = _raw_matcher(reader, fieldname, btext)
    matcher._goto(offset)
    matcher._read_ids()
    matcher._read_values()
    return ValueBlock(tuple(matcher._ids), tuple(matcher._values))


def _raw_matcher(reader: IndexReader, fieldname: str, btext: bytes) -> Any:
    """The segment's matcher without Whoosh's deletion filter (see the module docstring)."""
    if (fieldname, btext) not in reader:
        return None
    fmt = reader.schema[fieldname].format
    return reader._terms.matcher(fieldname, btext, fmt)  # type: ignore[attr-defined]


def _blocks(matcher: Any, values: bool) -> Any:
    """(ids, weights, values) of each block, decoded as Whoosh's own readers decode them."""
    while matcher.is_active():
        matcher._read_data()
        raw_ids, raw_weights = matcher._data[:2]
        count = matcher._blocklength
        ids = raw_ids if matcher._byteids else list(delta_decode(raw_ids))
        if raw_weights is None:
            weights: Any = [1.0] * count
        elif isinstance(raw_weights, float):
            weights = [raw_weights] * count
        else:
            weights = raw_weights
        block_values: Any = None
        if values:
            matcher._read_values()
            block_values = matcher._values
        yield ids, weights, block_values
        matcher._next_block()
