"""The README's example queries run against the sample data and say what they promise."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.settings import Settings
from tests.conftest import graphql

README = Path(__file__).resolve().parents[1] / "README.md"
EXAMPLE = re.compile(r"<!-- example: ([\w-]+) -->\n```graphql\n(.*?)```", re.S)


def examples() -> dict[str, str]:
    return dict(EXAMPLE.findall(README.read_text(encoding="utf-8")))


def country_page(data: dict[str, Any]) -> None:
    country = data["country"]
    assert country["name"] == "Kazakhstan"
    assert country["currency"]["latestRate"] == {
        "pair": "KZT/USD",
        "rate": "0.00194",
        "changePercent": "0",
        "asOf": "2025-12-15",
    }
    assert len(country["articles"]["edges"]) == 3 and country["articles"]["totalCount"] > 3


def ticker(data: dict[str, Any]) -> None:
    assert [r["pair"] for r in data["ticker"]] == [
        "KGS/USD",
        "KZT/USD",
        "TJS/USD",
        "TMT/USD",
        "UZS/USD",
    ]


def filtered_articles(data: dict[str, Any]) -> None:
    edges = data["articles"]["edges"]
    assert edges and all({"TM", "TJ"} & {c["code"] for c in e["node"]["countries"]} for e in edges)


def author(data: dict[str, Any]) -> None:
    assert data["author"]["name"] == "Aidar Borangaziev"
    assert data["author"]["articles"]["totalCount"] == 1


def node(data: dict[str, Any]) -> None:
    assert data["node"] == {
        "__typename": "Country",
        "code": "KZ",
        "name": "Kazakhstan",
        "currency": {"code": "KZT"},
    }


def search(data: dict[str, Any]) -> None:
    result = data["search"]
    assert "Taliban" in result["edges"][0]["node"]["title"]
    assert any(b["value"] == "AF" for b in result["facets"]["countries"])


def did_you_mean(data: dict[str, Any]) -> None:
    assert data["search"]["suggestion"] == "Tokayev"


def cross_script(data: dict[str, Any]) -> None:
    # The sample is in English: a Cyrillic query finds the articles naming Tokayev.
    result = data["search"]
    assert result["totalCount"] >= 1
    assert {e["node"]["language"] for e in result["edges"]} == {"en"}


def person(data: dict[str, Any]) -> None:
    found = data["person"]
    assert (found["name"], found["role"]) == ("Kassym-Jomart Tokayev", "President of Kazakhstan")
    assert "Касым-Жомарт Токаев" in found["spellings"]
    assert found["country"] == {"code": "KZ"}
    articles = found["articles"]
    assert articles["totalCount"] >= 2
    assert any("Tokayev" in e["node"]["title"] for e in articles["edges"])


def currency_and_organization(data: dict[str, Any]) -> None:
    assert data["currency"]["countries"] == [{"name": "Tajikistan"}]
    assert data["currency"]["history"][0]["rate"] == "0.10879"
    assert data["organization"]["acronym"] == "ILO"


def article_blocks(data: dict[str, Any]) -> None:
    blocks = data["article"]["blocks"]
    headings = [b["text"] for b in blocks if b["kind"] == "SUBHEADING"]
    assert headings == ["Regulatory actions", "Promoting a values-based society", "The future"]
    assert "<h2>Regulatory actions</h2>" in data["article"]["bodyHtml"]


CHECKS: dict[str, Callable[[dict[str, Any]], None]] = {
    "country-page": country_page,
    "ticker": ticker,
    "filtered-articles": filtered_articles,
    "author": author,
    "node": node,
    "search": search,
    "did-you-mean": did_you_mean,
    "cross-script": cross_script,
    "person": person,
    "currency-and-organization": currency_and_organization,
    "article-blocks": article_blocks,
}


def test_every_readme_example_has_a_check() -> None:
    assert sorted(examples()) == sorted(CHECKS)


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_readme_example_returns_what_it_promises(client: TestClient, name: str) -> None:
    CHECKS[name](graphql(client, examples()[name])["data"])


def test_readme_lists_every_setting() -> None:
    text = README.read_text(encoding="utf-8")
    missing = [var for var, _, _ in Settings.describe() if f"`{var}`" not in text]
    assert missing == []
