"""A cost rule the stock limiters miss: more-like-this inside more-like-this.

Each `related` runs a Whoosh more-like-this search per parent article, so `related` nested in
`related` multiplies searches (100 × 100 × 100 within the depth limit): one request could keep
a server busy for minutes. One level answers every reader's question; deeper is refused.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
)

EXPENSIVE_FIELD = "related"


class NoNestedRelated(ValidationRule):
    def enter_operation_definition(self, node: OperationDefinitionNode, *_args: Any) -> None:
        self._walk(node.selection_set, inside=False, seen=set())

    def _walk(self, selections: SelectionSetNode | None, inside: bool, seen: set[str]) -> None:
        for selection in selections.selections if selections else ():
            if isinstance(selection, FieldNode):
                expensive = selection.name.value == EXPENSIVE_FIELD
                if expensive and inside:
                    self.report_error(GraphQLError(
                        "`related` inside `related` is not allowed: each level runs a search "
                        "per article. Ask for the next level with a second query.",
                        selection,
                    ))  # fmt: skip
                    continue
                self._walk(selection.selection_set, inside or expensive, seen)
            elif isinstance(selection, InlineFragmentNode):
                self._walk(selection.selection_set, inside, seen)
            elif isinstance(selection, FragmentSpreadNode):
                self._spread(selection.name.value, inside, seen)

    def _spread(self, name: str, inside: bool, seen: set[str]) -> None:
        key = f"{name}:{inside}"
        fragment = self.context.get_fragment(name)
        if fragment is None or key in seen:
            return
        self._walk(fragment.selection_set, inside, seen | {key})
