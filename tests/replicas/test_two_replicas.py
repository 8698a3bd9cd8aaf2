"""Two `steppe serve` replicas on one PostgreSQL, each with its own index, fed by the CLI."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets

from api.settings import Settings
from tests.conftest import SAMPLE
from tests.pg_server import PostgresServer, free_port
from tests.replicas import processes

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

CATCH_UP_WINDOW_S = 20.0  # replicas poll every 0.5 s here; the rest is process start-up slack
NEW_SLUG = "kyrgyzstan-opens-a-glacier-monitoring-station-near-bishkek"
NEW_PAGE = """• KZT/USD = 0.00201 3.61%
  • KGS/USD = 0.01150 0.52%

16 December 2025

Kyrgyzstan Opens a Glacier Monitoring Station Near Bishkek

Kyrgyzstan has opened a glacier monitoring station in the Tien Shan mountains, the country’s
hydrometeorological service said on Monday.

The station will share its measurements with Kazakhstan and Uzbekistan, whose rivers depend on
meltwater from Kyrgyz glaciers.

Aigerim Saparova is a journalist who covers water and climate in Central Asia.
"""
ARTICLE = "query($slug: String!) { article(slug: $slug) { slug title authors { name } } }"
SEARCH = '{ search(text: "glacier meltwater") { totalCount edges { node { slug } } } }'
TICKER = "{ ticker { pair rate changePercent asOf } }"


@pytest.fixture
def cluster(postgres: PostgresServer, tmp_path: Path) -> Iterator[list[Settings]]:
    """Settings of two machines sharing one fresh database: own data folder, own port."""
    name = postgres.create_database("template0")
    url = postgres.url(name)
    yield [
        Settings(data_dir=tmp_path / f"replica-{n}", database_url=url, port=free_port())
        for n in (1, 2)
    ]
    postgres.drop_database(name)


def eventually(check: Callable[[], Any], what: str, window: float = CATCH_UP_WINDOW_S) -> Any:
    """The first truthy answer of `check` within the catch-up window."""
    deadline = time.monotonic() + window
    while (answer := check()) is None or not answer:
        assert time.monotonic() < deadline, f"{what} not seen within {window} s"
        time.sleep(0.25)
    return answer


def test_both_replicas_serve_what_the_cli_ingests_and_agree(
    cluster: list[Settings], tmp_path: Path
) -> None:
    cli = Settings(data_dir=tmp_path / "cli", database_url=cluster[0].database_url)
    loaded = processes.run(cli, "ingest", SAMPLE)  # the compose file's one-shot ingest
    assert loaded.returncode == 0, loaded.stderr
    page = tmp_path / "digest-2025-12-16.txt"
    page.write_text(NEW_PAGE, encoding="utf-8")

    with processes.replicas(*cluster, folder=tmp_path) as urls:
        for url in urls:  # empty index folders, built from the store on start
            hits = processes.graphql(url, '{ search(text: "Taliban") { totalCount } }')
            assert hits["search"]["totalCount"] >= 1
        assert processes.graphql(urls[0], ARTICLE, {"slug": NEW_SLUG})["article"] is None

        done = processes.run(cli, "ingest", page)
        assert done.returncode == 0, done.stderr

        for url in urls:
            article = eventually(
                lambda url=url: processes.graphql(url, ARTICLE, {"slug": NEW_SLUG})["article"],
                f"the new article on {url}",
            )
            assert article["authors"] == [{"name": "Aigerim Saparova"}]
            found = eventually(
                lambda url=url: processes.graphql(url, SEARCH)["search"]["edges"],
                f"the new article in {url}'s search",
            )
            assert [e["node"]["slug"] for e in found] == [NEW_SLUG]
        tickers = [processes.graphql(url, TICKER)["ticker"] for url in urls]
        assert tickers[0] == tickers[1]
        kzt = next(r for r in tickers[0] if r["pair"] == "KZT/USD")
        assert kzt == {"pair": "KZT/USD", "rate": "0.00201", "changePercent": "3.61",
                       "asOf": "2025-12-16"}  # fmt: skip


def sample_and_editor_key(cluster: list[Settings], tmp_path: Path) -> dict[str, str]:
    """The sample loaded by the CLI, and the headers of a new editor key for the write API."""
    cli = Settings(data_dir=tmp_path / "cli", database_url=cluster[0].database_url)
    assert processes.run(cli, "ingest", SAMPLE).returncode == 0
    created = processes.run(cli, "keys", "create", "--name", "cms", "--tier", "editor")
    assert created.returncode == 0, created.stderr
    return {"authorization": f"Bearer {created.stdout.split()[0]}"}


# Polling alone would take this long; a notice (PostgreSQL NOTIFY at commit) far less.
LONG_POLL_S = 60.0
NOTICE_WINDOW_S = 15.0


def test_replicas_hear_a_cli_ingest_at_once_without_waiting_for_their_poll(
    cluster: list[Settings], tmp_path: Path
) -> None:
    cli = Settings(data_dir=tmp_path / "cli", database_url=cluster[0].database_url)
    assert processes.run(cli, "ingest", SAMPLE).returncode == 0
    page = tmp_path / "digest-2025-12-16.txt"
    page.write_text(NEW_PAGE, encoding="utf-8")

    with processes.replicas(*cluster, folder=tmp_path, poll_seconds=LONG_POLL_S) as urls:
        started = time.monotonic()
        for url in urls:
            assert processes.graphql(url, SEARCH)["search"]["edges"] == []
        done = processes.run(cli, "ingest", page)
        assert done.returncode == 0, done.stderr
        for url in urls:
            found = eventually(
                lambda url=url: processes.graphql(url, SEARCH)["search"]["edges"],
                f"the new article in {url}'s search",
                NOTICE_WINDOW_S,
            )
            assert [e["node"]["slug"] for e in found] == [NEW_SLUG]
        # Otherwise a poll may have found it, and this test proves nothing.
        assert time.monotonic() - started < LONG_POLL_S


COTTON = "turkmenistan-to-ditch-forced-labor-in-cotton-harvesting"
COTTON_SEARCH = '{ search(text: "cotton") { totalCount edges { node { slug } } } }'
TAKE_DOWN = """mutation($slug: String!) {
  unpublishArticle(slug: $slug, reason: TAKENDOWN, note: "court order") { slug reason }
}"""


def test_a_takedown_through_one_replicas_mutation_vanishes_from_the_others_search(
    cluster: list[Settings], tmp_path: Path
) -> None:
    editor = sample_and_editor_key(cluster, tmp_path)

    with processes.replicas(*cluster, folder=tmp_path) as urls:
        for url in urls:
            hits = processes.graphql(url, COTTON_SEARCH)["search"]["edges"]
            assert COTTON in {e["node"]["slug"] for e in hits}
        response = httpx.post(
            f"{urls[0]}/graphql",
            json={"query": TAKE_DOWN, "variables": {"slug": COTTON}},
            headers=editor,
            timeout=30,
        )
        assert response.json()["data"]["unpublishArticle"] == {
            "slug": COTTON, "reason": "TAKENDOWN"
        }  # fmt: skip
        # The replica that took the write answers without it at once ...
        hits = processes.graphql(urls[0], COTTON_SEARCH)["search"]["edges"]
        assert COTTON not in {e["node"]["slug"] for e in hits}
        # ... and the other within its poll interval.
        eventually(
            lambda: COTTON
            not in {e["node"]["slug"] for e in processes.graphql(urls[1], COTTON_SEARCH)[
                "search"]["edges"]},
            "the takedown on the second replica",
        )  # fmt: skip


INGEST = """mutation($text: String!) {
  ingestPage(text: $text, source: "digest-2025-12-16.txt") { ok articles { added } }
}"""


def test_a_subscriber_on_one_replica_hears_a_write_made_through_the_other(
    cluster: list[Settings], tmp_path: Path
) -> None:
    editor = sample_and_editor_key(cluster, tmp_path)

    async def scenario(urls: list[str]) -> dict[str, Any]:
        url = urls[1].replace("http://", "ws://") + "/graphql"
        async with websockets.connect(url, subprotocols=["graphql-transport-ws"]) as ws:  # type: ignore[list-item]
            await ws.send(json.dumps({"type": "connection_init"}))
            assert json.loads(await ws.recv())["type"] == "connection_ack"
            query = 'subscription { articlePublished(text: "glacier") { slug title } }'
            await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
            async with httpx.AsyncClient(timeout=30) as client:
                written = await client.post(
                    f"{urls[0]}/graphql",
                    json={"query": INGEST, "variables": {"text": NEW_PAGE}},
                    headers=editor,
                )
            assert written.json()["data"]["ingestPage"] == {"ok": True, "articles": {"added": 1}}
            while True:
                message = json.loads(await asyncio.wait_for(ws.recv(), CATCH_UP_WINDOW_S))
                if message["type"] != "ping":
                    return dict(message)

    with processes.replicas(*cluster, folder=tmp_path) as urls:
        message = asyncio.run(scenario(urls))
    assert message["type"] == "next", message
    assert message["payload"]["data"]["articlePublished"]["slug"] == NEW_SLUG
