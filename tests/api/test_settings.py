"""Settings refuse nonsense with a message naming the variable and what it may be."""

from __future__ import annotations

import pytest

from api.settings import Settings, SettingsError


@pytest.mark.parametrize(
    ("variable", "raw", "message"),
    [
        ("STEPPE_PORT", "-5", "STEPPE_PORT must be between 1 and 65535; got -5"),
        ("STEPPE_PORT", "70000", "STEPPE_PORT must be between 1 and 65535; got 70000"),
        ("STEPPE_MAX_PAGE_SIZE", "-1", "STEPPE_MAX_PAGE_SIZE must be at least 1; got -1"),
        ("STEPPE_SEARCH_TIME_BUDGET", "nan", "STEPPE_SEARCH_TIME_BUDGET must be a finite number"),
        ("STEPPE_INDEX_POLL_SECONDS", "inf", "STEPPE_INDEX_POLL_SECONDS must be a finite number"),
        ("STEPPE_LOG_LEVEL", "loud", "STEPPE_LOG_LEVEL must be one of critical, error, warning"),
        ("STEPPE_INTROSPECTION", "maybe", "STEPPE_INTROSPECTION='maybe' is not a valid bool"),
    ],
)
def test_a_nonsense_value_is_refused_naming_the_variable(
    variable: str, raw: str, message: str
) -> None:
    with pytest.raises(SettingsError) as refused:
        Settings.from_env({variable: raw})
    assert message in str(refused.value)


def test_settings_built_in_code_are_checked_too() -> None:
    with pytest.raises(SettingsError, match="STEPPE_MAX_DEPTH must be at least 1; got 0"):
        Settings(max_depth=0)


def test_sensible_values_are_read() -> None:
    read = Settings.from_env(
        {"STEPPE_PORT": "8080", "STEPPE_SEARCH_TIME_BUDGET": "0.5", "STEPPE_LOG_LEVEL": "debug"}
    )
    assert (read.port, read.search_time_budget, read.log_level) == (8080, 0.5, "debug")
