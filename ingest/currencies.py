"""Currencies and the countries that use them, for the ticker's `Currency.countries`.

Which territory uses which currency *today* comes from CLDR through babel, so the euro and
the dollar list every user, and a currency a country dropped is not listed.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

import pycountry
from babel.numbers import get_territory_currencies


def currency_countries(code: str) -> tuple[str, ...]:
    """ISO 3166 alpha-2 codes of the countries using ISO 4217 `code` today, sorted."""
    return _users().get(code.upper(), ())


def currency_name(code: str) -> str:
    """The ISO 4217 name ("KZT" → "Tenge"); KeyError for a code ISO does not know."""
    currency = pycountry.currencies.get(alpha_3=code.upper())
    if currency is None:
        raise KeyError(code)
    return str(currency.name)


@cache
def _users() -> dict[str, tuple[str, ...]]:
    users: defaultdict[str, list[str]] = defaultdict(list)
    for country in pycountry.countries:
        for currency in get_territory_currencies(country.alpha_2):
            users[currency].append(country.alpha_2)
    return {currency: tuple(sorted(codes)) for currency, codes in users.items()}
