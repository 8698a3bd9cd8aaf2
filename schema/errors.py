"""Errors users cause. They reach clients with their message and `extensions.code`; anything
else is masked by the API as an unexpected error."""

from __future__ import annotations

from graphql import GraphQLError

from store import SteppeError


class SteppeGraphQLError(SteppeError, GraphQLError):
    """An error a client sees as a GraphQL error, with `code` as its `extensions.code`."""


class UserInputError(SteppeGraphQLError):
    code = "BAD_USER_INPUT"

    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": self.code})


class PageSizeError(UserInputError):
    code = "PAGE_SIZE_OUT_OF_RANGE"


class BadCursorError(UserInputError):
    code = "BAD_CURSOR"


class BadIdError(UserInputError):
    code = "BAD_ID"


class BadSearchSyntaxError(UserInputError):
    code = "BAD_SEARCH_SYNTAX"


class RequestTimeoutError(SteppeGraphQLError):
    """The request used its time budget; what was resolved by then is still returned."""

    code = "TIMEOUT"

    def __init__(self, budget_s: float) -> None:
        super().__init__(
            f"The request ran out of its time budget of {budget_s:g} s "
            "(STEPPE_REQUEST_TIME_BUDGET) and the rest of it was stopped; ask for less.",
            extensions={"code": self.code, "budgetSeconds": budget_s},
        )


class ServerBusyError(SteppeGraphQLError):
    """No search slot came free in time; the API answers 503 with Retry-After."""

    code = "SERVER_BUSY"

    def __init__(self, retry_after_s: float) -> None:
        self.retry_after_s = max(1, round(retry_after_s))
        super().__init__(
            "The server is busy with other searches; retry in a few seconds.",
            extensions={"code": self.code, "retryAfter": self.retry_after_s},
        )
