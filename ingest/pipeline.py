"""Load files into the store, one transaction per file, then bring the index up to date.

A file either lands whole or not at all: it is read and parsed completely before the
transaction opens, and any failure inside the transaction rolls it back. The index is updated
after the store commits; if that step dies, `sync.catch_up` repairs it on the next run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from ingest.digest import explain_digest, read_digest
from ingest.errors import IngestError
from ingest.hygiene import IngestLimits, check_articles, check_lines, clean_text
from ingest.identity import claim_slug, refuse_named_twice, without_repeats
from ingest.jsonl import read_jsonl
from ingest.linking import country_name, currency_countries, currency_name, link
from ingest.organizations import definitions
from ingest.parsed import ParsedArticle, ParsedPage
from ingest.people import person_of_author
from ingest.reading import PageReading
from ingest.russian_names import names_of_country
from ingest.slugs import slugify
from store import Store, StoreWriter, WriteSummary, audit
from store.records import AuthorDraft, OrganizationDraft

logger = logging.getLogger("steppe.ingest")

READERS: dict[str, Callable[[str, str], ParsedPage]] = {".txt": read_digest, ".jsonl": read_jsonl}


@dataclass
class FileResult:
    path: Path
    summary: WriteSummary = field(default_factory=WriteSummary)
    error: IngestError | None = None
    articles: tuple[str, ...] = ()  # the titles the file held, in order
    rates: int = 0


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given, and the readable files inside folders, in a stable order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in READERS and p.is_file())
        else:
            yield path


def read_file(path: Path, limits: IngestLimits | None = None) -> ParsedPage:
    """Parse one file completely, or raise an IngestError naming the file and line.

    Sizes and characters are checked on the text before a reader sees it (ingest.hygiene),
    and article sizes on what the reader made of it.
    """
    limits = limits or IngestLimits()
    if path.suffix.lower() not in READERS:
        raise IngestError(str(path), f"unknown file type {path.suffix!r}; expected .txt or .jsonl")
    return _parse(_text(path, limits), str(path), path.suffix.lower(), limits)


def read_text(text: str, source: str, kind: str, limits: IngestLimits | None = None) -> ParsedPage:
    """Parse text sent rather than read from a file (the write API), exactly as `read_file`
    parses a file named `source` of type `kind` (".txt" or ".jsonl") with that text."""
    limits = limits or IngestLimits()
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limits.max_file_bytes:
        raise IngestError(source, f"{size} bytes; the limit is {limits.max_file_bytes}")
    cleaned = clean_text(text.removeprefix("\ufeff"), source)
    check_lines(cleaned, source, limits)
    return _parse(cleaned, source, kind, limits)


def _parse(text: str, source: str, kind: str, limits: IngestLimits) -> ParsedPage:
    page = READERS[kind](text, source)
    check_articles(page, text, source, limits)
    refuse_named_twice(without_repeats(page.articles)[0], source)
    return page


def explain_file(path: Path) -> PageReading:
    """Each line of a digest page with what the reader took it for and why; writes nothing."""
    if path.suffix.lower() != ".txt":
        raise IngestError(str(path), "--explain reads digest pages (.txt)")
    return explain_digest(_text(path, IngestLimits()), str(path))


def _text(path: Path, limits: IngestLimits) -> str:
    """The file's text as every reader gets it: within the size limits, characters cleaned."""
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise IngestError(str(path), f"{size} bytes; the limit is {limits.max_file_bytes}")
        raw = path.read_bytes()
    except OSError as exc:
        raise IngestError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    text = clean_text(decode_bytes(raw, str(path)), str(path))
    check_lines(text, str(path), limits)
    return text


def decode_bytes(raw: bytes, source: str) -> str:
    """UTF-8 text (a BOM dropped), or an IngestError naming the line of the first bad byte."""
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise IngestError(source, "binary data (a NUL byte), not a text file", line)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise IngestError(source, f"not UTF-8 text (byte 0x{raw[exc.start]:02x})", line) from exc


