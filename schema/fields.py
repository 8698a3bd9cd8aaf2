"""`@field(description=...)`: Strawberry's resolver decorator, in a form mypy can follow.

Strawberry types `strawberry.field(description=...)` as returning Any (that overload also
serves class attributes), which would leave every described resolver untyped under --strict.
Passing the resolver positionally selects the typed overload and builds the same field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import strawberry
from strawberry.permission import BasePermission
from strawberry.types.field import StrawberryField


def field(*, description: str) -> Callable[[Callable[..., Any]], StrawberryField]:
    def decorate(resolver: Callable[..., Any]) -> StrawberryField:
        return strawberry.field(resolver, description=description)

    return decorate


def mutation(
    *, description: str, permission_classes: list[type[BasePermission]]
) -> Callable[[Callable[..., Any]], StrawberryField]:
    """`strawberry.mutation` in the same typed form as `field`."""

    def decorate(resolver: Callable[..., Any]) -> StrawberryField:
        return strawberry.mutation(
            resolver, description=description, permission_classes=permission_classes
        )

    return decorate


def subscription(*, description: str) -> Callable[[Callable[..., Any]], StrawberryField]:
    """`strawberry.subscription` in the same typed form as `field`."""

    def decorate(resolver: Callable[..., Any]) -> StrawberryField:
        return strawberry.subscription(resolver, description=description)

    return decorate
