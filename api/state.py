"""What the lifespan opens, carried to every request as Starlette's lifespan state.

The lifespan yields `{"steppe": AppState(...)}`; the server copies that dict into each
request's and websocket's `scope["state"]`, so routes and middleware read the store, the
index and the GraphQL view from the request in hand, with no dict filled in later and no
module-level variable. Routes built before the lifespan runs are given accessors
(`Callable[[Scope], X]`) that read it from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.types import Scope

from api.graphql import SteppeGraphQL
from api.search_exports import SearchResources
from api.writes import ApiWrites
from store import Store

STATE_KEY = "steppe"


@dataclass(frozen=True, slots=True)
class AppState:
    resources: SearchResources
    graphql: SteppeGraphQL
    writes: ApiWrites


def app_state(scope: Scope) -> AppState:
    """The running app's state; a clear error when the lifespan has not opened it."""
    found = scope.get("state", {}).get(STATE_KEY)
    if not isinstance(found, AppState):
        raise RuntimeError("Steppe's lifespan has not run: serve the app with its lifespan on")
    return found


def resources_of(scope: Scope) -> SearchResources:
    return app_state(scope).resources


def store_of(scope: Scope) -> Store:
    return app_state(scope).resources.store


def writes_of(scope: Scope) -> ApiWrites:
    return app_state(scope).writes
