"""Countries and organizations found by their Russian names, and their pages listing them,
over the real app on both stores (issue 13)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from api.settings import Settings
from tests.conftest import graphql, serving_records

RUSSIAN = "Саммит ШОС в Астане"
ENGLISH = "Astana hosts the SCO summit"
RECORDS = [
    {
        "title": RUSSIAN,
        "published": "2025-12-10",
        "body": "Лидеры стран Шанхайской организации сотрудничества собрались в Казахстане. "
        "Президент Казахстана открыл встречу; представители ОДКБ и ЕАЭС выступили позже, "
        "а делегация Российской Федерации предложила новую повестку.",
    },
    {
        "title": ENGLISH,
        "published": "2025-12-11",
        "body": "Kazakhstan hosted leaders of the Shanghai Cooperation Organisation in Astana.",
    },
]
COUNTRY = """{ country(code: "KZ") { names articles { totalCount edges { node { title } } } } }"""
ORGANIZATION = """{ organization(slug: "sco") {
  name acronym names articles { edges { node { title organizations { slug } } } } } }"""


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with serving_records(settings, "names.jsonl", RECORDS) as test_client:
        yield test_client


def test_a_russian_article_links_countries_by_their_russian_names(client: TestClient) -> None:
    country = graphql(client, COUNTRY)["data"]["country"]
    assert {e["node"]["title"] for e in country["articles"]["edges"]} == {RUSSIAN, ENGLISH}
    assert country["names"][:1] == ["Казахстан"] and "Қазақстан" in country["names"]
    article = graphql(client, '{ article(slug: "sammit-shos-v-astane") { countries { code } } }')
    assert [c["code"] for c in article["data"]["article"]["countries"]] == ["KZ", "RU"]


def test_organizations_by_acronym_and_full_russian_name(client: TestClient) -> None:
    sco = graphql(client, ORGANIZATION)["data"]["organization"]
    assert (sco["name"], sco["acronym"]) == ("Shanghai Cooperation Organisation", "SCO")
    assert sco["names"] == ["ШОС", "Шанхайская организация сотрудничества"]
    assert {e["node"]["title"] for e in sco["articles"]["edges"]} == {RUSSIAN, ENGLISH}
    russian = next(e["node"] for e in sco["articles"]["edges"] if e["node"]["title"] == RUSSIAN)
    assert [o["slug"] for o in russian["organizations"]][:1] == ["sco"]
    assert {"csto", "eaeu"} <= {o["slug"] for o in russian["organizations"]}


@pytest.mark.parametrize(
    "text", ["country:Казахстан", "country:Kazakhstan", "organization:ШОС", "organization:SCO"]
)
def test_field_search_takes_either_scripts_name(client: TestClient, text: str) -> None:
    query = "query($t: String!) { search(text: $t) { edges { node { title } } } }"
    found = graphql(client, query, {"t": text})["data"]["search"]["edges"]
    assert {e["node"]["title"] for e in found} == {RUSSIAN, ENGLISH}
