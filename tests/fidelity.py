"""How faithfully ingest reads real digest pages: `python -m tests.fidelity [--set SET]`.

Each page in tests/data/pages/ (tuned: the reader's rules were written while looking at them)
and tests/data/pages/heldout/ (measured only, never tuned on) has a hand-made truth file beside
it, `<page>.truth.json`: the page date, its rates, and per article the title, authors, number
of paragraphs (every body block that is not heading-like: captions, related links and
corrections included), sub-headings in order (interview questions included), and the
countries and organizations a careful reader sees (see tests/data/pages/README.md).

Structure accuracy is the share of checks that pass: the page date, each rate, and per article
its title, authors, paragraph count and sub-headings; an article the reader invented is one
failed check, and a refused page fails every check. Entity precision and recall are
micro-averaged over articles; the links of an invented article count as false positives.
The page goes through `ingest.pipeline.read_file`, exactly what `steppe ingest` runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.errors import IngestError
from ingest.linking import link
from ingest.pipeline import read_file
from ingest.slugs import slugify
from store.records import ArticleDraft, OrganizationDraft

PAGES = Path(__file__).resolve().parent / "data" / "pages"
SETS = {"tuned": (PAGES,), "heldout": (PAGES / "heldout",), "all": (PAGES, PAGES / "heldout")}


@dataclass
class Tally:
    """True positives, false positives, false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Tally) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Score:
    """One page's (or the total's) checks and entity tallies, with what went wrong."""

    name: str
    passed: int = 0
    checks: int = 0
    countries: Tally = field(default_factory=Tally)
    organizations: Tally = field(default_factory=Tally)
    problems: list[str] = field(default_factory=list)

    def check(self, ok: bool, problem: str) -> None:
        self.checks += 1
        self.passed += ok
        if not ok:
            self.problems.append(problem)

    def add(self, other: Score) -> None:
        self.passed, self.checks = self.passed + other.passed, self.checks + other.checks
        self.countries.add(other.countries)
        self.organizations.add(other.organizations)

    @property
    def structure(self) -> float:
        return self.passed / self.checks if self.checks else 1.0

    @property
    def entities(self) -> Tally:
        both = Tally()
        both.add(self.countries)
        both.add(self.organizations)
        return both


def score_page(page: Path, truth: dict[str, Any]) -> Score:
    """Read `page` the way ingest does and compare it with `truth`."""
    score = Score(page.name)
    try:
        parsed = read_file(page)
    except IngestError as exc:
        score.problems.append(f"refused: {exc}")
        _refused(score, truth)
        return score
    drafts = [link(a) for a in parsed.articles]
    dates = {a.published_on.isoformat() for a in parsed.articles} or {None}
    score.check(dates == {truth["date"]}, f"date {sorted(map(str, dates))} != {truth['date']}")
    rates = {r.pair: (str(r.rate), str(r.change_percent)) for r in parsed.rates}
    for pair, rate, change in truth["rates"]:
        got = rates.pop(pair, None)
        score.check(got == (rate, change), f"rate {pair}: {got} != {(rate, change)}")
    score.check(not rates, f"rates not on the page: {sorted(rates)}")
    by_title = {d.text.title: d for d in drafts}
    for expected in truth["articles"]:
        _score_article(score, by_title.pop(expected["title"], None), expected)
    for title, invented in by_title.items():
        score.check(False, f"article not on the page: {title!r}")
        score.countries.fp += len(invented.countries)
        score.organizations.fp += len(invented.organizations)
    return score


def _refused(score: Score, truth: dict[str, Any]) -> None:
    score.checks += 2 + len(truth["rates"]) + 4 * len(truth["articles"])
    for expected in truth["articles"]:
        score.countries.fn += len(expected["countries"])
        score.organizations.fn += len(expected["organizations"])


