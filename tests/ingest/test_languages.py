"""Each article's language: named by a record or read off the text (issue 13)."""

from __future__ import annotations

import json

import pytest

from ingest.errors import IngestError
from ingest.jsonl import read_jsonl
from ingest.languages import detect_language, language_tag

TEXTS = {
    "en": "Kazakhstan's president met the Kyrgyz leader in Astana on Monday to discuss the "
    "border and the sharing of water with the neighbours.",
    "ru": "Президент Кыргызстана встретился с коллегой в Астане, чтобы обсудить вопросы "
    "границы и распределения воды между странами.",
    "kk": "Қазақстан Республикасының Президенті бүгін Астанада шекара және су мәселелерін "
    "талқылады, бұл туралы баспасөз қызметі хабарлады.",
    "ky": "Кыргызстандын президенти бүгүн Бишкекте чек ара жана суу маселесин талкуулады, "
    "бул тууралуу басма сөз кызматы билдирди.",
    "tg": "Президенти Тоҷикистон дар шаҳри Душанбе бо ҳайати вазирон вохӯрд ва масъалаҳои "
    "обро баррасӣ кард.",
    "uz": "Oʻzbekiston Prezidenti hukumat aʼzolari bilan uchrashdi va suv masalasi haqida "
    "gaplashdi, bu haqda matbuot xizmati xabar berdi.",
    "tk": "Türkmenistanyň Prezidenti ministrler bilen duşuşdy we suw meselesini ara alyp "
    "maslahatlaşdy, bu barada habar berildi.",
}


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_the_region_s_languages_are_told_apart(language: str) -> None:
    assert detect_language(TEXTS[language]) == language


def test_too_little_text_is_undetermined() -> None:
    assert detect_language("Астана") == "und"
    assert detect_language("12 345 678 — 9") == "und"


def test_a_record_s_tag_keeps_its_primary_subtag() -> None:
    assert language_tag("ru-RU") == "ru"
    assert language_tag(" KK-Cyrl ") == "kk"
    for bad in ("", "russian!", "xx", "r"):
        with pytest.raises(ValueError, match=r"language|BCP 47"):
            language_tag(bad)


def test_a_record_naming_a_language_keeps_it_and_a_bad_one_is_named() -> None:
    record = {"title": "Short", "published": "2025-12-01", "body": TEXTS["en"], "language": "kk"}
    (article,) = read_jsonl(json.dumps(record) + "\n", "a.jsonl").articles
    assert article.language == "kk"
    with pytest.raises(IngestError, match=r"a.jsonl:1: language: 'english'"):
        read_jsonl(json.dumps({**record, "language": "english"}) + "\n", "a.jsonl")
