"""The analysts' explorer: GraphiQL with the explorer plugin, served from Steppe, no CDN.

The vendor files come from npm packages pinned by web/package-lock.json (`make web` copies
them into web/build/vendor). A strict Content-Security-Policy allows nothing but this origin,
so the page works the same with no internet.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

from api.persisted import PersistedDocuments

WEB_DIR = Path(__file__).resolve().parents[1] / "web"
VENDOR_DIR = WEB_DIR / "build" / "vendor"

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


def explorer_page(documents: PersistedDocuments) -> Callable[[], Response]:
    """The page, rendered once: the tabs only change when the server restarts."""
    by_name = documents.by_name
    tabs = [
        {"query": by_name[name].text, "variables": json.dumps(variables, indent=2)}
        for name, variables in EXAMPLE_TABS
        if name in by_name
    ]
    html = (WEB_DIR / "explorer" / "index.html").read_text(encoding="utf-8")
    html = html.replace("{{TABS}}", script_json(tabs))

    def page() -> Response:
        return HTMLResponse(html, headers=PAGE_HEADERS)

    return page


def script_json(value: object) -> str:
    """JSON safe inside a <script> data block: no `</script>` or `<!--` can close it."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def explorer_routes() -> list[BaseRoute]:
    return [
        Mount("/static/explorer", StaticFiles(directory=WEB_DIR / "explorer")),
        # check_dir=False: the app still starts before `make web` has run; the page says so.
        Mount("/static/vendor", StaticFiles(directory=VENDOR_DIR, check_dir=False)),
    ]
