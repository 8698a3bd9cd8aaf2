"""Finding the persisted headline document, if the API serves persisted queries yet.

Trusted documents live in the top-level `queries/` folder and are asked for by sha256 hash
with GET `?extensions={"persistedQuery":{"version":1,"sha256Hash":...}}`. The harness picks
the document that lists headlines, and accepts it only if the server answers it with the
50-article list; otherwise the section reports why it is not available instead of failing.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from urllib.parse import urlencode

import httpx

from bench.servers import ROOT
from bench.steppe_client import HEADLINE_COUNT

QUERIES = ROOT / "queries"
_VARIABLE = re.compile(r"\$(\w+)\s*:")


@dataclass(frozen=True)
class Persisted:
    url: str | None  # the GET path and query string, None when not available
    reason: str  # which document, or why there is none


def find(base_url: str) -> Persisted:
    candidates = sorted(QUERIES.rglob("*.graphql")) if QUERIES.is_dir() else []
    headline_docs = [p for p in candidates if re.search(r"\bheadlines\s*\(", p.read_text())]
    if not headline_docs:
        return Persisted(None, "n/a (persisted queries not available)")
    reasons = []
    for path in headline_docs:
        url = _url(path.read_text(encoding="utf-8"))
        found = _check(base_url + url)
        if found is None:
            return Persisted(url, f"{path.relative_to(ROOT)}")
        reasons.append(f"{path.name}: {found}")
    return Persisted(None, "n/a (" + "; ".join(reasons) + ")")


def _url(document: str) -> str:
    digest = hashlib.sha256(document.encode("utf-8")).hexdigest()
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
    params = {"extensions": json.dumps(extensions, separators=(",", ":"))}
    if "first" in _VARIABLE.findall(document):
        params["variables"] = json.dumps({"first": HEADLINE_COUNT}, separators=(",", ":"))
    return "/graphql?" + urlencode(params)


def _check(url: str) -> str | None:
    """None when the server answers with the 50-article list, else what went wrong."""
    try:
        response = httpx.get(url, timeout=30.0)
        payload = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        return f"request failed: {exc}"
    if response.status_code != 200 or payload.get("errors"):
        return f"HTTP {response.status_code}: {str(payload.get('errors'))[:120]}"
    headlines = (payload.get("data") or {}).get("headlines") or []
    if len(headlines) != HEADLINE_COUNT:
        return f"answered {len(headlines)} headlines, not {HEADLINE_COUNT}"
    return None


def describe(url: str) -> dict[str, object]:
    """Size and cache status of the persisted answer: its document may select less."""
    response = httpx.get(url, timeout=30.0)
    return {"response_bytes": len(response.content), "x_cache": response.headers.get("x-cache")}
