"""The source of truth: articles, their links, rates and keys in SQL, behind a facade.

Callers take what they need from here: the `Store` and its writer, the error hierarchy's
root and the store's errors, and the read modules as namespaces (`queries.list_articles`,
`entities.person_by_slug`, `rates.ticker`, ...), which keep one job each. The plain records
every layer exchanges live in `store.records`, the one store module the index may read.
"""

from store import audit, entities, keys, mentions, migrate, queries, rates, revisions, takedowns
from store.audit import CLI_ACTOR
from store.database import Connection, Store
from store.dialects import REVISION_CHANNEL, RevisionListener
from store.errors import ArticleNotFoundError, SteppeError, StoreError, StoreSchemaError
from store.languages import language_name, language_tag
from store.mentions import EntityKey, EntityKind
from store.takedowns import MAX_NOTE_LENGTH
from store.writes import ArticleNote, StoreWriter, WriteSummary

__all__ = [
    "CLI_ACTOR",
    "MAX_NOTE_LENGTH",
    "REVISION_CHANNEL",
    "ArticleNotFoundError",
    "ArticleNote",
    "Connection",
    "EntityKey",
    "EntityKind",
    "RevisionListener",
    "SteppeError",
    "Store",
    "StoreError",
    "StoreSchemaError",
    "StoreWriter",
    "WriteSummary",
    "audit",
    "entities",
    "keys",
    "language_name",
    "language_tag",
    "mentions",
    "migrate",
    "queries",
    "rates",
    "revisions",
    "takedowns",
]
