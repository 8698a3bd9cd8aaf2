"""A stored article's text decodes its blocks on first use and is otherwise the same value
as the text ingest built: equal, hashable, immutable."""

from __future__ import annotations

import json

import pytest

from store.records import ArticleText, Block

BLOCKS = (Block("Первый абзац."), Block("Q?", "question"), Block("A.", "answer"))


def test_stored_text_equals_the_drafted_text_and_reads_the_same() -> None:
    encoded = json.dumps([[b.kind, b.text] for b in BLOCKS], ensure_ascii=False)
    stored, drafted = ArticleText.stored("Title", encoded), ArticleText("Title", BLOCKS)
    assert stored == drafted and hash(stored) == hash(drafted)
    assert stored.blocks == BLOCKS and stored.lede == "Первый абзац."
    assert stored.subheadings == ("Q?",) and stored.word_count == 4
    assert ArticleText("Title", BLOCKS[:1]) != drafted


def test_text_cannot_be_changed() -> None:
    text = ArticleText("Title", BLOCKS)
    with pytest.raises(AttributeError, match="immutable"):
        text.title = "Other"
