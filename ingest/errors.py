"""Errors raised while reading input; each names the file and, where known, the line."""

from __future__ import annotations

from store import SteppeError


class IngestError(SteppeError):
    """Base of every ingest failure; the message is meant for the person who ran ingest."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.reason = message
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")
