"""What each line of a digest page is, decided from its context: the reader's first step.

A page has no markup, so one line's typography is weak evidence. A Title Case line may be a
headline or a sub-heading; "By Dana Omarova in Astana" looks like a headline and is a byline;
"Read More: Five Things to Know" is a link. So a line is read with what surrounds it:

1. Firm headlines first: a title-like line followed by a byline or a dateline paragraph
   ("ASTANA — ..."), or that follows a closing author bio, or the first Title Case line.
   They cut the page into stretches, one per article, and a stretch with two or more short
   questions is an interview, whose questions are sub-headings and never headlines.
2. Then line by line: labelled lines (`Photo:`, `Read More:`, `Q:` ...) are what they say;
   a byline right under a headline; a long Title Case line after text, or a Title Case line
   after a link, source or correction that closed an article, is the next headline; short
   unpunctuated lines followed by text are sub-headings; the rest are paragraphs, with
   hard-wrapped lines joined. Trailing "Name is a ..." paragraphs are the authors' bios.

Every reading carries a reason, which `steppe ingest --explain` prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from itertools import pairwise

from ingest.authors import bio_authors, byline
from ingest.dates import looks_like_date, parse_date
from ingest.errors import IngestError
from ingest.headlines import (
    dateline,
    ends_sentence,
    is_headline,
    is_question,
    is_subheading,
    is_title_like,
)
from ingest.markers import labelled_kind
from ingest.ticker import BULLET, Quote, parse_quote

# Roles a line can have; the block kinds (paragraph, subheading, question, ...) among them.
TICKER, DATE, HEADLINE, BYLINE, BIO, SKIPPED, BLANK, CONTINUED = (
    "ticker", "date", "headline", "byline", "bio", "skipped", "blank", "continued",
)  # fmt: skip
CLOSING = frozenset({"related", "source", "correction"})
MIN_HEADLINE_WORDS = 6  # a Title Case line this long after text starts an article
MIN_HEADLINE_WORDS_AFTER_CLOSING = 4
MIN_INTERVIEW_QUESTIONS = 2
MIN_SERIES = 2  # short heading-like lines that make a stretch an article with sub-headings


@dataclass(frozen=True, slots=True)
class Reading:
    """One line of the page and what the reader took it for, with the reason."""

    line: int
    text: str
    role: str
    why: str


@dataclass
class PageReading:
    """The whole page read line by line, plus what the ticker and date lines held."""

    readings: list[Reading] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    bullets: list[Reading] = field(default_factory=list)
    date: date | None = None
    error: IngestError | None = None


@dataclass(frozen=True, slots=True)
class _Unit:
    line: int
    text: str
    blank_before: bool


def read_lines(lines: list[str], source: str) -> PageReading:
    """Every line's reading; a ticker or date error stops the reading and is kept in `error`."""
    page = PageReading()
    units = _units(lines)
    firm = _firm_headlines(units)
    interviews, series = _stretches(units, firm)
    state = _State(interviews=interviews, series=series)
    blanks = {n for n, raw in enumerate(lines, start=1) if not raw.strip()}
    readings: dict[int, Reading] = {n: Reading(n, "", BLANK, "blank line") for n in blanks}
    try:
        for i, unit in enumerate(units):
            ends = i + 1 == len(units) or i + 1 in firm
            reading = _read(unit, ends, firm.get(i), state, page, source)
            readings[unit.line] = reading
            state.note(reading, i)
    except IngestError as exc:
        page.error = exc
    page.readings = _mark_bios([readings[n] for n in sorted(readings)])
    return page


def _units(lines: list[str]) -> list[_Unit]:
    """Non-blank lines, each knowing whether a blank line precedes it."""
    from ingest.whitespace import tidy

    units, blank = [], True
    for number, raw in enumerate(lines, start=1):
        text = tidy(raw)
        if text:
            units.append(_Unit(number, text, blank))
        blank = not text
    return units


def _firm_headlines(units: list[_Unit]) -> dict[int, str]:
    """Lines that are headlines whatever else is true (see the module docstring), by index,
    with the reason."""
    firm: dict[int, str] = {}
    dated = next((i for i, u in enumerate(units) if parse_date(u.text)), -1)
    for i, unit in enumerate(units):
        if not is_title_like(unit.text) or labelled_kind(unit.text) or byline(unit.text):
            continue
        after = units[i + 1].text if i + 1 < len(units) else ""
        before = units[i - 1].text if i else ""
        if byline(after):
            firm[i] = "a title followed by a byline"
        elif dateline(after):
            firm[i] = "a title followed by a dateline paragraph"
        elif is_headline(unit.text) and bio_authors(before):
            firm[i] = "a Title Case title after the author's bio that closed an article"
        elif not firm and i > dated and is_headline(unit.text):
            firm[i] = "the page's first Title Case title"
    return firm


def _stretches(units: list[_Unit], firm: dict[int, str]) -> tuple[set[int], set[int]]:
    """Indexes of the lines in an interview's stretch of the page, and of the sub-headings of
    stretches with a series of them: two or more short heading-like lines, each shorter than
    the stretch's headline. There a short Title Case line is one more sub-heading, not the
    next article's headline."""
    interviews: set[int] = set()
    series: set[int] = set()
    starts = [*sorted(firm), len(units)]
    for start, end in pairwise(starts):
        stretch = [i for i in range(start + 1, end) if not _labelled_or_byline(units[i].text)]
        questions = sum(is_question(units[i].text) for i in stretch)
        labelled = any(labelled_kind(units[i].text) == "question" for i in range(start + 1, end))
        if questions >= MIN_INTERVIEW_QUESTIONS or labelled:
            interviews.update(range(start + 1, end))
        longest = len(units[start].text.split())
        headings = [i for i in stretch if _short_heading(units[i].text, longest)]
        if len(headings) >= MIN_SERIES:
            series.update(headings)
    return interviews, series


