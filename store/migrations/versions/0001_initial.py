"""The first schema: articles, authors, countries, organizations, currencies, rates and links.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from store.tables import ExactDecimal

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "store_state",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("revision", sa.BigInteger, nullable=False),
    )
    op.bulk_insert(
        sa.table("store_state", sa.column("id"), sa.column("revision")), [{"id": 1, "revision": 0}]
    )
    op.create_table(
        "countries",
        sa.Column("code", sa.String(2), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
    )
    op.create_table(
        "currencies",
        sa.Column("code", sa.String(3), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
    )
    op.create_table(
        "currency_countries",
        sa.Column(
            "currency_code", sa.String(3), sa.ForeignKey("currencies.code"), primary_key=True
        ),
        sa.Column("country_code", sa.String(2), sa.ForeignKey("countries.code"), primary_key=True),
    )
    op.create_table(
        "authors",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(200), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("bio", sa.Text, nullable=True),
    )
    op.create_table(
        "organizations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(200), nullable=False, unique=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("acronym", sa.String(40), nullable=True, index=True),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(200), nullable=False, unique=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("blocks", sa.JSON, nullable=False),
        sa.Column("published_on", sa.Date, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("revision", sa.BigInteger, nullable=False, index=True),
    )
    op.create_index("ix_articles_published_on_id", "articles", ["published_on", "id"])
    _create_link_tables()
    op.create_table(
        "rates",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("base", sa.String(3), sa.ForeignKey("currencies.code"), nullable=False),
        sa.Column("quote", sa.String(3), sa.ForeignKey("currencies.code"), nullable=False),
        sa.Column("rate", ExactDecimal, nullable=False),
        sa.Column("change_percent", ExactDecimal, nullable=True),
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("revision", sa.BigInteger, nullable=False),
        sa.UniqueConstraint("base", "quote", "as_of", name="uq_rates_pair_as_of"),
    )


def _create_link_tables() -> None:
    """article_authors, article_countries, article_organizations: an article on one side."""
    for table, other, other_type, other_fk, extra in (
        ("article_authors", "author_id", sa.Integer, "authors.id", "position"),
        ("article_countries", "country_code", sa.String(2), "countries.code", "mentions"),
        ("article_organizations", "organization_id", sa.Integer, "organizations.id", "mentions"),
    ):
        op.create_table(
            table,
            sa.Column(
                "article_id",
                sa.Integer,
                sa.ForeignKey("articles.id", ondelete="CASCADE"),
                primary_key=True,
            ),
            sa.Column(other, other_type, sa.ForeignKey(other_fk), primary_key=True, index=True),
            sa.Column(extra, sa.Integer, nullable=False),
        )


def downgrade() -> None:
    for table in (
        "rates",
        "article_organizations",
        "article_countries",
        "article_authors",
        "articles",
        "organizations",
        "authors",
        "currency_countries",
        "currencies",
        "countries",
        "store_state",
    ):
        op.drop_table(table)
