"""`steppe` as a user runs it: a real process, real files, real exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from api.settings import Settings
from tests.conftest import SAMPLE, SEED_PAGE

STEPPE = [sys.executable, "-m", "api.cli"]
ROOT = Path(__file__).resolve().parents[1]


def steppe(
    settings: Settings, *args: str | Path, **extra_env: str
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "STEPPE_DATA_DIR": str(settings.data_dir),
        "STEPPE_DATABASE_URL": settings.database_url,
        "COLUMNS": "120",
        **extra_env,
    }
    return subprocess.run(
        [*STEPPE, *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
        check=False,
    )


def test_ingest_prints_a_summary_and_twice_changes_nothing(settings: Settings) -> None:
    first = steppe(settings, "ingest", SAMPLE)
    assert first.returncode == 0, first.stderr
    assert "2 file(s), 0 failed, 49 article(s) indexed" in first.stdout
    second = steppe(settings, "ingest", SAMPLE)
    assert second.returncode == 0
    assert "0 article(s) indexed" in second.stdout
    assert "│ articles │     0 │       0 │        49 │" in second.stdout


def test_ingest_reports_a_bad_file_and_still_loads_the_others(
    settings: Settings, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "A", "published": "2025-01-01"}\n', encoding="utf-8")
    done = steppe(settings, "ingest", bad, SEED_PAGE)
    assert done.returncode == 1
    assert f"{bad}:1:" in done.stderr and "body" in done.stderr
    assert "2 file(s), 1 failed, 6 article(s) indexed" in done.stdout


def test_ingest_summary_reports_updates_and_distinct_slugs_with_their_files(
    settings: Settings, tmp_path: Path
) -> None:
    for name, day, body in [
        ("a-march.txt", "24 March 2026", "Tenge fell."),
        ("b-march-late.txt", "24 March 2026", "Tenge fell 2%."),
        ("c-april.txt", "2 April 2026", "Tenge rose."),
    ]:
        text = f"• KZT/USD = 0.00194 0%\n\n{day}\n\nMarket Watch\n\n{body}\n"
        (tmp_path / name).write_text(text, encoding="utf-8")
    done = steppe(settings, "ingest", tmp_path)
    assert done.returncode == 0, done.stderr
    assert (
        "updated: market-watch from b-march-late.txt: 'Market Watch' (2026-03-24) updated "
        "(was from a-march.txt)" in done.stdout
    )
    assert (
        "warning: market-watch-2026-04-02 from c-april.txt: 'Market Watch' (2026-04-02) is not "
        "'Market Watch' (2026-03-24), which holds the slug 'market-watch': stored as "
        "'market-watch-2026-04-02'" in done.stdout
    )


def test_ingest_of_a_folder_without_inputs_fails_clearly(
    settings: Settings, tmp_path: Path
) -> None:
    done = steppe(settings, "ingest", tmp_path)
    assert done.returncode == 1
    assert "no .txt or .jsonl files" in done.stderr


def test_export_to_a_file_equals_export_to_stdout(settings: Settings, tmp_path: Path) -> None:
    steppe(settings, "ingest", SEED_PAGE)
    out = tmp_path / "export.jsonl"
    assert steppe(settings, "export", "--output", out).returncode == 0
    printed = steppe(settings, "export").stdout
    assert out.read_text(encoding="utf-8") == printed
    assert printed.count('"type": "article"') == 6 and printed.count('"type": "rate"') == 5


def test_export_schema_prints_the_committed_sdl(settings: Settings) -> None:
    done = steppe(settings, "export-schema")
    assert done.stdout == (ROOT / "schema" / "schema.graphql").read_text(encoding="utf-8")


def test_reindex_reports_the_articles_it_indexed(settings: Settings) -> None:
    steppe(settings, "ingest", SEED_PAGE)
    done = steppe(settings, "reindex")
    assert done.returncode == 0, done.stderr
    assert "reindexed 6 article(s)" in done.stdout


def test_a_bad_setting_is_named(settings: Settings) -> None:
    done = steppe(settings, "migrate", STEPPE_PORT="eighty")
    assert done.returncode == 2
    assert "STEPPE_PORT='eighty' is not a valid int" in done.stderr


def test_serve_refuses_a_port_out_of_range_naming_the_variable(settings: Settings) -> None:
    done = steppe(settings, "serve", STEPPE_PORT="-5")
    assert done.returncode == 2
    assert "STEPPE_PORT must be between 1 and 65535; got -5" in done.stderr


def test_ingest_explain_tells_what_each_line_is_and_writes_nothing(
    settings: Settings, tmp_path: Path
) -> None:
    page = tmp_path / "p.txt"
    page.write_text(
        "• KZT/USD = 0.00201 +0.51%\n• KZT/US\n24 March 2026\n\n"
        "Gas Deal Signed in Astana\nBy Dana Omarova in Astana\n\n"
        "ASTANA — QazaqGaz signed the deal.\n\nPhoto: QazaqGaz press service\n",
        encoding="utf-8",
    )
    done = steppe(settings, "ingest", "--explain", page)
    assert done.returncode == 0, done.stderr
    roles = [line.split()[:2] for line in done.stdout.splitlines()[1:]]
    assert roles == [
        ["1", "ticker"], ["2", "skipped"], ["3", "date"], ["5", "headline"], ["6", "byline"],
        ["8", "paragraph"], ["10", "caption"],
    ]  # fmt: skip
    assert "a title followed by a byline" in done.stdout
    assert "place 'Astana'" in done.stdout
    assert not (settings.data_dir / "steppe.db").exists()
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text("{}\n", encoding="utf-8")
    refused = steppe(settings, "ingest", "--explain", jsonl)
    assert refused.returncode == 1 and "--explain reads digest pages" in refused.stderr


def test_ingest_summary_lists_the_articles_of_each_file(settings: Settings) -> None:
    done = steppe(settings, "ingest", SEED_PAGE)
    assert done.returncode == 0, done.stderr
    assert "digest-2025-12-15.txt: 6 article(s), 5 rate(s)" in done.stdout
    assert "  - Turkmenistan to Ditch Forced Labor in Cotton Harvesting" in done.stdout
