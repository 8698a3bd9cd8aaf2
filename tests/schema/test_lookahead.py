"""Lists hand their articles' linked lists over as plain values, loaded once per page; the
answers must be exactly those each article gives when it loads its own (one article, or a
selection the look-ahead cannot see)."""

from __future__ import annotations

import asyncio
from typing import Any

from api.resources import open_index, open_store
from api.settings import Settings
from schema.context import Context
from schema.root import build_schema

LINKS = "authors { slug name } countries { code } organizations { slug } people { slug }"


def run(settings: Settings, query: str, **variables: Any) -> dict[str, Any]:
    store, index = open_store(settings), open_index(settings)
    try:
        result = asyncio.run(
            build_schema().execute(
                query, variable_values=variables, context_value=Context(store=store, index=index)
            )
        )
        assert result.errors is None, result.errors
        assert result.data is not None
        return result.data
    finally:
        index.close()
        store.close()


def one_by_one(settings: Settings, slugs: list[str]) -> list[dict[str, Any]]:
    aliased = " ".join(f'a{i}: article(slug: "{s}") {{ {LINKS} }}' for i, s in enumerate(slugs))
    found = run(settings, f"{{ {aliased} }}")
    return [found[f"a{i}"] for i in range(len(slugs))]


def test_a_list_gives_the_links_each_article_gives_alone(sample_settings: Settings) -> None:
    listed = run(sample_settings, f"{{ headlines(first: 50) {{ slug {LINKS} }} }}")["headlines"]
    slugs = [a.pop("slug") for a in listed]
    assert len(slugs) > 40
    assert any(a["people"] for a in listed) and any(a["authors"] for a in listed)
    assert listed == one_by_one(sample_settings, slugs)


def test_connections_search_and_fragments_agree_with_plain_selections(
    sample_settings: Settings,
) -> None:
    plain = run(sample_settings, f"{{ articles(first: 30) {{ edges {{ node {{ {LINKS} }} }} }} }}")
    fragment = run(
        sample_settings,
        "query { articles(first: 30) { edges { node { ...L ... on Article { countries { name } } }"
        f" }} }} }} fragment L on Article {{ {LINKS} }}",
    )
    nodes = [e["node"] for e in fragment["articles"]["edges"]]
    assert [{**n, "countries": [{"code": c["code"]} for c in n["countries"]]} for n in nodes] == [
        e["node"] for e in plain["articles"]["edges"]
    ]
    assert all("name" in c for n in nodes for c in n["countries"])
    searched = run(
        sample_settings,
        f'{{ search(text: "Kyrgyzstan", first: 20) {{ edges {{ node {{ slug {LINKS} }} }} }} }}',
    )["search"]["edges"]
    slugs = [e["node"].pop("slug") for e in searched]
    assert slugs and [e["node"] for e in searched] == one_by_one(sample_settings, slugs)


def test_an_alias_and_a_nested_list_each_get_their_own_links(sample_settings: Settings) -> None:
    found = run(
        sample_settings,
        "{ headlines(first: 5) { writers: authors { slug }"
        " related(first: 3) { slug authors { slug } } } }",
    )["headlines"]
    related = [r for a in found for r in a["related"]]
    alone = one_by_one(sample_settings, [r["slug"] for r in related])
    own = [[{"slug": w["slug"]} for w in a["authors"]] for a in alone]
    assert related and [r["authors"] for r in related] == own
    assert any(r["authors"] for r in related)
    assert all("writers" in a and "authors" not in a for a in found)


def test_an_empty_page_with_links_selected_is_empty(sample_settings: Settings) -> None:
    """The fuzzer's find: `headlines(first: 0) { people { role } }` raised instead of []."""
    found = run(sample_settings, f"{{ headlines(first: 0) {{ {LINKS} }} }}")
    assert found == {"headlines": []}
    none = run(
        sample_settings, f'{{ search(text: "zzzqqq") {{ edges {{ node {{ {LINKS} }} }} }} }}'
    )
    assert none == {"search": {"edges": []}}
