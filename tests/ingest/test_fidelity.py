"""The fidelity scorer itself: it must be able to fail, and to say why."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.fidelity import Score, score_page, table

PAGE = """• KZT/USD = 0.00194 0%
15 December 2025

Kazakhstan Joins the World Bank Programme
By Jane Doe

The World Bank and Kazakhstan signed the programme. Uzbek officials attended.

Second paragraph.
"""


def truth(**changes: Any) -> dict[str, Any]:
    article = {
        "title": "Kazakhstan Joins the World Bank Programme",
        "authors": ["Jane Doe"],
        "paragraphs": 2,
        "subheadings": [],
        "countries": ["KZ", "UZ"],
        "organizations": [["WB", "World Bank"]],
    }
    return {"date": "2025-12-15", "rates": [["KZT/USD", "0.00194", "0"]],
            "articles": [article | changes]}  # fmt: skip


def write(tmp_path: Path, text: str) -> Path:
    page = tmp_path / "page.txt"
    page.write_text(text, encoding="utf-8")
    return page


def test_a_page_read_as_its_truth_scores_full_marks(tmp_path: Path) -> None:
    score = score_page(write(tmp_path, PAGE), truth())
    assert (score.passed, score.checks, score.problems) == (7, 7, [])
    assert (score.entities.tp, score.entities.fp, score.entities.fn) == (3, 0, 0)


def test_wrong_counts_and_entities_are_failed_checks_with_reasons(tmp_path: Path) -> None:
    score = score_page(
        write(tmp_path, PAGE),
        truth(paragraphs=3, countries=["KZ"], organizations=["IMF"], authors=["John Roe"]),
    )
    assert (score.passed, score.checks) == (5, 7)
    assert (score.countries.tp, score.countries.fp, score.countries.fn) == (1, 1, 0)
    assert (score.organizations.tp, score.organizations.fp, score.organizations.fn) == (0, 1, 1)
    assert any("2 paragraphs, not 3" in p for p in score.problems)
    assert "| page.txt | 71% (5/7) | 0.50 / 1.00 | 0.00 / 0.00 | 0.33 / 0.50 |" in table(
        [score], Score("overall")
    )


def test_a_refused_page_fails_every_check_and_misses_every_entity(tmp_path: Path) -> None:
    score = score_page(write(tmp_path, "no date\n\nA Headline Here\n\nText."), truth())
    assert (score.passed, score.checks) == (0, 7)
    assert (score.entities.tp, score.entities.fn) == (0, 3)
    assert score.problems[0].startswith("refused:")


def test_every_fidelity_page_has_a_valid_truth_file() -> None:
    pages = Path(__file__).parents[1] / "data" / "pages"
    found = sorted(pages.glob("*.txt")) + sorted((pages / "heldout").glob("*.txt"))
    assert len(found) >= 9
    for page in found:
        data = json.loads(page.with_suffix(".truth.json").read_text(encoding="utf-8"))
        assert {"date", "rates", "articles"} <= data.keys(), page
        for article in data["articles"]:
            assert set(article) == {"title", "authors", "paragraphs", "subheadings",
                                    "countries", "organizations"}, page  # fmt: skip


def test_the_reader_gets_the_structure_of_every_fidelity_page_right() -> None:
    from tests.fidelity import score_set

    scores, total = score_set("all")
    assert [(s.name, s.problems) for s in scores if s.passed < s.checks] == []
    assert total.checks >= 150 and total.structure == 1.0
