"""One settings object, read from the environment in one place (`STEPPE_` + field name)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    data_dir: Path = _setting(Path("var"), "Folder for the SQLite store and the search index.")
    database_url: str = _setting(
        "", "SQLAlchemy URL of the store; empty means sqlite:///<data_dir>/steppe.db."
    )
    host: str = _setting("127.0.0.1", "Address `steppe serve` binds.")
    port: int = _setting(8000, "Port `steppe serve` binds.")
    introspection: bool = _setting(True, "Allow schema introspection (and field suggestions).")
    max_depth: int = _setting(12, "Deepest selection a query may nest.")
    max_aliases: int = _setting(30, "Most aliases one document may use.")
    max_tokens: int = _setting(3000, "Most tokens one GraphQL document may have.")
    max_page_size: int = _setting(100, "Largest `first:` a connection accepts.")
    max_query_cost: int = _setting(
        2500, "Most cost points one query may request (see Limits); more is QUERY_TOO_COSTLY."
    )
    search_time_budget: float = _setting(
        2.0, "Seconds a search may run before it returns partial results."
    )
    index_poll_seconds: float = _setting(
        2.0, "How often a running server checks the store for writes made elsewhere."
    )
    cors_origins: tuple[str, ...] = _setting(
        ("*",), "Origins allowed to call the API from browsers (comma-separated)."
    )
    cache_max_age: int = _setting(60, "Cache-Control max-age of GET query responses.")
    cache_stale_while_revalidate: int = _setting(300, "Cache-Control stale-while-revalidate.")
    response_cache_bytes: int = _setting(
        32 * 1024 * 1024, "Memory budget (bytes) of the in-process cache of GET responses."
    )
    apq_cache_bytes: int = _setting(
        4 * 1024 * 1024, "Memory budget (bytes) of automatically persisted query documents."
    )
    log_level: str = _setting("info", "Log level of the server.")

    @property
    def store_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'steppe.db'}"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then STEPPE_* variables, then explicit overrides (CLI flags)."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f"STEPPE_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _parse(f.name, raw, f.default)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)

    @classmethod
    def describe(cls) -> list[tuple[str, str, str]]:
        """(variable, default, help) rows for the README and `steppe settings`."""
        return [
            (f"STEPPE_{f.name.upper()}", _show(f.default), f.metadata["help"]) for f in fields(cls)
        ]


def _parse(name: str, raw: str, default: Any) -> Any:
    try:
        if isinstance(default, bool):
            if raw.strip().lower() not in {"1", "0", "true", "false", "yes", "no", "on", "off"}:
                raise ValueError(raw)
            return raw.strip().lower() in {"1", "true", "yes", "on"}
        if isinstance(default, tuple):
            return tuple(part.strip() for part in raw.split(",") if part.strip())
        if isinstance(default, Path):
            return Path(raw)
        return type(default)(raw)
    except ValueError as exc:
        raise ValueError(
            f"STEPPE_{name.upper()}={raw!r} is not a valid {type(default).__name__}"
        ) from exc


def _show(value: Any) -> str:
    return ",".join(value) if isinstance(value, tuple) else str(value)
