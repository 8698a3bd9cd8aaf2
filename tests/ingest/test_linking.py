from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ingest.digest import read_digest
from ingest.jsonl import read_jsonl
from ingest.linking import country_name, currency_countries, currency_name, link
from ingest.parsed import ExplicitOrganization, ParsedArticle
from store.records import ArticleDraft, Block, CountryMention, OrganizationDraft

SAMPLES = Path(__file__).parents[2] / "sample"


def article(
    body: str,
    title: str = "A Title",
    countries: tuple[str, ...] | None = None,
    organizations: tuple[ExplicitOrganization, ...] | None = None,
) -> ParsedArticle:
    blocks = tuple(Block(p) for p in body.split("\n\n"))
    return ParsedArticle(
        title, blocks, date(2025, 12, 15), (), "a-title", "t", countries, organizations
    )


def countries(body: str, **kwargs: Any) -> list[str]:
    return [c.code for c in link(article(body, **kwargs)).countries]


def organizations(body: str, **kwargs: Any) -> list[str]:
    return [o.organization.slug for o in link(article(body, **kwargs)).organizations]


def summary(draft: ArticleDraft) -> tuple[str, str]:
    return (
        " ".join(f"{c.code}:{c.mentions}" for c in draft.countries),
        " ".join(f"{o.organization.slug}:{o.mentions}" for o in draft.organizations),
    )


@pytest.fixture(scope="module")
def digest() -> list[ArticleDraft]:
    path = SAMPLES / "digest-2025-12-15.txt"
    return [link(a) for a in read_digest(path.read_text(encoding="utf-8"), str(path)).articles]


def test_sample_digest_links_are_the_ones_a_reader_expects(digest: list[ArticleDraft]) -> None:
    assert [summary(d) for d in digest] == [
        ("KZ:4 AF:1 KG:1 LU:1 TJ:1 TM:1 UZ:1", "eu:12 eeas:2 ifas:1"),
        ("KZ:18 AF:14 RU:6 CN:1", "un:3 csto:2 nato:1"),
        ("TM:3", "ilo:1"),
        ("KZ:9 AZ:2 AF:1 AM:1 FR:1 TR:1", "un:1"),
        ("TJ:5 SY:4", ""),
        ("KZ:5 RU:1", ""),
    ]


def test_sample_organizations_carry_names_and_acronyms(digest: list[ArticleDraft]) -> None:
    eu, taliban, turkmen = digest[0], digest[1], digest[2]
    assert eu.organizations[2].organization == OrganizationDraft(
        "ifas", "International Fund for Saving the Aral Sea", "IFAS"
    )
    assert turkmen.organizations[0].organization == OrganizationDraft(
        "ilo", "International Labour Organization", "ILO"
    )
    assert {o.organization.acronym for o in taliban.organizations} == {"UN", "CSTO", "NATO"}


def test_draft_keeps_words_authors_and_identity(digest: list[ArticleDraft]) -> None:
    taliban = digest[1]
    assert taliban.slug == "central-asia-asks-are-afghanistans-taliban-government-terrorists"
    assert [a.name for a in taliban.authors] == ["Aidar Borangaziev"]
    assert taliban.text.title.endswith("Terrorists?")
    assert taliban.published_on == date(2025, 12, 15)


def test_wikinews_sample_links_nothing_laughable() -> None:
    path = SAMPLES / "wikinews-gum" / "articles.jsonl"
    drafts = {
        a.slug[:20]: link(a) for a in read_jsonl(path.read_text(encoding="utf-8"), "w").articles
    }
    assert summary(drafts["interview-with-libri"])[0] == ""  # "languages like German, ... Japanese"
    assert "IE" not in summary(drafts["wikinews-interviews-"])[0]  # "Baileys Irish Cream"
    assert summary(drafts["north-korea-puts-mil"]) == ("KR:5 KP:4", "kcna:3")
    assert summary(drafts["nasa-celebrates-30th"]) == ("US:7", "jsc:5 ksc:5")
    assert (
        summary(drafts["australian-children-"])[1] == "who:3"
    )  # "World Health Organisation (WHO)" is one mention


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Kyrgyz Republic and Kyrgyzstan.", ["KG"]),
        ("Türkiye, formerly Turkey.", ["TR"]),
        (
            "Kazakhstani, Kazakh, Tajik, Afghan, Uzbek, Turkmen and Iranian officials.",
            ["AF", "IR", "KZ", "TJ", "TM", "UZ"],
        ),
        ("RFE/RL’s Kazakh service reported it.", ["KZ"]),
        ("Kazakhstan’s president spoke.", ["KZ"]),
        ("Central Asia and Central Asian states.", []),
        ("The Russian-language service of Deutsche Welle.", []),
        ("Broadcasts in Russian, and books in languages like German, Hebrew, and Japanese.", []),
        ("Sputnik India wrote that.", []),
        ("Michael Jordan met Chad Smith in New Jersey.", []),
        ("King Abdullah of Jordan flew to Chad.", ["JO", "TD"]),
        ("A roast turkey from china, and us.", []),
        ("The US and the U.S. and the United States.", ["US"]),
        ("According to Turkmen.news and 24.kg.", []),
        ("Papua New Guinea, not Guinea.", ["GN", "PG"]),
    ],
)
def test_country_mentions_need_a_real_country(text: str, expected: list[str]) -> None:
    assert sorted(countries(text)) == expected


