"""`STEPPE_LOG_FORMAT=json`: every line `steppe serve` writes is one JSON object; and the
real server's `/metrics`."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from api.logs import REQUEST_ID, JsonFormatter
from api.settings import Settings
from tests.api.conftest import LiveServer
from tests.conftest import SEED_PAGE, ingest


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("logs") / "var"
    assert [r.error for r in ingest(Settings(data_dir=folder), SEED_PAGE)] == [None]
    return folder


def test_a_served_request_is_logged_as_json_with_its_id_and_counted(
    data_dir: Path, tmp_path: Path
) -> None:
    env = {"STEPPE_LOG_FORMAT": "json", "STEPPE_LOG_LEVEL": "info"}
    server = LiveServer(data_dir, tmp_path / "serve.log", env=env)
    try:
        server.wait_until_healthy()
        headers = {"x-request-id": "probe-7f3a"}
        answer = httpx.post(
            f"{server.url}/graphql", json={"query": "{ __typename }"}, headers=headers, timeout=30
        )
        assert answer.headers["x-request-id"] == "probe-7f3a"
        scraped = httpx.get(f"{server.url}/metrics", timeout=30).text
        counted = {
            (s.name, s.labels.get("operation"), s.labels.get("status")): s.value
            for family in text_string_to_metric_families(scraped)
            for s in family.samples
        }
        assert counted[("steppe_http_requests_total", "anonymous", "200")] == 1
    finally:
        server.stop()
    lines = [json.loads(line) for line in server.log.read_text().splitlines() if line]
    assert lines and all({"time", "level", "logger", "message"} <= set(line) for line in lines)
    assert any(line["logger"] == "uvicorn.error" for line in lines)  # startup and shutdown
    [access] = [line for line in lines if line.get("request_id") == "probe-7f3a"]
    assert access["logger"] == "uvicorn.access"
    assert (access["method"], access["path"], access["status"]) == ("POST", "/graphql", 200)


def test_a_logged_exception_keeps_its_traceback_and_request_id() -> None:
    try:
        raise RuntimeError("the index folder vanished")
    except RuntimeError:
        exc_info = sys.exc_info()
    record = logging.LogRecord(
        "steppe.requests", logging.ERROR, __file__, 1, "request %s failed", ("r1",), exc_info
    )
    token = REQUEST_ID.set("r1")
    try:
        line = json.loads(JsonFormatter().format(record))
    finally:
        REQUEST_ID.reset(token)
    assert line["message"] == "request r1 failed" and line["request_id"] == "r1"
    assert line["level"] == "error" and line["logger"] == "steppe.requests"
    assert "RuntimeError: the index folder vanished" in line["exception"]
    assert "request_id" not in json.loads(JsonFormatter().format(record))


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_an_api_key_in_the_query_string_never_reaches_the_log(
    data_dir: Path, tmp_path: Path, log_format: str
) -> None:
    secret = "stp_ThisIsNotARealKeyButLooksLikeOne0123456789ab"
    env = {"STEPPE_LOG_FORMAT": log_format, "STEPPE_LOG_LEVEL": "info"}
    server = LiveServer(data_dir, tmp_path / "serve.log", env=env)
    try:
        server.wait_until_healthy()
        answer = httpx.get(
            f"{server.url}/graphql",
            params={"query": "{ __typename }", "api-key": secret},
            timeout=30,
        )
        assert answer.status_code == 401  # read as a key, and unknown
    finally:
        server.stop()
    log = server.log.read_text()
    assert secret not in log
    assert "api-key=REDACTED" in log  # the access line is there, without the key
