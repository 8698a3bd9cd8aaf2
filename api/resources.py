"""Opening the store and the index from settings: shared by the app's lifespan and the CLI."""

from __future__ import annotations

from api.settings import Settings
from index import SearchIndex
from store import Store


def open_store(settings: Settings) -> Store:
    return Store.open(settings.store_url)


def open_index(settings: Settings) -> SearchIndex:
    return SearchIndex.open(settings.index_dir)
