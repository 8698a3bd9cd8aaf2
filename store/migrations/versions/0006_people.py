"""People as a linked type (issue 13): people, article_people, authors.person_id; and the
other names (Cyrillic too) of countries and organizations, countries.names and
organizations.names, empty until the next ingest that mentions them.

Articles stored before this revision link no people until they are ingested again: the
store does not know how to find a name in a text, the linker does.

Revision ID: 0006_people
Revises: 0005_language
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_people"
down_revision = "0005_language"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(200), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("key", sa.String(200), nullable=False, index=True),
        sa.Column("spellings", sa.JSON, nullable=False),
        sa.Column("role", sa.String(200), nullable=True),
        sa.Column("country_code", sa.String(2), sa.ForeignKey("countries.code"), nullable=True),
    )
    op.create_table(
        "article_people",
        sa.Column(
            "article_id",
            sa.Integer,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("people.id"), primary_key=True),
        sa.Column("mentions", sa.Integer, nullable=False),
    )
    op.create_index("ix_article_people_person_id", "article_people", ["person_id"])
    with op.batch_alter_table("authors") as batch:
        batch.add_column(sa.Column("person_id", sa.Integer, nullable=True))
        batch.create_foreign_key("fk_authors_person_id", "people", ["person_id"], ["id"])
        batch.create_index("ix_authors_person_id", ["person_id"])
    for table in ("countries", "organizations"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("names", sa.JSON, nullable=True))


def downgrade() -> None:
    for table in ("countries", "organizations"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("names")
    with op.batch_alter_table("authors") as batch:
        batch.drop_index("ix_authors_person_id")
        batch.drop_constraint("fk_authors_person_id", type_="foreignkey")
        batch.drop_column("person_id")
    op.drop_index("ix_article_people_person_id", "article_people")
    op.drop_table("article_people")
    op.drop_table("people")