def test_countries_rank_by_mentions_then_code() -> None:
    draft = link(
        article("Russia and Uzbekistan. Uzbekistan again, and Afghanistan.", title="On Russia")
    )
    assert draft.countries == (
        CountryMention("RU", 2),
        CountryMention("UZ", 2),
        CountryMention("AF", 1),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The EU, the UN, NATO and the CSTO.", ["csto", "eu", "nato", "un"]),
        ("eu and un in lower case are no bodies.", []),
        (
            "The International Labor Organization and the International Labour Organisation.",
            ["ilo"],
        ),
        ("A UN Security Council resolution.", ["un"]),
        ("The World Bank lends.", ["world-bank"]),
        ("A Euronews opinion piece.", []),
    ],
)
def test_organization_mentions(text: str, expected: list[str]) -> None:
    assert sorted(organizations(text)) == expected


def test_acronym_definitions_create_organizations_that_later_mentions_count() -> None:
    draft = link(
        article("The Korean Central News Agency (KCNA) said so.\n\nKCNA added more. KCNA again.")
    )
    (mention,) = draft.organizations
    assert mention.organization == OrganizationDraft("kcna", "Korean Central News Agency", "KCNA")
    assert mention.mentions == 3  # the definition counts once


def test_definitions_take_only_the_words_that_spell_the_acronym() -> None:
    draft = link(article("The government of Turkmenistan and the Open Water Fund (OWF) agreed."))
    assert draft.organizations[0].organization.name == "Open Water Fund"
    assert countries("Kazakhstan (KZ) and the tenge (KZT).") == ["KZ"]
    assert organizations("Kazakhstan (KZ) and the tenge (KZT).") == []


def test_explicit_countries_replace_detection_with_a_floor_of_one() -> None:
    body = "Kazakhstan and Kazakhstan and Russia."
    draft = link(article(body, countries=("KZ", "MN")))
    assert draft.countries == (CountryMention("KZ", 2), CountryMention("MN", 1))
    assert countries(body, countries=()) == []


def test_explicit_organizations_resolve_names_acronyms_slugs_and_new_names() -> None:
    given = ("International Labor Organization", "csto", "XYZ", "Some Local Body",
             OrganizationDraft("dw", "Deutsche Welle", "DW"))  # fmt: skip
    draft = link(article("The ILO and the ILO.", organizations=given))
    assert [(o.organization, o.mentions) for o in draft.organizations] == [
        (OrganizationDraft("ilo", "International Labour Organization", "ILO"), 2),
        (OrganizationDraft("csto", "Collective Security Treaty Organization", "CSTO"), 1),
        (OrganizationDraft("dw", "Deutsche Welle", "DW"), 1),
        (OrganizationDraft("some-local-body", "Some Local Body", None), 1),
        (OrganizationDraft("xyz", "XYZ", "XYZ"), 1),
    ]


def test_currency_countries_come_from_cldr() -> None:
    for code, country in [
        ("KZT", "KZ"),
        ("KGS", "KG"),
        ("TJS", "TJ"),
        ("UZS", "UZ"),
        ("TMT", "TM"),
    ]:
        assert currency_countries(code) == (country,)
    assert "RU" in currency_countries("RUB")
    assert "US" in currency_countries("usd")
    assert currency_countries("XXX") == ()


def test_currency_and_country_names_are_readable() -> None:
    assert currency_name("KZT") == "Tenge"
    assert [country_name(c) for c in ("KG", "RU", "IR", "KZ", "TR", "SY")] == [
        "Kyrgyzstan", "Russia", "Iran", "Kazakhstan", "Türkiye", "Syria",
    ]  # fmt: skip
    with pytest.raises(KeyError):
        country_name("ZZ")
