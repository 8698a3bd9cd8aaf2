"""What the vectorized search needs of one Whoosh segment, as numpy arrays.

Segments never change once written (only their deletion set grows), so everything here is
read once per segment and kept in the engine's byte-budgeted cache under the segment's id:
the article id and date columns, the byte-quantized field lengths BM25F scores with (the
same 256-step table Whoosh uses), and each facet column as (doc, code) pairs over a small
vocabulary, so counting facets over any set of matches is one `bincount`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.reading import IndexReader
from whoosh.util.numeric import byte_to_length

from index import fields as f

# byte → field length, exactly Whoosh's decoding of its length bytes
LENGTH_OF_BYTE: npt.NDArray[np.float64] = np.array(
    [byte_to_length(b) for b in range(256)], dtype=np.float64
)


@dataclass(frozen=True, slots=True)
class FacetCodes:
    """One facet column: `codes[i]` is a value of doc `docs[i]`; `values[code]` its label."""

    docs: npt.NDArray[np.int32]
    codes: npt.NDArray[np.int32]
    values: tuple[str, ...]

    @property
    def nbytes(self) -> int:
        return int(self.docs.nbytes + self.codes.nbytes) + 64 * len(self.values)


@dataclass(frozen=True, slots=True)
class SegmentColumns:
    doc_count: int  # including deleted documents
    article_ids: npt.NDArray[np.int64]
    published: npt.NDArray[np.int64]  # date ordinals

    @property
    def nbytes(self) -> int:
        return int(self.article_ids.nbytes + self.published.nbytes)


@dataclass(slots=True)
class Segment:
    """One leaf reader of a searcher: where its doc numbers start, and its cached data."""

    reader: IndexReader
    offset: int  # global doc number of its doc 0
    segment_id: str
    columns: SegmentColumns
    live: npt.NDArray[np.bool_]  # not deleted and not the hidden revision document
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def doc_count(self) -> int:
        return self.columns.doc_count


def segment_id(reader: IndexReader) -> str:
    segment = reader.segment()
    return segment.segment_id() if segment is not None else f"reader-{id(reader)}"


def read_columns(reader: IndexReader) -> SegmentColumns:
    count = reader.doc_count_all()
    ids = np.fromiter(reader.column_reader(f.ARTICLE_ID, translate=True), np.int64, count)
    published = np.fromiter(reader.column_reader(f.PUBLISHED, translate=True), np.int64, count)
    return SegmentColumns(count, ids, published)


def live_mask(reader: IndexReader, columns: SegmentColumns, meta_id: int) -> npt.NDArray[np.bool_]:
    live: npt.NDArray[np.bool_] = columns.article_ids != meta_id
    segment = reader.segment()
    if segment is not None and reader.has_deletions():
        deleted = np.fromiter(segment.deleted_docs(), np.int64)
        live[deleted[deleted < columns.doc_count]] = False
    return live


def read_lengths(reader: IndexReader, fieldname: str) -> npt.NDArray[np.uint8]:
    """Every doc's length byte of the field (0 when absent); `LENGTH_OF_BYTE` decodes it."""
    count = reader.doc_count_all()
    raw = np.zeros(count, dtype=np.uint8)
    perdoc = reader._perdoc  # type: ignore[attr-defined]
    lenfield = f"_{fieldname}_len"
    if perdoc.has_column(lenfield):
        column = perdoc.column_reader(lenfield, LENGTHS_COLUMN)
        stored = min(column._count, count)
        data = column._dbfile.get(column._basepos, stored)
        raw[:stored] = np.frombuffer(data, dtype=np.uint8, count=stored)
    return raw


_LAST_DAY = date.max.toordinal()


def month_of(ordinal: int) -> str:
    """The month of a published-date column value ("2025-12"); "" for a document without a
    date (the column's default then fills it, far past any real day)."""
    value = int(ordinal)
    if not 0 < value <= _LAST_DAY:
        return ""
    day = date.fromordinal(value)
    return f"{day.year:04d}-{day.month:02d}"  # strftime drops the zeros of years before 1000


def read_facet(
    reader: IndexReader,
    fieldname: str,
    multi: bool,
    name_of: Callable[[Any], str] = str,
) -> FacetCodes:
    """A facet column's values per doc as codes; `multi` columns hold space-separated values,
    a single value is named by `name_of` (the months facet names a date ordinal "2025-12")."""
    vocabulary: dict[str, int] = {}
    docs: list[int] = []
    codes: list[int] = []
    for docnum, raw in enumerate(reader.column_reader(fieldname, translate=True)):
        if multi:
            text = raw.decode() if isinstance(raw, bytes) else str(raw or "")
            labels = text.split()
        else:
            labels = [name] if raw and (name := name_of(raw)) else []
        for label in labels:
            code = vocabulary.setdefault(label, len(vocabulary))
            docs.append(docnum)
            codes.append(code)
    return FacetCodes(
        np.asarray(docs, dtype=np.int32), np.asarray(codes, dtype=np.int32), tuple(vocabulary)
    )
