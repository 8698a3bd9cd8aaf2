"""Generated corpora for the reference tests: Zipf-distributed pseudo-words (with inflections
the stemmer folds together, stop words and accents), titles, authors, countries,
organizations and dates, deterministic by seed."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from store.records import Author, Country, LinkedArticle, Organization
from tests.index.corpus import linked

_SYLLABLES = ["ka", "zan", "tor", "mi", "rel", "sa", "bek", "ul", "don", "ari", "qo", "tash"]
_SUFFIXES = ["", "", "", "s", "ing", "ed", "er"]
_STOPS = ["the", "of", "and", "a", "in", "to", "is", "on"]
COUNTRIES = [
    Country("KZ", "Kazakhstan"),
    Country("UZ", "Uzbekistan"),
    Country("TJ", "Tajikistan"),
    Country("KG", "Kyrgyzstan"),
    Country("TM", "Turkmenistan"),
    Country("AF", "Afghanistan"),
]
ORGANIZATIONS = [
    Organization(1, "united-nations", "United Nations", "UN"),
    Organization(2, "world-bank", "World Bank", None),
    Organization(
        3, "shanghai-cooperation-organisation", "Shanghai Cooperation Organisation", "SCO"
    ),
]
AUTHORS = [
    Author(1, "aida-sultanova", "Aida Sultanova", None),
    Author(2, "timur-bekov", "Timur Bekov", None),
    Author(3, "zarina-ose", "Zarina Ösé", None),
    Author(4, "bruce-pannier", "Bruce Pannier", None),
]


@dataclass(frozen=True)
class Corpus:
    articles: list[LinkedArticle]
    vocabulary: list[str]  # most frequent first


def vocabulary(rng: random.Random, size: int) -> list[str]:
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < size:
        root = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((1, 2, 2, 3))))
        word = root + rng.choice(_SUFFIXES)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def generate(seed: int, count: int, first_id: int = 1) -> Corpus:
    rng = random.Random(seed)
    words = vocabulary(rng, 300)
    weights = [1.0 / (rank + 1) for rank in range(len(words))]

    def sentence(length: int) -> str:
        picked = rng.choices(words, weights, k=length)
        for at in range(0, length, 4):
            picked.insert(at, rng.choice(_STOPS))
        return " ".join(picked)

    articles = []
    start = date(2016, 1, 1)
    for number in range(first_id, first_id + count):
        paragraphs = [
            sentence(rng.randint(5, 40)).capitalize() + "." for _ in range(rng.randint(1, 4))
        ]
        title = sentence(rng.randint(2, 7)).title()
        articles.append(
            linked(
                number,
                title,
                paragraphs,
                start + timedelta(days=rng.randint(0, 900)),  # many shared dates: ties
                tuple(rng.sample(AUTHORS, rng.choice((0, 1, 1, 2)))),
                tuple(rng.sample(COUNTRIES, rng.choice((0, 1, 1, 2, 3)))),
                tuple(rng.sample(ORGANIZATIONS, rng.choice((0, 0, 1, 2)))),
            )
        )
    return Corpus(articles, words)
