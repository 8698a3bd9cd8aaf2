"""A search counts and labels only the facets its query shows; what it shows is exactly what
a query showing every facet gets."""

from __future__ import annotations

from starlette.testclient import TestClient

from tests.conftest import graphql

EVERY = """query($text: String!) { search(text: $text, facetLimit: 3) { facets {
  countries { value label count } organizations { value label count }
  authors { value label count } people { value label count } languages { value label count }
  years { value count } months { value count } truncated } } }"""


def search(client: TestClient, facets: str, text: str = "Kyrgyzstan") -> dict[str, object]:
    query = f"query($t: String!) {{ search(text: $t, facetLimit: 3) {{ facets {{ {facets} }} }} }}"
    found: dict[str, object] = graphql(client, query, {"t": text})["data"]["search"]["facets"]
    return found


def test_one_facet_alone_is_what_the_full_query_says(client: TestClient) -> None:
    every = graphql(client, EVERY, {"text": "Kyrgyzstan"})["data"]["search"]["facets"]
    assert every["countries"] and every["organizations"] and every["truncated"]
    for name in ("countries", "organizations", "authors", "people", "years"):
        fields = "value count" + (" label" if name != "years" else "")
        alone = search(client, f"{name} {{ {fields} }}")
        assert alone == {name: every[name]}, name
    assert search(client, "truncated") == {"truncated": every["truncated"]}


def test_labels_are_names_when_asked_and_values_stand_in_otherwise(client: TestClient) -> None:
    labelled = search(client, "countries { value label } people { label }")
    countries = labelled["countries"]
    assert isinstance(countries, list)
    assert {"value": "KG", "label": "Kyrgyzstan"} in countries
    unlabelled = search(client, "countries { value count } organizations { value }")
    assert unlabelled["countries"] == search(client, "countries { value count }")["countries"]
    aliased = search(client, "c: countries { value name: label }")
    assert {"value": "KG", "name": "Kyrgyzstan"} in aliased["c"]  # type: ignore[operator]
