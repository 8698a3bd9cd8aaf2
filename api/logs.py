"""Log lines as text (uvicorn's own format) or as JSON, one object per line (`STEPPE_LOG_FORMAT`).

A JSON line holds `time` (UTC, ISO 8601), `level`, `logger`, `message`, the `request_id` of
the request being answered when there is one, and `exception` (the traceback) when one was
logged; uvicorn's access lines add `client`, `method`, `path` and `status`. The request id
comes from `REQUEST_ID`, which `api.app.RequestIdMiddleware` sets for the request's task:
every log call made while answering it, uvicorn's access line included, can read it.
"""

from __future__ import annotations

import copy
import json
import logging
import re
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from uvicorn.config import LOGGING_CONFIG

REQUEST_ID: ContextVar[str | None] = ContextVar("steppe_request_id", default=None)
TRACE = 5  # uvicorn's own level below DEBUG


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = REQUEST_ID.get()
        if request_id is not None:
            line["request_id"] = request_id
        if record.name == "uvicorn.access" and isinstance(record.args, tuple):
            line.update(_access(record.args))
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            line["exception"] = record.exc_text
        return json.dumps(line, ensure_ascii=False, default=str)


def _access(args: tuple[object, ...]) -> dict[str, object]:
    """uvicorn logs an access line as (client, method, path, HTTP version, status)."""
    if len(args) != 5:
        return {}
    client, method, path, _version, status = args
    return {"client": client, "method": method, "path": path, "status": status}


class RedactKeys(logging.Filter):
    """An API key sent as `?api-key=` never reaches a log line: uvicorn's access line carries
    the full path, query string included, and logs are read by more people than keys are."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "uvicorn.access" and isinstance(record.args, tuple):
            record.args = tuple(
                _redact(a) if isinstance(a, str) and KEY_IN_QUERY.search(a) else a
                for a in record.args
            )
        return True


KEY_IN_QUERY = re.compile(r"([?&]api-key=)[^&#\s]*", re.IGNORECASE)


def _redact(text: str) -> str:
    return KEY_IN_QUERY.sub(r"\1REDACTED", text)


def logging_config(log_format: str, log_level: str) -> dict[str, Any]:
    """The `logging.config.dictConfig` uvicorn applies on start: its own for text; for JSON
    one handler on stderr for uvicorn's loggers and the root (so `steppe.*` and libraries).
    Either way every handler drops API keys from the lines it writes (`RedactKeys`)."""
    if log_format != "json":
        config = copy.deepcopy(LOGGING_CONFIG)
        config["filters"] = {"redact": {"()": RedactKeys}}
        for handler in config["handlers"].values():
            handler["filters"] = ["redact"]
        return config
    level = TRACE if log_level == "trace" else log_level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "filters": {"redact": {"()": RedactKeys}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
                "filters": ["redact"],
            }
        },
        "loggers": {"uvicorn": {"handlers": ["stderr"], "level": level, "propagate": False}},
        "root": {"handlers": ["stderr"], "level": level},
    }
