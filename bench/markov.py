"""What the corpus learns from the bundled sample: a word chain and the shape of articles.

A first-order Markov chain over whitespace tokens (punctuation stays attached, so sentences
end where the sample's do) gives a Zipfian vocabulary with real bigrams, so phrase queries
have real matches. Lengths are drawn from the sample's own distributions rather than from a
formula, so the corpus is as long-winded as the Wikinews articles and the digest page.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

START = "<s>"
_SENTENCE_END = re.compile(r"(?<=[.!?’”\"])\s+(?=[A-Z“\"‘])")
_PARAGRAPH = re.compile(r"\n\s*\n")
_MAX_SENTENCE = 45


@dataclass(frozen=True)
class Model:
    chain: dict[str, tuple[str, ...]]  # token → next tokens, repeated by frequency
    paragraph_sentences: tuple[int, ...]  # sentences per paragraph, one entry per paragraph
    article_words: tuple[int, ...]  # words per article body
    title_words: tuple[int, ...]  # words per title

    def sentence(self, rng: random.Random, limit: int = _MAX_SENTENCE) -> list[str]:
        """Tokens of one sentence; one that runs on is cut and closed with a full stop."""
        tokens: list[str] = []
        token, choice, chain = START, rng.choice, self.chain
        while len(tokens) < limit:
            token = choice(chain.get(token) or chain[START])
            tokens.append(token)
            if token[-1] in ".!?":
                return tokens
        tokens[-1] = tokens[-1].rstrip(",;:") + "."
        return tokens


def learn(sample: Path) -> Model:
    """The model of every article in `sample/` (Wikinews JSON Lines and the digest page)."""
    articles = list(_articles(sample))
    chain: dict[str, list[str]] = {}
    paragraph_sentences, article_words = [], []
    for body in articles:
        paragraphs = [p.strip() for p in _PARAGRAPH.split(body) if len(p.split()) > 3]
        for paragraph in paragraphs:
            sentences = _SENTENCE_END.split(paragraph)
            paragraph_sentences.append(len(sentences))
            for sentence in sentences:
                _train(chain, sentence.split())
        article_words.append(sum(len(p.split()) for p in paragraphs))
    titles = [len(t.split()) for t in _titles(sample)]
    return Model(
        chain={k: tuple(v) for k, v in chain.items()},
        paragraph_sentences=tuple(paragraph_sentences),
        article_words=tuple(n for n in article_words if n >= 100),
        title_words=tuple(n for n in titles if 4 <= n <= 16),
    )


def _train(chain: dict[str, list[str]], tokens: list[str]) -> None:
    previous = START
    for token in tokens:
        chain.setdefault(previous, []).append(token)
        previous = token


def _articles(sample: Path) -> list[str]:
    bodies = [record["body"] for record in _wikinews(sample)]
    for page in sorted(sample.rglob("*.txt")):
        text = page.read_text(encoding="utf-8")
        prose = [line for line in text.splitlines() if not line.lstrip().startswith("•")]
        bodies.append("\n\n".join(prose))
    return bodies


def _titles(sample: Path) -> list[str]:
    return [record["title"] for record in _wikinews(sample)]


def _wikinews(sample: Path) -> list[dict[str, str]]:
    records = []
    for path in sorted(sample.rglob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            records += [json.loads(line) for line in lines if line.strip()]
    return records
