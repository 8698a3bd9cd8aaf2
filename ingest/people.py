"""People: which of the region's public figures an article names, and who each author is.

A person is found by the keys of their name (ingest/name_keys.py), so every spelling the
curated table lists, in either script and any Russian case, is one person: "Sadyr Japarov",
"Садыру Жапарову" and "Zhaparov" all count for `sadyr-japarov`. Deterministic on purpose, as
the rest of the linker: a wrong link is fixed by editing a row of ingest/people_table.py.

A full name always counts. A surname alone counts for

1. the one person the same article names in full with that surname ("Serdar Berdimuhamedow
   ... Berdimuhamedow said" is the son, not the father); when it names two of them in full,
   or one who is not the person the surname names alone (Saida Mirziyoyeva, then a bare
   "Mirziyoyev"), the bare surname is nobody's;
2. otherwise the person whose row lists it in `alone` ("Tokayev", "Putin", "Xi"). Surnames
   two rows share are listed for neither, so "Berdimuhamedov" alone links nobody.

A surname is not bare when someone else's given name or initial stands before it ("Daniil
Medvedev", "A. Japarov" for Akylbek): a capitalized word right before it counts only when it
is a title or a word that starts a sentence ("President Tokayev", "When Tokayev"), an
initial only when it is the person's. An all-capital word ("XI") is a numeral, not a name.

Authors are people too: a byline that spells a curated name is that person (an op-ed by a
minister), any other author is a person of their own, joined across spellings by the store
through the name's key.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache

from index.scripts import cross_script_key, spelling_key
from ingest.name_keys import KeyedNames, Token, name_keys, tokens
from ingest.people_table import PEOPLE, CuratedPerson
from ingest.slugs import slugify
from store.records import AuthorDraft, PersonDraft, PersonMention

# Countries that print the family name first ("Xi Jinping", "Wang Yi").
_FAMILY_NAME_FIRST = frozenset({"CN", "KP", "KR", "JP", "VN", "MN"})
# Capitalized words that may stand right before a bare surname without being a given name:
# titles, nationalities and the words a sentence starts with, in English and Russian.
_BEFORE_A_SURNAME_WORDS = (
    "President", "Presidents", "Prime", "Minister", "Ministers", "Premier", "Chairman",
    "Chairwoman", "Chair", "Leader", "Mr", "Mrs", "Ms", "Dr", "Sir", "General", "Gen",
    "Spokesman", "Spokeswoman", "Spokesperson", "Deputy", "Secretary", "Head", "Envoy",
    "Ambassador", "Emir", "Mullah", "Acting", "Foreign", "Former", "Ex", "Vice", "State",
    "Kazakh", "Kazakhstani", "Kyrgyz", "Tajik", "Uzbek", "Turkmen", "Afghan", "Russian",
    "Chinese", "Kremlin", "Taliban", "When", "After", "As", "But", "And", "If", "Then", "While",
    "Since", "Because", "Though", "Although", "Meanwhile", "Also", "The", "For", "With", "By",
    "On", "In", "At", "To", "From", "Of", "So", "Yet", "Still", "However", "Later", "Earlier",
    "Today", "Yesterday", "Now", "Both", "Only", "Even", "Under", "Did", "Does", "Do", "Was",
    "Is", "Has", "Had", "Will", "Would", "Could", "Should", "Says", "Said", "Президент",
    "Президента", "Президенту", "Президентом", "Премьер", "Министр", "Министра", "Глава",
    "Главы", "Председатель", "Лидер", "Господин", "Госпожа", "Генерал", "Спикер", "Посол", "Экс",
    "Бывший", "Когда", "После", "Но", "И", "А", "Как", "Что", "Однако", "Также", "Ранее",
    "Позже", "Сегодня", "Вчера", "При", "Сам", "По", "Для", "Это", "Тогда", "Пока",
)  # fmt: skip
_BEFORE_A_SURNAME = frozenset(cross_script_key(word) for word in _BEFORE_A_SURNAME_WORDS)


@dataclass(frozen=True, slots=True)
class _Table:
    people: dict[str, PersonDraft]  # by slug
    full_names: KeyedNames  # every full spelling, both orders for two-word names
    surnames: dict[str, frozenset[str]]  # surname key → every person with that surname
    alone: dict[str, str]  # surname key → the one person it names by itself


@cache
def _table() -> _Table:
    people: dict[str, PersonDraft] = {}
    spellings: list[tuple[str, str]] = []
    surnames: dict[str, set[str]] = defaultdict(set)
    alone: dict[str, set[str]] = defaultdict(set)
    for row in PEOPLE:
        draft = curated_draft(row)
        people[draft.slug] = draft
        at = _surname_position(row)
        for spelling in (row.name, *row.spellings):
            keys = name_keys(spelling)
            spellings.append((spelling, draft.slug))
            if len(keys) == 2:
                spellings.append((" ".join(reversed(spelling.split())), draft.slug))
            if len(keys) >= 2:
                surnames[keys[at]].add(draft.slug)
        for word in row.alone:
            alone[name_keys(word)[-1]].add(draft.slug)
    return _Table(
        people=people,
        full_names=KeyedNames.of(spellings),
        surnames={key: frozenset(slugs) for key, slugs in surnames.items()},
        alone={key: next(iter(slugs)) for key, slugs in alone.items() if len(slugs) == 1},
    )


def curated_draft(row: CuratedPerson) -> PersonDraft:
    return PersonDraft(
        slug=row.slug or slugify(row.name), name=row.name, key=_name_key(row.name),
        spellings=row.spellings, role=row.role, country=row.country, curated=True,
    )  # fmt: skip


def _surname_position(row: CuratedPerson) -> int:
    """Where the family name stands in the row's names: where its `alone` word stands in
    the canonical name, else first for the countries that print it first, else last."""
    keys = name_keys(row.name)
    for word in row.alone:
        key = name_keys(word)[-1]
        if key in keys:
            return 0 if keys.index(key) == 0 else -1
    return 0 if row.country in _FAMILY_NAME_FIRST else -1


def _name_key(name: str) -> str:
    """The spelling key of a whole name, endings kept: what joins two bylines of one person
    ("Sadyr Zhaparov", "Sadyr Japarov") and keeps Ivanov and Ivanova apart."""
    return " ".join(key for key in (spelling_key(t.text) for t in tokens(name)) if key)


def curated_people() -> dict[str, PersonDraft]:
    """The curated table by slug."""
    return _table().people


def find_person(name: str) -> PersonDraft | None:
    """A curated person by slug or by any full spelling, in any script."""
    table = _table()
    slug = table.full_names.entity(name) or name.strip().lower()
    return table.people.get(slug)


def person_of_author(author: AuthorDraft) -> PersonDraft:
    """The person an author is: the curated one their byline spells, else their own."""
    found = find_person(author.name) if len(name_keys(author.name)) >= 2 else None
    if found is not None:
        return found
    return PersonDraft(slug=slugify(author.name), name=author.name, key=_name_key(author.name))


def link_people(words: str) -> tuple[PersonMention, ...]:
    """The curated people `words` names, most-mentioned first, then by slug."""
    table = _table()
    found = tokens(words)
    full = list(table.full_names.scan(found))
    named = {hit.key for hit in full}
    counts = Counter(hit.key for hit in full)
    inside = frozenset(i for hit in full for i in range(hit.first, hit.last + 1))
    for i, token in enumerate(found):
        if i not in inside and (token.key in table.alone or token.key in table.surnames):
            person = _bare_surname(token, named, table)
            if person is not None and _stands_alone(found, i, table.people[person]):
                counts[person] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(PersonMention(table.people[slug], n) for slug, n in ranked)


def _bare_surname(token: Token, named: set[str], table: _Table) -> str | None:
    if not token.capitalized or (len(token.text) > 1 and token.text.isupper()):
        return None
    owner = table.alone.get(token.key)
    candidates = table.surnames.get(token.key, frozenset()) & named
    if len(candidates) == 1 and owner in (None, *candidates):
        return next(iter(candidates))
    if candidates:
        return None  # two people of that surname are named: which one is meant is unknown
    return owner


def _stands_alone(found: list[Token], i: int, person: PersonDraft) -> bool:
    """Whether the word before the surname leaves it bare: not a given name or an initial
    of somebody else ("Daniil Medvedev", "A. Japarov")."""
    if i == 0 or not found[i].spaced:
        return True
    before = found[i - 1]
    if not before.capitalized or before.text.endswith(("'s", "’s")):
        return True
    if len(before.text) == 1:  # an initial: the person's own?
        given = name_keys(person.name)[0]
        return cross_script_key(before.text)[:1] == given[:1]
    return before.key in _BEFORE_A_SURNAME
