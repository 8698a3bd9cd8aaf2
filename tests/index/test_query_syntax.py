"""The search language: what it accepts, how it reads sloppy text, what it refuses."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index import SearchIndex, SearchIndexError, SearchRequest, SearchSyntaxError


def _ids(index: SearchIndex, text: str) -> list[int]:
    return [h.article_id for h in index.search(SearchRequest(text, first=100)).hits]


@pytest.mark.parametrize(
    ("sloppy", "meant"),
    [
        ('"forced labor', '"forced labor"'),
        ("(Tokayev OR Taliban", "(Tokayev OR Taliban)"),
        ("Taliban)", "Taliban"),
        ("Taliban OR", "Taliban"),
        ("OR Taliban", "Taliban"),
        ("Taliban NOT", "Taliban"),
        ("Taliban AND AND Astana", "Taliban Astana"),
        ("Taliban : Astana", "Taliban Astana"),
        ("Tokaev~", "Tokaev"),
        ("Taliban^2", "Taliban"),
        ("NOT NOT Taliban", "Taliban"),
        ("Almaty? Taliban!", "Almaty Taliban"),
        ("TALIBAN", "taliban"),
    ],
)
def test_sloppy_text_gets_the_obvious_reading(
    search_index: SearchIndex, sloppy: str, meant: str
) -> None:
    assert _ids(search_index, sloppy) == _ids(search_index, meant)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("venue:Astana", "Unknown field 'venue:'; valid fields are title, body, author, country"),
        ("*stan", "Leading wildcards"),
        ("k*", "at least 2 letters"),
        ("ka*stan", "only allowed at the end"),
        ("Tok?yev", "'?' wildcards are not supported"),
        ("title:", "'title:' needs a value"),
        ("", "no words to search for"),
        ("!!! ... ---", "no words to search for"),
        ("()", "no words to search for"),
        ("x" * 1001, "too long"),
        ("(" * 20 + "Taliban", "nests parentheses too deeply"),
        (" ".join(f"w{i}" for i in range(40)), "too many terms"),
    ],
)
def test_unreadable_text_is_a_syntax_error_naming_the_problem(
    search_index: SearchIndex, text: str, problem: str
) -> None:
    with pytest.raises(
        SearchSyntaxError, match=problem.replace("?", r"\?").replace("*", r"\*").replace("(", r"\(")
    ):
        search_index.search(SearchRequest(text))


def test_a_search_over_budget_returns_partial_results_instead_of_hanging(
    search_index: SearchIndex,
) -> None:
    page = search_index.search(SearchRequest("the", time_budget_s=0.0, want_facets=True))
    assert page.partial
    assert page.total_count >= 0


def test_a_negative_page_size_is_refused(search_index: SearchIndex) -> None:
    with pytest.raises(SearchIndexError):
        search_index.search(SearchRequest("the", first=-1))


_PIECES = st.sampled_from(
    [
        "Taliban",
        "the",
        "forced",
        "labor",
        "OR",
        "AND",
        "NOT",
        "-",
        "+",
        '"',
        "(",
        ")",
        ":",
        "*",
        "?",
        "~",
        "^",
        "[",
        "]",
        "{",
        "}",
        "/",
        "\\",
        "title:",
        "country:",
        "author:",
        "organization:",
        "body:",
        "foo:",
        "kaz*",
        "*stan",
        "’s",
        "'",
        "Café",
        "Ωμέγα",
        "🙂",
        "\u0000",
        "\u200b",
        " ",
        "  ",
        "\n",
        "TO",
        "ka",
        "k",
    ]
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=20))
def test_any_text_raises_nothing_but_a_syntax_error(
    search_index: SearchIndex, pieces: list[str]
) -> None:
    text = "".join(pieces)
    try:
        page = search_index.search(SearchRequest(text, want_facets=True, want_highlights=True))
    except SearchSyntaxError as error:
        assert str(error)
    else:
        assert page.total_count >= len(page.hits)
