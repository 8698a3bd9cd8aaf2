"""A real Whoosh index over the test corpus, shared read-only by the search tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from index import SearchIndex
from store.records import LinkedArticle
from tests.index.corpus import steppe_articles, wikinews_articles


@pytest.fixture(scope="session")
def corpus() -> list[LinkedArticle]:
    return steppe_articles() + wikinews_articles()


@pytest.fixture(scope="session")
def search_index(
    tmp_path_factory: pytest.TempPathFactory, corpus: list[LinkedArticle]
) -> Iterator[SearchIndex]:
    """Shared and read-only: tests that write open their own index in `tmp_path`."""
    index = SearchIndex.open(tmp_path_factory.mktemp("index"))
    index.apply(corpus, revision=7)
    yield index
    index.close()
