"""Writes need an editor key: the refusal names what is missing (schema.permissions)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import strawberry

from schema.context import ANONYMOUS, Caller
from schema.permissions import RequireEditor


@dataclass
class TinyContext:
    caller: Caller


@strawberry.type
class Query:
    ok: bool = True


@strawberry.type
class Mutation:
    @strawberry.mutation(permission_classes=[RequireEditor])
    def publish(self) -> str:
        return "published"


SCHEMA = strawberry.Schema(query=Query, mutation=Mutation)


@pytest.mark.parametrize(
    ("caller", "code", "words"),
    [
        (ANONYMOUS, "UNAUTHENTICATED", "needs an editor API key"),
        (Caller("partner", "kaz-news", "key:kaz-news"), "FORBIDDEN", "'kaz-news' is a partner"),
    ],
)
def test_a_write_without_an_editor_key_is_refused(caller: Caller, code: str, words: str) -> None:
    result = SCHEMA.execute_sync("mutation { publish }", context_value=TinyContext(caller))
    assert result.data is None
    [error] = result.errors or []
    assert error.extensions == {"code": code}
    assert words in error.message


def test_an_editor_key_may_write() -> None:
    editor = Caller("editor", "desk", "key:desk")
    result = SCHEMA.execute_sync("mutation { publish }", context_value=TinyContext(editor))
    assert result.errors is None and result.data == {"publish": "published"}
