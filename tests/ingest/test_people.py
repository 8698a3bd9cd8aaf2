"""Which people a text names: the curated table's rules, in both scripts (issue 13)."""

from __future__ import annotations

import pycountry
import pytest

from ingest.name_keys import name_keys
from ingest.people import curated_people, find_person, link_people, person_of_author
from ingest.people_table import PEOPLE
from store.records import AuthorDraft


def named(text: str) -> dict[str, int]:
    return {m.person.slug: m.mentions for m in link_people(text)}


def test_the_table_is_consistent() -> None:
    slugs = [person.slug for person in curated_people().values()]
    assert len(slugs) == len(PEOPLE) == len(set(slugs))
    for row in PEOPLE:
        assert pycountry.countries.get(alpha_2=row.country) is not None, row.name
        # Every listed spelling finds its own row: none is shared with another person.
        for spelling in (row.name, *row.spellings):
            found = find_person(spelling)
            assert found is not None and found.name == row.name, spelling
        for word in row.alone:
            words = {key for s in (row.name, *row.spellings) for key in name_keys(s)}
            assert name_keys(word)[-1] in words, word


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Садыр Жапаров встретился с Касым-Жомартом Токаевым.",
            {"sadyr-japarov": 1, "kassym-jomart-tokayev": 1},
        ),
        (
            "President Zhaparov and Tokaev met; Japarov spoke.",
            {"sadyr-japarov": 2, "kassym-jomart-tokayev": 1},
        ),
        ("Президент Кыргызстана С. Жапаров", {"sadyr-japarov": 1}),
        ("Си Цзиньпин и Путин.", {"xi-jinping": 1, "vladimir-putin": 1}),
        ("Wang Yi spoke. Wang later left.", {"wang-yi": 2}),
    ],
)
def test_full_names_and_known_surnames_in_either_script(
    text: str, expected: dict[str, int]
) -> None:
    assert named(text) == expected


def test_a_bare_surname_is_the_person_the_article_names_in_full() -> None:
    assert named("Serdar Berdimuhamedow opened it. Berdimuhamedow spoke.") == {
        "serdar-berdimuhamedov": 2
    }
    # Japarov alone names the president: after Akylbek Japarov in full, it is ambiguous.
    assert named("Akylbek Japarov resigned. Japarov said he would stay in politics.") == {
        "akylbek-japarov": 1
    }
    saida = "Saida Mirziyoyeva met envoys. President Mirziyoyev later said"
    assert named(saida) == {"saida-mirziyoyeva": 1}


def test_a_surname_two_people_share_is_nobodys_unless_one_is_named() -> None:
    both = "Serdar Berdimuhamedov and Gurbanguly Berdimuhamedov came. Berdimuhamedov spoke."
    assert named(both) == {"serdar-berdimuhamedov": 1, "gurbanguly-berdimuhamedov": 1}
    assert named("Berdimuhamedov spoke.") == {}
    # Japarov alone is the president, the table says; with both named in full, nobody.
    assert named("Japarov spoke.") == {"sadyr-japarov": 1}
    assert named("Sadyr Japarov and Akylbek Japarov met. Japarov spoke.") == {
        "akylbek-japarov": 1,
        "sadyr-japarov": 1,
    }


def test_lower_case_words_and_uncurated_names_are_nobody() -> None:
    assert named("putin was not capitalised; a lavrov neither.") == {}
    assert named("Our correspondent Aida Karimova filed from Ashgabat.") == {}
    assert named("Islam is practised widely; Karimova wrote.") == {}


def test_an_author_is_the_curated_person_their_byline_spells_else_their_own() -> None:
    minister = person_of_author(AuthorDraft(name="Сергей Лавров"))
    assert (minister.slug, minister.curated) == ("sergei-lavrov", True)
    own = person_of_author(AuthorDraft(name="Aida Karimova"))
    assert (own.slug, own.key, own.curated) == ("aida-karimova", "aida karimova", False)
    # Two people whose names differ only by an ending are two persons.
    ivanov = person_of_author(AuthorDraft(name="Александр Иванов"))
    ivanova = person_of_author(AuthorDraft(name="Александра Иванова"))
    assert ivanov.key != ivanova.key
    zhaparov = person_of_author(AuthorDraft(name="Aibek Zhaparov"))
    assert zhaparov.key == person_of_author(AuthorDraft(name="Aibek Japarov")).key
    assert person_of_author(AuthorDraft(name="Putin")).slug == "putin"  # one word: not him


@pytest.mark.parametrize(
    "text",
    [
        "Даниил Медведев выиграл турнир.",  # another Medvedev; and Medvedev is not read alone
        "Илья Захаров сказал.",
        "Ахмед Рахмон и Рахмонов Азиз.",
        "А. Жапаров, A. Japarov.",  # the initial is not Sadyr's
        "в XI веке; Louis XI; язык Си",
        "Aidar Tokayev, a farmer, said.",  # someone else's given name before a listed surname
    ],
)
def test_someone_else_with_a_listed_surname_is_not_the_public_figure(text: str) -> None:
    assert named(text) == {}


@pytest.mark.parametrize(
    "text",
    [
        "President Tokayev said.",
        "Kazakhstan's Tokayev said.",
        "When Tokayev spoke, he said.",
        "Президент Жапаров заявил.",
        "С. Жапаров заявил.",
    ],
)
def test_titles_possessives_and_sentence_starts_leave_a_surname_bare(text: str) -> None:
    assert len(named(text)) == 1
