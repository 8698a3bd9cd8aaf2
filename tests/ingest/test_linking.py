from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ingest.digest import read_digest
from ingest.jsonl import read_jsonl
from ingest.linking import country_name, currency_countries, currency_name, link
from ingest.organizations import organization
from ingest.parsed import ExplicitOrganization, ParsedArticle
from store.records import (
    ArticleDraft,
    Block,
    CountryMention,
    OrganizationDraft,
    OrganizationMention,
)

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
        (
            "KZ:4 AF:1 KG:1 LU:1 TJ:1 TM:1 UZ:1",
            "eu:12 eeas:2 ifas:1 ministry-of-foreign-affairs-of-kazakhstan:1",
        ),
        (
            "KZ:18 AF:14 RU:7 CN:1",  # RU:7 with "Moscow’s plans"
            "un:3 csto:2 ministry-of-foreign-affairs-of-kazakhstan:2 kabul-university:1 "
            "ministry-of-foreign-affairs-of-afghanistan:1 ministry-of-foreign-affairs-of-russia:1 "
            "ministry-of-justice:1 nato:1",
        ),
        (
            "TM:3",
            "ilo:1 ministry-of-foreign-affairs:1 ministry-of-interior:1 ministry-of-justice:1 "
            "ministry-of-labor-and-social-security:1 ombudsman-institute:1",
        ),
        ("KZ:9 AZ:2 AF:1 AM:1 FR:1 TR:1", "un:1"),
        ("TJ:5 SY:4", "ministry-of-health-and-social-protection-of-tajikistan:2"),
        ("KZ:5 RU:1", ""),
    ]


def test_sample_organizations_carry_names_and_acronyms(digest: list[ArticleDraft]) -> None:
    eu, taliban, turkmen = digest[0], digest[1], digest[2]
    assert eu.organizations[2].organization == organization(
        "IFAS", "International Fund for Saving the Aral Sea"
    )
    assert turkmen.organizations[0].organization == organization(
        "ILO", "International Labour Organization"
    )
    acronyms = {o.organization.acronym for o in taliban.organizations} - {None}
    assert acronyms == {"UN", "CSTO", "NATO"}


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
    assert summary(drafts["australian-children-"])[1] == (  # "... (WHO)" is one mention
        "who:3 australian-centre-for-control-of-iodine-deficiency-disorders:1 university-of-nsw:1"
    )


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
        (organization("ILO", "International Labour Organization"), 2),
        (organization("CSTO", "Collective Security Treaty Organization"), 1),
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Astana said on Monday that it would not join.", ["KZ"]),
        ("Critics point to the risk of dependence on Moscow.", ["RU"]),
        ("A schedule agreed with Tashkent and Astana.", ["KZ", "UZ"]),
        ("Moscow’s influence is waning; Beijing signed the deal.", ["CN", "RU"]),
        ("She flew to Baku, then to a summit in Tashkent.", []),
        ("ASTANA — The meeting opened.", []),
        ("In Dushanbe, families wait. George Washington slept here.", []),
    ],
)
def test_capitals_link_their_country_only_when_they_stand_for_the_state(
    text: str, expected: list[str]
) -> None:
    assert sorted(countries(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Uzbekistan brought exporters to a trade fair in Atlanta, Georgia, last week.", ["UZ"]),
        ("Farmers in the US state of Georgia grow pecans.", []),
        ("Georgia, USA, and Georgia the country.", ["GE"]),
        ("Tbilisi, Georgia, hosted the talks.", ["GE"]),
    ],
)
def test_georgia_the_us_state_is_not_the_country(text: str, expected: list[str]) -> None:
    assert sorted(countries(text)) == expected


def test_a_surname_that_is_a_country_stays_the_person() -> None:
    body = (
        "“It is a forty-year relationship,” said Kate Jordan, a researcher.\n\nJordan added more."
    )
    assert countries(body) == []
    assert countries("Tom Holland and Anatole France visited.") == []
    assert countries("King Abdullah of Jordan.") == ["JO"]


def test_turkmen_the_language_is_no_country_but_turkmen_gas_is() -> None:
    radio = (
        "A radio station in Shymkent, Kazakhstan, broadcasts in Kazakh, Russian, Uzbek and Turkmen."
    )
    assert countries(radio) == ["KZ"]
    assert countries("The pipeline also carries Turkmen and Uzbek gas.") == ["TM", "UZ"]
    assert countries("Lessons in Turkmen are free.") == []


