"""The throughput anchor: a bare Starlette endpoint returning the same JSON as the API.

It reads the payload (the API's own response to the headline query, saved by the harness)
once at start and serializes it per request, as a hand-written JSON endpoint would.
Served by uvicorn in its own process: `uvicorn --factory bench.raw_app:create_app`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


def create_app() -> Starlette:
    payload = json.loads(Path(os.environ["BENCH_RAW_PAYLOAD"]).read_text(encoding="utf-8"))

    async def headlines(_request: Request) -> JSONResponse:
        return JSONResponse(payload)

    return Starlette(routes=[Route("/headlines", headlines, methods=["GET"])])
