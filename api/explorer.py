"""The analysts' explorer: GraphiQL with the explorer plugin, served from Steppe, no CDN.

The vendor files come from npm packages pinned by web/package-lock.json (`make web` copies
them into web/build/vendor). A strict Content-Security-Policy allows nothing but this origin,
so the page works the same with no internet. Until they are built, the page and the files
are a 503 that says to run `make web`; the API itself needs none of them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from api.persisted import PersistedDocuments

WEB_DIR = Path(__file__).resolve().parents[1] / "web"
VENDOR_DIR = WEB_DIR / "build" / "vendor"
FAVICON = WEB_DIR / "favicon.ico"
NOT_BUILT = "The explorer's files are not built on this server: run `make web`, then reload."
NOT_BUILT_PAGE = (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
    "<title>Steppe GraphQL explorer: not built</title></head><body>"
    "<h1>The explorer is not built</h1><p>Its files (web/build/vendor) are missing: run "
    "<code>make web</code> on the server, then reload. The API at <code>/graphql</code> "
    "answers queries all the same.</p></body></html>\n"
)

# The example tabs: trusted documents from queries/, with variables that find sample data.
EXAMPLE_TABS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("SearchWithFacets", {"text": "water", "first": 5}),
    ("CountryPage", {"code": "KZ", "first": 5}),
    ("Ticker", {"quote": "USD"}),
)

# Only files from this origin: no inline script or style, no eval, no CDN. The browser test
# opens the explorer plugin and runs a query under this policy with no console errors.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
)
PAGE_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-cache",
}


def explorer_page(
    documents: PersistedDocuments, vendor_dir: Path = VENDOR_DIR
) -> Callable[[], Response]:
    """The page, rendered once: the tabs only change when the server restarts. Whether the
    vendor files are there is looked at per load, so `make web` needs no restart."""
    by_name = documents.by_name
    tabs = [
        {"query": by_name[name].text, "variables": json.dumps(variables, indent=2)}
        for name, variables in EXAMPLE_TABS
        if name in by_name
    ]
    html = (WEB_DIR / "explorer" / "index.html").read_text(encoding="utf-8")
    html = html.replace("{{TABS}}", script_json(tabs))

    def page() -> Response:
        if not vendor_dir.is_dir():
            return HTMLResponse(NOT_BUILT_PAGE, 503, headers=PAGE_HEADERS)
        return HTMLResponse(html, headers=PAGE_HEADERS)

    return page


def script_json(value: object) -> str:
    """JSON safe inside a <script> data block: no `</script>` or `<!--` can close it."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def explorer_routes(vendor_dir: Path = VENDOR_DIR) -> list[BaseRoute]:
    return [
        Route("/favicon.ico", favicon, methods=["GET"]),
        Mount("/static/explorer", StaticFiles(directory=WEB_DIR / "explorer")),
        Mount("/static/vendor", VendorFiles(vendor_dir)),
    ]


async def favicon(_request: Request) -> Response:
    return FileResponse(FAVICON, media_type="image/x-icon", headers=_DAY)


_DAY = {"cache-control": "public, max-age=86400"}


class VendorFiles:
    """web/build/vendor, or a 503 naming `make web` while it is missing (the app starts
    without it: only the explorer needs it)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.files = StaticFiles(directory=directory, check_dir=False)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        app: ASGIApp = self.files
        if not self.directory.is_dir():
            app = PlainTextResponse(NOT_BUILT, 503, headers={"cache-control": "no-store"})
        await app(scope, receive, send)
