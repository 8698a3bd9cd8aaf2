"""Partners' widgets: `/embed/steppe.js` (custom elements) and a demo page at `/embed/demo`."""

from __future__ import annotations

import hashlib
import json

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Route

from api.caching import matches
from api.explorer import PAGE_HEADERS, WEB_DIR
from api.persisted import PersistedDocuments
from api.settings import Settings

EMBED_DIR = WEB_DIR / "embed"
WIDGET_DOCUMENTS = ("Ticker", "Headlines")
DEMO_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'"
)


def embed_routes(settings: Settings, documents: PersistedDocuments) -> list[BaseRoute]:
    script = widget_script(documents)
    etag = f'"{hashlib.sha256(script).hexdigest()[:24]}"'
    script_headers = {
        "etag": etag,
        "cache-control": f"public, max-age={settings.cache_max_age}, "
        f"stale-while-revalidate={settings.cache_stale_while_revalidate}",
        "x-content-type-options": "nosniff",
    }

    async def steppe_js(request: Request) -> Response:
        if matches(request.headers.get("if-none-match"), etag):
            return Response(status_code=304, headers=script_headers)
        return Response(script, media_type="text/javascript; charset=utf-8", headers=script_headers)

    async def demo(_request: Request) -> Response:
        headers = {**PAGE_HEADERS, "content-security-policy": DEMO_CSP}
        return FileResponse(EMBED_DIR / "demo.html", media_type="text/html", headers=headers)

    async def demo_css(_request: Request) -> Response:
        return FileResponse(EMBED_DIR / "demo.css", media_type="text/css")

    return [
        Route("/embed/steppe.js", steppe_js, methods=["GET"]),
        Route("/embed/demo", demo, methods=["GET"]),
        Route("/embed/demo.css", demo_css, methods=["GET"]),
    ]


def widget_script(documents: PersistedDocuments) -> bytes:
    """The widget code with the hashes of the documents it calls filled in."""
    by_name = documents.by_name
    hashes = {name: by_name[name].sha256 for name in WIDGET_DOCUMENTS}
    source = (EMBED_DIR / "steppe.js").read_text(encoding="utf-8")
    return source.replace("__STEPPE_DOCUMENTS__", json.dumps(hashes)).encode("utf-8")