def _labelled_or_byline(text: str) -> bool:
    return bool(labelled_kind(text)) or byline(text) is not None


def _short_heading(text: str, headline_words: int) -> bool:
    words = len(text.split())
    short = words < min(MIN_HEADLINE_WORDS, headline_words)
    return not is_question(text) and is_subheading(text) and (short or not is_headline(text))


@dataclass
class _State:
    """What the reader knows about the article it is in."""

    interviews: set[int]
    series: set[int]
    in_article: bool = False
    has_body: bool = False
    has_byline: bool = False
    last_role: str = ""
    last_text: str = ""
    last_line: int = 0
    index: int = 0
    headline_line: int = 0

    def note(self, reading: Reading, index: int) -> None:
        self.index = index + 1
        if reading.role == HEADLINE:
            self.in_article, self.has_body, self.has_byline = True, False, False
            self.headline_line = reading.line
        elif reading.role == BYLINE:
            self.has_byline = True
        elif reading.role not in (TICKER, DATE, SKIPPED):
            self.has_body = self.in_article
        if reading.role != CONTINUED:
            self.last_role, self.last_text = reading.role, reading.text
        else:
            self.last_text = f"{self.last_text} {reading.text}"
        self.last_line = reading.line


def _read(
    unit: _Unit, ends: bool, firm: str | None, state: _State, page: PageReading, source: str
) -> Reading:
    """`ends`: the line is the last of its article; `firm`: why it is a firm headline."""
    text, n = unit.text, unit.line
    if text.startswith(BULLET):
        return _ticker(unit, page, source)
    if page.date is None and not state.in_article and (day := parse_date(text)):
        page.date = day
        return Reading(n, text, DATE, "the page date")
    if page.date is None and not state.in_article and looks_like_date(text):
        raise IngestError(source, f"{text!r} is not a valid date", n)
    if firm:
        return Reading(n, text, HEADLINE, firm)
    if not state.in_article:
        return Reading(n, text, SKIPPED, "before the first headline (a masthead or a label)")
    return _read_in_article(unit, ends, state)


def _read_in_article(unit: _Unit, ends: bool, state: _State) -> Reading:
    text, n, words = unit.text, unit.line, len(unit.text.split())
    if not state.has_body and not state.has_byline and (found := byline(text)):
        return Reading(n, text, BYLINE, _byline_reason(found))
    if kind := labelled_kind(text):
        return Reading(n, text, kind, f"labelled {text.split(':')[0]!r}: a {kind} line")
    interview = state.index in state.interviews
    if state.has_body and is_headline(text) and not (interview and is_question(text)):
        if words >= MIN_HEADLINE_WORDS:
            return Reading(n, text, HEADLINE, f"a Title Case line of {words} words after text")
        if state.last_role in CLOSING and words >= MIN_HEADLINE_WORDS_AFTER_CLOSING:
            return Reading(n, text, HEADLINE, f"a Title Case line after a {state.last_role} line")
        if state.index not in state.series:
            why = "a Title Case line after text, in no series of sub-headings"
            return Reading(n, text, HEADLINE, why)
    if _joins(unit, state):
        return Reading(n, text, CONTINUED, f"continues line {state.last_line} (hard-wrapped)")
    if interview and is_question(text):
        return Reading(n, text, "question", "a short question in an interview")
    if is_subheading(text) and not ends:
        return Reading(n, text, "subheading", "a short line without closing punctuation")
    if found_dateline := dateline(text):
        return Reading(n, text, "paragraph", f"text opening with the dateline {found_dateline!r}")
    return Reading(n, text, "paragraph", "text")


def _joins(unit: _Unit, state: _State) -> bool:
    """A line right under an unfinished paragraph continues it."""
    return (
        not unit.blank_before
        and state.last_role in ("paragraph", "answer", CONTINUED)
        and not ends_sentence(state.last_text)
    )


def _ticker(unit: _Unit, page: PageReading, source: str) -> Reading:
    for earlier in page.bullets:
        if unit.text != earlier.text and earlier.text.startswith(unit.text):
            why = f"the marquee's last repeat, cut short (line {earlier.line} in full)"
            return Reading(unit.line, unit.text, SKIPPED, why)
    quote = parse_quote(unit.text, source, unit.line)
    page.quotes.append(quote)
    reading = Reading(unit.line, unit.text, TICKER, f"rate {quote.base}/{quote.quote}")
    page.bullets.append(reading)
    return reading


def _byline_reason(found: tuple[tuple[str, ...], str | None, str | None]) -> str:
    names, role, place = found
    extras = [f"role {role!r}" if role else "", f"place {place!r}" if place else ""]
    detail = ", ".join(e for e in extras if e)
    return f"byline of {', '.join(names) or 'no named author'}" + (f" ({detail})" if detail else "")


def _mark_bios(readings: list[Reading]) -> list[Reading]:
    """Trailing paragraphs of each article that introduce its authors become bios."""
    marked = list(readings)
    body_at = [i for i, r in enumerate(marked) if r.role not in (BLANK, TICKER, SKIPPED)]
    for position, i in reversed(list(enumerate(body_at))):
        reading = marked[i]
        nxt = marked[body_at[position + 1]] if position + 1 < len(body_at) else None
        if reading.role != "paragraph" or not (nxt is None or nxt.role in (HEADLINE, BIO)):
            continue
        prev = marked[body_at[position - 1]] if position else None
        if prev is None or prev.role in (HEADLINE, BYLINE):
            continue  # an article keeps at least one body block
        if bio_authors(reading.text):
            marked[i] = replace(reading, role=BIO, why="a closing paragraph introducing an author")
    return marked
