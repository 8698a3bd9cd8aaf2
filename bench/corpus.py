"""The benchmark corpus: N articles and a rate history, as JSON Lines `steppe ingest` reads.

Deterministic by seed, and article i depends only on the articles before it, so the 10,000
corpus is the first tenth of the 100,000 one and every chunk file is a prefix-closed slice:
`articles-01.jsonl` alone is the N/10 corpus the growth section loads. Generated corpora are
kept in `bench/results/corpus-<N>-<seed>/` and reused, since they take a while at 100k.

    python -m bench.corpus --articles 10000 --out /tmp/corpus
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path

from bench.entities import Cast, cast
from bench.markov import Model, learn
from bench.rates import rate_lines
from ingest.slugs import slugify

SAMPLE = Path(__file__).resolve().parents[1] / "sample"
CHUNKS = 10
FIRST_DAY, DAYS = date(2016, 1, 1), 3653  # ten years
NAME_RATE = 0.02  # share of tokens replaced by a proper noun from the long tail


def generate(articles: int, out: Path, seed: int = 6) -> list[Path]:
    """Write the corpus under `out` (reusing a complete earlier one); returns its files."""
    done = out / "COMPLETE"
    files = [out / f"articles-{i:02d}.jsonl" for i in range(1, CHUNKS + 1)] + [out / "rates.jsonl"]
    if done.exists() and done.read_text() == f"{articles} {seed}\n":
        return files
    out.mkdir(parents=True, exist_ok=True)
    model, rng = learn(SAMPLE), random.Random(seed)
    people = cast(random.Random(seed + 1))
    sizes = [articles // CHUNKS + (i < articles % CHUNKS) for i in range(CHUNKS)]
    number = 0
    for path, size in zip(files, sizes, strict=False):
        with path.open("w", encoding="utf-8") as sink:
            for _ in range(size):
                number += 1
                sink.write(json.dumps(article(model, people, rng, number)) + "\n")
    files[-1].write_text("".join(rate_lines(random.Random(seed + 2), FIRST_DAY, DAYS)))
    done.write_text(f"{articles} {seed}\n")
    return files


def article(model: Model, people: Cast, rng: random.Random, number: int) -> dict[str, object]:
    """One JSON Lines article record with its explicit countries and organizations."""
    countries = people.countries.draw(rng, rng.choice((1, 1, 1, 2, 2, 3)))
    organizations = people.organizations.draw(rng, rng.choice((0, 0, 1, 1, 2)))
    title_length = rng.choice(model.title_words)
    title = " ".join(model.sentence(rng, title_length)).rstrip(".,;:!?")
    title = title[:1].upper() + title[1:]
    mentions = [f"In {c}," for c in countries] + [
        f"According to {people.organization_of[o].mention()}," for o in organizations
    ]
    return {
        "title": title,
        "slug": f"{slugify(title)[:60].strip('-')}-{number}",
        "body": _body(model, people, rng, mentions),
        "published": (FIRST_DAY + timedelta(days=rng.randrange(DAYS))).isoformat(),
        "authors": people.authors.draw(rng, rng.choice((1, 1, 1, 2))),
        "countries": countries,
        "organizations": organizations,
    }


def _body(model: Model, people: Cast, rng: random.Random, mentions: list[str]) -> str:
    """Paragraphs of Markov sentences until the sampled length; entities named in the text."""
    target = int(rng.choice(model.article_words) * rng.uniform(0.8, 1.2))
    paragraphs: list[list[str]] = []
    words = 0
    while words < target:
        count = rng.choice(model.paragraph_sentences)
        sentences = [_named(model.sentence(rng), people, rng) for _ in range(count)]
        words += sum(len(s) for s in sentences)
        paragraphs.append([" ".join(s) for s in sentences])
    for mention in mentions:  # "In Kazakhstan, the ..." at the start of a random sentence
        paragraph = rng.choice(paragraphs)
        at = rng.randrange(len(paragraph))
        paragraph[at] = f"{mention} {paragraph[at][:1].lower()}{paragraph[at][1:]}"
    return "\n\n".join(" ".join(p) for p in paragraphs)


def _named(tokens: list[str], people: Cast, rng: random.Random) -> list[str]:
    """Replace about 2 % of words by long-tail proper nouns, keeping their punctuation."""
    for i, token in enumerate(tokens):
        if rng.random() < NAME_RATE and token.isalpha():
            tokens[i] = people.names.draw(rng)[0]
    return tokens


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    for path in generate(args.articles, args.out, args.seed):
        print(path)


if __name__ == "__main__":
    main()
