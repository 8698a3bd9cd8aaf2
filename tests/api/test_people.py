"""People as a linked type: one Person whatever the spelling or script, linked both ways to
articles and to the authors they are, over the real app on both stores (issue 13)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.settings import Settings
from ingest import people
from tests.conftest import graphql, ingest, serving_records

RUSSIAN = "Жапаров и Токаев обсудили границу"
RECORDS = [
    {
        "title": RUSSIAN,
        "published": "2025-12-10",
        "body": "Президент Кыргызстана Садыр Жапаров встретился с Касым-Жомартом Токаевым в "
        "Астане. По словам Жапарова, переговоры были открытыми.",
    },
    {
        "title": "Japarov visits Astana",
        "published": "2025-12-11",
        "body": "Kyrgyz President Sadyr Japarov flew to Astana on Monday for talks on the "
        "border. Japarov later met students.",
    },
    {
        "title": "Border commission meets in Bishkek",
        "published": "2025-12-12",
        "body": "Officials close to President Zhaparov said the commission would meet again.",
    },
    {
        "title": "Tokaev signs the water accord",
        "published": "2025-12-13",
        "body": "Kazakhstan's president Kassym-Jomart Tokaev signed the accord on the rivers.",
    },
    {
        "title": "Two presidents in Ashgabat",
        "published": "2025-12-14",
        "body": "Serdar Berdimuhamedov and his father Gurbanguly Berdimuhamedov opened the "
        "exhibition. Berdimuhamedov spoke first.",
        "authors": [{"name": "Aida Karimova", "bio": "Aida Karimova reports from Ashgabat."}],
    },
    {
        "title": "The son's first year",
        "published": "2025-12-15",
        "body": "Serdar Berdimuhamedow marked a year in office. Berdimuhamedow thanked the "
        "cabinet.",
        "authors": ["Aida Karimova"],
    },
    {
        "title": "Aida Karimova wins a press award",
        "published": "2025-12-16",
        "body": "Our correspondent Aida Karimova was given the regional press award.",
    },
]
JAPAROV = {RUSSIAN, "Japarov visits Astana", "Border commission meets in Bishkek"}
TOKAYEV = {RUSSIAN, "Tokaev signs the water accord"}
PERSON = """query($slug: String!) {
  person(slug: $slug) {
    id slug name spellings role
    country { code name }
    articles(first: 20) { totalCount edges { node { title } } }
    author { slug name }
  }
}"""
FACETED = """query($text: String!, $people: [String!]) {
  search(text: $text, filter: {people: $people}, first: 20) {
    totalCount
    edges { node { title people { slug } } }
    facets { people { value label count } }
  }
}"""


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with serving_records(settings, "people.jsonl", RECORDS) as test_client:
        yield test_client


def person(client: TestClient, slug: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = graphql(client, PERSON, {"slug": slug})["data"]["person"]
    return found


def titles(connection: dict[str, Any]) -> set[str]:
    return {edge["node"]["title"] for edge in connection["edges"]}


def test_every_spelling_in_either_script_is_one_person(client: TestClient) -> None:
    japarov = person(client, "sadyr-japarov")
    assert japarov is not None
    assert japarov["name"] == "Sadyr Japarov"
    assert "Садыр Жапаров" in japarov["spellings"]
    assert japarov["role"] == "President of Kyrgyzstan"
    assert japarov["country"] == {"code": "KG", "name": "Kyrgyzstan"}
    assert titles(japarov["articles"]) == JAPAROV
    assert japarov["articles"]["totalCount"] == 3
    assert japarov["author"] is None
    tokayev = person(client, "kassym-jomart-tokayev")
    assert tokayev is not None
    assert titles(tokayev["articles"]) == {RUSSIAN, "Tokaev signs the water accord"}


@pytest.mark.parametrize("text", ["Japarov", "Жапаров", "Zhaparov"])
def test_the_people_facet_agrees_with_the_persons_articles(client: TestClient, text: str) -> None:
    found = graphql(client, FACETED, {"text": text})["data"]["search"]
    assert {e["node"]["title"] for e in found["edges"]} == JAPAROV
    facet = {b["value"]: (b["label"], b["count"]) for b in found["facets"]["people"]}
    assert facet["sadyr-japarov"] == ("Sadyr Japarov", 3)
    assert facet["kassym-jomart-tokayev"] == ("Kassym-Jomart Tokayev", 1)
    for edge in found["edges"]:
        assert "sadyr-japarov" in {p["slug"] for p in edge["node"]["people"]}


def test_search_filters_by_person_and_the_search_language_has_person(
    client: TestClient,
) -> None:
    # Words that also find Tokayev's accord: the filter keeps Japarov's three.
    wide = {"text": "border OR accord OR Astana OR Астане", "people": ["sadyr-japarov"]}
    by_filter = graphql(client, FACETED, wide)
    assert {e["node"]["title"] for e in by_filter["data"]["search"]["edges"]} == JAPAROV
    for text in ("person:Japarov", "person:Жапаров", 'person:"Sadyr Zhaparov"'):
        found = graphql(client, FACETED, {"text": text})["data"]["search"]
        assert {e["node"]["title"] for e in found["edges"]} == JAPAROV, text
    both = graphql(client, FACETED, {"text": "person:Japarov AND person:Tokayev"})
    assert {e["node"]["title"] for e in both["data"]["search"]["edges"]} == {RUSSIAN}
    listed = graphql(
        client, '{ articles(filter: {people: ["kassym-jomart-tokayev"]}) { totalCount } }'
    )
    assert listed["data"]["articles"]["totalCount"] == 2


def test_a_bare_surname_two_named_people_share_is_nobodys(client: TestClient) -> None:
    both = graphql(client, FACETED, {"text": '"Two presidents"'})["data"]["search"]
    facet = {b["value"]: b["count"] for b in both["facets"]["people"]}
    assert facet == {"serdar-berdimuhamedov": 1, "gurbanguly-berdimuhamedov": 1}
    son = person(client, "serdar-berdimuhamedov")
    assert son is not None
    assert titles(son["articles"]) == {"Two presidents in Ashgabat", "The son's first year"}
    father = person(client, "gurbanguly-berdimuhamedov")
    assert father is not None
    assert titles(father["articles"]) == {"Two presidents in Ashgabat"}


def test_an_author_is_a_person_both_ways(client: TestClient) -> None:
    found = graphql(client, '{ author(slug: "aida-karimova") { slug person { slug name } } }')
    author = found["data"]["author"]
    assert author["person"] == {"slug": "aida-karimova", "name": "Aida Karimova"}
    karimova = person(client, "aida-karimova")
    assert karimova is not None
    assert karimova["author"] == {"slug": "aida-karimova", "name": "Aida Karimova"}
    assert karimova["role"] is None and karimova["country"] is None


def test_people_list_and_node_fetch(client: TestClient) -> None:
    everyone = graphql(client, "{ people { slug } }")["data"]["people"]
    slugs = [p["slug"] for p in everyone]
    assert {"sadyr-japarov", "kassym-jomart-tokayev", "aida-karimova"} <= set(slugs)
    kyrgyz = graphql(client, '{ people(country: "kg") { slug } }')["data"]["people"]
    assert [p["slug"] for p in kyrgyz] == ["sadyr-japarov"]
    japarov = person(client, "sadyr-japarov")
    assert japarov is not None
    node = graphql(
        client,
        "query($id: ID!) { node(id: $id) { __typename ... on Person { slug } } }",
        {"id": japarov["id"]},
    )
    assert node["data"]["node"] == {"__typename": "Person", "slug": "sadyr-japarov"}
    assert person(client, "nobody-at-all") is None


def test_reingesting_changes_nothing(client: TestClient, settings: Settings) -> None:
    before = graphql(client, "{ people { slug spellings } }")["data"]["people"]
    results = ingest(settings, settings.data_dir.parent / "people.jsonl")
    assert [r.summary.articles["unchanged"] for r in results] == [len(RECORDS)]
    assert [r.summary.new_entities["people"] for r in results] == [0]
    after = graphql(client, "{ people { slug spellings } }")["data"]["people"]
    assert after == before


def test_a_prefix_of_any_spelling_finds_the_person(client: TestClient) -> None:
    for text in ("person:Tokayev*", "person:Tokae*", "person:Токаев*"):
        found = graphql(client, FACETED, {"text": text})["data"]["search"]
        assert {e["node"]["title"] for e in found["edges"]} == TOKAYEV, text


def test_an_edited_table_row_reaches_the_stored_person(
    client: TestClient, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    edited = tuple(
        dataclasses.replace(
            row,
            role="Head of State of Kyrgyzstan",
            spellings=(*row.spellings, "Садыр Нургожоевич Жапаров"),
        )
        if row.name == "Sadyr Japarov"
        else row
        for row in people.PEOPLE
    )
    monkeypatch.setattr(people, "PEOPLE", edited)
    people._table.cache_clear()
    try:
        results = ingest(settings, settings.data_dir.parent / "people.jsonl")
    finally:
        monkeypatch.undo()
        people._table.cache_clear()
    assert [r.summary.articles["unchanged"] for r in results] == [len(RECORDS)]
    japarov = person(client, "sadyr-japarov")
    assert japarov is not None
    assert japarov["role"] == "Head of State of Kyrgyzstan"
    assert "Садыр Нургожоевич Жапаров" in japarov["spellings"]
