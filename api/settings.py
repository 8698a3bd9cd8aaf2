"""One settings object, read from the environment in one place (`STEPPE_` + field name)."""

from __future__ import annotations

import ipaddress
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from store import SteppeError

LOG_LEVELS = ("critical", "error", "warning", "info", "debug", "trace")
LOG_FORMATS = ("text", "json")
METRICS_MODES = ("public", "off")
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class SettingsError(SteppeError, ValueError):
    """A setting's value makes no sense; the message names the variable and the valid range."""


def _setting(
    default: Any,
    help: str,
    *,
    at_least: float | None = None,
    at_most: float | None = None,
    choices: tuple[str, ...] = (),
) -> Any:
    limits = {"at_least": at_least, "at_most": at_most, "choices": choices}
    return field(default=default, metadata={"help": help, **limits})


@dataclass(frozen=True)
class Settings:
    data_dir: Path = _setting(Path("var"), "Folder for the SQLite store and the search index.")
    database_url: str = _setting(
        "", "SQLAlchemy URL of the store; empty means sqlite:///<data_dir>/steppe.db."
    )
    host: str = _setting("127.0.0.1", "Address `steppe serve` binds.")
    port: int = _setting(8000, "Port `steppe serve` binds.", at_least=1, at_most=65535)
    introspection: bool = _setting(True, "Allow schema introspection (and field suggestions).")
    max_depth: int = _setting(12, "Deepest selection a query may nest.", at_least=1)
    max_aliases: int = _setting(30, "Most aliases one document may use.", at_least=0)
    max_tokens: int = _setting(3000, "Most tokens one GraphQL document may have.", at_least=1)
    max_page_size: int = _setting(100, "Largest `first:` a connection accepts.", at_least=1)
    max_query_cost: int = _setting(
        2500,
        "Most cost points one query may request (see Limits); more is QUERY_TOO_COSTLY.",
        at_least=1,
    )
    search_time_budget: float = _setting(
        2.0,
        "Seconds a search may run before it returns partial results.",
        at_least=0,
    )
    request_time_budget: float = _setting(
        10.0, "Seconds all the searches and loads of one read may take; the rest is TIMEOUT."
    )
    write_time_budget: float = _setting(
        120.0,
        "Seconds an editor's request (a write) may take before it is answered with TIMEOUT; "
        "a write already in its transaction still lands, and a retry finds it unchanged.",
    )
    search_workers: int = _setting(
        4, "Threads that run searches (one request may hold half of them at once)."
    )
    search_queue: int = _setting(64, "Searches that may wait for a thread; more are SERVER_BUSY.")
    search_wait_seconds: float = _setting(
        2.0, "How long a search may wait for a thread before the request is SERVER_BUSY (503)."
    )
    index_poll_seconds: float = _setting(
        2.0,
        "How often a running server checks the store for writes made elsewhere.",
        at_least=0.01,
    )
    cors_origins: tuple[str, ...] = _setting(
        ("*",), "Origins allowed to call the API from browsers (comma-separated)."
    )
    cache_max_age: int = _setting(60, "Cache-Control max-age of GET query responses.", at_least=0)
    cache_stale_while_revalidate: int = _setting(
        300, "Cache-Control stale-while-revalidate.", at_least=0
    )
    response_cache_bytes: int = _setting(
        32 * 1024 * 1024,
        "Memory budget (bytes) of the in-process cache of GET responses.",
        at_least=0,
    )
    result_cache_bytes: int = _setting(
        32 * 1024 * 1024,
        "Memory budget (bytes) of the in-process cache of POSTed query results (0: off).",
        at_least=0,
    )
    export_max_rows: int = _setting(
        10_000, "Most rows /export/search.csv and .jsonl stream for one search.", at_least=1
    )
    max_subscriptions_per_connection: int = _setting(
        10, "Subscriptions one WebSocket connection may hold at once.", at_least=1
    )
    max_live_connections_per_client: int = _setting(
        20,
        "Open WebSocket and event-stream connections one client (IP or key) may hold at once.",
        at_least=1,
    )
    subscription_init_seconds: float = _setting(
        10.0,
        "Seconds a WebSocket client has to send connection_init before it is closed (4408).",
        at_least=0.1,
    )
    apq_cache_bytes: int = _setting(
        4 * 1024 * 1024,
        "Memory budget (bytes) of automatically persisted query documents.",
        at_least=0,
    )
    log_level: str = _setting("info", "Log level of the server.", choices=LOG_LEVELS)
    log_format: str = _setting(
        "text", "Log lines as text, or as one JSON object per line.", choices=LOG_FORMATS
    )
    metrics: str = _setting(
        "public",
        "Who may read /metrics: public, off, or client networks (comma-separated IPs or CIDRs).",
    )
    max_body_bytes: int = _setting(
        64 * 1024,
        "Largest request body (bytes) of a query; more is a 413 REQUEST_TOO_LARGE.",
        at_least=1,
    )
    max_ingest_bytes: int = _setting(
        8 * 1024 * 1024,
        "Largest request body (bytes) of an editor's write route (POST /ingest).",
        at_least=1,
    )
    max_query_string_bytes: int = _setting(
        16 * 1024,
        "Longest query string (bytes) of a GET; more is a 414 REQUEST_TOO_LARGE.",
        at_least=1,
    )
    max_json_depth: int = _setting(
        64, "Deepest nesting of arrays and objects in a JSON body.", at_least=1
    )
    max_article_bytes: int = _setting(
        1024 * 1024, "Largest article (title and text, UTF-8 bytes) ingest accepts.", at_least=1
    )
    max_line_bytes: int = _setting(
        2 * 1024 * 1024,
        "Longest line (UTF-8 bytes) of a digest page or JSON Lines file.",
        at_least=1,
    )
    max_file_bytes: int = _setting(
        64 * 1024 * 1024, "Largest file (bytes) ingest reads.", at_least=1
    )
    trusted_proxies: tuple[str, ...] = _setting(
        (),
        "Proxies (IPs or networks, comma-separated; * for any) whose X-Forwarded-For is believed.",
    )
    rate_limit_storage: str = _setting(
        "memory://", "Where rate-limit counters live: memory:// (one process) or redis://host:6379."
    )
    anonymous_points_per_minute: int = _setting(
        5000, "Cost points an anonymous client (per IP) may spend per minute.", at_least=1
    )
    anonymous_points_per_day: int = _setting(
        200_000, "Cost points an anonymous client (per IP) may spend per day.", at_least=1
    )
    partner_points_per_minute: int = _setting(
        50_000, "Cost points a `partner` key may spend per minute.", at_least=1
    )
    partner_points_per_day: int = _setting(
        5_000_000, "Cost points a `partner` key may spend per day.", at_least=1
    )
    editor_points_per_minute: int = _setting(
        100_000, "Cost points an `editor` key may spend per minute.", at_least=1
    )
    editor_points_per_day: int = _setting(
        10_000_000, "Cost points an `editor` key may spend per day.", at_least=1
    )

    def __post_init__(self) -> None:
        for f in fields(self):
            _check(f.name, getattr(self, f.name), f.metadata)
        if self.metrics not in METRICS_MODES:
            metrics_networks(self.metrics)

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


