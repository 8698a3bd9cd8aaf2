"""Takedowns and the audit log: removed_articles (tombstones by slug) and audit_log.

Revision ID: 0002_takedowns
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_takedowns"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "removed_articles",
        sa.Column("slug", sa.String(200), primary_key=True),
        sa.Column("reason", sa.String(20), nullable=False),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revision", sa.BigInteger, nullable=False),
    )
    op.create_index(
        "ix_removed_articles_removed_at_slug", "removed_articles", ["removed_at", "slug"]
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("detail", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("audit_log")
    op.drop_index("ix_removed_articles_removed_at_slug", "removed_articles")
    op.drop_table("removed_articles")
