"""Stopping the work of a client that hung up.

uvicorn delivers `http.disconnect` on `receive` once the connection is gone; nothing else
tells a running request. So, once the body has been read, a watcher waits on `receive`
beside the work and cancels the work when the client leaves: no further searches or store
reads start for it (a search already on its thread ends within its own time budget).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable
from typing import TypeVar

from starlette.types import Receive

T = TypeVar("T")


async def unless_disconnected(receive: Receive, work: Awaitable[T]) -> T | None:
    """`work`'s result, or None when the client disconnected first (the work is cancelled).

    Call only after the request body was read: the watcher consumes `receive`.
    """
    task = asyncio.ensure_future(work)
    watcher = asyncio.ensure_future(_disconnected(receive))
    try:
        await asyncio.wait({task, watcher}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        watcher.cancel()
        if not task.done():
            task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await watcher
    if task.cancelled():
        return None
    if not task.done():
        with contextlib.suppress(asyncio.CancelledError):
            await task
        return None
    return task.result()


async def _disconnected(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass
