"""Pages and JSON Lines in, linked articles and rates into the store, the index following.

The facade the API and the CLI use: read and load files (`ingest_file`, `ingest_text`,
`discover`, `explain_file`), keep the index in step with the store (`catch_up`, `rebuild`),
export (`export_lines`), take articles down and put them back (`unpublish`, `republish`),
and the limits and errors of what an editor may send. The modules behind it keep one job
each: readers (digest, jsonl), linking (countries, organizations, people, Cyrillic names),
hygiene, identity and the pipeline.
"""

from ingest.errors import IngestError
from ingest.export import export_lines
from ingest.hygiene import IngestLimits, describe, find_bad_character
from ingest.pipeline import (
    FileResult,
    decode_bytes,
    discover,
    explain_file,
    ingest_file,
    ingest_text,
)
from ingest.sync import catch_up, rebuild
from ingest.takedowns import republish, unpublish

__all__ = [
    "FileResult",
    "IngestError",
    "IngestLimits",
    "catch_up",
    "decode_bytes",
    "describe",
    "discover",
    "explain_file",
    "export_lines",
    "find_bad_character",
    "ingest_file",
    "ingest_text",
    "rebuild",
    "republish",
    "unpublish",
]