def test_chinese_built_is_about_china_but_chinese_language_is_not() -> None:
    assert countries("A Chinese-built cement plant opened.") == ["CN"]
    assert countries("A Chinese-language newspaper opened.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KazMunaiGas, Kazmunaygas and KMG.", ["kmg"]),
        ("Türkmengaz and Turkmengaz; Uzbekneftegas; Газпром and Gazprom.",
         ["gazprom", "turkmengaz", "uzbekneftegaz"]),
        ("The Organisation of Turkic States, formerly the Turkic Council (OTS).", ["ots"]),
        ("Rosatom, Kazatomprom and Samruk-Kazyna.", ["kap", "rosatom", "samruk-kazyna"]),
        ("CNPC, Sinopec and the China National Nuclear Corporation.", ["cnnc", "cnpc", "sinopec"]),
        ("Loans from the AIIB, the EDB, the Islamic Development Bank and CAREC.",
         ["aiib", "carec", "edb", "isdb"]),
        ("Shell and Eni, but not shell companies.", ["eni", "shell"]),
        ("The state grid operator and the world bank in lower case.", []),
    ],
)  # fmt: skip
def test_the_curated_table_knows_the_regions_bodies_however_written(
    text: str, expected: list[str]
) -> None:
    assert sorted(organizations(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Students at Nazarbayev University and the University of Edinburgh.",
         ["nazarbayev-university", "university-of-edinburgh"]),
        ("The State Agency for Water Resources and the Kazakh Press Club.",
         ["kazakh-press-club", "state-agency-for-water-resources"]),
        ("The Ministry of Economy and Finance and the World Bank.",
         ["ministry-of-economy-and-finance", "world-bank"]),
        ("The Asian Development Bank Institute is not the bank.",
         ["asian-development-bank-institute"]),
        ("The regional water authority and Bank officials in the West Bank.", []),
        ("The Soviet Union, and RFE/RL’s Kazakh Service.", []),
        ("The Trans-Afghan Railway and the Middle Corridor.", []),
        ("The Cabinet of Ministers and the Afghanistan Chamber of Commerce and Investment.",
         ["afghanistan-chamber-of-commerce-and-investment", "cabinet-of-ministers"]),
        ("The cabinet met in the chamber.", []),
        ("The Space Shuttle Program ended; the Programme for Aral Recovery began.",
         ["programme-for-aral-recovery"]),
    ],
)  # fmt: skip
def test_names_with_an_organization_head_word_are_organizations(
    text: str, expected: list[str]
) -> None:
    assert sorted(organizations(text)) == expected


def test_ministries_get_one_name_with_their_country_where_the_text_gives_it() -> None:
    body = (
        "Kazakhstan’s Foreign Ministry said so. The Kazakh Energy Ministry and the Ministry "
        "of Energy of Kazakhstan agreed.\n\nForeign Ministry spokesperson Aibek Smadiyarov added."
    )
    assert link(article(body)).organizations == (
        OrganizationMention(
            OrganizationDraft(
                "ministry-of-energy-of-kazakhstan", "Ministry of Energy of Kazakhstan"
            ),
            2,
        ),
        OrganizationMention(
            OrganizationDraft(
                "ministry-of-foreign-affairs-of-kazakhstan",
                "Ministry of Foreign Affairs of Kazakhstan",
            ),
            2,
        ),
    )
    assert organizations("The Ministry of Culture said.") == ["ministry-of-culture"]
    assert organizations("The Ministry of Labour, Migration and Employment said.") == [
        "ministry-of-labour-migration-and-employment"
    ]
    assert sorted(organizations("The Ministry of Energy, Rosatom and Kazatomprom met.")) == [
        "kap",
        "ministry-of-energy",
        "rosatom",
    ]


def test_a_country_qualifies_a_national_bank_from_outside() -> None:
    body = "Tajikistan’s National Bank wants cards.\n\nThe National Bank of Tajikistan said so."
    assert organizations(body) == ["nbt"]


def test_organs_count_as_their_body() -> None:
    assert organizations(
        "He worked for the Executive Committee of the International Fund for Saving the Aral Sea."
    ) == ["ifas"]
    assert organizations(
        "Kazakhstan offered to host a UN Regional Centre for Sustainable Goals."
    ) == ["un"]
    assert organizations("The Council of the CSTO Parliamentary Assembly met.") == ["csto"]


def test_acronyms_defined_elsewhere_in_the_archive_link_bare() -> None:
    owf = OrganizationDraft("owf", "Open Water Fund", "OWF")
    draft = link(article("The OWF paid, and the OWF paid again."), archive=(owf,))
    assert draft.organizations == (OrganizationMention(owf, 2),)
    assert organizations("The OWF paid.") == []  # unknown without the archive
