import contextlib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.digest import read_digest
from ingest.errors import IngestError
from ingest.parsed import ParsedArticle, ParsedPage
from store.records import AuthorDraft, Block, RateDraft

SAMPLE = Path(__file__).parents[2] / "sample" / "digest-2025-12-15.txt"
DAY = date(2025, 12, 15)
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def sample() -> ParsedPage:
    return read_digest(SAMPLE.read_text(encoding="utf-8"), str(SAMPLE))


def by_title(page: ParsedPage, start: str) -> ParsedArticle:
    (article,) = [a for a in page.articles if a.title.startswith(start)]
    return article


def page(*lines: str) -> ParsedPage:
    return read_digest("\n".join(lines), "test.txt")


def test_sample_page_has_its_six_articles_in_order(sample: ParsedPage) -> None:
    assert [a.title for a in sample.articles] == [
        "Central Asia – EU Political and Security Cooperation",
        "Central Asia Asks: Are Afghanistan’s Taliban Government Terrorists?",
        "Turkmenistan to Ditch Forced Labor in Cotton Harvesting",
        "Kazakhstan’s President Tokayev Foresees a Bigger Role for Middle Powers in Solving "
        "the World’s Problems",
        "Peace for Women and Children Returning from Syria to Tajikistan",
        "Protecting Women and Children Helps Preserve, Not Contradict, Traditional Family "
        "Values in Kazakhstan",
    ]
    assert {a.published_on for a in sample.articles} == {DAY}


def test_sample_ticker_gives_one_exact_rate_per_pair(sample: ParsedPage) -> None:
    assert sample.rates == (
        RateDraft("KGS", "USD", Decimal("0.01144"), Decimal("0"), DAY),
        RateDraft("KZT", "USD", Decimal("0.00194"), Decimal("0"), DAY),
        RateDraft("TJS", "USD", Decimal("0.10879"), Decimal("-0.18"), DAY),
        RateDraft("UZS", "USD", Decimal("0.00008"), Decimal("0"), DAY),
        RateDraft("TMT", "USD", Decimal("0.28490"), Decimal("0"), DAY),
    )
    assert [str(r.rate) for r in sample.rates] == [
        "0.01144",
        "0.00194",
        "0.10879",
        "0.00008",
        "0.28490",
    ]


def test_bio_paragraph_becomes_author_and_leaves_body(sample: ParsedPage) -> None:
    taliban = by_title(sample, "Central Asia Asks")
    (author,) = taliban.authors
    assert author.name == "Aidar Borangaziev"
    assert author.bio is not None and author.bio.startswith(
        "Aidar Borangaziev is a Kazakhstani diplomat"
    )
    assert author.bio.endswith("an expert in regional security research.")
    assert not any("Borangaziev" in b.text for b in taliban.blocks)
    assert taliban.blocks[-1].text.startswith("The site Modern Diplomacy")


def test_articles_without_byline_or_bio_have_no_authors(sample: ParsedPage) -> None:
    assert [len(a.authors) for a in sample.articles] == [0, 1, 0, 0, 0, 0]


def test_sub_headings_stay_inside_their_article(sample: ParsedPage) -> None:
    last = sample.articles[-1]
    assert [b.text for b in last.blocks if b.kind == "subheading"] == [
        "Regulatory actions",
        "Promoting a values-based society",
        "The future",
    ]
    assert last.blocks[0].kind == "paragraph"
    assert all(b.kind == "paragraph" for a in sample.articles[:-1] for b in a.blocks)


def test_sample_text_keeps_typography_and_loses_nbsp(sample: ParsedPage) -> None:
    texts = [b.text for a in sample.articles for b in a.blocks]
    assert not any(NBSP in t or "  " in t or t != t.strip() for t in texts)
    assert any("Kazakhstan’s" in t for t in texts)
    assert any("“" in t and "”" in t for t in texts)
    turkmen = by_title(sample, "Turkmenistan")
    assert turkmen.blocks[0].text.startswith("According to reports published by Turkmen.news")


def test_slugs_come_from_titles_and_sources_from_the_file_name(sample: ParsedPage) -> None:
    assert sample.articles[0].slug == "central-asia-eu-political-and-security-cooperation"
    assert sample.articles[0].source == "digest-2025-12-15.txt"
    assert len({a.slug for a in sample.articles}) == 6


def test_page_dates_in_three_spellings() -> None:
    for spelling in (
        "15 December 2025",
        "December 15, 2025",
        "2025-12-15",
        "Monday, 15 December 2025",
    ):
        parsed = page(spelling, "", "A Headline Here", "", "A paragraph.")
        assert parsed.articles[0].published_on == DAY, spelling


def test_byline_names_the_authors_and_leaves_the_body() -> None:
    parsed = page("2025-12-15", "A Headline Here", "By Jane Doe", "", "Text.")
    assert parsed.articles[0].authors == (AuthorDraft("Jane Doe"),)
    assert parsed.articles[0].blocks == (Block("Text."),)
    parsed = page("2025-12-15", "A Headline Here", "By Jane Doe and John Roe", "Text.")
    assert [a.name for a in parsed.articles[0].authors] == ["Jane Doe", "John Roe"]


