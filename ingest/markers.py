"""Lines a page labels itself: `Read More:`, `Photo:`, `Source:`, `Correction:`, `Q:`, `A:`.

Such a line is never a headline or a sub-heading whatever its typography ("Read More: Five
Things to Know" is Title Case); it stays in the body as what it says it is. The text is kept
as published, label included, so `body` still reads like the page.
"""

from __future__ import annotations

import re

from store.records import BlockKind

# fmt: off
_LABELS: tuple[tuple[BlockKind, tuple[str, ...]], ...] = (
    ("related", ("read more", "read also", "also read", "related", "see also", "more on this",
                 "further reading")),
    ("caption", ("photo", "photos", "image", "images", "picture", "pictured", "caption",
                 "video", "illustration", "photo credit")),
    ("source", ("source", "sources", "with reporting by", "compiled by")),
    ("correction", ("correction", "corrections", "clarification", "editor's note",
                    "editor’s note", "editors' note", "update", "updated")),
    ("question", ("q", "question")),
    ("answer", ("a", "answer")),
)
# fmt: on
_BY_LABEL = {label: kind for kind, labels in _LABELS for label in labels}
_LABELLED = re.compile(r"[(\[]?([A-Za-z’' ]{1,20}?)\s*:\s+\S")
# A caption that credits its picture at the end: "Trucks at the border. Photo: Kabar".
_CREDIT_AT_END = re.compile(r"[.)]?\s\(?(?:Photo|Image|Picture|Credit)s?:\s[^.]{1,80}\)?$")
_MAX_CAPTION_WORDS = 40


def labelled_kind(line: str) -> BlockKind | None:
    """The kind a line's own label gives it, or None for an unlabelled line."""
    match = _LABELLED.match(line)
    if match:
        label = match.group(1).strip().lower()
        if kind := _BY_LABEL.get(label):
            return kind
    if len(line.split()) <= _MAX_CAPTION_WORDS and _CREDIT_AT_END.search(line):
        return "caption"
    return None
