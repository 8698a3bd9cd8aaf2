"""API keys of partners and editors, stored hashed (issue 10).

Revision ID: 0004_api_keys
Revises: 0003_revisions
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_api_keys"
down_revision = "0003_revisions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("tier", sa.String(20), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("api_keys")
