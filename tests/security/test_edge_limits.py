"""Size limits and odd text against a real `steppe serve`: clear JSON errors, never a 500."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from api.settings import Settings
from tests.conftest import SAMPLE, ingest
from tests.security.edge_servers import serving

JSON_BODY = {"content-type": "application/json"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("edge-limits")
    settings = Settings(data_dir=folder / "var")
    assert [r.error for r in ingest(settings, SAMPLE)] == [None, None]
    with serving(settings, folder) as [url]:
        yield url


def post(url: str, body: bytes, **headers: str) -> httpx.Response:
    return httpx.post(f"{url}/graphql", content=body, headers={**JSON_BODY, **headers}, timeout=30)


def refusal(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The one error of a refused request, checked for its JSON shape and request id."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].split(";")[0].endswith("json")
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == code, error
    assert error["extensions"]["requestId"] == response.headers["x-request-id"]
    return error  # type: ignore[no-any-return]


def test_a_20_mb_body_is_a_413_without_being_read(server: str) -> None:
    chunk = b" " * (1024 * 1024)

    def body() -> Iterator[bytes]:  # streamed, with no Content-Length to be refused by
        yield b'{"query": "{ __typename }"'
        for _ in range(20):
            yield chunk
        yield b"}"

    try:
        response = httpx.post(f"{server}/graphql", content=body(), headers=JSON_BODY, timeout=30)
    except httpx.WriteError:
        pytest.fail("the server closed the connection without answering")
    error = refusal(response, 413, "REQUEST_TOO_LARGE")
    assert "65536 bytes" in error["message"]
    declared = post(server, b"{" + b" " * (20 * 1024 * 1024) + b"}")
    refusal(declared, 413, "REQUEST_TOO_LARGE")
    assert httpx.get(f"{server}/healthz", timeout=5).status_code == 200


def test_deep_json_is_a_400_not_a_500(server: str) -> None:
    refusal(post(server, b"[" * 30_000 + b"]" * 30_000), 400, "BAD_REQUEST")
    variables = '{"query": "{ __typename }", "variables": {"v": ' + "[" * 65 + "]" * 65 + "}}"
    error = refusal(post(server, variables.encode()), 400, "BAD_REQUEST")
    assert "nested deeper than 64" in error["message"]
    ok = '{"query": "{ __typename }", "variables": {"v": ' + "[" * 60 + "]" * 60 + "}}"
    assert post(server, ok.encode()).json()["data"] == {"__typename": "Query"}


def test_a_100000_deep_body_within_the_ingest_limit_is_a_400(server: str) -> None:
    # Over the query limit it is a 413 first; either way a JSON 4xx.
    response = post(server, b"[" * 100_000 + b"]" * 100_000)
    assert response.status_code in (400, 413)
    assert "errors" in response.json()


@pytest.mark.parametrize(
    ("body", "where"),
    [
        (b'{"query": "{ __typename \\ud800 }"}', "The query"),
        (b'{"query": "{ __typename }", "operationName": "\\ud800"}', "operationName"),
        (b'{"query": "{ country(code: \\"\\ud800\\") { name } }"}', "The query"),
        (
            b'{"query": "query($c: String!) { country(code: $c) { name } }",'
            b' "variables": {"c": "K\\udc00"}}',
            "$c",
        ),
        (
            b'{"query": "query($t: String!) { search(text: $t) { totalCount } }",'
            b' "variables": {"t": "water\\u0000"}}',
            "$t",
        ),
        (b'{"query": "{ search(text: \\"a\\ufffe\\") { totalCount } }"}', "The query"),
    ],
)
def test_odd_characters_are_named_in_a_json_error(server: str, body: bytes, where: str) -> None:
    error = refusal(post(server, body), 200, "INVALID_CHARACTER")
    assert where in error["message"]
    spec = post(server, body, accept="application/graphql-response+json")
    refusal(spec, 400, "INVALID_CHARACTER")


def test_graphql_escapes_of_odd_characters_are_refused(server: str) -> None:
    query = '{ search(text: "water\\u0000") { totalCount } }'
    payload = post(server, json.dumps({"query": query}).encode()).json()
    [error] = payload["errors"]
    assert error["extensions"]["code"] == "INVALID_CHARACTER"
    surrogate = post(
        server, json.dumps({"query": '{ country(code: "\\ud800") { name } }'}).encode()
    )
    assert surrogate.status_code == 200
    assert "Invalid Unicode escape" in surrogate.json()["errors"][0]["message"]


def test_invalid_utf8_is_a_400(server: str) -> None:
    error = refusal(post(server, b'{"query": "{ __typename \xff }"}'), 400, "BAD_REQUEST")
    assert "not UTF-8" in error["message"]


def test_a_4301_digit_integer_is_a_clear_error(server: str) -> None:
    literal = "{ articles(first: " + "1" * 4301 + ") { totalCount } }"
    error = refusal(post(server, json.dumps({"query": literal}).encode()), 200, "BAD_REQUEST")
    assert "4300 digits" in error["message"]
    variables = b'{"query": "query($n: Int) { articles(first: $n) { totalCount } }", '
    variables += b'"variables": {"n": ' + b"1" * 4301 + b"}}"
    refusal(post(server, variables), 400, "BAD_REQUEST")


def test_a_long_query_string_is_a_414_and_a_nul_in_it_a_clear_error(server: str) -> None:
    long = httpx.get(f"{server}/graphql", params={"query": "{" + " " * 20_000 + "}"}, timeout=30)
    refusal(long, 414, "REQUEST_TOO_LARGE")
    nul = httpx.get(f"{server}/graphql", params={"query": "{ __typename\x00 }"}, timeout=30)
    refusal(nul, 200, "INVALID_CHARACTER")


def test_the_refusals_are_readable_cross_origin(server: str) -> None:
    response = post(server, b"{" + b" " * 70_000 + b"}", origin="https://partner.example")
    refusal(response, 413, "REQUEST_TOO_LARGE")
    assert response.headers["access-control-allow-origin"] == "*"
    assert "x-request-id" in response.headers["access-control-expose-headers"]
