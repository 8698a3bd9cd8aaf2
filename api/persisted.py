"""Persisted queries: trusted documents from `queries/` and Apollo-style automatic ones (APQ).

A partner's widget sends only a sha256 hash (and variables) in a GET, which keeps its URLs
short and CDN-cacheable and keeps the set of documents the server parses and validates small.
Strawberry has no support for this (strawberry-graphql/strawberry#1707), so the view asks
`PersistedDocuments.resolve` for the document before Strawberry sees the request.

Protocol: https://github.com/apollographql/apollo-link-persisted-queries#protocol
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from api.lru import LRU
from store import SteppeError

QUERIES_DIR = Path(__file__).resolve().parents[1] / "queries"
_SHA256 = re.compile(r"[0-9a-f]{64}")


class PersistedQueryError(SteppeError):
    """A persisted-query request the server can't run; `code` is what clients branch on."""

    def __init__(self, code: str, message: str, *, request_error: bool = True) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        # Apollo's clients expect PERSISTED_QUERY_NOT_FOUND with HTTP 200 under either media
        # type (apollo-link-persisted-queries#36); the rest are bad requests.
        self.request_error = request_error


@dataclass(frozen=True, slots=True)
class Document:
    sha256: str
    text: str
    name: str | None = None


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_trusted(folder: Path = QUERIES_DIR) -> dict[str, Document]:
    """Every `Name.graphql` in the folder, by the sha256 of its exact bytes."""
    documents = (
        Document(sha256_of(text), text, path.stem)
        for path in sorted(folder.glob("*.graphql"))
        if (text := path.read_text(encoding="utf-8"))
    )
    return {d.sha256: d for d in documents}


class PersistedDocuments:
    """Trusted documents (always known) plus an LRU of automatically persisted ones.

    `looked_up` hears each hash's fate: "hit", "miss" or "registered" (sent with its text)."""

    def __init__(
        self,
        trusted: Mapping[str, Document],
        apq_bytes: int,
        looked_up: Callable[[str], None] = lambda _result: None,
    ) -> None:
        self.trusted = dict(trusted)
        self.automatic: LRU[str, Document] = LRU(apq_bytes)
        self.looked_up = looked_up

    @property
    def by_name(self) -> dict[str, Document]:
        return {d.name: d for d in self.trusted.values() if d.name}

    def resolve(self, query: object, extensions: object) -> Document | None:
        """The document to run; None when the request names none (Strawberry reports that)."""
        wanted = _persisted_hash(extensions)
        if wanted is None:
            return Document(sha256_of(query), query) if isinstance(query, str) else None
        if not isinstance(query, str):
            found = self.trusted.get(wanted) or self.automatic.get(wanted)
            self.looked_up("miss" if found is None else "hit")
            if found is None:
                raise PersistedQueryError(
                    "PERSISTED_QUERY_NOT_FOUND", "PersistedQueryNotFound", request_error=False
                )
            return found
        if sha256_of(query) != wanted:
            raise PersistedQueryError(
                "PERSISTED_QUERY_HASH_MISMATCH",
                "provided sha does not match query: sha256Hash must be the lowercase hex "
                "sha256 of the UTF-8 query text",
            )
        known = self.trusted.get(wanted)
        if known is None:
            known = Document(wanted, query)
            self.automatic.put(wanted, known, len(query))
        self.looked_up("registered")
        return known

    def manifest(self) -> dict[str, Any]:
        """What partners need to call trusted documents by hash."""
        return {
            name: {"sha256Hash": d.sha256, "document": d.text}
            for name, d in sorted(self.by_name.items())
        }


def _persisted_hash(extensions: object) -> str | None:
    if not isinstance(extensions, Mapping) or "persistedQuery" not in extensions:
        return None
    persisted = extensions["persistedQuery"]
    if not isinstance(persisted, Mapping) or persisted.get("version") != 1:
        raise PersistedQueryError(
            "PERSISTED_QUERY_NOT_SUPPORTED",
            'only extensions.persistedQuery {"version": 1, "sha256Hash": "<hex>"} is supported',
        )
    wanted = persisted.get("sha256Hash")
    if not isinstance(wanted, str) or not _SHA256.fullmatch(wanted):
        raise PersistedQueryError(
            "PERSISTED_QUERY_BAD_HASH", "sha256Hash must be 64 lowercase hexadecimal digits"
        )
    return wanted
