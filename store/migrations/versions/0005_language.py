"""Each article's language, a BCP 47 primary subtag (issue 13).

Rows stored before this revision read "und" (undetermined) until they are ingested again,
which detects the language from the text: the store does not know how to read a language.

Revision ID: 0005_language
Revises: 0004_api_keys
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_language"
down_revision = "0004_api_keys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("language", sa.String(8), nullable=False, server_default="und"))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("language")
