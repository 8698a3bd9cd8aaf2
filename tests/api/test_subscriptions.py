"""Subscriptions against a real `steppe serve`: over WebSocket (graphql-transport-ws) and over
Server-Sent Events, fed by `steppe ingest` in another process; and the abuse a public socket
meets. Time bounds are generous: they tell "arrived" from "never arrives"."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets
from websockets.asyncio.client import ClientConnection

from api.settings import Settings
from tests.api.conftest import LiveServer
from tests.conftest import SEED_PAGE, ingest
from tests.test_cli import steppe

ARRIVES_WITHIN_S = 20.0
PARTNER = "https://partner.example"
NEXT_PAGE = """\
• KZT/USD = 0.00201 3.61%
• KZT/USD = 0.00201 3.61%

16 December 2025

Kazakhstan Opens a New Grain Terminal on the Caspian

Kazakhstan has opened a grain terminal at the port of Aktau, the transport ministry said.

The terminal can handle a million tonnes a year.

Uzbekistan Widens Its Cotton Subsidy

Uzbekistan will pay cotton farmers more per tonne, the agriculture ministry said.
"""
TICKER = "subscription { tickerUpdated { pair rate asOf } }"
KAZAKHSTAN = """subscription {
  articlePublished(filter: { countries: ["KZ"] }) { title countries { code } }
}"""
GRAIN = 'subscription { articlePublished(text: "grain") { title } }'


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    folder = tmp_path_factory.mktemp("live-subscriptions")
    settings = Settings(data_dir=folder / "var")
    ingest(settings, SEED_PAGE)
    env = {
        "STEPPE_INDEX_POLL_SECONDS": "0.2",
        "STEPPE_CORS_ORIGINS": PARTNER,
        "STEPPE_MAX_SUBSCRIPTIONS_PER_CONNECTION": "3",
        "STEPPE_MAX_LIVE_CONNECTIONS_PER_CLIENT": "4",
        "STEPPE_SUBSCRIPTION_INIT_SECONDS": "1",
        "STEPPE_ANONYMOUS_POINTS_PER_MINUTE": str(10**9),
    }
    live = LiveServer(folder / "var", folder / "serve.log", env=env)
    try:
        live.wait_until_healthy()
        yield live
    finally:
        live.stop()


def ws_url(server: LiveServer) -> str:
    return server.url.replace("http://", "ws://") + "/graphql"


async def connect(server: LiveServer, **kwargs: Any) -> ClientConnection:
    return await websockets.connect(ws_url(server), subprotocols=["graphql-transport-ws"], **kwargs)  # type: ignore[list-item]


async def initialised(server: LiveServer) -> ClientConnection:
    ws = await connect(server)
    await ws.send(json.dumps({"type": "connection_init"}))
    assert json.loads(await ws.recv())["type"] == "connection_ack"
    return ws


async def subscribe(ws: ClientConnection, op_id: str, query: str) -> None:
    await ws.send(json.dumps({"id": op_id, "type": "subscribe", "payload": {"query": query}}))


async def messages(ws: ClientConnection) -> AsyncIterator[dict[str, Any]]:
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), ARRIVES_WITHIN_S))
        if message["type"] != "ping":
            yield message


async def sse_events(response: httpx.Response) -> AsyncIterator[dict[str, Any]]:
    """The `next` events' payloads of a graphql-sse stream."""
    event = None
    async for line in response.aiter_lines():
        if line.startswith("event:"):
            event = line.partition(":")[2].strip()
        elif line.startswith("data:") and event == "next":
            yield json.loads(line.partition(":")[2])


def ingest_next_page(tmp_path: Path, server: LiveServer) -> None:
    page = tmp_path / "digest-2025-12-16.txt"
    page.write_text(NEXT_PAGE, encoding="utf-8")
    done = steppe(Settings(data_dir=server_data(server)), "ingest", page)
    assert done.returncode == 0, done.stderr


def server_data(server: LiveServer) -> Path:
    return Path(server.log).parent / "var"


def kzt(ticker: list[dict[str, str]]) -> dict[str, str]:
    return next(r for r in ticker if r["pair"] == "KZT/USD")


def test_websocket_and_sse_subscribers_hear_a_cli_ingest(
    server: LiveServer, tmp_path: Path
) -> None:
    async def scenario() -> None:
        ws = await initialised(server)
        await subscribe(ws, "ticker", TICKER)
        await subscribe(ws, "kz", KAZAKHSTAN)
        await subscribe(ws, "grain", GRAIN)
        received = messages(ws)
        first = await anext(received)  # the ticker as it is now
        assert first["id"] == "ticker"
        assert kzt(first["payload"]["data"]["tickerUpdated"])["rate"] == "0.00194"
        async with httpx.AsyncClient(timeout=ARRIVES_WITHIN_S) as client:
            body = {"query": TICKER}
            headers = {"accept": "text/event-stream"}
            async with client.stream(
                "POST", f"{server.url}/graphql", json=body, headers=headers
            ) as stream:
                assert stream.headers["content-type"].startswith("text/event-stream")
                events = sse_events(stream)
                now = await asyncio.wait_for(anext(events), ARRIVES_WITHIN_S)
                assert kzt(now["data"]["tickerUpdated"])["rate"] == "0.00194"

                await asyncio.to_thread(ingest_next_page, tmp_path, server)

                later = await asyncio.wait_for(anext(events), ARRIVES_WITHIN_S)
                assert kzt(later["data"]["tickerUpdated"])["rate"] == "0.00201"
        seen: dict[str, Any] = {}
        while len(seen) < 3:
            message = await anext(received)
            assert message["type"] == "next", message
            seen[message["id"]] = message["payload"]["data"]
        assert kzt(seen["ticker"]["tickerUpdated"]) == {
            "pair": "KZT/USD", "rate": "0.00201", "asOf": "2025-12-16"
        }  # fmt: skip
        assert seen["kz"]["articlePublished"] == {
            "title": "Kazakhstan Opens a New Grain Terminal on the Caspian",
            "countries": [{"code": "KZ"}],
        }
        assert seen["grain"]["articlePublished"]["title"].startswith("Kazakhstan Opens")
        await ws.close()

    asyncio.run(scenario())


