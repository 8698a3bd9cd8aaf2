"""Organizations: the curated table, plus "Full Name (ACRONYM)" definitions in the text.

One slug rule everywhere: the lowercase acronym when there is one, else `slugify(name)`.
Acronyms match only as written ("UN", never "un"); full names match in any case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

from ingest.countries import find_country
from ingest.gazetteer import Gazetteer
from ingest.organization_table import ORGANIZATIONS
from ingest.russian_names import names_of_organization
from ingest.slugs import slugify
from store.records import OrganizationDraft

# Lower-case words allowed inside a defined name: "Fund for Saving the Aral Sea".
_CONNECTORS = frozenset({"of", "for", "the", "and", "on", "in", "to", "de"})
_ACRONYM_IN_BRACKETS = re.compile(r" \(([A-Z][A-Z0-9&]{1,9})\)")


def organization(acronym: str | None, name: str) -> OrganizationDraft:
    """An organization under the one slug rule, with the Cyrillic names the table gives it."""
    slug = acronym.lower() if acronym else slugify(name)
    return OrganizationDraft(slug, name, acronym, names_of_organization(slug))


@cache
def curated() -> dict[str, OrganizationDraft]:
    """The curated table by slug."""
    return {o.slug: o for o in (organization(a, n) for a, n, _ in ORGANIZATIONS)}


def curated_gazetteer() -> Gazetteer:
    return gazetteer_for(())


def gazetteer_for(defined: Iterable[OrganizationDraft]) -> Gazetteer:
    """A scanner for the curated table plus organizations one article defined itself."""
    return _build(tuple(defined))


def archive_gazetteer(archive: tuple[OrganizationDraft, ...]) -> Gazetteer:
    """A scanner for the acronyms other articles defined ("EDB" once one wrote it out)."""
    return _acronyms(tuple(o for o in archive if o.acronym and o.slug not in curated()))


@lru_cache(maxsize=8)
def _acronyms(archive: tuple[OrganizationDraft, ...]) -> Gazetteer:
    return Gazetteer(exact={o.acronym: o.slug for o in archive if o.acronym})


def find_organization(name: str) -> OrganizationDraft | None:
    """A curated organization by slug, acronym or any spelling of its name, in any case."""
    slug = curated_gazetteer().lookup(name) or name.strip().lower()
    return curated().get(slug)


def definitions(text: str) -> list[OrganizationDraft]:
    """Organizations `text` defines as "Full Name (ACRONYM)" that the table does not know.

    The name is the shortest run of capitalised words (and connectors) before the bracket
    whose initials spell the acronym, so "the government of Turkmenistan and the
    International Labor Organization (ILO)" names only the ILO.
    """
    found: dict[str, OrganizationDraft] = {}
    for match in _ACRONYM_IN_BRACKETS.finditer(text):
        acronym = match.group(1)
        name = _defined_name(text[: match.start()].split()[-3 * len(acronym) - 2 :], acronym)
        if name is None or find_country(name) or find_organization(name):
            continue
        if acronym.lower() not in curated():
            found.setdefault(acronym, organization(acronym, name))
    return list(found.values())


def _defined_name(words: list[str], acronym: str) -> str | None:
    words = [w.strip('“”"‘’()') for w in words]
    run: list[str] = []
    for word in reversed(words):
        if not (word[:1].isupper() or word in _CONNECTORS):
            break
        run.insert(0, word)
        capitals = [w for w in run if w[:1].isupper()]
        if word[:1].isupper() and _spells(acronym, capitals):
            return " ".join(run)
    return None


def _spells(acronym: str, words: list[str]) -> bool:
    initials = "".join(w[0] for w in words).upper()
    letters = [c for c in acronym if c.isalpha()]
    return initials[:1] == letters[0] and _is_subsequence(letters, initials)


def _is_subsequence(needle: list[str], haystack: str) -> bool:
    remaining = iter(haystack)
    return all(char in remaining for char in needle)


# Bounded: each article that defines its own acronyms needs a scanner of its own.
@lru_cache(maxsize=64)
def _build(defined: tuple[OrganizationDraft, ...]) -> Gazetteer:
    exact: dict[str, str | None] = {}
    folded: dict[str, str | None] = {}
    rows = [(a, n, aliases) for a, n, aliases in ORGANIZATIONS]
    rows += [(o.acronym, o.name, ()) for o in defined]
    for acronym, name, aliases in rows:
        slug = organization(acronym, name).slug
        for spelling in (name, *aliases):
            # One-word names keep their case: "Shell" the company, not a shell company.
            any_case = " " in spelling and any(c.islower() for c in spelling)
            (folded if any_case else exact)[spelling] = slug
        if acronym:
            exact[acronym] = slug
    return Gazetteer(exact=exact, folded=folded)
