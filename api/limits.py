"""Depth, alias and nested-`related` limits that visit every fragment once.

Strawberry's stock depth and alias limiters (and our first `related` rule) walk every expanded
path: a 1.6 KB document of 40 fragments, each spreading the previous one twice, has 2^40
paths and held a server for minutes. Here each selection set's shape (depth, aliases, whether
`related` occurs) is computed once and memoized, so the work is linear in the document.

`related` inside `related` stays refused: each level runs a more-like-this search per parent
article, and one level answers every reader's question.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
)

EXPENSIVE_FIELD = "related"


@dataclass(frozen=True, slots=True)
class Shape:
    depth: int  # Strawberry's measure: a field with a selection is 1 + its deepest child
    aliases: int  # counted per spread, as Strawberry does since CVE-2026-47707
    related: bool  # `related` occurs somewhere below


EMPTY = Shape(0, 0, False)


class Shapes:
    """Memoized shapes of one document's selection sets and fragments."""

    def __init__(self, fragments: dict[str, FragmentDefinitionNode]) -> None:
        self.fragments = fragments
        self._sets: dict[int, Shape] = {}
        self._fragments: dict[str, Shape] = {}

    def of(self, node: SelectionSetNode | None) -> Shape:
        if node is None:
            return EMPTY
        known = self._sets.get(id(node))
        if known is None:
            known = self._combine(node)
            self._sets[id(node)] = known
        return known

    def _combine(self, node: SelectionSetNode) -> Shape:
        depth, aliases, related = 0, 0, False
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                shape = self._field(selection)
            elif isinstance(selection, InlineFragmentNode):
                shape = self.of(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                shape = self._fragment(selection.name.value)
            else:  # pragma: no cover - graphql-core has no other selection kind
                continue
            depth = max(depth, shape.depth)
            aliases += shape.aliases
            related = related or shape.related
        return Shape(depth, aliases, related)

    def _field(self, node: FieldNode) -> Shape:
        below = self.of(node.selection_set)
        introspection = node.name.value.startswith("__")
        depth = 0 if introspection or node.selection_set is None else 1 + below.depth
        aliases = below.aliases + (1 if node.alias is not None else 0)
        return Shape(depth, aliases, below.related or node.name.value == EXPENSIVE_FIELD)

    def _fragment(self, name: str) -> Shape:
        known = self._fragments.get(name)
        if known is not None:
            return known
        self._fragments[name] = EMPTY  # a cycle (its own validation error) adds nothing
        fragment = self.fragments.get(name)
        shape = EMPTY if fragment is None else self.of(fragment.selection_set)
        self._fragments[name] = shape
        return shape


def selection_limits(max_depth: int, max_aliases: int) -> type[ValidationRule]:
    """One rule class per app (the validation cache keys on rule classes)."""

    class SelectionLimits(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            definitions = context.document.definitions
            self.shapes = Shapes(
                {d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}
            )
            operations = [d for d in definitions if isinstance(d, OperationDefinitionNode)]
            aliases = 0
            for operation in operations:
                shape = self.shapes.of(operation.selection_set)
                aliases += shape.aliases
                if shape.depth > max_depth:
                    name = operation.name.value if operation.name else "anonymous"
                    self.report_error(GraphQLError(
                        f"'{name}' exceeds maximum operation depth of {max_depth}", operation
                    ))  # fmt: skip
            if aliases > max_aliases:
                self.report_error(GraphQLError(f"{aliases} aliases found. Allowed: {max_aliases}"))

        def enter_field(self, node: FieldNode, *_args: Any) -> None:
            if node.name.value == EXPENSIVE_FIELD and self.shapes.of(node.selection_set).related:
                self.report_error(GraphQLError(
                    "`related` inside `related` is not allowed: each level runs a search "
                    "per article. Ask for the next level with a second query.",
                    node,
                ))  # fmt: skip

    return SelectionLimits
