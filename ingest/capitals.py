"""Capitals standing for their governments: "Astana said", "dependence on Moscow".

A capital is a place far more often than a government ("flew to Baku", "a summit in
Tashkent", "ALMATY —"), so it links its country only where a careful reader takes it for the
state: as the subject of a verb of saying or deciding, with a possessive, or as the other
side of a relation ("ties with Beijing", "agreed with Tashkent and Astana").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# fmt: off
CAPITALS: dict[str, str] = {
    "Astana": "KZ", "Nur-Sultan": "KZ", "Tashkent": "UZ", "Bishkek": "KG", "Dushanbe": "TJ",
    "Ashgabat": "TM", "Ashkhabad": "TM", "Moscow": "RU", "Beijing": "CN", "Kabul": "AF",
    "Tehran": "IR", "Ankara": "TR", "Baku": "AZ", "Tbilisi": "GE", "Yerevan": "AM",
    "Islamabad": "PK", "New Delhi": "IN", "Kyiv": "UA", "Kiev": "UA", "Minsk": "BY",
    "Washington": "US", "Tokyo": "JP", "Seoul": "KR", "Berlin": "DE", "Paris": "FR",
    "London": "GB", "Ulaanbaatar": "MN",
}
# Verbs a government does; "is", "has" and "was" are left out: "Astana is a young city".
_VERBS = (
    "said|says|say|signed|signs|wants|want|insists|insisted|announced|announces|agreed|agrees|"
    "hopes|hoped|fears|feared|sees|saw|responded|responds|rejected|rejects|denied|denies|"
    "accused|accuses|warned|warns|welcomed|welcomes|plans|planned|offered|offers|pledged|"
    "pledges|promised|promises|asked|asks|urged|urges|demanded|demands|expects|expected|"
    "considers|views|believes|argues|argued|claims|claimed|backs|backed|supports|supported|"
    "opposes|opposed|refused|refuses|approved|approves|protested|protests|condemned|"
    "condemns|threatened|threatens|recognised|recognized|recognises|recognizes|objected|"
    "objects|proposed|proposes|declined|declines|confirmed|confirms|ratified|ratifies|"
    "imposed|imposes|lifted|lifts|sanctioned|intends|intended|has said|has signed|"
    "has agreed|has offered|has pledged|has promised|has refused|will|would|could|must|"
    "should|cannot|can't|won't|did|does|do"
)
_AFTER = re.compile(rf"(?:[’']s [a-z]| (?:also |again |now |then |has long )?(?:{_VERBS})\b)")
_RELATION = re.compile(
    r"\b(?:ties|relations|talks|dependence|reliance|pressure|support|backing|influence|"
    r"agreed|agreement|deal|dispute|tensions|rift|cooperation|partnership|loans|aid|"
    r"approval|consent|recognition|sanctions|criticism|rapprochement|dependent|reliant|"
    r"closer|away|sided|pivot|turned|negotiate|negotiated|negotiating)"
    r" (?:\w+ )?(?:with|on|from|to|toward|towards|against|between|by)(?: both)? $"
)
_AND = re.compile(r"(\w[\w-]*) and $")
_NAME_BEFORE = re.compile(r"[A-Z][\w’'-]* $")
_NOT_STATE_AFTER = re.compile(r" (?:Post|Times|Consensus|Metro|Marathon|Stock)\b")
# fmt: on
_NAMES = re.compile(
    r"(?<![\w.-])(" + "|".join(sorted(CAPITALS, key=len, reverse=True)) + r")(?![\w-])"
)


def metonyms(text: str) -> Iterator[str]:
    """The code of every capital in `text` that stands for its government."""
    for match in _NAMES.finditer(text):
        if _stands_for_state(text, match.start(), match.end()):
            yield CAPITALS[match.group(1)]


def _stands_for_state(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 60) : start]
    if _NAME_BEFORE.search(before):
        return False  # "George Washington", "In Tashkent", "Greater London"
    if _AFTER.match(text, end):
        return not _NOT_STATE_AFTER.match(text, end)
    if _RELATION.search(before):
        return True
    pair = _AND.search(before)  # "agreed with Tashkent and Astana"
    if pair and pair.group(1) in CAPITALS:
        first = start - len(pair.group(0))
        return _stands_for_state(text, first, first + len(pair.group(1)))
    return False