WIDGET_TICKER = "subscription($quote: String) { tickerUpdated(quote: $quote) { pair rate } }"
WRITE = 'mutation { republishArticle(slug: "x") { slug } }'


def test_a_get_event_stream_serves_subscriptions_cross_origin_and_never_mutations(
    server: LiveServer,
) -> None:
    """What the widgets' EventSource sends: a GET with `Accept: text/event-stream` and an
    Origin, no body, no credentials. Subscriptions stream; a mutation is refused unrun."""

    async def scenario() -> None:
        headers = {"accept": "text/event-stream", "origin": PARTNER}
        params = {"query": WIDGET_TICKER, "variables": json.dumps({"quote": "USD"})}
        async with (
            httpx.AsyncClient(timeout=ARRIVES_WITHIN_S) as client,
            client.stream("GET", f"{server.url}/graphql", params=params, headers=headers) as sse,
        ):
            assert sse.status_code == 200
            assert sse.headers["content-type"].startswith("text/event-stream")
            assert sse.headers["access-control-allow-origin"] in ("*", PARTNER)
            assert "no-cache" in sse.headers["cache-control"]  # nothing may keep a stream
            now = await asyncio.wait_for(anext(sse_events(sse)), ARRIVES_WITHIN_S)
            assert "errors" not in now and kzt(now["data"]["tickerUpdated"])["rate"]
        revision = httpx.get(f"{server.url}/healthz").json()["store"]["revision"]
        async with httpx.AsyncClient(timeout=ARRIVES_WITHIN_S) as client:
            refused = await client.get(
                f"{server.url}/graphql", params={"query": WRITE}, headers=headers
            )
        events = [line for line in refused.text.splitlines() if line.startswith("data: {")]
        assert len(events) == 1, refused.text
        error = json.loads(events[0].partition(":")[2])["errors"][0]
        assert error["extensions"]["code"] == "BAD_REQUEST", error
        assert error["message"].startswith("Mutations are not allowed")
        assert httpx.get(f"{server.url}/healthz").json()["store"]["revision"] == revision

    asyncio.run(scenario())


def test_a_browser_on_a_foreign_origin_is_refused_at_the_handshake(server: LiveServer) -> None:
    async def scenario() -> None:
        with pytest.raises(websockets.InvalidStatus) as refused:
            await connect(server, origin="https://evil.example")
        assert refused.value.response.status_code == 403
        allowed = await connect(server, origin=PARTNER)
        await allowed.close()

    asyncio.run(scenario())


def test_no_connection_init_in_time_closes_with_4408(server: LiveServer) -> None:
    async def scenario() -> None:
        ws = await connect(server)
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await asyncio.wait_for(ws.recv(), ARRIVES_WITHIN_S)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4408

    asyncio.run(scenario())


def test_subscribing_before_init_closes_with_4401(server: LiveServer) -> None:
    async def scenario() -> None:
        ws = await connect(server)
        await subscribe(ws, "early", TICKER)
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await asyncio.wait_for(ws.recv(), ARRIVES_WITHIN_S)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401

    asyncio.run(scenario())


def test_too_many_subscriptions_on_one_socket_are_refused(server: LiveServer) -> None:
    async def scenario() -> None:
        ws = await initialised(server)
        for n in range(3):
            await subscribe(ws, f"s{n}", KAZAKHSTAN)
        await subscribe(ws, "one-too-many", KAZAKHSTAN)
        message = await anext(messages(ws))
        assert message["id"] == "one-too-many" and message["type"] == "error"
        assert "limit" in message["payload"][0]["message"].lower()
        await ws.close()

    asyncio.run(scenario())


def test_a_client_holding_too_many_connections_is_refused(server: LiveServer) -> None:
    async def scenario() -> None:
        held = [await connect(server) for _ in range(4)]
        with pytest.raises(websockets.InvalidStatus) as refused:
            await connect(server)
        assert refused.value.response.status_code == 403
        async with httpx.AsyncClient(timeout=ARRIVES_WITHIN_S) as client:
            sse = await client.post(
                f"{server.url}/graphql",
                json={"query": TICKER},
                headers={"accept": "text/event-stream"},
            )
        assert sse.status_code == 429 and sse.json()["errors"][0]["extensions"]["code"] == (
            "RATE_LIMITED"
        )
        for ws in held:
            await ws.close()
        await asyncio.sleep(0.5)  # the server notices the closes
        again = await connect(server)
        await again.close()

    asyncio.run(scenario())


COSTLY = """subscription { articlePublished { countries { articles(first: 100) { edges { node {
  countries { articles(first: 100) { edges { node { title } } } } } } } } } }"""


def test_a_costly_subscription_is_refused_by_the_cost_limit(server: LiveServer) -> None:
    async def scenario() -> None:
        ws = await initialised(server)
        await subscribe(ws, "costly", COSTLY)
        message = await anext(messages(ws))
        assert message["id"] == "costly", message
        errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
        assert [e["extensions"]["code"] for e in errors] == ["QUERY_TOO_COSTLY"], errors
        assert errors[0]["extensions"]["cost"]["requested"] > 2500
        await ws.close()

    asyncio.run(scenario())
