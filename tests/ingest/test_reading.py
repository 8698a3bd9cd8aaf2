"""The digest reader on the difficulties real pages bring, one page fragment each."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ingest.digest import explain_digest, read_digest
from ingest.errors import IngestError
from ingest.linking import link
from ingest.parsed import ParsedArticle, ParsedPage
from store.records import Block

SAMPLE = Path(__file__).parents[2] / "sample" / "digest-2025-12-15.txt"
DAY = "2026-03-24"


def page(*lines: str) -> ParsedPage:
    return read_digest("\n".join(lines), "test.txt")


def kinds(article: ParsedArticle) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in article.blocks]


def titles(parsed: ParsedPage) -> list[str]:
    return [a.title for a in parsed.articles]


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Dana Omarova in Astana", ["Dana Omarova"]),
        ("By Timur Akhmetov, Correspondent", ["Timur Akhmetov"]),
        ("By Rustam Aliyev, Central Asia Editor", ["Rustam Aliyev"]),
        ("By Zarina Ergasheva, Special Correspondent, in Nukus", ["Zarina Ergasheva"]),
        ("By Aigerim Toktosunova and Bakyt Jumabaev", ["Aigerim Toktosunova", "Bakyt Jumabaev"]),
        (
            "By Azamat Ibraimov and Elnura Alymbekova in Bishkek",
            ["Azamat Ibraimov", "Elnura Alymbekova"],
        ),
        ("By Jane Doe, John Roe and Ann Poe", ["Jane Doe", "John Roe", "Ann Poe"]),
        ("By Our Correspondent", []),
    ],
)
def test_bylines_with_places_roles_and_several_authors(line: str, names: list[str]) -> None:
    parsed = page(
        DAY,
        "",
        "Gas Deal Signed in Astana Today",
        line,
        "",
        "Text.",
        "",
        "Second Story Is Here Today",
        "",
        "More text.",
    )
    assert titles(parsed) == ["Gas Deal Signed in Astana Today", "Second Story Is Here Today"]
    assert [a.name for a in parsed.articles[0].authors] == names
    assert kinds(parsed.articles[0]) == [("paragraph", "Text.")]


def test_a_dateline_paragraph_stays_text_and_marks_the_line_above_as_a_headline() -> None:
    parsed = page(
        DAY,
        "",
        "First Story Is Here",
        "",
        "Text.",
        "",
        "Kyrgyzstan to introduce a digital som",
        "",
        "BISHKEK — The National Bank said on Friday it will launch a digital som.",
    )
    assert titles(parsed) == ["First Story Is Here", "Kyrgyzstan to introduce a digital som"]
    assert parsed.articles[1].blocks == (
        Block("BISHKEK — The National Bank said on Friday it will launch a digital som."),
    )


def test_a_sentence_case_headline_with_a_byline_is_a_headline() -> None:
    parsed = page(
        DAY,
        "",
        "First Story Is Here",
        "",
        "Text.",
        "",
        "Uzbekistan opens its first wind farm",
        "By Sardor Rakhimov",
        "",
        "Text two.",
    )
    assert titles(parsed) == ["First Story Is Here", "Uzbekistan opens its first wind farm"]


INTERVIEW = (
    DAY,
    "",
    "“We Cannot Wait for the Rain”: A Minister on Water",
    "By Bakyt Jumabaev",
    "",
    "We spoke to the minister about the summer.",
    "",
    "How bad is the situation this year?",
    "",
    "It is serious but not hopeless.",
    "",
    "And the New Dam?",
    "",
    "Kambarata-1 is the answer.",
    "",
    "Q: Will Downstream Farmers Lose Water?",
    "",
    "A: The opposite is true.",
    "",
    "Read More: Kambarata-1: Three Countries, One Dam and a Bill of $6 Billion",
)


def test_an_interview_keeps_its_questions_as_questions_and_is_one_article() -> None:
    (article,) = page(*INTERVIEW).articles
    assert kinds(article) == [
        ("paragraph", "We spoke to the minister about the summer."),
        ("question", "How bad is the situation this year?"),
        ("paragraph", "It is serious but not hopeless."),
        ("question", "And the New Dam?"),
        ("paragraph", "Kambarata-1 is the answer."),
        ("question", "Q: Will Downstream Farmers Lose Water?"),
        ("answer", "A: The opposite is true."),
        ("related", "Read More: Kambarata-1: Three Countries, One Dam and a Bill of $6 Billion"),
    ]


@pytest.mark.parametrize(
    "title",
    [
        "Will the Rogun Dam Be Finished by 2029?",
        "5 Things to Know About the New Caspian Pipeline Tariffs",
        "100 Days of Gas Cuts: Why Uzbekistan’s Homes Are Still Cold",
        "“Without Water There Is No Peace”: Farmers in Ferghana Speak Out",
        "‘Samarkand Is Ready’",
        "“Without Water There Is No Peace”",
        "COP31 in Focus: Central Asia’s Climate Bill Comes Due",
    ],
)
def test_headlines_that_ask_count_quote_or_have_a_colon(title: str) -> None:
    parsed = page(
        DAY,
        "",
        "First Story Is Here",
        "",
        "A paragraph of the first story.",
        "",
        title,
        "By Farrukh Nazarov",
        "",
        "Text.",
    )
    assert titles(parsed) == ["First Story Is Here", title]
    parsed = page(DAY, "", title, "", "Text.")
    assert titles(parsed) == [title]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Read More: Turkmenistan Looks to Afghanistan for Its Next Gas Customer", "related"),
        ("Read more: Uzbekistan Extends Visa-Free Entry to 90 Days", "related"),
        ("Related: Kazakhstan Orders Four Ferries for the Caspian Crossing", "related"),
        ("Photo: QazaqGaz Press Service", "caption"),
        (
            "(Photo: Freight Wagons at the Hairatan Terminal. Credit: Uzbekistan Railways)",
            "caption",
        ),
        ("Trucks queue at the Termez trade centre on March 24. Photo: Kabar", "caption"),
        ("Source: Caspian Pipeline Consortium, Ministry of Energy of Kazakhstan", "source"),
        ("Correction: An earlier version of this article gave the wrong year.", "correction"),
        ("Editor’s note: This article was updated on March 29.", "correction"),
    ],
)
def test_labelled_lines_stay_in_the_body_as_what_they_are(line: str, kind: str) -> None:
    parsed = page(
        DAY,
        "",
        "First Story Is Here",
        "",
        "Text.",
        "",
        line,
        "",
        "More text after it.",
        "",
        "Second Story Starts Right Here",
        "",
        "Text.",
    )
    assert titles(parsed) == ["First Story Is Here", "Second Story Starts Right Here"]
    assert kinds(parsed.articles[0])[1] == (kind, line)


def test_a_title_case_line_after_a_related_link_starts_the_next_article() -> None:
    parsed = page(
        DAY,
        "",
        "First Story Is Here",
        "",
        "Text.",
        "",
        "Related: Uzbekistan Signs Gas Swap With Azerbaijan",
        "",
        "Tokayev Meets Mirziyoyev in Turkistan",
        "The presidents met.",
    )
    assert titles(parsed) == ["First Story Is Here", "Tokayev Meets Mirziyoyev in Turkistan"]


def test_title_case_sub_headings_inside_a_long_article_stay_sub_headings() -> None:
    lines = [
        DAY,
        "",
        "The Middle Corridor at Five: Trains, Ferries and Geography",
        "By Rustam Aliyev, Central Asia Editor",
        "",
    ]
    for n in range(1, 31):
        lines += [f"Part {n} Ports and Ferries", "", f"Paragraph {n} of the long story.", ""]
        lines += [f"Another paragraph {n}, with more to say about it.", ""]
    lines += ["Rustam Aliyev is the Central Asia editor of this publication."]
    (article,) = page(*lines).articles
    assert len(article.blocks) == 90
    assert [b.kind for b in article.blocks[:3]] == ["subheading", "paragraph", "paragraph"]
    assert article.authors[0].bio is not None


def test_a_one_paragraph_article_between_two_others() -> None:
    parsed = page(
        DAY,
        "",
        "First Story Is Here",
        "",
        "Text.",
        "",
        "Uzbekistan Raises Minimum Wage by 10 Percent",
        "",
        "Uzbekistan will raise the minimum monthly wage from April 1.",
        "",
        "Third Story Comes After It",
        "",
        "Text.",
    )
    assert [len(a.blocks) for a in parsed.articles] == [1, 1, 1]


def test_two_articles_with_no_blank_line_between_them() -> None:
    parsed = page(
        DAY,
        "",
        "First Story Is Here",
        "By Aigerim Toktosunova",
        "",
        "Text.",
        "",
        "Aigerim Toktosunova is a reporter based in Bishkek.",
        "Afghan Traders Return to Termez",
        "TERMEZ — Uzbekistan reopened the trade centre on Tuesday.",
        "Uzbek customs officials said 300 trucks crossed.",
    )
    assert titles(parsed) == ["First Story Is Here", "Afghan Traders Return to Termez"]
    assert (
        parsed.articles[0].authors[0].bio == "Aigerim Toktosunova is a reporter based in Bishkek."
    )
    assert len(parsed.articles[1].blocks) == 2


def test_a_closing_bio_of_two_authors_names_both() -> None:
    parsed = page(
        DAY,
        "",
        "First Story Is Here",
        "By Yerzhan Baimukhanov and Olga Kim",
        "",
        "Text.",
        "",
        "Yerzhan Baimukhanov and Olga Kim are correspondents in Almaty.",
    )
    assert [(a.name, a.bio is not None) for a in parsed.articles[0].authors] == [
        ("Yerzhan Baimukhanov", True),
        ("Olga Kim", True),
    ]


def test_the_truncated_last_repeat_of_the_marquee_is_skipped() -> None:
    for cut in ("• UZS/USD = 0.000", "• TJS/", "• RUB/USD = 0.011", "• KZT/USD = 0.00201 +0.5"):
        parsed = page(
            "• KZT/USD = 0.00201 +0.51%",
            "• UZS/USD = 0.00008 -0%",
            "• TJS/USD = 0.09132 -0.22%",
            "• RUB/USD = 0.01186 +0.34%",
            cut,
            DAY,
        )
        assert [r.pair for r in parsed.rates] == ["KZT/USD", "UZS/USD", "TJS/USD", "RUB/USD"]
    with pytest.raises(IngestError, match="malformed ticker line"):
        page("• KZT/USD = 0.00201 +0.51%", "• TJS/", DAY)


def test_changes_with_and_without_signs_and_any_currency_pair() -> None:
    parsed = page(
        "• EUR/USD = 1.0842 +0.51%",
        "• CNY/USD = 0.13861 0.51%",
        "• AZN/USD = 0.58824 -0%",
        "• AFN/USD = 0.01418 −1.05%",
        DAY,
    )
    assert [(r.pair, str(r.rate), str(r.change_percent)) for r in parsed.rates] == [
        ("EUR/USD", "1.0842", "0.51"),
        ("CNY/USD", "0.13861", "0.51"),
        ("AZN/USD", "0.58824", "-0"),
        ("AFN/USD", "0.01418", "-1.05"),
    ]


@pytest.mark.parametrize(
    "written",
    [
        "March 24, 2026",
        "24 March 2026",
        "2026-03-24",
        "Tuesday, March 24, 2026",
        "Tuesday 24 March 2026",
        "Tuesday, 24 March 2026",
        "Tue, 24 Mar 2026",
    ],
)
def test_page_dates_in_every_spelling(written: str) -> None:
    parsed = page(written, "", "A Headline Here", "", "Text.")
    assert parsed.articles[0].published_on == date(2026, 3, 24)


def test_a_title_with_no_text_under_it_costs_no_other_article() -> None:
    parsed = page(
        DAY,
        "",
        "Economy and Business News",
        "",
        "Gas Deal Signed in Astana Today",
        "By Dana Omarova",
        "",
        "Text.",
        "",
        "Subscribe to Our Newsletter for Daily News",
    )
    assert titles(parsed) == ["Gas Deal Signed in Astana Today"]
    readings = explain_digest(
        "\n".join(
            [
                DAY,
                "",
                "Economy and Business News",
                "",
                "Gas Deal Signed in Astana Today",
                "By Dana Omarova",
                "",
                "Text.",
            ]
        ),
        "t.txt",
    ).readings
    assert [(r.line, r.role) for r in readings if r.role != "blank"] == [
        (1, "date"),
        (3, "skipped"),
        (5, "headline"),
        (6, "byline"),
        (8, "paragraph"),
    ]


def test_a_related_link_names_no_country_of_the_article() -> None:
    (article,) = page(
        DAY,
        "",
        "Uzbekistan Raises Minimum Wage",
        "",
        "Uzbekistan will raise it.",
        "",
        "Related: Turkmenistan Looks to Afghanistan for Gas",
    ).articles
    assert [c.code for c in link(article).countries] == ["UZ"]


def test_the_sample_page_links_what_it_linked_before() -> None:
    parsed = read_digest(SAMPLE.read_text(encoding="utf-8"), str(SAMPLE))
    found = [
        ([c.code for c in d.countries], [o.organization.slug for o in d.organizations])
        for d in map(link, parsed.articles)
    ]
    assert [len(a.blocks) for a in parsed.articles] == [10, 15, 7, 5, 7, 15]
    before = [
        (["KZ", "AF", "KG", "LU", "TJ", "TM", "UZ"], ["eu", "eeas", "ifas"]),
        (["KZ", "AF", "RU", "CN"], ["un", "csto", "nato"]),
        (["TM"], ["ilo"]),
        (["KZ", "AZ", "AF", "AM", "FR", "TR"], ["un"]),
        (["TJ", "SY"], []),
        (["KZ", "RU"], []),
    ]
    for (countries, organizations), (was_countries, was_organizations) in zip(
        found, before, strict=True
    ):
        assert set(was_countries) <= set(countries)
        assert set(was_organizations) <= set(organizations)
    assert all(b.kind in ("paragraph", "subheading") for a in parsed.articles for b in a.blocks)
