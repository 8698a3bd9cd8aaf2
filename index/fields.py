"""The Whoosh schema: which parts of an article are searchable, sortable, countable, stored.

Full-text fields store character offsets (`chars=True`) so highlighting reads the offsets of
matched terms instead of re-analysing whole bodies. Everything that is sorted or counted
(article id, date, year, facet values) lives in a column, so sorting and faceting never
unpickle stored documents.
"""

from __future__ import annotations

from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, NUMERIC, TEXT, Schema

from index.analysis import fold_analyzer, text_analyzer

# Bump on any change below: an index of another layout is replaced (see layout.py).
# 2: the `lede` field is gone (it copied the body's first paragraph).
# 3: segments are separate files, never one compound file (see writer.py `_writer`).
# 4: words stemmed by script, the `*_fold` cross-script fields, `language`.
# 5: people (`person`, `person_key`, `person_facet`).
LAYOUT_VERSION = 5

ARTICLE_ID = "article_id"  # 0 is the hidden document holding the revision (see documents.py)
REVISION = "revision"
SLUG = "slug"
TITLE = "title"
BODY = "body"
AUTHOR = "author"  # author names
AUTHOR_KEY = "author_key"  # author slugs
COUNTRY = "country"  # country names
COUNTRY_KEY = "country_key"  # lower-cased ISO codes
ORGANIZATION = "organization"  # organization names and acronyms
ORGANIZATION_KEY = "organization_key"  # slugs and lower-cased acronyms
PERSON = "person"  # every spelling of the people named, keyed across scripts
PERSON_KEY = "person_key"  # person slugs
# The same text keyed across scripts and spellings (see analysis.CrossScriptFilter).
TITLE_FOLD = "title_fold"
BODY_FOLD = "body_fold"
AUTHOR_FOLD = "author_fold"
LANGUAGE = "language"  # BCP 47 primary subtag
PUBLISHED = "published"  # date ordinal
YEAR = "year"
# Facet columns: space-separated values per document, counted without touching postings.
COUNTRY_FACET = "country_facet"
ORGANIZATION_FACET = "organization_facet"
AUTHOR_FACET = "author_facet"
LANGUAGE_FACET = "language_facet"
PERSON_FACET = "person_facet"

# Fields an unqualified word is looked up in.
DEFAULT_FIELDS = (TITLE, BODY, AUTHOR, COUNTRY, ORGANIZATION)
# Each searched full-text field's cross-script twin; a word is looked up in both, the twin
# scoring FOLD_BOOST of an exact match so a word written as asked for ranks first.
FOLDED: dict[str, str] = {TITLE: TITLE_FOLD, BODY: BODY_FOLD, AUTHOR: AUTHOR_FOLD}
FOLD_BOOST = 0.25
# Full-text fields analysed into cross-script keys only (names): queried by keys, not stems.
KEYED_FIELDS = frozenset({PERSON})
# Fields whose matches are shown as highlights, and the fields whose matched terms mark them
# (a twin's offsets are offsets into the same stored text).
HIGHLIGHT_FIELDS = (TITLE, BODY)
HIGHLIGHT_SOURCES: dict[str, tuple[str, ...]] = {
    TITLE: (TITLE, TITLE_FOLD),
    BODY: (BODY, BODY_FOLD),
}
# Fields whose unstemmed vocabulary feeds "did you mean".
SPELLING_FIELDS = (BODY, TITLE)


def build_schema() -> Schema:
    analyzer = text_analyzer()
    folding = fold_analyzer()
    return Schema(
        **{
            ARTICLE_ID: NUMERIC(int, bits=64, stored=True, unique=True, sortable=True),
            REVISION: NUMERIC(int, bits=64, stored=True),
            SLUG: ID(stored=True, sortable=True),
            TITLE: TEXT(analyzer, chars=True, stored=True, spelling=True, field_boost=3.0),
            BODY: TEXT(analyzer, chars=True, stored=True, spelling=True),
            AUTHOR: TEXT(analyzer, field_boost=2.0),
            AUTHOR_KEY: KEYWORD(lowercase=True),
            COUNTRY: TEXT(analyzer),
            COUNTRY_KEY: KEYWORD(lowercase=True),
            ORGANIZATION: TEXT(analyzer),
            ORGANIZATION_KEY: KEYWORD(lowercase=True),
            PERSON: TEXT(folding),
            PERSON_KEY: KEYWORD(lowercase=True),
            TITLE_FOLD: TEXT(folding, chars=True, field_boost=3.0),
            BODY_FOLD: TEXT(folding, chars=True),
            AUTHOR_FOLD: TEXT(folding, field_boost=2.0),
            LANGUAGE: KEYWORD(lowercase=True),
            PUBLISHED: NUMERIC(int, bits=32, sortable=True),
            YEAR: NUMERIC(int, bits=32, sortable=True),
            COUNTRY_FACET: COLUMN(VarBytesColumn()),
            ORGANIZATION_FACET: COLUMN(VarBytesColumn()),
            AUTHOR_FACET: COLUMN(VarBytesColumn()),
            LANGUAGE_FACET: COLUMN(VarBytesColumn()),
            PERSON_FACET: COLUMN(VarBytesColumn()),
        }
    )
