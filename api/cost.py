"""Static query cost, in the manner of Shopify's calculated cost and the IBM cost directive.

Every object a query can return costs 1, scalars cost 0, and a list multiplies its items'
cost by its size: `first:` where the field takes one (connections pass theirs to `edges`,
`search` its `facetLimit` to the facet buckets), otherwise the field's typical size. Fields
that do real work on top carry a base weight (a Whoosh search, a more-like-this search per
parent, facet counting over every hit). The README's "Limits" section lists the weights.

`requested` is computed before execution from the document alone (plus the variables that
give sizes), once per distinct document, with each fragment costed once per enclosing size:
a document that doubles through 40 fragments is priced in microseconds, never expanded.
`actual` is the same formula over the lists the response really holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLCompositeType,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    is_composite_type,
)

OBJECT_COST = 1
# Work a field does once per resolution, on top of the objects it returns.
BASE_WEIGHTS: dict[tuple[str, str], int] = {
    ("Query", "search"): 10,  # a Whoosh search
    ("Article", "related"): 5,  # a more-like-this search, per parent article
    ("SearchResults", "facets"): 5,  # counts over every hit, not only the page
    ("SearchResults", "totalCount"): 2,  # the search must see every match
    ("SearchEdge", "highlights"): 1,  # the article's stored text, re-analysed
    ("ArticleConnection", "totalCount"): 1,  # a COUNT over the filter
    ("Country", "mentions"): 2,  # a GROUP BY over the entity's links, per parent
    ("Organization", "mentions"): 2,
    ("Country", "coMentioned"): 3,  # two self-joins of the link tables, per parent
    ("Organization", "coMentioned"): 3,
    ("Subscription", "articlePublished"): 10,  # a store read (and a search) per write
    ("Subscription", "tickerUpdated"): 5,  # a store read per write
    # Writes: a transaction and an index update each (editor keys only; their budget is big).
    ("Mutation", "ingestPage"): 100,
    ("Mutation", "upsertArticles"): 100,
    ("Mutation", "unpublishArticle"): 20,
    ("Mutation", "republishArticle"): 20,
}
# The size of lists that take no `first`: what they typically hold.
TYPICAL_SIZES: dict[tuple[str, str], int] = {
    ("Query", "authors"): 100,
    ("Query", "countries"): 50,
    ("Query", "organizations"): 100,
    ("Query", "people"): 100,
    ("Query", "ticker"): 20,
    ("Article", "authors"): 2,
    ("Article", "countries"): 3,
    ("Article", "organizations"): 3,
    ("Article", "rates"): 3,
    ("Article", "people"): 3,
    ("Subscription", "tickerUpdated"): 20,
    ("Country", "mentions"): 600,  # at most this many periods (schema.mentions.MAX_PERIODS)
    ("Organization", "mentions"): 600,
    ("Currency", "countries"): 2,
    ("Currency", "history"): 30,
    ("SearchEdge", "highlights"): 3,
}
DEFAULT_LIST_SIZE = 10
# Lists whose size an enclosing field's argument gives: (type, field) → size name.
SIZED_BY: dict[tuple[str, str], str] = {
    ("ArticleConnection", "edges"): "first",
    ("SearchResults", "edges"): "first",
    ("SearchFacets", "countries"): "facetLimit",
    ("SearchFacets", "organizations"): "facetLimit",
    ("SearchFacets", "authors"): "facetLimit",
    ("SearchFacets", "people"): "facetLimit",
    ("SearchFacets", "languages"): "facetLimit",
    ("SearchFacets", "years"): "facetLimit",
    ("SearchFacets", "months"): "facetLimit",
}
SIZE_ARGUMENTS = ("first", "facetLimit")

Sizes = tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Cost:
    requested: int
    actual: int | None = None


class CostModel:
    """Prices documents against one schema; `max_page_size` caps every size, since a larger
    `first:` is refused by the resolver anyway, with a message naming the cap."""

    def __init__(self, schema: GraphQLSchema, max_page_size: int) -> None:
        self.schema = schema
        self.max_page_size = max_page_size

    def size_variables(self, document: DocumentNode) -> tuple[str, ...]:
        """Names of the variables that give a size: the rest never change the cost."""
        found: set[str] = set()
        stack: list[Any] = list(document.definitions)
        while stack:
            node = stack.pop()
            for argument in getattr(node, "arguments", None) or ():
                if argument.name.value in SIZE_ARGUMENTS and isinstance(
                    argument.value, VariableNode
                ):
                    found.add(argument.value.name.value)
            selections = getattr(node, "selection_set", None)
            if selections is not None:
                stack.extend(selections.selections)
        return tuple(sorted(found))

    def requested(
        self,
        document: DocumentNode,
        operation_name: str | None,
        variables: Mapping[str, Any] | None,
    ) -> int:
        operation = _operation(document, operation_name)
        if operation is None:
            return 0
        root = self.schema.get_root_type(operation.operation)
        if root is None:
            return 0
        pricing = _Pricing(self, document, operation, variables or {})
        return pricing.selections(operation.selection_set, root, ())

    def actual(self, document: DocumentNode, operation_name: str | None, data: Any) -> int:
        operation = _operation(document, operation_name)
        root = None if operation is None else self.schema.get_root_type(operation.operation)
        if operation is None or root is None or not isinstance(data, dict):
            return 0
        return _Counting(self, document).selections(operation.selection_set, root, data)


def _operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode | None:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        return operations[0] if len(operations) == 1 else None
    return next((o for o in operations if o.name and o.name.value == name), None)


def _fragments(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}


def _field(parent: GraphQLCompositeType, name: str) -> GraphQLField | None:
    fields = getattr(parent, "fields", None)
    return None if fields is None else fields.get(name)


def _is_list(field: GraphQLField) -> bool:
    kind = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
    return isinstance(kind, GraphQLList)


class _Pricing:
    """One pricing of one operation; fragments are memoized by (name, enclosing sizes)."""

    def __init__(
        self,
        model: CostModel,
        document: DocumentNode,
        operation: OperationDefinitionNode,
        variables: Mapping[str, Any],
    ) -> None:
        self.model = model
        self.fragments = _fragments(document)
        self.defaults = {
            v.variable.name.value: v.default_value
            for v in operation.variable_definitions or ()
            if isinstance(v.default_value, IntValueNode)
        }
        self.variables = variables
        self.memo: dict[tuple[str, Sizes], int] = {}

    def selections(self, node: SelectionSetNode, parent: GraphQLCompositeType, sizes: Sizes) -> int:
        total = 0
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent, sizes)
            elif isinstance(selection, InlineFragmentNode):
                narrowed = self._narrow(selection.type_condition, parent)
                total += self.selections(selection.selection_set, narrowed, sizes)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.spread(selection.name.value, parent, sizes)
        return total

    def spread(self, name: str, parent: GraphQLCompositeType, sizes: Sizes) -> int:
        key = (name, sizes)
        if key in self.memo:
            return self.memo[key]
        self.memo[key] = 0  # a cycle (refused by validation anyway) adds nothing
        fragment = self.fragments.get(name)
        cost = 0
        if fragment is not None:
            narrowed = self._narrow(fragment.type_condition, parent)
            cost = self.selections(fragment.selection_set, narrowed, sizes)
        self.memo[key] = cost
        return cost

    def field(self, node: FieldNode, parent: GraphQLCompositeType, sizes: Sizes) -> int:
        definition = _field(parent, node.name.value)
        if definition is None or node.name.value.startswith("__"):
            return 0
        key = (parent.name, node.name.value)
        named = get_named_type(definition.type)
        inner = sizes
        given = self._sizes(node, definition)
        if given:
            inner = tuple(sorted({**dict(sizes), **given}.items()))
        each = 0
        if is_composite_type(named) and node.selection_set is not None:
            each = OBJECT_COST + self.selections(node.selection_set, named, inner)
        count = self._count(key, definition, given, dict(sizes)) if _is_list(definition) else 1
        return BASE_WEIGHTS.get(key, 0) + count * each

    def _sizes(self, node: FieldNode, definition: GraphQLField) -> dict[str, int]:
        given: dict[str, int] = {}
        for name in SIZE_ARGUMENTS:
            argument = definition.args.get(name)
            if argument is None:
                continue
            value = self._argument(node, name)
            if value is None:
                value = argument.default_value if isinstance(argument.default_value, int) else 0
            given[name] = max(0, min(value, self.model.max_page_size))
        return given

    def _argument(self, node: FieldNode, name: str) -> int | None:
        for argument in node.arguments or ():
            if argument.name.value != name:
                continue
            value = argument.value
            if isinstance(value, VariableNode):
                variable = value.name.value
                given = self.variables.get(variable)
                if isinstance(given, int) and not isinstance(given, bool):
                    return given
                default = self.defaults.get(variable)
                return None if default is None else int(default.value)
            return int(value.value) if isinstance(value, IntValueNode) else None
        return None

    def _count(
        self,
        key: tuple[str, str],
        definition: GraphQLField,
        given: dict[str, int],
        sizes: dict[str, int],
    ) -> int:
        if "first" in given and key not in SIZED_BY:
            return given["first"]
        if key in SIZED_BY:
            return sizes.get(SIZED_BY[key], DEFAULT_LIST_SIZE)
        return TYPICAL_SIZES.get(key, DEFAULT_LIST_SIZE)

    def _narrow(self, condition: Any, parent: GraphQLCompositeType) -> GraphQLCompositeType:
        if condition is None:
            return parent
        found = self.model.schema.get_type(condition.name.value)
        return found if is_composite_type(found) else parent


class _Counting:
    """The same prices over the response: real list lengths instead of sizes.

    Per response object, a response key and a fragment are counted once, so fragments that
    spread each other many times cost their size, not their expansion. What a selection set
    means for a type is worked out once and reused for every object of a list.
    """

    def __init__(self, model: CostModel, document: DocumentNode) -> None:
        self.model = model
        self.fragments = _fragments(document)
        self._plans: dict[tuple[int, str], list[_Step]] = {}

    def selections(
        self, node: SelectionSetNode, parent: GraphQLCompositeType, data: dict[str, Any]
    ) -> int:
        total = 0
        for key, base, child, below in self._plan(node, parent):
            if key not in data:
                continue
            total += base
            if child is None or below is None:
                continue
            value = data[key]
            for item in value if isinstance(value, list) else (value,):
                if isinstance(item, dict):
                    total += OBJECT_COST + self.selections(below, child, item)
        return total

    def _plan(self, node: SelectionSetNode, parent: GraphQLCompositeType) -> list[_Step]:
        known = self._plans.get((id(node), parent.name))
        if known is None:
            known = []
            self._collect(node, parent, known, set())
            self._plans[(id(node), parent.name)] = known
        return known

    def _collect(
        self,
        node: SelectionSetNode,
        parent: GraphQLCompositeType,
        steps: list[_Step],
        seen: set[str],
    ) -> None:
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                key = (selection.alias or selection.name).value
                definition = _field(parent, selection.name.value)
                if key in seen or definition is None or selection.name.value.startswith("__"):
                    continue
                seen.add(key)
                named = get_named_type(definition.type)
                child = named if is_composite_type(named) else None
                base = BASE_WEIGHTS.get((parent.name, selection.name.value), 0)
                steps.append((key, base, child, selection.selection_set))
            elif isinstance(selection, InlineFragmentNode):
                narrowed = self._narrow(selection.type_condition, parent)
                self._collect(selection.selection_set, narrowed, steps, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = "..." + selection.name.value
                fragment = self.fragments.get(selection.name.value)
                if name in seen or fragment is None:
                    continue
                seen.add(name)
                narrowed = self._narrow(fragment.type_condition, parent)
                self._collect(fragment.selection_set, narrowed, steps, seen)

    def _narrow(self, condition: Any, parent: GraphQLCompositeType) -> GraphQLCompositeType:
        if condition is None:
            return parent
        found = self.model.schema.get_type(condition.name.value)
        return found if is_composite_type(found) else parent


# (response key, base weight, the composite type below or None, its selection set)
_Step = tuple[str, int, GraphQLCompositeType | None, SelectionSetNode | None]
