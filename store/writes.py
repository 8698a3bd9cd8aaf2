"""Writes of one transaction. The store revision moves only when something really changed,
so loading the same input twice leaves the revision, and everything else, as it was."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal

import sqlalchemy as sa

from store import revisions
from store import tables as t
from store.records import ArticleDraft, AuthorDraft, OrganizationDraft, PersonDraft, RateDraft

Outcome = Literal["added", "updated", "unchanged"]
NoteKind = Literal["updated", "distinct", "repeated"]


@dataclass(frozen=True, slots=True)
class StoredIdentity:
    """What makes a stored article the same as an incoming one: its title and date."""

    slug: str
    title: str
    published_on: date
    source: str


@dataclass(frozen=True, slots=True)
class ArticleNote:
    """One line the ingest summary owes the editor about an article.

    "updated": an article already stored was changed (an update or a correction), by `source`;
    "distinct": a different article wanted a taken slug and was given `slug` instead;
    "repeated": the same article was printed twice in one file and stored once.
    """

    kind: NoteKind
    slug: str
    source: str
    message: str


@dataclass
class WriteSummary:
    """What one transaction did, for the ingest summary table."""

    articles: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_OUTCOMES, 0))
    rates: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_OUTCOMES, 0))
    new_entities: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(
            ("authors", "countries", "organizations", "currencies", "people"), 0
        )
    )
    notes: list[ArticleNote] = field(default_factory=list)

    def merge(self, other: WriteSummary) -> None:
        self.notes.extend(other.notes)
        for mine, theirs in (
            (self.articles, other.articles),
            (self.rates, other.rates),
            (self.new_entities, other.new_entities),
        ):
            for key, count in theirs.items():
                mine[key] += count


_OUTCOMES: tuple[Outcome, ...] = ("added", "updated", "unchanged")


class StoreWriter:
    """Upserts within one open transaction; bumps the store revision once, on first change."""

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn
        self.now = datetime.now(UTC)  # one time for everything this transaction records
        self.summary = WriteSummary()
        self._revision: int | None = None
        # Codes known to exist in this transaction: rows are only ever added here, never removed.
        self._countries: set[str] = set()
        self._named: set[str] = set()  # organizations whose names this writer brought up to date
        self._refreshed: set[str] = set()  # curated people likewise
        self._currencies: set[str] = set()
        self._written: set[str] = set()  # article slugs this transaction has written

    @property
    def revision(self) -> int | None:
        """The revision this transaction writes, or None while it has changed nothing."""
        return self._revision

    def bump(self) -> int:
        """The revision of this transaction, taken on its first change."""
        return self._bump()

    def _bump(self) -> int:
        if self._revision is None:
            update = (
                sa.update(t.store_state)
                .where(t.store_state.c.id == 1)
                .values(revision=t.store_state.c.revision + 1)
                .returning(t.store_state.c.revision)
            )
            self._revision = int(self.conn.execute(update).scalar_one())
        return self._revision

    def ensure_country(self, code: str, name: str, names: Sequence[str] = ()) -> None:
        """A country row, and its other names as the linker knows them now."""
        if code in self._countries:
            return
        c = t.countries.c
        row = self.conn.execute(sa.select(c.code, c.names).where(c.code == code)).first()
        if row is None:
            self._bump()
            self.conn.execute(sa.insert(t.countries).values(code=code, name=name, names=[*names]))
            self.summary.new_entities["countries"] += 1
        elif names and list(row.names or ()) != [*names]:
            self._bump()
            self.conn.execute(sa.update(t.countries).where(c.code == code).values(names=[*names]))
        self._countries.add(code)

    def refresh_organization_names(self, org: OrganizationDraft) -> None:
        """Bring a stored organization's other names up to the linker's table, also when the
        article naming it is unchanged (the names are not part of an article's hash)."""
        if org.slug in self._named or not org.names:
            return
        self._named.add(org.slug)
        c = t.organizations.c
        row = self.conn.execute(sa.select(c.id, c.names).where(c.slug == org.slug)).first()
        if row is not None and list(row.names or ()) != [*org.names]:
            self._bump()
            update = sa.update(t.organizations).where(c.id == row.id)
            self.conn.execute(update.values(names=[*org.names]))

    def refresh_person(self, person: PersonDraft) -> None:
        """Bring a stored curated person up to the table (a role, a spelling), also when the
        article naming them is unchanged (a person is not part of an article's hash)."""
        if person.slug in self._refreshed or not person.curated:
            return
        self._refreshed.add(person.slug)
        row = self.conn.execute(_stored_people().where(t.people.c.slug == person.slug)).first()
        if row is not None:  # else stored with the article that names them, if it is written
            self._update_person(row, person)

    def _update_person(self, row: sa.Row[Any], person: PersonDraft) -> None:
        known = list(row.spellings)
        changes = _person_changes(person, row.name, known, row.role, row.country_code)
        if changes:
            self._bump()
            update = sa.update(t.people).where(t.people.c.id == row.id)
            self.conn.execute(update.values(**changes))

    def ensure_currency(self, code: str, name: str, country_codes: Iterable[str]) -> None:
        """A currency and its links to the countries (already ensured) that use it."""
        if code in self._currencies:
            return
        exists = self.conn.execute(
            sa.select(t.currencies.c.code).where(t.currencies.c.code == code)
        ).first()
        self._currencies.add(code)
        if exists is not None:
            return
        self._bump()
        self.conn.execute(sa.insert(t.currencies).values(code=code, name=name))
        links = [{"currency_code": code, "country_code": c} for c in sorted(set(country_codes))]
        if links:
            self.conn.execute(sa.insert(t.currency_countries), links)
        self.summary.new_entities["currencies"] += 1

    def upsert_rate(self, draft: RateDraft) -> Outcome:
        c = t.rates.c
        key = (c.base == draft.base) & (c.quote == draft.quote) & (c.as_of == draft.as_of)
        row = self.conn.execute(sa.select(c.id, c.rate, c.change_percent).where(key)).first()
        values = {"rate": draft.rate, "change_percent": draft.change_percent}
        if row is None:
            self.conn.execute(
                sa.insert(t.rates).values(
                    base=draft.base,
                    quote=draft.quote,
                    as_of=draft.as_of,
                    revision=self._bump(),
                    **values,
                )
            )
            outcome: Outcome = "added"
        elif (str(row.rate), _text(row.change_percent)) == (
            str(draft.rate),
            _text(draft.change_percent),
        ):
            outcome = "unchanged"
        else:
            self.conn.execute(
                sa.update(t.rates).where(c.id == row.id).values(revision=self._bump(), **values)
            )
            outcome = "updated"
        self.summary.rates[outcome] += 1
        return outcome

    def same_article(self, title: str, published_on: date) -> StoredIdentity | None:
        """The oldest stored article with this exact title and date that this transaction has
        not written yet: the n-th article of one title on a page is the n-th one stored."""
        c = t.articles.c
        rows = self.conn.execute(
            sa.select(c.slug, c.title, c.published_on, c.source)
            .where((c.published_on == published_on) & (c.title == title))
            .order_by(c.id)
        )
        for row in rows:
            if row.slug not in self._written:
                return StoredIdentity(row.slug, row.title, row.published_on, row.source)
        return None

    def slug_owner(self, slug: str) -> StoredIdentity | None:
        """The stored article that holds `slug`, if any."""
        c = t.articles.c
        row = self.conn.execute(
            sa.select(c.slug, c.title, c.published_on, c.source).where(c.slug == slug)
        ).first()
        return None if row is None else StoredIdentity(*row)

    def organizations_with_acronyms(self) -> tuple[OrganizationDraft, ...]:
        """Every stored organization that has an acronym, for linking bare acronyms."""
        c = t.organizations.c
        rows = self.conn.execute(
            sa.select(c.slug, c.name, c.acronym).where(c.acronym.is_not(None)).order_by(c.slug)
        )
        return tuple(OrganizationDraft(*row) for row in rows)

    def has_written(self, slug: str) -> bool:
        """Whether this transaction already wrote the article at `slug`."""
        return slug in self._written

    def note(self, kind: NoteKind, slug: str, source: str, message: str) -> None:
        self.summary.notes.append(ArticleNote(kind, slug, source, message))

    def upsert_article(self, draft: ArticleDraft, author_slugs: tuple[str, ...]) -> Outcome:
        """Insert or update by slug; `author_slugs` pairs with `draft.authors`.

        Which slug an article gets (and so whether it replaces one) is decided before this,
        by title and date; every update is noted with the file it came from."""
        digest = content_hash(draft, author_slugs)
        c = t.articles.c
        self._written.add(draft.slug)
        row = self.conn.execute(
            sa.select(
                c.id, c.content_hash, c.title, c.published_on, c.source, c.blocks, c.language
            ).where(c.slug == draft.slug)
        ).first()
        if row is not None and row.content_hash == digest:
            self.summary.articles["unchanged"] += 1
            return "unchanged"
        revision = self._bump()
        values: dict[str, object] = {
            "title": draft.text.title,
            "blocks": [[b.kind, b.text] for b in draft.text.blocks],
            "published_on": draft.published_on,
            "source": draft.source,
            "content_hash": digest,
            "revision": revision,
            "language": draft.language,
        }
        if row is None:
            article_id = self.conn.execute(
                sa.insert(t.articles).values(slug=draft.slug, **values).returning(c.id)
            ).scalar_one()
            outcome: Outcome = "added"
        else:
            article_id = row.id
            fields = revisions.changed_fields(self.conn, row, draft, author_slugs)
            revisions.record(self.conn, article_id, self.now, draft.source, fields, revision)
            values["updated_at"] = self.now
            self.conn.execute(sa.update(t.articles).where(c.id == article_id).values(**values))
            self._unlink(article_id)
            outcome = "updated"
            self._note_update(draft, StoredIdentity(draft.slug, *row[2:5]))
        self._link(article_id, draft, author_slugs)
        self.summary.articles[outcome] += 1
        return outcome

    def _note_update(self, draft: ArticleDraft, before: StoredIdentity) -> None:
        changes = [f"was from {before.source}"] if before.source != draft.source else []
        if before.title != draft.text.title:
            changes.append(f"title was {before.title!r}")
        if before.published_on != draft.published_on:
            changes.append(f"date was {before.published_on.isoformat()}")
        what = f"{draft.text.title!r} ({draft.published_on.isoformat()})"
        detail = f" ({'; '.join(changes)})" if changes else ""
        self.note("updated", draft.slug, draft.source, f"{what} updated{detail}")

    def _unlink(self, article_id: int) -> None:
        for table in (
            t.article_authors,
            t.article_countries,
            t.article_organizations,
            t.article_people,
        ):
            self.conn.execute(sa.delete(table).where(table.c.article_id == article_id))

    def _link(self, article_id: int, draft: ArticleDraft, author_slugs: tuple[str, ...]) -> None:
        authors = [
            {"article_id": article_id, "author_id": self._author_id(slug, a), "position": i}
            for i, (slug, a) in enumerate(zip(author_slugs, draft.authors, strict=True))
        ]
        countries = [
            {"article_id": article_id, "country_code": m.code, "mentions": m.mentions}
            for m in draft.countries
        ]
        organizations = [
            {
                "article_id": article_id,
                "organization_id": self._organization_id(m.organization),
                "mentions": m.mentions,
            }
            for m in draft.organizations
        ]
        people = [
            {"article_id": article_id, "person_id": self.person_id(m.person), "mentions": n}
            for m, n in ((m, m.mentions) for m in draft.people)
        ]
        for table, rows in (
            (t.article_authors, authors),
            (t.article_countries, countries),
            (t.article_organizations, organizations),
            (t.article_people, people),
        ):
            if rows:
                self.conn.execute(sa.insert(table), rows)

    def _author_id(self, slug: str, author: AuthorDraft) -> int:
        c = t.authors.c
        person = None if author.person is None else self.person_id(author.person)
        row = self.conn.execute(sa.select(c.id, c.bio, c.person_id).where(c.slug == slug)).first()
        if row is None:
            self.summary.new_entities["authors"] += 1
            return int(
                self.conn.execute(
                    sa.insert(t.authors)
                    .values(slug=slug, name=author.name, bio=author.bio, person_id=person)
                    .returning(c.id)
                ).scalar_one()
            )
        changes: dict[str, object] = {}
        if author.bio is not None and author.bio != row.bio:
            changes["bio"] = author.bio
        if person is not None and person != row.person_id:
            changes["person_id"] = person
        if changes:
            self.conn.execute(sa.update(t.authors).where(c.id == row.id).values(**changes))
        return int(row.id)

    def person_id(self, person: PersonDraft) -> int:
        """The stored person: by slug, else (not curated) by the key of the name, so a byline
        spelled "Zhaparov" joins the person stored as "Japarov" and adds its spelling.

        A curated row is the truth for its person and overwrites name, role and country when
        the table changed; spellings only ever grow (a replaced name becomes one)."""
        c = t.people.c
        row = self.conn.execute(_stored_people().where(c.slug == person.slug)).first()
        if row is None and not person.curated:
            by_key = _stored_people().where(c.key == person.key).order_by(c.id).limit(1)
            row = self.conn.execute(by_key).first()
        if row is None:
            return self._new_person(person)
        self._update_person(row, person)
        return int(row.id)

    def _new_person(self, person: PersonDraft) -> int:
        self.summary.new_entities["people"] += 1
        values = {
            "slug": person.slug, "name": person.name, "key": person.key,
            "spellings": list(dict.fromkeys(person.spellings)), "role": person.role,
            "country_code": person.country,
        }  # fmt: skip
        inserted = sa.insert(t.people).values(**values).returning(t.people.c.id)
        return int(self.conn.execute(inserted).scalar_one())

    def _organization_id(self, org: OrganizationDraft) -> int:
        """Organizations keep the first name they were given, so article order cannot flip it."""
        c = t.organizations.c
        query = sa.select(c.id, c.acronym, c.names).where(c.slug == org.slug)
        row = self.conn.execute(query).first()
        if row is None:
            self.summary.new_entities["organizations"] += 1
            values = {"slug": org.slug, "name": org.name, "acronym": org.acronym}
            inserted = sa.insert(t.organizations).values(**values, names=[*org.names])
            return int(self.conn.execute(inserted.returning(c.id)).scalar_one())
        changes: dict[str, object] = {}
        if row.acronym is None and org.acronym is not None:
            changes["acronym"] = org.acronym
        if org.names and list(row.names or ()) != [*org.names]:
            changes["names"] = [*org.names]
        if changes:
            self.conn.execute(sa.update(t.organizations).where(c.id == row.id).values(**changes))
        return int(row.id)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def content_hash(draft: ArticleDraft, author_slugs: tuple[str, ...]) -> str:
    """A fingerprint of everything an article stores, to tell 'unchanged' from 'edited'."""
    payload = {
        "title": draft.text.title,
        "blocks": [[b.kind, b.text] for b in draft.text.blocks],
        "published_on": draft.published_on.isoformat(),
        "source": draft.source,
        "language": draft.language,
        "authors": [
            [s, a.name, a.bio, a.person and a.person.slug]
            for s, a in zip(author_slugs, draft.authors, strict=True)
        ],
        "countries": [[m.code, m.mentions] for m in draft.countries],
        "organizations": [
            [m.organization.slug, m.organization.name, m.organization.acronym, m.mentions]
            for m in draft.organizations
        ],
        "people": [[m.person.slug, m.mentions] for m in draft.people],
    }
    encoded = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()
    return hashlib.sha256(encoded).hexdigest()


def _stored_people() -> sa.Select[Any]:
    """What `_person_changes` compares a draft with."""
    c = t.people.c
    return sa.select(c.id, c.name, c.spellings, c.role, c.country_code)


def _person_changes(
    person: PersonDraft, name: str, known: list[str], role: str | None, country: str | None
) -> dict[str, object]:
    """What to update on a stored person seen again: spellings heard for the first time, and
    for a curated person whatever its row now says (its old name kept as a spelling)."""
    changes: dict[str, object] = {}
    current = name
    if person.curated and (person.name, person.role, person.country) != (name, role, country):
        changes |= {"name": person.name, "role": person.role, "country_code": person.country}
        current = person.name
    heard = [*known, person.name, *person.spellings, name]
    spellings = [s for s in dict.fromkeys(heard) if s != current]
    if spellings != known:
        changes["spellings"] = spellings
    return changes
