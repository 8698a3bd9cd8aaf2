from __future__ import annotations

from pathlib import Path

from schema.root import build_schema

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema" / "schema.graphql"


def test_committed_schema_file_equals_the_printed_schema() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == build_schema().as_str() + "\n", (
        "schema/schema.graphql is stale: run `steppe export-schema > schema/schema.graphql`"
    )
