"""Language tags as Steppe stores and filters them: the primary subtag of a BCP 47 tag.

Kept in the store layer because ingest (a record's `language` key) and the API (the
`language` argument of `search`) must read a tag exactly alike.
"""

from __future__ import annotations

import re

import pycountry
from babel import Locale

from store.records import UNDETERMINED_LANGUAGE

_ENGLISH = Locale("en")
_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def language_tag(value: str) -> str:
    """A record's `language` as stored: the primary subtag of a BCP 47 tag, lower case.

    "ru-RU" and "kk-Cyrl" keep only "ru" and "kk": search filters by language, not region or
    script. Raises ValueError for anything that is not a known ISO 639 language."""
    tag = value.strip()
    if not _TAG.fullmatch(tag):
        raise ValueError(f"{value!r} is not a BCP 47 language tag (such as 'en' or 'ru')")
    primary = tag.split("-", 1)[0].lower()
    if primary != UNDETERMINED_LANGUAGE and not _is_iso_639(primary):
        raise ValueError(f"{value!r} names no ISO 639 language")
    return primary


def _is_iso_639(code: str) -> bool:
    key = "alpha_2" if len(code) == 2 else "alpha_3"
    return pycountry.languages.get(**{key: code}) is not None


def language_name(code: str) -> str:
    """ "ru" → "Russian", "ky" → "Kyrgyz" (CLDR's English names, through babel); the code
    itself when CLDR has no name for it."""
    return str(_ENGLISH.languages.get(code, code))
