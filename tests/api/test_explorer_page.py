"""The explorer page and the widget script as HTTP resources (the browser tests drive them)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from starlette.testclient import TestClient

from api.app import create_app
from api.persisted import load_trusted
from api.settings import Settings

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_browser_get_of_graphql_serves_the_self_hosted_explorer(client: TestClient) -> None:
    response = client.get("/graphql", headers={"accept": BROWSER_ACCEPT})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "default-src 'none'" in csp
    assert "unpkg" not in response.text and "https://" not in response.text
    srcs = re.findall(r'(?:src|href)="([^"]+)"', response.text)
    assert srcs and all(s.startswith("/static/") for s in srcs)


def test_explorer_preloads_example_tabs_as_inert_json(client: TestClient) -> None:
    html = client.get("/graphql", headers={"accept": "text/html"}).text
    data = re.search(r'<script type="application/json" id="steppe-tabs">(.*?)</script>', html, re.S)
    assert data is not None
    tabs = json.loads(data.group(1))
    names = [re.search(r"query (\w+)", t["query"]).group(1) for t in tabs]  # type: ignore[union-attr]
    assert names == ["SearchWithFacets", "CountryPage", "Ticker"]
    assert json.loads(tabs[1]["variables"]) == {"code": "KZ", "first": 5}


def test_explorer_assets_are_served_locally(client: TestClient) -> None:
    for path in ("/static/vendor/graphiql.min.js", "/static/explorer/explorer.js"):
        response = client.get(path)
        assert response.status_code == 200, f"{path}: run `make web`"


def test_widget_script_carries_the_trusted_hashes_and_revalidates(client: TestClient) -> None:
    response = client.get("/embed/steppe.js")
    assert response.headers["content-type"] == "text/javascript; charset=utf-8"
    for document in load_trusted().values():
        if document.name in ("Ticker", "Headlines"):
            assert document.sha256 in response.text
    assert "__STEPPE_DOCUMENTS__" not in response.text and ".innerHTML" not in response.text
    again = client.get("/embed/steppe.js", headers={"if-none-match": response.headers["etag"]})
    assert again.status_code == 304


def test_demo_page_has_both_widgets_under_a_strict_policy(client: TestClient) -> None:
    response = client.get("/embed/demo")
    assert "<steppe-ticker" in response.text and "<steppe-headlines" in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_favicon_is_an_icon_not_a_404(client: TestClient) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response.headers["content-type"] == "image/x-icon"
    assert response.content.startswith(b"\x00\x00\x01\x00")  # the ICO header
    assert "public" in response.headers["cache-control"]


def test_unbuilt_explorer_says_to_run_make_web(sample_settings: Settings, tmp_path: Path) -> None:
    with TestClient(create_app(sample_settings, vendor_dir=tmp_path / "missing")) as unbuilt:
        page = unbuilt.get("/graphql", headers={"accept": BROWSER_ACCEPT})
        assert page.status_code == 503 and page.headers["content-type"].startswith("text/html")
        assert "<code>make web</code>" in page.text
        asset = unbuilt.get("/static/vendor/graphiql.min.js")
        assert asset.status_code == 503 and asset.headers["content-type"].startswith("text/plain")
        assert "run `make web`" in asset.text
        api = unbuilt.post("/graphql", json={"query": "{ __typename }"})
        assert api.status_code == 200 and api.json()["data"] == {"__typename": "Query"}
