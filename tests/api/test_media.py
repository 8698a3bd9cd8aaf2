"""Content negotiation (api.media) on Accept headers real clients send, and odd ones."""

from __future__ import annotations

import pytest

from api.media import GRAPHQL_RESPONSE, JSON, accepts_html, negotiate

APOLLO_4 = "application/graphql-response+json,application/json;q=0.9"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, JSON),
        ("", JSON),
        ("*/*", JSON),
        ("application/json", JSON),
        (APOLLO_4, GRAPHQL_RESPONSE),
        ("application/graphql-response+json", GRAPHQL_RESPONSE),
        ("application/json, application/graphql-response+json", GRAPHQL_RESPONSE),
        ("application/json;q=0, */*", GRAPHQL_RESPONSE),
        ("application/json;q=0, application/*", GRAPHQL_RESPONSE),
        ("application/graphql-response+json;q=0, */*", JSON),
        ("application/graphql-response+json;q=0.5, application/json", JSON),
        ("Application/GraphQL-Response+JSON", GRAPHQL_RESPONSE),
        ("text/html", JSON),
        ("not a media type, application/graphql-response+json", GRAPHQL_RESPONSE),
        (";;;,,", JSON),
    ],
)
def test_negotiation_honours_qualities_and_specific_ranges(
    accept: str | None, expected: str
) -> None:
    assert negotiate(accept) == expected


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("text/html,application/xhtml+xml,*/*;q=0.8", True),
        ("*/*", False),
        ("text/html;q=0, */*", False),
        (None, False),
        ("garbage", False),
    ],
)
def test_only_a_named_text_html_is_a_page_load(accept: str | None, expected: bool) -> None:
    assert accepts_html(accept) is expected
