"""The fused `FoldFilter` against the four Whoosh filters it stands for.

Indexes written before it name Whoosh's LowercaseFilter, CharsetFilter(accent_map) and two
SubstitutionFilters in their pickled schema; they stay valid only if both chains give the
same tokens (text, positions and character offsets) for any text.
"""

from __future__ import annotations

from pathlib import Path

from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    SubstitutionFilter,
)
from whoosh.support.charset import accent_map

from index.analysis import WORD_PATTERN, ScriptStemFilter, text_analyzer

ROOT = Path(__file__).resolve().parents[2]
TRICKY = [
    "Kazakhstan’s O'Neil Oʻzbekiston Toʼqayev rock’n’roll ROSATOM's",
    "İstanbul STRASSE Straße ǅemal Ǆ ﬁnance Ⅻ ΣΊΣΥΦΟΣ ΌΣΟΣ",
    "Қазақстан Жапарова Жапаровым Ёлка ёжик Й й Ўзбекистон ҳукумат",
    "café naïve Ærø Øresund Łódź Čapek Tōkyō résumé’s l'état d’Asie",
    "x'  '' ’s 's ʻʻ a'b'c 'quoted' 1990’s COVID-19 U.S. e-mail",
]


def _whoosh_chain() -> Analyzer:
    return (
        RegexTokenizer(WORD_PATTERN)
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | SubstitutionFilter(r"['’]s$", "")
        | SubstitutionFilter(r"['’ʻʼ]", "")
        | ScriptStemFilter()
    )


def _tokens(analyzer: Analyzer, text: str, mode: str) -> list[tuple[str, int, int, int]]:
    return [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in analyzer(text, positions=True, chars=True, mode=mode)
    ]


def test_fold_filter_gives_the_whoosh_chain_s_tokens() -> None:
    texts = [*TRICKY]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "sample").rglob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "sample").rglob("*.jsonl"))]
    ours, theirs = text_analyzer(), _whoosh_chain()
    compared = 0
    for text in texts:
        for mode in ("index", "query"):
            expected = _tokens(theirs, text, mode)
            assert _tokens(ours, text, mode) == expected
            compared += len(expected)
    assert compared > 2_000
