"""Who may run what: writes need an `editor` key (see `Caller` in schema.context).

Use on a field: `@strawberry.mutation(permission_classes=[RequireEditor])`. A request without
a key is refused with UNAUTHENTICATED, a request with a key of another tier with FORBIDDEN.
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError
from strawberry.permission import BasePermission

from schema.context import Caller, Info

EDITOR = "editor"


class RequireEditor(BasePermission):
    message = "This needs an editor API key (Authorization: Bearer KEY)."

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        # Raised here rather than in on_unauthorized: the instance is shared by every request,
        # so it cannot carry which of the two refusals this request earned.
        refusal = require_tier(info.context.caller, EDITOR)
        if refusal is not None:
            raise refusal
        return True


def require_tier(caller: Caller, tier: str) -> GraphQLError | None:
    """None when `caller` may act as `tier`, else the error to report (UNAUTHENTICATED or
    FORBIDDEN, with a message naming what is missing)."""
    if caller.tier == tier:
        return None
    if not caller.authenticated:
        return GraphQLError(
            f"This needs an {tier} API key: send Authorization: Bearer KEY.",
            extensions={"code": "UNAUTHENTICATED"},
        )
    return GraphQLError(
        f"The key {caller.key_name!r} is a {caller.tier} key; this needs an {tier} key.",
        extensions={"code": "FORBIDDEN"},
    )