def metrics_networks(text: str) -> list[Network]:
    """The networks of STEPPE_METRICS when it lists some; a SettingsError naming a bad one."""
    try:
        networks = [ipaddress.ip_network(p.strip(), strict=False) for p in text.split(",")]
    except ValueError as exc:
        raise SettingsError(
            f"STEPPE_METRICS must be public, off, or IPs and networks (comma-separated): {exc}"
        ) from None
    return networks


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
        raise SettingsError(
            f"STEPPE_{name.upper()}={raw!r} is not a valid {type(default).__name__}"
        ) from exc


def _check(name: str, value: Any, rules: Mapping[str, Any]) -> None:
    """Refuse a value outside the field's range, naming the variable and what is allowed."""
    variable = f"STEPPE_{name.upper()}"
    if isinstance(value, float) and not math.isfinite(value):
        raise SettingsError(f"{variable} must be a finite number; got {value!r}")
    low, high, choices = rules.get("at_least"), rules.get("at_most"), rules.get("choices")
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise SettingsError(f"{variable} must be {bounds}; got {value!r}")
    if choices and value not in choices:
        raise SettingsError(f"{variable} must be one of {', '.join(choices)}; got {value!r}")


def _show(value: Any) -> str:
    return ",".join(value) if isinstance(value, tuple) else str(value)
