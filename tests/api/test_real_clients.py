"""Real clients against a real `steppe serve`: gql (Python) and Apollo Client 4 (Node, through
tests/api/real_clients.mjs) run the README examples, Apollo's cache policies and automatic
persisted queries as README "Using Steppe from a client" sets them up, and gql meets an error."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from gql import Client, GraphQLRequest, gql
from gql.client import SyncClientSession
from gql.transport.exceptions import TransportQueryError
from gql.transport.httpx import HTTPXTransport

from tests.api.conftest import ROOT, WEB, LiveServer
from tests.test_readme_examples import CHECKS, README, examples

SCRIPT = Path(__file__).with_name("real_clients.mjs")
SDL = ROOT / "schema" / "schema.graphql"
NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
README_PART = re.compile(r"// >>> README\n(.*?)// <<< README", re.S)


def answer(server: LiveServer, text: str) -> dict[str, Any]:
    """What the server says to a plain POST: the reference each client must reproduce."""
    response = httpx.post(f"{server.url}/graphql", json={"query": text}, timeout=30)
    body = response.json()
    assert response.status_code == 200 and "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


def without_added_typenames(value: Any, reference: Any) -> Any:
    """`value` less the `__typename` fields Apollo adds where the query did not ask for one."""
    if isinstance(value, dict) and isinstance(reference, dict):
        return {
            key: without_added_typenames(item, reference.get(key))
            for key, item in value.items()
            if key != "__typename" or key in reference
        }
    if isinstance(value, list) and isinstance(reference, list) and len(value) == len(reference):
        return [without_added_typenames(v, r) for v, r in zip(value, reference, strict=True)]
    return value


@pytest.fixture(scope="module")
def gql_session(live_server: LiveServer) -> Iterator[SyncClientSession]:
    """gql validates each document against the committed SDL before it sends it."""
    transport = HTTPXTransport(url=f"{live_server.url}/graphql", timeout=30)
    client = Client(transport=transport, schema=SDL.read_text(encoding="utf-8"))
    with client as session:
        yield session


@pytest.fixture(scope="module")
def apollo(live_server: LiveServer) -> dict[str, Any]:
    """One run of the Apollo script; a missing Node or package fails, never skips."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: the real-client tests need Node.js (see README)")
    if not (WEB / "node_modules" / "@apollo" / "client").is_dir():
        pytest.fail("@apollo/client is missing from web/node_modules: run `make web`")
    done = subprocess.run(
        [node, str(SCRIPT), f"{live_server.url}/graphql"],
        input=json.dumps(examples()),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # Apollo's cache warns here when a type policy would lose data
    report: dict[str, Any] = json.loads(done.stdout)
    return report


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_gql_gets_every_readme_example_as_the_server_answers_it(
    live_server: LiveServer, gql_session: SyncClientSession, name: str
) -> None:
    text = examples()[name]
    data = gql_session.execute(gql(text))
    CHECKS[name](data)
    assert data == answer(live_server, text)


def test_gql_raises_page_size_out_of_range_as_a_transport_query_error(
    gql_session: SyncClientSession,
) -> None:
    query = GraphQLRequest(
        "query Big($first: Int) { articles(first: $first) { totalCount } }",
        variable_values={"first": 1000},
    )
    with pytest.raises(TransportQueryError) as raised:
        gql_session.execute(query)
    [error] = raised.value.errors or []
    assert error["extensions"] == {"code": "PAGE_SIZE_OUT_OF_RANGE"}
    assert error["path"] == ["articles"] and "100" in error["message"]
    assert raised.value.data is None


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_apollo_reads_every_readme_example_back_from_its_normalized_cache(
    live_server: LiveServer, apollo: dict[str, Any], name: str
) -> None:
    reference = answer(live_server, examples()[name])
    data = without_added_typenames(apollo["examples"][name], reference)
    CHECKS[name](data)
    assert data == reference


def test_apollo_type_policies_merge_two_pages_into_the_first_four(
    live_server: LiveServer, apollo: dict[str, Any]
) -> None:
    page = "totalCount edges { node { title } }"
    search = answer(live_server, f'{{ search(text: "Kazakhstan", first: 4) {{ {page} }} }}')
    country = answer(
        live_server, f'{{ country(code: "KZ") {{ articles(first: 4) {{ {page} }} }} }}'
    )
    assert apollo["pages"] == {
        "search": four_titles(search["search"]),
        "countryArticles": four_titles(country["country"]["articles"]),
    }


def four_titles(connection: dict[str, Any]) -> dict[str, Any]:
    titles = [edge["node"]["title"] for edge in connection["edges"]]
    assert len(set(titles)) == 4 and connection["totalCount"] >= 4
    return {"totalCount": connection["totalCount"], "titles": titles}


def test_apollo_possible_types_let_a_fragment_on_node_match_a_country(
    apollo: dict[str, Any],
) -> None:
    assert apollo["nodeFragment"] == {"__typename": "Country", "id": "Q291bnRyeTpLWg", "code": "KZ"}


def test_apollo_persisted_query_registers_once_then_goes_by_get_hash_only(
    apollo: dict[str, Any],
) -> None:
    first, second = apollo["persisted"]
    sha256 = first["requests"][0]["sha256Hash"]
    assert len(sha256) == 64
    hash_only = {"queryParam": False, "queryInBody": False, "sha256Hash": sha256, "status": 200}
    assert first["requests"] == [
        {"method": "GET", **hash_only, "cacheControl": "no-store", "codes": [NOT_FOUND]},
        {
            "method": "POST",
            **hash_only,
            "queryInBody": True,
            "cacheControl": "no-store",
            "codes": [],
        },
    ]
    [by_hash] = second["requests"]
    assert by_hash.pop("cacheControl").startswith("public, max-age=")
    assert by_hash == {"method": "GET", **hash_only, "codes": []}
    pairs = ["KGS/USD", "KZT/USD", "TJS/USD", "TMT/USD", "UZS/USD"]
    assert first["pairs"] == second["pairs"] == pairs


def test_readme_sets_apollo_up_as_the_tested_script_does() -> None:
    [part] = README_PART.findall(SCRIPT.read_text(encoding="utf-8"))
    assert " ".join(part.split()) in " ".join(README.read_text(encoding="utf-8").split())
