"""Errors of the store layer."""


class StoreError(Exception):
    """Base of every store failure."""


class StoreSchemaError(StoreError):
    """The database is at a schema revision this code does not know (newer code wrote it)."""