def test_byline_and_bio_of_the_same_author_merge() -> None:
    parsed = page(
        "2025-12-15",
        "A Headline Here",
        "By Jane Doe",
        "Text.",
        NBSP,
        "Jane Doe is a reporter in Almaty.",
    )
    assert parsed.articles[0].authors == (
        AuthorDraft("Jane Doe", "Jane Doe is a reporter in Almaty."),
    )


def test_a_closing_place_sentence_is_not_an_author() -> None:
    parsed = page(
        "2025-12-15", "A Headline Here", "Text.", "", "Central Asia is a region of five states."
    )
    assert parsed.articles[0].authors == ()
    assert len(parsed.articles[0].blocks) == 2


def test_article_may_follow_a_paragraph_without_a_blank_line() -> None:
    parsed = page(
        "2025-12-15",
        "First Story Is Here",
        "First paragraph.",
        "Second Story Starts Now",
        "Its text.",
    )
    assert [a.title for a in parsed.articles] == ["First Story Is Here", "Second Story Starts Now"]
    assert parsed.articles[1].blocks == (Block("Its text."),)


def test_question_inside_a_q_and_a_is_a_sub_heading() -> None:
    parsed = page(
        "2025-12-15",
        "Interview With a Diplomat",
        "",
        "We spoke to her.",
        "",
        "What first drew you to diplomacy?",
        "",
        "My father was one.",
    )
    assert parsed.articles[0].blocks == (
        Block("We spoke to her."),
        Block("What first drew you to diplomacy?", "subheading"),
        Block("My father was one."),
    )


def test_crlf_bom_and_nbsp_lines_are_handled() -> None:
    text = (
        "\ufeff  • KZT/USD = 0.00194 0%\r\n15 December 2025\r\n\r\n"
        "A Headline Here\r\n \u00a0\r\nSome\u00a0 text.\r\n"
    )
    parsed = read_digest(text, "t.txt")
    assert parsed.articles[0].blocks == (Block("Some text."),)
    assert parsed.rates[0].pair == "KZT/USD"


def test_hard_wrapped_paragraph_lines_join() -> None:
    parsed = page("2025-12-15", "A Headline Here", "a paragraph that was", "wrapped in two.")
    assert parsed.articles[0].blocks == (Block("a paragraph that was wrapped in two."),)


def test_signed_changes_and_unicode_minus_keep_their_value() -> None:
    parsed = page("2025-12-15", "• KGS/USD = 0.0114 +0.26%", "• KZT/USD = 0.00194 −0.50%")
    assert [(r.rate, r.change_percent) for r in parsed.rates] == [
        (Decimal("0.0114"), Decimal("0.26")),
        (Decimal("0.00194"), Decimal("-0.50")),
    ]
    assert parsed.articles == ()


def test_conflicting_ticker_repeats_fail_naming_the_line() -> None:
    with pytest.raises(IngestError) as error:
        page("2025-12-15", "• KZT/USD = 0.00194 0%", "• KZT/USD = 0.00195 0%")
    assert error.value.line == 3 and "KZT/USD" in str(error.value)


def test_malformed_ticker_line_fails_naming_the_line() -> None:
    with pytest.raises(IngestError) as error:
        page("2025-12-15", "• KZT/USD = lots", "A Headline Here", "Text.")
    assert (error.value.source, error.value.line) == ("test.txt", 2)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        (" \n\u00a0\n\t", "empty"),
        ("just some words.\nand more words.", "not a digest"),
        ("A Headline Here\nText.", "no page date"),
        ("• KZT/USD = 0.00194 0%", "no page date"),
        ("2025-12-15\nA Headline Here", "has no text"),
    ],
)
def test_unusable_pages_fail_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(IngestError, match=reason):
        read_digest(text, "bad.txt")


PAGE_LINES = st.one_of(
    st.sampled_from(
        [
            "2025-12-15",
            "15 December 2025",
            "A Headline Here",
            "By Jane Doe",
            "Text.",
            "",
            NBSP,
            "• KZT/USD = 0.00194 0%",
            "• KZT/USD = 0.1 -1%",
            "The future",
            "Why now?",
            "Jane Doe is a reporter.",
            "Central Asia is a region.",
        ]
    ),
    st.text(alphabet="Ab c.?•/=%0-1:’KZ\u00a0", max_size=30),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PAGE_LINES, max_size=12).map("\n".join))
def test_random_pages_raise_nothing_but_ingest_error(text: str) -> None:
    with contextlib.suppress(IngestError):
        read_digest(text, "random.txt")


@given(st.text())
def test_arbitrary_unicode_raises_nothing_but_ingest_error(text: str) -> None:
    with contextlib.suppress(IngestError):
        read_digest(text, "random.txt")


@pytest.mark.parametrize("written", ["31 February 2025", "February 30, 2025", "2025-02-31"])
def test_an_impossible_page_date_is_named_as_such(written: str) -> None:
    page = f"{written}\n\nA Headline About Water\n\nSome text about water.\n"
    with pytest.raises(IngestError, match=f"'{written}' is not a valid date") as caught:
        read_digest(page, "page.txt")
    assert caught.value.line == 1
