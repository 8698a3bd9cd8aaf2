"""Fairness and time probes against live servers: expensive work never holds cheap work up.

Bounds are generous: "under 1 s" for a cheap search beside an expensive request (the issue's
promise), and tens of seconds for the expensive request to end at all (a hang fails them).
"""

from __future__ import annotations

import concurrent.futures
import socket
import string
import threading
import time
import uuid
from typing import Any

import httpx

from tests.api.conftest import LiveServer

CHEAP = '{ search(text: "water") { totalCount } }'
ENDS_WITHIN_S = 30.0
PREFIXES = 30
UNBOUNDED = "100000000"  # a cost maximum that lets everything through


def prefix_searches(page: str = "totalCount edges { node { title } }") -> str:
    """30 aliased prefix searches, two letters each ("aa*", "ba*", …)."""
    letters = string.ascii_lowercase
    fields = [
        f'p{i}: search(text: "{letters[i % 26]}{letters[i // 26]}*") {{ {page} }}'
        for i in range(PREFIXES)
    ]
    return "{ " + " ".join(fields) + " }"


# 30 × 100 articles × a more-like-this search each: far more than any time budget allows.
HEAVY = "{ " + " ".join(
    f"r{i}: articles(first: 100) {{ edges {{ node {{ related(first: 100) {{ title }} }} }} }}"
    for i in range(30)
) + " }"  # fmt: skip


def post(server: LiveServer, query: str, timeout: float = ENDS_WITHIN_S) -> httpx.Response:
    return httpx.post(f"{server.url}/graphql", json={"query": query}, timeout=timeout)


def beside(server: LiveServer, heavy: str, cheap: str = CHEAP) -> tuple[Any, httpx.Response]:
    """Sends `heavy`, then, while it is in flight, `cheap` (which must answer within 1 s).

    `cheap` gets a text of its own each time, so it is searched, never a result-cache hit."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        expensive = pool.submit(post, server, heavy)
        time.sleep(0.3)
        answer = post(server, f"{cheap} # {uuid.uuid4().hex}", timeout=1.0)
        return expensive.result(), answer


def test_thirty_aliased_prefix_searches_finish_while_a_cheap_search_answers_at_once(
    server: LiveServer,
) -> None:
    expensive, cheap = beside(server, prefix_searches())
    assert cheap.json()["data"]["search"]["totalCount"] > 0
    assert expensive.status_code == 200
    body = expensive.json()
    assert "errors" not in body, body["errors"]
    assert len(body["data"]) == PREFIXES
    assert body["extensions"]["cost"]["requested"] == PREFIXES * (10 + 1 + 2 + 10 * 2)


def test_heavy_prefix_searches_are_refused_by_cost_and_a_cheap_search_answers(
    server: LiveServer,
) -> None:
    page = "totalCount edges { node { title } highlights { snippet } } facets { years { count } }"
    query = prefix_searches(page).replace('*")', '*", first: 100)')
    expensive, cheap = beside(server, query)
    [error] = expensive.json()["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert cheap.json()["data"]["search"]["totalCount"] > 0


def test_a_request_past_its_time_budget_is_stopped_with_a_timeout_naming_it(
    serve: Any,
) -> None:
    server = serve(STEPPE_MAX_QUERY_COST=UNBOUNDED, STEPPE_REQUEST_TIME_BUDGET="0.5")
    response = post(server, HEAVY)
    assert response.status_code == 200
    body = response.json()
    [error] = body["errors"]
    assert body["data"] is None
    assert error["extensions"] == {"code": "TIMEOUT", "budgetSeconds": 0.5}
    assert "0.5 s" in error["message"] and "STEPPE_REQUEST_TIME_BUDGET" in error["message"]
    assert post(server, CHEAP, timeout=5).json()["data"]["search"]["totalCount"] > 0


def test_no_search_slot_in_time_is_a_503_with_retry_after_and_healthz_still_answers(
    serve: Any,
) -> None:
    server = serve(
        STEPPE_MAX_QUERY_COST=UNBOUNDED,
        STEPPE_SEARCH_WORKERS="1",
        STEPPE_SEARCH_QUEUE="0",
        STEPPE_SEARCH_WAIT_SECONDS="0.1",
        # each heavy request is charged its cost: without this the first one spends the day
        STEPPE_ANONYMOUS_POINTS_PER_MINUTE=UNBOUNDED + "0000",
        STEPPE_ANONYMOUS_POINTS_PER_DAY=UNBOUNDED + "0000",
    )
    busy: list[httpx.Response] = []
    stop = threading.Event()

    def keep_the_slot_busy(worker: int) -> None:
        """Heavy requests one after another (each its own text, so no cache answers one)
        until the probe has met a busy server: whether one cheap request lands while the only
        slot is held is a matter of timing, so the probe keeps trying rather than hoping."""
        n = 0
        while not stop.is_set():
            n += 1
            post(server, f"{HEAVY} # {worker}-{n}")

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        heavy = [pool.submit(keep_the_slot_busy, worker) for worker in range(2)]
        deadline = time.monotonic() + 60  # generous: only "ever busy" vs "never busy"
        attempt = 0
        try:
            while not busy and time.monotonic() < deadline:
                health = httpx.get(f"{server.url}/healthz", timeout=5)
                assert health.json()["status"] == "ok"
                # A new text each time: an answered repeat would come from the result cache,
                # which needs no search slot, and the probe would never meet a busy server.
                attempt += 1
                answer = post(server, f"{CHEAP} # attempt {attempt}", timeout=5)
                assert answer.status_code in (200, 503), answer.text
                if answer.status_code == 503:
                    busy.append(answer)
        finally:
            stop.set()
        for done in heavy:
            done.result()
    [refused] = busy
    assert refused.headers["retry-after"] == "1"
    [error] = refused.json()["errors"]
    assert error["extensions"] == {"code": "SERVER_BUSY", "retryAfter": 1}


def test_the_work_of_a_client_that_hangs_up_is_stopped(serve: Any) -> None:
    server = serve(STEPPE_MAX_QUERY_COST=UNBOUNDED, STEPPE_REQUEST_TIME_BUDGET="60")
    body = ('{"query": "' + HEAVY.replace('"', '\\"') + '"}').encode()
    head = (
        f"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"X-Request-ID: hung-up-1\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(head + body)
        time.sleep(0.5)  # the server is at work on it now
    deadline = time.monotonic() + ENDS_WITHIN_S
    while "request hung-up-1: the client hung up" not in server.log.read_text():
        assert time.monotonic() < deadline, server.log.read_text()
        time.sleep(0.2)
    assert post(server, CHEAP, timeout=5).json()["data"]["search"]["totalCount"] > 0