def _score_article(score: Score, draft: ArticleDraft | None, expected: dict[str, Any]) -> None:
    title = expected["title"]
    score.check(draft is not None, f"missing article {title!r}")
    if draft is None:
        score.checks += 3
        score.countries.fn += len(expected["countries"])
        score.organizations.fn += len(expected["organizations"])
        return
    authors = [a.name for a in draft.authors]
    score.check(authors == expected["authors"], f"{title!r}: authors {authors}")
    paragraphs = len(draft.text.paragraphs)
    score.check(
        paragraphs == expected["paragraphs"],
        f"{title!r}: {paragraphs} paragraphs, not {expected['paragraphs']}",
    )
    subheadings = list(draft.text.subheadings)
    score.check(subheadings == expected["subheadings"], f"{title!r}: sub-headings {subheadings}")
    got_countries = {c.code for c in draft.countries}
    score.countries.add(_tally_codes(score, title, got_countries, set(expected["countries"])))
    organizations = [m.organization for m in draft.organizations]
    score.organizations.add(_tally_organizations(score, title, organizations, expected))


def _tally_codes(score: Score, title: str, got: set[str], want: set[str]) -> Tally:
    if got != want:
        score.problems.append(
            f"{title!r}: countries extra {sorted(got - want)} missing {sorted(want - got)}"
        )
    return Tally(len(got & want), len(got - want), len(want - got))


def _tally_organizations(
    score: Score, title: str, got: Sequence[OrganizationDraft], expected: dict[str, Any]
) -> Tally:
    """One-to-one: a linked organization matches a truth entry by name, acronym or slug."""
    wanted = [_spellings([e] if isinstance(e, str) else e) for e in expected["organizations"]]
    extra = []
    for org in got:
        names = _spellings(n for n in (org.name, org.acronym, org.slug) if n)
        hit = next((i for i, w in enumerate(wanted) if w & names), None)
        if hit is None:
            extra.append(org.name)
        else:
            wanted.pop(hit)
    missing = [sorted(w)[0] for w in wanted]
    if extra or missing:
        score.problems.append(f"{title!r}: organizations extra {extra} missing {missing}")
    return Tally(len(got) - len(extra), len(extra), len(missing))


def _spellings(names: Iterable[str]) -> set[str]:
    return {slugify(n.removeprefix("the ").removeprefix("The ")) for n in names}


def pages(which: str) -> list[tuple[Path, dict[str, Any]]]:
    found = []
    for folder in SETS[which]:
        for page in sorted(folder.glob("*.txt")):
            truth = page.with_suffix(".truth.json")
            found.append((page, json.loads(truth.read_text(encoding="utf-8"))))
    return found


def score_set(which: str) -> tuple[list[Score], Score]:
    scores = [score_page(page, truth) for page, truth in pages(which)]
    total = Score("overall")
    for score in scores:
        total.add(score)
    return scores, total


def table(scores: Sequence[Score], total: Score) -> str:
    """A Markdown table: structure, then countries, organizations and all entities P / R."""
    head = "| page | structure | countries P / R | organizations P / R | entities P / R |"
    lines = [head, "| --- | --- | --- | --- | --- |"]
    for s in [*scores, total]:
        name = f"**{s.name}**" if s is total else s.name
        cells = [f"{t.precision:.2f} / {t.recall:.2f}" for t in (s.countries, s.organizations)]
        cells.append(f"{s.entities.precision:.2f} / {s.entities.recall:.2f}")
        structure = f"{s.structure:.0%} ({s.passed}/{s.checks})"
        lines.append(f"| {name} | {structure} | {' | '.join(cells)} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fidelity", description=__doc__)
    parser.add_argument("--set", choices=sorted(SETS), default="tuned", dest="which")
    parser.add_argument("--problems", action="store_true", help="list every failed check")
    args = parser.parse_args(argv)
    scores, total = score_set(args.which)
    print(table(scores, total))
    if args.problems:
        for s in scores:
            for problem in s.problems:
                print(f"{s.name}: {problem}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
