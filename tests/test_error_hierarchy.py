"""One error hierarchy: every exception class Steppe defines descends from SteppeError."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

from store.errors import SteppeError

PACKAGES = ("api", "schema", "ingest", "index", "store")


def defined_exceptions() -> list[type[BaseException]]:
    found = []
    for package_name in PACKAGES:
        package = importlib.import_module(package_name)
        for module_info in pkgutil.walk_packages(package.__path__, f"{package_name}."):
            if ".migrations" in module_info.name:  # alembic's scripts run only under alembic
                continue
            module = importlib.import_module(module_info.name)
            for _, value in inspect.getmembers(module, inspect.isclass):
                if issubclass(value, BaseException) and value.__module__ == module.__name__:
                    found.append(value)
    return found


def test_the_packages_define_exceptions_at_all() -> None:
    assert len(defined_exceptions()) > 15


@pytest.mark.parametrize("error", defined_exceptions(), ids=lambda e: e.__qualname__)
def test_every_exception_descends_from_the_root(error: type[BaseException]) -> None:
    assert issubclass(error, SteppeError), f"{error.__module__}.{error.__qualname__}"
