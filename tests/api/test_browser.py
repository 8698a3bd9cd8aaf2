"""The explorer and the widgets in headless Chromium, with every off-site request blocked."""

from __future__ import annotations

import shutil
from typing import Any

import pytest

from tests.api.conftest import ARTIFACTS, HOSTILE_TITLE, LiveServer, run_node

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        shutil.which("chromium") is None,
        reason="chromium is not installed (`make test` installs it with apt-get when it can)",
    ),
]


def browse(check: str, server: LiveServer) -> dict[str, Any]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot = ARTIFACTS / f"{check}.png"
    report = run_node("browser.mjs", check, server.url, str(screenshot))
    print(f"screenshot: {screenshot}")
    assert "error" not in report, report["error"]
    assert report["offsite"] == [], "the page needs the internet"
    assert report["failedRequests"] == [] and report["httpErrors"] == []
    assert report["consoleErrors"] == []  # CSP violations would show here
    assert screenshot.stat().st_size > 10_000
    return dict(report["found"])


def test_explorer_loads_offline_and_runs_the_ticker_tab(live_server: LiveServer) -> None:
    found = browse("explorer", live_server)
    assert found["tabs"] == ["SearchWithFacets", "CountryPage", "Ticker"]
    assert found["plugin"] == 1  # the point-and-click explorer opened
    assert '"text": "water"' in found["firstVariables"]
    assert '"pair": "KZT/USD"' in found["result"] and '"rate": "0.00194"' in found["result"]


def test_widgets_render_sample_data_and_show_markup_as_text(live_server: LiveServer) -> None:
    found = browse("widgets", live_server)
    assert found["ticker"][1].split() == ["KZT", "0.00194", "0%"]
    assert found["ticker"][2].split() == ["TJS", "0.10879", "-0.18%"]
    assert found["headings"] == [
        "Exchange rates against USD",
        "Latest from KZ",
        "Latest across the region",
    ]
    assert found["titles"][0] == HOSTILE_TITLE
    assert found["markup"] == 0 and found["title"] == "Steppe widgets: demo"
    assert len(found["titles"]) == 5 and found["statuses"] == ["", "", ""]
