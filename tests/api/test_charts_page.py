"""The charts page as HTTP resources (test_browser.py draws it in Chromium)."""

from __future__ import annotations

import re

from starlette.testclient import TestClient


def test_charts_page_is_served_under_a_strict_policy(client: TestClient) -> None:
    response = client.get("/explorer/charts?text=Kazakhstan")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    policy = dict(
        directive.split(" ", 1)
        for directive in response.headers["content-security-policy"].split("; ")
    )
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == policy["style-src"] == policy["connect-src"] == "'self'"
    assert policy["form-action"] == "'self'"  # the search form works without script too
    assert response.headers["x-content-type-options"] == "nosniff"


def test_charts_page_has_no_inline_code_and_only_local_assets(client: TestClient) -> None:
    html = client.get("/explorer/charts").text
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None
    assert "<style" not in html and " style=" not in html
    assert re.search(r"\son\w+=", html) is None  # no inline event handlers
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert set(assets) - {"data:,"} == {
        "/static/charts/charts.css",
        "/static/charts/charts.js",
        "/graphql",
        "/export/search.csv",
    }
    assert re.search(r'<label for="text">[^<]+</label>', html) and 'id="text"' in html


def test_charts_script_and_style_are_served_and_put_data_in_as_text(client: TestClient) -> None:
    script = client.get("/static/charts/charts.js")
    assert script.headers["content-type"].startswith("text/javascript")
    for unsafe in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert unsafe not in script.text
    assert "textContent" in script.text
    style = client.get("/static/charts/charts.css")
    assert style.headers["content-type"].startswith("text/css")
