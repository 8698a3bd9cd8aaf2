"""Dependencies point one way: api → schema, ingest → index, store; nothing imports api."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("api", "schema", "ingest", "index", "store")
ALLOWED = {
    "api": {"schema", "ingest", "index", "store"},
    "schema": {"index", "store"},
    "ingest": {"index", "store"},
    "index": {"store.records"},
    "store": set(),
}


def imported_packages(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        found.update(n for n in names if n.split(".")[0] in PACKAGES)
    return found


def test_imports_point_down_the_layers() -> None:
    wrong = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for name in imported_packages(path):
                top = name.split(".")[0]
                if top == package:
                    continue
                allowed = ALLOWED[package]
                if top not in allowed and name not in allowed:
                    wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert wrong == []
