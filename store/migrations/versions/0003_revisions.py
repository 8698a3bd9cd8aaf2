"""Corrections: articles.updated_at and article_revisions (when, from where, which fields).

Revision ID: 0003_revisions
Revises: 0002_takedowns
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_revisions"
down_revision = "0002_takedowns"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "article_revisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "article_id",
            sa.Integer,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("changed_fields", sa.JSON, nullable=False),
        sa.Column("revision", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_article_revisions_article_id", "article_revisions", ["article_id"])


def downgrade() -> None:
    op.drop_index("ix_article_revisions_article_id", "article_revisions")
    op.drop_table("article_revisions")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("updated_at")
