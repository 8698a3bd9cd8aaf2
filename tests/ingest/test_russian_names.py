"""Countries and organizations by their Cyrillic names, declined or not (issue 13)."""

from __future__ import annotations

import pytest

from ingest.countries import country_name
from ingest.linking import link_countries, link_organizations
from ingest.organizations import curated
from ingest.russian_names import (
    COUNTRY_NAMES,
    COUNTRY_WORDS,
    ORGANIZATION_NAMES,
    scan_cyrillic_countries,
)


def countries(text: str) -> dict[str, int]:
    return {m.code: m.mentions for m in link_countries(text)}


def organizations(text: str) -> dict[str, int]:
    return {m.organization.slug: m.mentions for m in link_organizations(text)}


def test_every_row_names_a_known_country_or_curated_organization() -> None:
    for code in (*COUNTRY_NAMES, *COUNTRY_WORDS):
        assert country_name(code)
    assert set(ORGANIZATION_NAMES) <= set(curated())
    # A listed name finds its own row and no other.
    for code, names in COUNTRY_NAMES.items():
        for name in names:
            assert {h.key for h in scan_cyrillic_countries(name)} == {code}, name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("В Казахстане, в Казахстан, из Казахстана", {"KZ": 3}),
        ("Қазақстан Республикасы", {"KZ": 1}),
        ("Киргизия и Кыргызстан; Кыргызстаном", {"KG": 3}),
        ("Российской Федерации, РФ, России", {"RU": 3}),
        ("казахстанская сторона и российского бизнеса", {"KZ": 1, "RU": 1}),
        ("КНР и Китаем, китайские компании", {"CN": 3}),
        ("США и Ирана", {"US": 1, "IR": 1}),
    ],
)
def test_countries_in_any_case_ending(text: str, expected: dict[str, int]) -> None:
    assert countries(text) == expected


def test_what_only_looks_like_a_country_is_not_one() -> None:
    # Ирак is not Иран; индивидуальный is not Индия; a lower-case грузия is not Georgia.
    assert countries("Ирак, индивидуальный подход, грузия на складе") == {}
    # Latin and Cyrillic mentions add up.
    assert countries("Kazakhstan и Казахстан") == {"KZ": 2}


def test_organizations_by_acronym_and_by_declined_full_name() -> None:
    text = (
        "Саммит ШОС прошёл в Астане. Члены Шанхайской организации сотрудничества и ОДКБ, "
        "Организации Договора о коллективной безопасности, обсудили ЕАЭС. Совет Безопасности "
        "ООН и МВФ промолчали; Всемирного банка это не касается."
    )
    assert organizations(text) == {
        "sco": 2, "csto": 2, "eaeu": 1, "un": 1, "imf": 1, "world-bank": 1,
    }  # fmt: skip


def test_acronyms_match_only_as_written() -> None:
    # "ес" and "мот" are ordinary words in lower case; ЕС and МОТ are not.
    assert organizations("мы ес, мот, воз сена") == {}
    assert organizations("ЕС и ВОЗ") == {"eu": 1, "who": 1}


def test_curated_organizations_carry_their_cyrillic_names() -> None:
    assert curated()["sco"].names == ("ШОС", "Шанхайская организация сотрудничества")
    assert curated()["adb"].names[0] == "АБР"


@pytest.mark.parametrize(
    "text",
    [
        "Герман Греф",
        "Папа Франциск",
        "Франц Кафка",
        "Индиана Джонс",
        "Индира Ганди",
        "Индиго",
        "Валентино Росси",
        "опера Россини",
        "Катарина Витт",
        "Китаев сказал",
        "Кита выбросило на берег",
        "Грузите товары",
        "Армен Саркисян",
        "Ирак",
    ],
)
def test_names_and_words_that_start_like_a_country_are_not_one(text: str) -> None:
    assert countries(text) == {}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Беларусью", "BY"),
        ("в Южной Корее", "KR"),
        ("Южную Корею", "KR"),
        ("Соединённые Штаты", "US"),
        ("Соединенных Штатов Америки", "US"),
        ("казахстанцы", "KZ"),
        ("казахстанцев", "KZ"),
        ("казахстанка", "KZ"),
        ("россияне", "RU"),
        ("россиян", "RU"),
        ("кыргызстанцы", "KG"),
        ("немецкий канцлер", "DE"),
        ("английский", "GB"),
        ("южнокорейский", "KR"),
        ("Россией", "RU"),
        ("Китаем", "CN"),
        ("Киргизией", "KG"),
        ("Туркменией", "TM"),
    ],
)
def test_every_case_plurals_and_demonyms_count(text: str, code: str) -> None:
    assert countries(text) == {code: 1}


def test_the_parts_of_a_hyphenated_word_count_apart() -> None:
    assert countries("российско-китайские отношения") == {"RU": 1, "CN": 1}
    assert countries("маршрут Казахстан-Китай") == {"KZ": 1, "CN": 1}