def store_page(writer: StoreWriter, page: ParsedPage, path: str = "") -> None:
    """Write one parsed page: rates with their currencies, articles with their links, each
    article under the slug its identity gives it (`ingest.identity`)."""
    for code in dict.fromkeys(c for rate in page.rates for c in (rate.base, rate.quote)):
        _ensure_currency(writer, code)
    for rate in page.rates:
        writer.upsert_rate(rate)
    articles, repeats = without_repeats(page.articles)
    for repeat in repeats:
        message = f"{repeat.title!r} is printed twice in the file; stored once"
        writer.note("repeated", repeat.slug, repeat.source, message)
    archive = _defined_acronyms(writer, articles)
    for parsed in articles:
        draft = replace(link(parsed, archive), slug=claim_slug(writer, parsed, path))
        # One person named twice ("Ann Lee", "Ann-Lee" in a record) is one author, once.
        by_slug: dict[str, AuthorDraft] = {}
        for author in draft.authors:
            person = person_of_author(author)
            by_slug.setdefault(slugify(author.name), replace(author, person=person))
        authors = tuple(by_slug.values())
        people = [m.person for m in draft.people] + [a.person for a in authors if a.person]
        for code in dict.fromkeys(
            [m.code for m in draft.countries] + [p.country for p in people if p.country]
        ):
            writer.ensure_country(code, country_name(code), names_of_country(code))
        draft = replace(draft, authors=authors)
        for mention in draft.organizations:
            writer.refresh_organization_names(mention.organization)
        for person in people:
            writer.refresh_person(person)
        writer.upsert_article(draft, tuple(slugify(author.name) for author in authors))


def _defined_acronyms(
    writer: StoreWriter, articles: list[ParsedArticle]
) -> tuple[OrganizationDraft, ...]:
    """Organizations with acronyms that the archive or any article of this file spelled out."""
    known = {o.acronym: o for o in writer.organizations_with_acronyms()}
    for article in articles:
        for found in definitions(
            f"{article.title}\n\n" + "\n\n".join(b.text for b in article.blocks)
        ):
            known.setdefault(found.acronym, found)
    return tuple(known[a] for a in sorted(known, key=str))


def _ensure_currency(writer: StoreWriter, code: str) -> None:
    countries = currency_countries(code)
    for country in countries:
        writer.ensure_country(country, country_name(country), names_of_country(country))
    writer.ensure_currency(code, currency_name(code), countries)


def ingest_file(
    store: Store,
    path: Path,
    actor: str = audit.CLI_ACTOR,
    limits: IngestLimits | None = None,
) -> FileResult:
    """Load one file; whatever goes wrong is this file's error, never the run's.

    An unexpected failure (a bug, or the database refusing a value) rolls the file's
    transaction back and is reported with the file's name, so the files after it still load.
    """
    return _ingest(store, path, lambda: read_file(path, limits), actor)


def ingest_text(
    store: Store,
    text: str,
    source: str,
    kind: str,
    actor: str,
    limits: IngestLimits | None = None,
) -> FileResult:
    """Load text sent through the write API as one file named `source`: the same parse, the
    same single transaction and audit row, so the same store as `steppe ingest` of that file."""
    if kind not in READERS:
        raise ValueError(f"unknown kind {kind!r}")
    return _ingest(store, Path(source), lambda: read_text(text, source, kind, limits), actor)


def _ingest(store: Store, path: Path, parse: Callable[[], ParsedPage], actor: str) -> FileResult:
    result = FileResult(path)
    try:
        page = parse()
        result.articles = tuple(a.title for a in page.articles)
        result.rates = len(page.rates)
        with store.write() as writer:
            store_page(writer, page, str(path))
            record_ingest(writer, actor, str(path))
            result.summary = writer.summary
    except IngestError as exc:
        result.error = exc
    except Exception as exc:
        logger.exception("storing %s failed", path)
        # The name of the failure only: its text can hold SQL and values, which the log has.
        message = f"could not be stored ({type(exc).__name__}; the log has the details)"
        result.error = IngestError(str(path), message)
    return result


def record_ingest(writer: StoreWriter, actor: str, source: str) -> None:
    """The audit row of one ingested file, in its transaction, with what it changed."""
    summary = writer.summary
    detail: dict[str, object] = {
        "articles": dict(summary.articles),
        "rates": dict(summary.rates),
        "revision": writer.revision,
    }
    audit.record(writer, actor, "ingest", source, detail, datetime.now(UTC))
