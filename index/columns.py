"""Per-segment column values loaded once into Python lists.

Sorting and facet counting then cost a list index per hit instead of a column-reader call.
Segments are immutable, so a segment's lists stay valid until the segment is merged away;
`SegmentColumns.retain` drops those no longer in use after a refresh.
"""

from __future__ import annotations

import threading
from typing import Any

from whoosh.reading import IndexReader

from index import fields as f

FACET_COLUMNS = {
    "countries": f.COUNTRY_FACET,
    "organizations": f.ORGANIZATION_FACET,
    "authors": f.AUTHOR_FACET,
    "years": f.YEAR,
}


class SegmentColumns:
    def __init__(self) -> None:
        self._values: dict[tuple[str, str], list[Any]] = {}
        self._lock = threading.Lock()

    def get(self, reader: IndexReader, fieldname: str) -> list[Any]:
        key = (_segment_id(reader), fieldname)
        values = self._values.get(key)
        if values is None:
            values = list(reader.column_reader(fieldname, translate=True))
            with self._lock:
                self._values[key] = values
        return values

    def retain(self, readers: list[IndexReader]) -> None:
        live = {_segment_id(reader) for reader in readers}
        with self._lock:
            self._values = {k: v for k, v in self._values.items() if k[0] in live}


def _segment_id(reader: IndexReader) -> str:
    segment = reader.segment()
    return segment.segment_id() if segment is not None else f"reader-{id(reader)}"
