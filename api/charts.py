"""The analysts' charts page at `/explorer/charts`: a search's hits per month and the company
its top country keeps, drawn in the browser from `/graphql` (web/charts/charts.js, plain SVG).

Served under the explorer's strict policy: scripts and styles from this origin only, no inline
code, no CDN. Forms may submit to this origin, so the search still works without script.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Route

from api.explorer import CONTENT_SECURITY_POLICY, PAGE_HEADERS, WEB_DIR

CHARTS_DIR = WEB_DIR / "charts"
CHARTS_HEADERS = {
    **PAGE_HEADERS,
    "content-security-policy": CONTENT_SECURITY_POLICY.replace(
        "form-action 'none'", "form-action 'self'"
    ),
}
ASSETS = {"charts.js": "text/javascript", "charts.css": "text/css"}


async def charts_page(_request: Request) -> Response:
    return FileResponse(CHARTS_DIR / "index.html", media_type="text/html", headers=CHARTS_HEADERS)


def asset(name: str) -> Route:
    async def serve(_request: Request) -> Response:
        headers = {"cache-control": "no-cache", "x-content-type-options": "nosniff"}
        return FileResponse(CHARTS_DIR / name, media_type=ASSETS[name], headers=headers)

    return Route(f"/static/charts/{name}", serve, methods=["GET"])


def charts_routes() -> list[BaseRoute]:
    return [Route("/explorer/charts", charts_page, methods=["GET"]), *map(asset, ASSETS)]
