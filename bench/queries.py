"""The fixed query mix, chosen from corpus statistics so every run asks the same things.

Words come from the first 1,000 articles (a prefix every corpus size shares), so the N/10
and N runs of the growth section search for exactly the same texts. Each kind has a few warm
texts, repeated, and distinct cold texts, each asked once, so no result cache can answer.
Facets, highlights and filter reuse the common words: their cost is then the extra work alone.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from itertools import islice, pairwise
from pathlib import Path

from whoosh.analysis import STOP_WORDS

KINDS = ("common", "and", "phrase", "rare", "filter", "facets", "highlights")
_WORD = re.compile(r"[A-Za-z]+")
_PREFIX = 1_000
# Country codes for the filter kind: warm ones are frequent, cold ones rotate so the
# filter cache (index/filters.py) starts empty for each.
FILTER_COUNTRIES = ("KG", "TJ", "UZ", "KZ", "TM", "AF", "RU", "CN", "US", "TR", "IR", "PK")


@dataclass(frozen=True)
class Query:
    kind: str
    words: tuple[str, ...]
    country: str | None = None


@dataclass(frozen=True)
class QueryMix:
    warm: tuple[Query, ...]
    cold: tuple[Query, ...]


def choose(files: list[Path], warm: int = 5, cold: int = 8) -> QueryMix:
    docs = list(_documents(files))
    df, bigrams, names = _frequencies(docs)
    n = len(docs)
    common = [w for w, c in df.most_common() if 0.15 * n <= c <= 0.35 * n]
    anded = [w for w, c in df.most_common() if 0.10 * n <= c <= 0.40 * n]
    pairs = [(a, b) for a, b in zip(anded[::2], anded[1::2], strict=False)]
    phrases = [pair for pair, _ in bigrams.most_common(warm + cold)]
    rare = sorted(w for w, c in names.items() if c == 1)[: warm + cold]
    picks: dict[str, list[tuple[str, ...]]] = {
        "common": [(w,) for w in common],
        "and": pairs,
        "phrase": phrases,
        "rare": [(w,) for w in rare],
    }
    for kind in ("filter", "facets", "highlights"):
        picks[kind] = picks["common"]
    return QueryMix(
        warm=tuple(_queries(picks, 0, warm)),
        cold=tuple(_queries(picks, warm, warm + cold)),
    )


def _queries(picks: dict[str, list[tuple[str, ...]]], start: int, stop: int) -> list[Query]:
    found = []
    for kind in KINDS:
        for i, words in enumerate(picks[kind][start:stop], start=start):
            country = FILTER_COUNTRIES[i % len(FILTER_COUNTRIES)] if kind == "filter" else None
            found.append(Query(kind, words, country))
    return found


def _documents(files: list[Path]) -> list[str]:
    lines = (line for path in files if path.name.startswith("articles") for line in path.open())
    return [_text(json.loads(line)) for line in islice(lines, _PREFIX)]


def _text(record: dict[str, str]) -> str:
    return f"{record['title']}\n{record['body']}"


def _frequencies(docs: list[str]) -> tuple[Counter[str], Counter[tuple[str, str]], Counter[str]]:
    """Document frequency of content words, content bigrams, and capitalized long-tail names."""
    df: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    names: Counter[str] = Counter()
    lower_seen: set[str] = set()
    for doc in docs:
        tokens = _WORD.findall(doc)
        lowered = [t.lower() for t in tokens]
        lower_seen.update(t for t in tokens if t.islower())
        df.update({t for t in lowered if _content(t)})
        bigrams.update({(a, b) for a, b in pairwise(lowered)
                        if _content(a) and _content(b)})  # fmt: skip
        names.update({t for t in tokens if t[:1].isupper() and len(t) > 5})
    names = Counter({w: c for w, c in names.items() if w.lower() not in lower_seen})
    return df, bigrams, names


def _content(word: str) -> bool:
    return len(word) >= 4 and word not in STOP_WORDS
