"""Who and what the generated articles mention, with the skew real news has.

Mentions follow Zipf's law: a few countries, organizations and authors take most articles
(Kazakhstan and Uzbekistan first), and a long tail of synthetic proper nouns ("Turtashov",
"Beksanbek") gives the rare names a newsroom searches for.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.organization_table import ORGANIZATIONS

# Central Asia first, then neighbours and partners, in rough order of coverage.
COUNTRIES = (
    "Kazakhstan", "Uzbekistan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Afghanistan",
    "Russia", "China", "United States", "Turkey", "Iran", "Pakistan", "India", "Azerbaijan",
    "Georgia", "Mongolia", "Ukraine", "Belarus", "Germany", "France", "United Kingdom", "Japan",
    "South Korea", "United Arab Emirates", "Saudi Arabia", "Armenia", "Italy", "Qatar",
    "Israel", "Egypt",
)  # fmt: skip
_FIRST = ("Aibek", "Dina", "Timur", "Madina", "Ruslan", "Aigerim", "Bruce", "Joanna", "Farhod",
          "Nigora", "Daniyar", "Saule", "Catherine", "Peter", "Gulnara", "Azamat", "Zarina",
          "Marat", "Olga", "Erlan")  # fmt: skip
_LAST = ("Nurlanov", "Sadykova", "Pannier", "Lillis", "Karimov", "Abdullaeva", "Putz",
         "Leonard", "Tursunov", "Ismailova", "Bekov", "Umarova", "Smith", "Hashimova",
         "Dzhaksybekov", "Rahimova", "Orlov", "Kim")  # fmt: skip
_SYLLABLES = ("tur", "bek", "san", "ash", "kar", "dar", "mur", "tal", "gul", "nur", "zhan",
              "bay", "kul", "sai", "ra", "mon", "ter", "yar", "ok", "bol")  # fmt: skip
_ENDINGS = ("ov", "ova", "bek", "shov", "ev", "ali", "zoda", "uly", "an", "in")


class Zipf:
    """Draws items with probability ∝ 1 / rank^s, first item most often."""

    def __init__(self, items: Sequence[str], s: float = 1.0) -> None:
        self.items = items
        weights = [1.0 / (rank**s) for rank in range(1, len(items) + 1)]
        self.cum = list(itertools.accumulate(weights))

    def draw(self, rng: random.Random, k: int = 1) -> list[str]:
        """`k` distinct items (fewer if the pool is small)."""
        found: dict[str, None] = {}
        for _ in range(k * 4):
            found.setdefault(rng.choices(self.items, cum_weights=self.cum)[0])
            if len(found) == k:
                break
        return list(found)


@dataclass(frozen=True)
class Organization:
    name: str
    acronym: str | None

    def mention(self) -> str:
        return f"the {self.name} ({self.acronym})" if self.acronym else f"the {self.name}"


@dataclass(frozen=True)
class Cast:
    """Every pool the generator draws from, built once per seed."""

    countries: Zipf
    organizations: Zipf
    authors: Zipf
    names: Zipf
    organization_of: dict[str, Organization]


def cast(rng: random.Random, authors: int = 240, names: int = 50_000) -> Cast:
    orgs = {name: Organization(name, acronym) for acronym, name, _ in ORGANIZATIONS}
    return Cast(
        countries=Zipf(COUNTRIES, s=1.1),
        organizations=Zipf(list(orgs), s=1.0),
        authors=Zipf(_people(rng, authors), s=1.0),
        names=Zipf(_proper_nouns(rng, names), s=1.05),
        organization_of=orgs,
    )


def _people(rng: random.Random, count: int) -> list[str]:
    people = sorted({f"{first} {last}" for first in _FIRST for last in _LAST})
    rng.shuffle(people)
    return people[:count]


def _proper_nouns(rng: random.Random, count: int) -> list[str]:
    """Distinct made-up surnames and places, shuffled so rank is not alphabetical."""
    found: set[str] = set()
    while len(found) < count:
        stem = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 3)))
        found.add((stem + rng.choice(_ENDINGS)).capitalize())
    names = sorted(found)
    rng.shuffle(names)
    return names
