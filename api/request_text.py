"""What a GraphQL request may contain: well-formed JSON of bounded depth and clean text.

Checked before parsing the document, so no odd input reaches graphql-core, the store or the
index: a body that is not UTF-8, JSON nested deeper than `max_json_depth`, a number of more
than 4,300 digits (Python refuses to convert those), and lone surrogates, control characters
or non-characters (ingest.hygiene) in the query, the operation name, the variables or the
extensions. String literals inside the document are checked by `CleanStringLiterals`, since
GraphQL escapes (`"\\u0000"`) only turn into characters when the document is parsed.
"""

from __future__ import annotations

import json
import re
from typing import Any

from graphql import GraphQLError, StringValueNode, ValidationRule

from ingest import describe, find_bad_character
from store import SteppeError

MAX_DIGITS = 4300  # sys.get_int_max_str_digits(): int() of a longer literal raises
_LONG_NUMBER = re.compile(f"[0-9]{{{MAX_DIGITS + 1}}}")


class BadRequestTextError(SteppeError, ValueError):
    """The request cannot be read; the message names what and where."""

    code = "BAD_REQUEST"


class BadCharacterError(BadRequestTextError):
    """Readable JSON, but text in it carries a character no text may carry."""

    code = "INVALID_CHARACTER"


def decode_json(data: str | bytes, max_depth: int) -> Any:
    """The JSON value of a body or a query parameter, or BadRequestTextError."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadRequestTextError(
                f"The body is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})."
            ) from None
    try:
        value = json.loads(data)
    except RecursionError:
        raise BadRequestTextError(_too_deep(max_depth)) from None
    except json.JSONDecodeError as exc:
        raise BadRequestTextError(f"The body is not valid JSON: {exc}.") from None
    except ValueError:  # the only other ValueError: an integer of more than 4,300 digits
        raise BadRequestTextError(
            f"The JSON has a number of more than {MAX_DIGITS} digits."
        ) from None
    # Depth can only exceed the number of brackets: most bodies need no walk at all.
    if data.count("[") + data.count("{") > max_depth and _depth(value) > max_depth:
        raise BadRequestTextError(_too_deep(max_depth))
    return value


def _too_deep(max_depth: int) -> str:
    return f"The JSON is nested deeper than {max_depth} levels."


def _depth(value: Any) -> int:
    """Nesting depth of arrays and objects, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest


def check_request(query: str | None, operation_name: Any, variables: Any, extensions: Any) -> None:
    """BadRequestTextError naming the first part of the request with a character no text may
    carry, or a query with a number too long to convert."""
    _check("The query", query)
    _check("The operationName", operation_name)
    for name, value in (variables or {}).items() if isinstance(variables, dict) else ():
        _check(f"The variable ${name}", value)
        _check("A variable name", name)
    _check("The extensions", extensions)
    if query is not None and _LONG_NUMBER.search(query):
        raise BadRequestTextError(f"The query has a number of more than {MAX_DIGITS} digits.")


def _check(where: str, value: Any) -> None:
    found = _first_bad(value)
    if found is not None:
        path, (offset, character) = found
        place = f"{where}{path}" + (f" at offset {offset}" if offset else "")
        raise BadCharacterError(f"{place} contains {describe(character)}, which is not allowed.")


def _first_bad(value: Any, path: str = "") -> tuple[str, tuple[int, str]] | None:
    if isinstance(value, str):
        found = find_bad_character(value)
        return None if found is None else (path, found)
    if isinstance(value, dict):
        for key, item in value.items():
            hit = _first_bad(key, path) or _first_bad(item, f"{path}.{key}")
            if hit is not None:
                return hit
    elif isinstance(value, list):
        for number, item in enumerate(value):
            hit = _first_bad(item, f"{path}[{number}]")
            if hit is not None:
                return hit
    return None


class CleanStringLiterals(ValidationRule):
    """String literals of the document (after GraphQL's escapes) carry no forbidden character."""

    def enter_string_value(self, node: StringValueNode, *_args: Any) -> None:
        found = find_bad_character(node.value)
        if found is not None:
            self.report_error(GraphQLError(
                f"A string argument contains {describe(found[1])}, which is not allowed.",
                node,
                extensions={"code": "INVALID_CHARACTER"},
            ))  # fmt: skip
