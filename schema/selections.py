"""Look-ahead at a query's selection: what a resolver's caller will ask of its results.

Resolvers use it to do less (no spelling work when `suggestion` is not selected) or to do it
once for a whole list (the authors of fifty articles in one batch, handed over as plain
values). Fragments, inline fragments and aliases are followed; a look-ahead that misses a
field only costs speed, never correctness, because every field can still load itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from strawberry.types.nodes import SelectedField


def contains(selected: Iterable[Any], name: str) -> bool:
    """Whether a field called `name` is asked for anywhere in `selected` (a selection taken
    from `info.selected_fields`, which Strawberry converts afresh on every read)."""
    return any(_contains(field, name) for field in selected)


def names_at(selected: Iterable[Any], path: tuple[str, ...]) -> frozenset[str]:
    """The names of the fields selected directly on the objects at `path` below the fields
    of `selected` (`info.selected_fields`): `("edges", "node")` for a connection's nodes,
    `()` for a plain list's items."""
    level = [child for field in selected for child in _fields(field.selections)]
    for step in path:
        level = [child for node in level if node.name == step for child in _fields(node.selections)]
    return frozenset(node.name for node in level)


def _fields(nodes: Iterable[Any]) -> Iterator[SelectedField]:
    """Fields among `nodes`, with fragments (named or inline) opened in place."""
    for node in nodes:
        if isinstance(node, SelectedField):
            yield node
        else:
            yield from _fields(getattr(node, "selections", None) or ())


def _contains(node: Any, name: str) -> bool:
    children: Iterable[Any] = getattr(node, "selections", None) or ()
    return any(getattr(c, "name", None) == name or _contains(c, name) for c in children)
