"""Which field layout a generation folder was built with, so an old one is noticed and replaced.

Each generation carries a `LAYOUT` file naming the version of `fields.build_schema` it was
created with. A folder without it, or with another number, predates the current layout:
searching it would look up fields that are not there, so it is replaced, never read.
"""

from __future__ import annotations

from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import FileIndex

from index import fields as f

LAYOUT_FILE = "LAYOUT"


def create_index(generation: Path) -> FileIndex:
    """A new, empty Whoosh index of the current layout in `generation`."""
    ix = whoosh_index.create_in(str(generation), f.build_schema())
    (generation / LAYOUT_FILE).write_text(f"{f.LAYOUT_VERSION}\n", encoding="utf-8")
    return ix


def is_current(generation: Path) -> bool:
    """Whether `generation` holds an index of the current layout."""
    try:
        version = (generation / LAYOUT_FILE).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return False
    return version == str(f.LAYOUT_VERSION) and whoosh_index.exists_in(str(generation))
