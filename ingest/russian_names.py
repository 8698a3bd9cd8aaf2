"""Countries and organizations by their names in Cyrillic: Казахстан, Киргизия, РФ, ШОС, ОДКБ.

The English gazetteer matches names as written; a Russian name is declined (Казахстана,
Казахстане, Шанхайской организации сотрудничества) and has adjectives in lower case
(казахстанский, российского). So each word of a listed name is reduced to its stem, the
one the index stems Cyrillic with (`index.analysis.stem`: Snowball, with -стан and surname
stems kept whole), and a word of the text matches when it starts with that stem and at most
`MAX_ENDING` letters follow (one more after a long stem, for "Безопасности"): "Казахстане"
and "казахстанскому" match, "Казахстанчики" does not. Acronyms (all capitals) match only as
written: ООН, ШОС, РФ.

Case follows the listing: a capitalized name must be capitalized in the text (Грузия, the
country, not грузия), an adjective listed in lower case matches either way. Two tables
for countries: `COUNTRY_NAMES` are names shown on the country's page, `COUNTRY_WORDS` are
adjectives and demonyms that count as a mention but are not names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from index.analysis import stem

# Letters a declined word may add to its stem: -ого, -ами, -ией; a long stem also -ости.
MAX_ENDING = 3
MAX_ENDING_LONG_STEM = 4
_LONG_STEM = 7
_SPECIFIC_STEM = 5
_WORD = re.compile(r"\w+(?:-\w+)*")
_PART = re.compile(r"\w+")
_GAP = re.compile(r"[ \u00a0]+")
_CYRILLIC = re.compile(r"[\u0400-\u052f]")  # the Cyrillic and Cyrillic Supplement blocks

# Names a reader recognises, shown on the country's page; nominative, Russian first, then
# the country's own language where it writes Cyrillic.
# fmt: off
COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "KZ": ("Казахстан", "Республика Казахстан", "Қазақстан"),
    "KG": ("Кыргызстан", "Киргизия", "Кыргызская Республика", "Киргизская Республика"),
    "TJ": ("Таджикистан", "Республика Таджикистан", "Тоҷикистон"),
    "UZ": ("Узбекистан", "Республика Узбекистан", "Ўзбекистон"),
    "TM": ("Туркменистан", "Туркмения"),
    "AF": ("Афганистан",),
    "RU": ("Россия", "Российская Федерация", "РФ"),
    "CN": ("Китай", "Китайская Народная Республика", "КНР"),
    "US": ("США", "Соединённые Штаты Америки", "Соединённые Штаты"),
    "MN": ("Монголия",),
    "IR": ("Иран",),
    "PK": ("Пакистан",),
    "IN": ("Индия",),
    "TR": ("Турция",),
    "AZ": ("Азербайджан",),
    "AM": ("Армения",),
    "GE": ("Грузия",),
    "BY": ("Беларусь", "Белоруссия"),
    "UA": ("Украина",),
    "MD": ("Молдова", "Молдавия"),
    "JP": ("Япония",),
    "KR": ("Южная Корея", "Республика Корея"),
    "KP": ("Северная Корея", "КНДР"),
    "DE": ("Германия",),
    "FR": ("Франция",),
    "GB": ("Великобритания",),
    "IT": ("Италия",),
    "SA": ("Саудовская Аравия",),
    "AE": ("ОАЭ", "Объединённые Арабские Эмираты"),
    "QA": ("Катар",),
    "IL": ("Израиль",),
}
# Adjectives and demonyms: a mention, not a name.
COUNTRY_WORDS: dict[str, tuple[str, ...]] = {
    "KZ": ("казахстанский", "казахский", "казахстанец", "казахстанка"),
    "KG": ("кыргызстанский", "кыргызский", "киргизский", "кыргызстанец", "кыргызстанка"),
    "TJ": ("таджикский", "таджикистанский"),
    "UZ": ("узбекский", "узбекистанский"),
    "TM": ("туркменский",),
    "AF": ("афганский",),
    "RU": ("российский", "россиянин", "россиянка"),
    "CN": ("китайский",),
    "US": ("американский",),
    "MN": ("монгольский",),
    "IR": ("иранский",),
    "PK": ("пакистанский",),
    "IN": ("индийский",),
    "TR": ("турецкий",),
    "IT": ("итальянский",),
    "IL": ("израильский",),
    "MD": ("молдавский", "молдовский"),
    "SA": ("саудовский",),
    "QA": ("катарский",),
    "AE": ("эмиратский",),
    "KR": ("южнокорейский",),
    "KP": ("северокорейский",),
    "AZ": ("азербайджанский",),
    "AM": ("армянский",),
    "GE": ("грузинский",),
    "BY": ("белорусский", "беларусский"),
    "UA": ("украинский",),
    "JP": ("японский",),
    "DE": ("германский", "немецкий"),
    "FR": ("французский",),
    "GB": ("британский", "английский"),
}
# Curated organizations (ingest/organization_table.py) by slug: acronym, then full names.
ORGANIZATION_NAMES: dict[str, tuple[str, ...]] = {
    "un": ("ООН", "Организация Объединённых Наций", "Совет Безопасности ООН"),
    "eu": ("ЕС", "Евросоюз", "Европейский союз", "Еврокомиссия", "Европейская комиссия",
           "Европарламент"),
    "csto": ("ОДКБ", "Организация Договора о коллективной безопасности"),
    "sco": ("ШОС", "Шанхайская организация сотрудничества"),
    "eaeu": ("ЕАЭС", "Евразийский экономический союз"),
    "cis": ("СНГ", "Содружество Независимых Государств"),
    "osce": ("ОБСЕ", "Организация по безопасности и сотрудничеству в Европе"),
    "nato": ("НАТО", "Организация Североатлантического договора"),
    "imf": ("МВФ", "Международный валютный фонд"),
    "world-bank": ("Всемирный банк",),
    "adb": ("АБР", "Азиатский банк развития"),
    "ebrd": ("ЕБРР", "Европейский банк реконструкции и развития"),
    "aiib": ("АБИИ", "Азиатский банк инфраструктурных инвестиций"),
    "edb": ("ЕАБР", "Евразийский банк развития"),
    "ifas": ("МФСА", "Международный фонд спасения Арала"),
    "who": ("ВОЗ", "Всемирная организация здравоохранения"),
    "wto": ("ВТО", "Всемирная торговая организация"),
    "ilo": ("МОТ", "Международная организация труда"),
    "unicef": ("ЮНИСЕФ",),
    "undp": ("ПРООН", "Программа развития ООН"),
    "unesco": ("ЮНЕСКО",),
    "unhcr": ("УВКБ ООН",),
    "iaea": ("МАГАТЭ",),
    "oic": ("ОИС", "Организация исламского сотрудничества"),
    "cica": ("СВМДА", "Совещание по взаимодействию и мерам доверия в Азии"),
    "ots": ("ОТГ", "Организация тюркских государств"),
    "brics": ("БРИКС",),
    "opec": ("ОПЕК",),
    "icrc": ("МККК", "Международный комитет Красного Креста"),
    "iom": ("МОМ", "Международная организация по миграции"),
    "fao": ("ФАО",),
    "wfp": ("ВПП", "Всемирная продовольственная программа"),
}
# fmt: on


@dataclass(frozen=True, slots=True)
class _Word:
    stem: str
    exact: bool  # an acronym: the word as written, no ending
    capitalized: bool  # must start with a capital in the text
    forms: frozenset[str] = frozenset()  # when given, the only folded forms that match


@dataclass(frozen=True, slots=True)
class CyrillicHit:
    key: str  # country code or organization slug
    start: int
    end: int


def names_of_country(code: str) -> tuple[str, ...]:
    return COUNTRY_NAMES.get(code, ())


def names_of_organization(slug: str) -> tuple[str, ...]:
    return ORGANIZATION_NAMES.get(slug, ())


def scan_cyrillic_countries(text: str) -> Iterator[CyrillicHit]:
    """Every Cyrillic mention of a country in `text`, in reading order; the parts of a
    hyphenated word count apart ("российско-китайские", "Казахстан-Китай")."""
    yield from _scan(text, _country_names(), _PART)


def scan_cyrillic_organizations(text: str) -> Iterator[CyrillicHit]:
    """Every Cyrillic mention of a curated organization, in reading order."""
    yield from _scan(text, _organization_names())


def _fold(word: str) -> str:
    return word.lower().replace("ё", "е")


def _pattern(name: str, declined: bool = False) -> tuple[_Word, ...]:
    """A listed name as words to match: acronyms as written; with `declined`, each word's
    own case forms (a country's name is short, and a stem plus any ending would take in
    Герман for Германия, Индиана for Индия); else its stem and a few letters more."""
    words = []
    for word in _WORD.findall(name):
        exact = len(word) > 1 and word.isupper()
        folded = _fold(word)
        forms = frozenset() if exact or not declined else declensions(folded)
        words.append(_Word(folded if exact else _stem(folded), exact, word[:1].isupper(), forms))
    return tuple(words)


_ADJECTIVE = ("ий", "ый", "ой", "ая", "ое", "ие", "ые")
_ADJECTIVE_ENDINGS = (
    "ий", "ый", "ой", "ая", "ое", "ие", "ые", "ого", "его", "ому", "ему", "ым", "им", "ом",
    "ем", "ую", "юю", "ых", "их", "ыми", "ими", "ей", "ее", "ою", "о",
)  # fmt: skip
# A noun's nominative ending → the endings of its other cases, singular (and plural where a
# country's people are meant).
_NOUN_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("янин", ("янин", "янина", "янину", "янином", "янине", "яне", "ян", "янам", "янами", "янах")),
    ("ец", ("ец", "ца", "цу", "цем", "це", "цы", "цев", "цам", "цами", "цах")),
    ("ия", ("ия", "ии", "ию", "ией", "иею")),
    ("я", ("я", "и", "ю", "ей", "е", "ею")),
    ("а", ("а", "ы", "и", "е", "у", "ой", "ою")),
    ("й", ("й", "я", "ю", "ем", "е")),
    ("ь", ("ь", "и", "ью", "я", "ю", "ем", "е")),
    ("ы", ("ы", "ов", "ам", "ами", "ах")),  # a plural name: Штаты
    ("", ("", "а", "у", "ом", "е", "ы", "ов")),
)


def declensions(word: str) -> frozenset[str]:
    """The case forms of a (folded) Russian country name or adjective: Казахстан →
    казахстана, казахстану, ...; Россия → россии, ...; казахстанский → казахстанского, ..."""
    if word.endswith(_ADJECTIVE) and len(word) > 4:
        return frozenset(word[:-2] + ending for ending in _ADJECTIVE_ENDINGS)
    for nominative, endings in _NOUN_ENDINGS:
        if word.endswith(nominative):
            base = word[: len(word) - len(nominative)]
            return frozenset(base + ending for ending in endings)
    return frozenset({word})  # unreachable: the last row matches every word


def _stem(word: str) -> str:
    """Snowball's stem, unless it is too short to be specific ("Иран" → "ира" would take in
    "Ирак"): then the word less one final vowel, й or ь ("иран", "инди", "росси")."""
    found = stem(word)
    if len(found) >= _SPECIFIC_STEM:
        return found
    return word[:-1] if word[-1] in "аеиоуыэюяйь" else word


Patterns = dict[str, list[tuple[tuple[_Word, ...], str]]]  # first stem's first letter → names


def _index(names: dict[str, tuple[str, ...]], declined: bool = False) -> Patterns:
    found: Patterns = {}
    for key, spellings in names.items():
        for spelling in spellings:
            pattern = _pattern(spelling, declined)
            found.setdefault(pattern[0].stem[:1], []).append((pattern, key))
    for candidates in found.values():
        candidates.sort(key=lambda item: -len(item[0]))  # longest name first
    return found


@cache
def _country_names() -> Patterns:
    merged: dict[str, tuple[str, ...]] = {}
    for table in (COUNTRY_NAMES, COUNTRY_WORDS):
        for code, names in table.items():
            merged[code] = merged.get(code, ()) + names
    return _index(merged, declined=True)


@cache
def _organization_names() -> Patterns:
    return _index(ORGANIZATION_NAMES)


def _scan(text: str, patterns: Patterns, word: re.Pattern[str] = _WORD) -> Iterator[CyrillicHit]:
    if _CYRILLIC.search(text) is None:  # most of an English archive: no word to look at
        return
    words = [m for m in word.finditer(text) if not m.group().isascii()]
    i = 0
    while i < len(words):
        hit = _match_at(text, words, i, patterns)
        if hit is None:
            i += 1
            continue
        length, key = hit
        yield CyrillicHit(key, words[i].start(), words[i + length - 1].end())
        i += length


def _match_at(
    text: str, words: list[re.Match[str]], i: int, patterns: Patterns
) -> tuple[int, str] | None:
    first = _fold(words[i].group())[:1]
    for pattern, key in patterns.get(first, ()):
        span = words[i : i + len(pattern)]
        if len(span) < len(pattern):
            continue
        joined = all(
            _GAP.fullmatch(text, a.end(), b.start()) is not None for a, b in pairwise(span)
        )
        if joined and all(_fits(m.group(), w) for m, w in zip(span, pattern, strict=True)):
            return len(pattern), key
    return None


def _fits(word: str, want: _Word) -> bool:
    if want.exact:
        return word == want.stem.upper()
    if want.capitalized and not word[:1].isupper():
        return False
    folded = _fold(word)
    if want.forms:
        return folded in want.forms
    allowed = MAX_ENDING_LONG_STEM if len(want.stem) >= _LONG_STEM else MAX_ENDING
    return folded.startswith(want.stem) and len(folded) - len(want.stem) <= allowed
