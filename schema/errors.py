"""Errors users cause. They reach clients with their message and `extensions.code`; anything
else is masked by the API as an unexpected error."""

from __future__ import annotations

from graphql import GraphQLError


class UserInputError(GraphQLError):
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
