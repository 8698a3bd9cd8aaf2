"""Typed access to the fields of one JSON Lines record, with errors that name the field.

Every getter either returns the declared type or raises `IngestError` carrying the file, the
line and the field ("line 7: published: expected an ISO date like 2025-12-15, got 'soon'"),
because whoever fixes a broken export needs to know exactly where to look.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from ingest.dates import parse_date
from ingest.errors import IngestError
from ingest.whitespace import tidy


@dataclass(frozen=True, slots=True)
class JsonRecord:
    fields: dict[str, Any]
    source: str
    line: int
    path: str = ""  # where a nested object sits: "authors[0]."

    def fail(self, field: str, message: str) -> IngestError:
        return IngestError(self.source, f"{self.path}{field}: {message}", self.line)

    def nested(self, field: str, value: object, expected: str) -> JsonRecord:
        """The object at `field` as a record of its own, for errors like "authors[0].name"."""
        if not isinstance(value, dict):
            raise self.fail(field, f"expected {expected}, got {_kind(value)}")
        return JsonRecord(value, self.source, self.line, f"{self.path}{field}.")

    def items(self, field: str) -> list[Any]:
        """An optional list; [] when absent or null."""
        value = self.fields.get(field)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(field, f"expected a list, got {_kind(value)}")
        return value

    def text(self, field: str) -> str:
        """A required, non-blank string."""
        value = self.optional_text(field)
        if value is None:
            raise self.fail(field, "is required")
        return value

    def optional_text(self, field: str) -> str | None:
        value = self.fields.get(field)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(field, f"expected a string, got {_kind(value)}")
        if not tidy(value):
            raise self.fail(field, "is blank")
        return value.strip()

    def date(self, field: str) -> date:
        value = self.text(field)
        day = parse_date(value)
        if day is None:
            raise self.fail(field, f"expected an ISO date like 2025-12-15, got {value!r}")
        return day

    def decimal(self, field: str, *, required: bool = True) -> Decimal | None:
        """A number kept exactly: from the JSON number's own digits, or from a string."""
        value = self.fields.get(field)
        if value is None and not required:
            return None
        if isinstance(value, Decimal):
            return value
        if isinstance(value, str):
            try:
                number = Decimal(value.strip().removesuffix("%").replace("−", "-"))
            except InvalidOperation:
                number = None
            if number is not None and number.is_finite():
                return number
        raise self.fail(field, f"expected a decimal number, got {_kind(value)}")

    def strings(self, field: str) -> tuple[str, ...] | None:
        """An optional list of non-blank strings; None when absent or null."""
        if self.fields.get(field) is None:
            return None
        value = self.items(field)
        for index, item in enumerate(value):
            if not isinstance(item, str) or not tidy(item):
                got = _kind(item)
                raise self.fail(f"{field}[{index}]", f"expected a non-blank string, got {got}")
        return tuple(tidy(item) for item in value)


def _kind(value: object) -> str:
    """How a wrong value is described in a message: its JSON type and a short excerpt."""
    names = {dict: "an object", list: "a list", bool: "a boolean", str: "a string"}
    if value is None:
        return "nothing"
    if isinstance(value, Decimal):
        return f"the number {value}"
    excerpt = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
    return f"{names.get(type(value), type(value).__name__)} {excerpt}"
