"""The store's tables, written once in SQLAlchemy Core so SQLite and PostgreSQL share them.

Migrations (store/migrations) create these tables; this module is what queries use. A test
checks that the two agree.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect


class ExactDecimal(sa.TypeDecorator[Decimal]):
    """A decimal kept exactly as published, trailing zeros included ("0.28490").

    SQLite has no decimal type and PostgreSQL's NUMERIC without a scale drops nothing but would
    compare "0.2849" equal to "0.28490"; text keeps the newsroom's figure byte for byte on both.
    """

    impl = sa.String(40)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if not isinstance(value, Decimal) or not value.is_finite():
            raise TypeError(f"expected a finite Decimal, got {value!r}")
        return format(value, "f")  # positional: "0.00000010", never "1.0E-7"

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


metadata = sa.MetaData(
    naming_convention={
        "pk": "pk_%(table_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ix": "ix_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
    }
)

store_state = sa.Table(
    "store_state",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("revision", sa.BigInteger, nullable=False),
)

countries = sa.Table(
    "countries",
    metadata,
    sa.Column("code", sa.String(2), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("names", sa.JSON, nullable=True),  # other names, Cyrillic too (Казахстан, РФ)
)

currencies = sa.Table(
    "currencies",
    metadata,
    sa.Column("code", sa.String(3), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
)

currency_countries = sa.Table(
    "currency_countries",
    metadata,
    sa.Column("currency_code", sa.ForeignKey("currencies.code"), primary_key=True),
    sa.Column("country_code", sa.ForeignKey("countries.code"), primary_key=True),
)

# People named in articles: the curated public figures and every author. `key` is the
# spelling-proof key of the name (see index/scripts.py), so "Sadyr Zhaparov" in one byline
# and "Sadyr Japarov" in another are one person; `spellings` lists every other form seen.
people = sa.Table(
    "people",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("slug", sa.String(200), nullable=False, unique=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("key", sa.String(200), nullable=False, index=True),
    sa.Column("spellings", sa.JSON, nullable=False),
    sa.Column("role", sa.String(200), nullable=True),
    sa.Column("country_code", sa.ForeignKey("countries.code"), nullable=True),
)

authors = sa.Table(
    "authors",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("slug", sa.String(200), nullable=False, unique=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("bio", sa.Text, nullable=True),
    sa.Column("person_id", sa.ForeignKey("people.id"), nullable=True, index=True),
)

organizations = sa.Table(
    "organizations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("slug", sa.String(200), nullable=False, unique=True),
    sa.Column("name", sa.String(300), nullable=False),
    sa.Column("acronym", sa.String(40), nullable=True, index=True),
    sa.Column("names", sa.JSON, nullable=True),  # other names, Cyrillic too (ШОС)
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("slug", sa.String(200), nullable=False, unique=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("blocks", sa.JSON, nullable=False),
    sa.Column("published_on", sa.Date, nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("revision", sa.BigInteger, nullable=False, index=True),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("language", sa.String(8), nullable=False, server_default="und"),
    sa.Index("ix_articles_published_on_id", "published_on", "id"),
)

article_authors = sa.Table(
    "article_authors",
    metadata,
    sa.Column("article_id", sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("author_id", sa.ForeignKey("authors.id"), primary_key=True, index=True),
    sa.Column("position", sa.Integer, nullable=False),
)

article_countries = sa.Table(
    "article_countries",
    metadata,
    sa.Column("article_id", sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("country_code", sa.ForeignKey("countries.code"), primary_key=True, index=True),
    sa.Column("mentions", sa.Integer, nullable=False),
)

article_organizations = sa.Table(
    "article_organizations",
    metadata,
    sa.Column("article_id", sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("organization_id", sa.ForeignKey("organizations.id"), primary_key=True, index=True),
    sa.Column("mentions", sa.Integer, nullable=False),
)

article_people = sa.Table(
    "article_people",
    metadata,
    sa.Column("article_id", sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("person_id", sa.ForeignKey("people.id"), primary_key=True, index=True),
    sa.Column("mentions", sa.Integer, nullable=False),
)

rates = sa.Table(
    "rates",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("base", sa.ForeignKey("currencies.code"), nullable=False),
    sa.Column("quote", sa.ForeignKey("currencies.code"), nullable=False),
    sa.Column("rate", ExactDecimal, nullable=False),
    sa.Column("change_percent", ExactDecimal, nullable=True),
    sa.Column("as_of", sa.Date, nullable=False),
    sa.Column("revision", sa.BigInteger, nullable=False),
    sa.UniqueConstraint("base", "quote", "as_of", name="uq_rates_pair_as_of"),
)

# A takedown hides an article without deleting it: the row (and its links) stay, so a
# re-ingest of its page still finds it by slug and cannot bring it back, and a republish
# restores it exactly. Every read of articles leaves out slugs listed here.
removed_articles = sa.Table(
    "removed_articles",
    metadata,
    sa.Column("slug", sa.String(200), primary_key=True),
    sa.Column("reason", sa.String(20), nullable=False),
    sa.Column("note", sa.Text, nullable=True),
    sa.Column("removed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revision", sa.BigInteger, nullable=False),
    sa.Index("ix_removed_articles_removed_at_slug", "removed_at", "slug"),
)

# Who wrote what, when: one row per write command or mutation, CLI and API alike.
audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("target", sa.Text, nullable=False),
    sa.Column("detail", sa.JSON, nullable=False),
)

# Corrections: one row each time a stored article's text or links changed on re-ingest.
article_revisions = sa.Table(
    "article_revisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "article_id",
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("changed_fields", sa.JSON, nullable=False),
    sa.Column("revision", sa.BigInteger, nullable=False),
)

# API keys: only a SHA-256 of each key is kept (keys are random, so no slow hash is needed); a
# revoked key keeps its row, so `steppe keys list` shows when it was revoked.
api_keys = sa.Table(
    "api_keys",
    metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("tier", sa.String(20), nullable=False),
    sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
)
