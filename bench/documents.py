"""The corpus as flat documents for the anchors (raw Whoosh, FTS5): what they index."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ingest.countries import find_country


@dataclass(frozen=True, slots=True)
class Document:
    number: int  # 1-based position in the corpus
    title: str
    body: str
    countries: tuple[str, ...]  # ISO codes, upper case


def documents(files: list[Path]) -> Iterator[Document]:
    number = 0
    for path in files:
        if not path.name.startswith("articles"):
            continue
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                number += 1
                codes = tuple(find_country(c) or c for c in record["countries"])
                yield Document(number, record["title"], record["body"], codes)
