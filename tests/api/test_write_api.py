"""The write API for the newsroom's CMS: `ingestPage`, `upsertArticles`, `unpublishArticle`,
`republishArticle` and `POST /ingest`, for editor keys only; on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from api.callers import key_digest, new_key
from api.resources import open_store
from api.settings import Settings
from ingest.export import export_lines
from store import audit, keys
from tests.conftest import SEED_PAGE, WIKINEWS
from tests.test_cli import steppe

INGEST_PAGE = """
mutation($text: String!, $source: String!) {
  ingestPage(text: $text, source: $source) {
    source ok revision titles
    articles { added updated unchanged }
    rates { added updated unchanged }
    newEntities { authors countries organizations currencies }
    notes { kind slug message }
    errors { message source line }
  }
}
"""
UPSERT = """
mutation($records: [JSON!]!, $source: String!) {
  upsertArticles(records: $records, source: $source) {
    ok articles { added updated unchanged } errors { message line }
  }
}
"""
UNPUBLISH = """
mutation($slug: String!) {
  unpublishArticle(slug: $slug, reason: RETRACTED, note: "wrong figures") {
    slug reason note removedAt
  }
}
"""
REPUBLISH = "mutation($slug: String!) { republishArticle(slug: $slug) { slug title } }"
SEARCH = '{ search(text: "cotton") { totalCount edges { node { slug } } } }'
COTTON = "turkmenistan-to-ditch-forced-labor-in-cotton-harvesting"


@pytest.fixture
def app_settings(settings: Settings) -> Settings:
    return dataclasses.replace(settings, anonymous_points_per_minute=10**6)


@pytest.fixture
def client(app_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(app_settings)) as test_client:
        yield test_client


def make_key(settings: Settings, name: str, tier: str) -> dict[str, str]:
    secret = new_key()
    store = open_store(settings)
    try:
        with store.write() as writer:
            keys.create_key(writer.conn, name, tier, key_digest(secret), datetime.now(UTC))
    finally:
        store.close()
    return {"authorization": f"Bearer {secret}"}


def call(
    client: TestClient, query: str, variables: dict[str, Any], headers: dict[str, str]
) -> dict[str, Any]:
    response = client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    assert response.status_code == 200, response.text
    payload: dict[str, Any] = response.json()
    return payload


def exported(settings: Settings) -> str:
    store = open_store(settings)
    try:
        return "".join(export_lines(store))
    finally:
        store.close()


def audit_rows(settings: Settings) -> list[tuple[str, str, str]]:
    store = open_store(settings)
    try:
        with store.read() as conn:
            return [(e.actor, e.action, e.target) for e in audit.entries(conn)]
    finally:
        store.close()


def page_variables() -> dict[str, str]:
    return {"text": SEED_PAGE.read_text(encoding="utf-8"), "source": SEED_PAGE.name}


def test_ingest_page_equals_a_cli_ingest_of_the_file_and_is_idempotent(
    app_settings: Settings, client: TestClient, tmp_path: Path
) -> None:
    editor = make_key(app_settings, "cms", "editor")
    summary = call(client, INGEST_PAGE, page_variables(), editor)["data"]["ingestPage"]
    assert summary["ok"] and summary["errors"] == [] and summary["source"] == SEED_PAGE.name
    assert summary["articles"] == {"added": 6, "updated": 0, "unchanged": 0}
    assert summary["rates"]["added"] == 5 and len(summary["titles"]) == 6
    assert summary["newEntities"]["countries"] > 0

    cli = Settings(data_dir=tmp_path / "cli")
    assert steppe(cli, "ingest", SEED_PAGE).returncode == 0
    assert exported(app_settings) == exported(cli)

    # The answer already reflects the write: this server's index caught up before answering.
    hits = call(client, SEARCH, {}, {})["data"]["search"]
    assert [e["node"]["slug"] for e in hits["edges"]] == [COTTON]

    again = call(client, INGEST_PAGE, page_variables(), editor)["data"]["ingestPage"]
    assert again["articles"] == {"added": 0, "updated": 0, "unchanged": 6}
    assert again["revision"] == summary["revision"]
    assert audit_rows(app_settings) == [
        ("cms", "ingest", SEED_PAGE.name),
        ("cms", "ingest", SEED_PAGE.name),
    ]


@pytest.mark.parametrize("tier", [None, "partner"])
def test_writes_without_an_editor_key_are_refused_and_write_nothing(
    app_settings: Settings, client: TestClient, tier: str | None
) -> None:
    headers = {} if tier is None else make_key(app_settings, "widget", tier)
    code = "UNAUTHENTICATED" if tier is None else "FORBIDDEN"
    for query, variables in (
        (INGEST_PAGE, page_variables()),
        (UPSERT, {"records": [{"title": "x", "body": "y"}], "source": "a.jsonl"}),
        (UNPUBLISH, {"slug": COTTON}),
        (REPUBLISH, {"slug": COTTON}),
    ):
        payload = call(client, query, variables, headers)
        assert payload["data"] is None
        [error] = payload["errors"]
        assert error["extensions"]["code"] == code, error
    assert exported(app_settings) == "" and audit_rows(app_settings) == []
    refused = client.post(
        f"/ingest?source={SEED_PAGE.name}",
        content=SEED_PAGE.read_bytes(),
        headers={"content-type": "text/plain; charset=utf-8", **headers},
    )
    assert refused.status_code == (401 if tier is None else 403)
    assert refused.json()["errors"][0]["extensions"]["code"] == code
    assert exported(app_settings) == "" and audit_rows(app_settings) == []


def test_get_never_writes(app_settings: Settings, client: TestClient) -> None:
    editor = make_key(app_settings, "cms", "editor")
    text = 'mutation { unpublishArticle(slug: "x", reason: EXPIRED) { slug } }'
    response = client.get("/graphql", params={"query": text}, headers=editor)
    assert response.status_code == 405
    assert audit_rows(app_settings) == []


def test_upsert_articles_equals_a_cli_ingest_and_refuses_a_bad_record_whole(
    app_settings: Settings, client: TestClient, tmp_path: Path
) -> None:
    editor = make_key(app_settings, "cms", "editor")
    records = [json.loads(line) for line in WIKINEWS.read_text(encoding="utf-8").splitlines()]
    broken = [records[0], {"title": "No body here"}, records[1]]
    payload = call(client, UPSERT, {"records": broken, "source": WIKINEWS.name}, editor)
    refused = payload["data"]["upsertArticles"]
    assert not refused["ok"] and refused["articles"]["added"] == 0
    [problem] = refused["errors"]
    assert problem["line"] == 2 and "body" in problem["message"]
    assert exported(app_settings) == ""  # all or nothing

    done = call(client, UPSERT, {"records": records, "source": WIKINEWS.name}, editor)
    assert done["data"]["upsertArticles"]["articles"]["added"] == len(records)
    cli = Settings(data_dir=tmp_path / "cli")
    assert steppe(cli, "ingest", WIKINEWS).returncode == 0
    assert exported(app_settings) == exported(cli)


def test_takedown_and_republish_by_mutation_show_in_the_answer_and_the_audit(
    app_settings: Settings, client: TestClient
) -> None:
    editor = make_key(app_settings, "night-desk", "editor")
    call(client, INGEST_PAGE, page_variables(), editor)
    before = client.get("/graphql", params={"query": SEARCH})
    assert before.json()["data"]["search"]["totalCount"] == 1

    removed = call(client, UNPUBLISH, {"slug": COTTON}, editor)["data"]["unpublishArticle"]
    assert removed["slug"] == COTTON and removed["reason"] == "RETRACTED"
    assert removed["note"] == "wrong figures"
    # at once, with no poll interval to wait for, and the old ETag no longer matches
    assert call(client, SEARCH, {}, {})["data"]["search"]["totalCount"] == 0
    revalidated = client.get(
        "/graphql", params={"query": SEARCH}, headers={"if-none-match": before.headers["etag"]}
    )
    assert revalidated.status_code == 200
    assert revalidated.json()["data"]["search"]["totalCount"] == 0
    # re-ingesting the page through the API leaves it down
    again = call(client, INGEST_PAGE, page_variables(), editor)["data"]["ingestPage"]
    assert again["ok"]
    assert call(client, SEARCH, {}, {})["data"]["search"]["totalCount"] == 0

    back = call(client, REPUBLISH, {"slug": COTTON}, editor)["data"]["republishArticle"]
    assert back["slug"] == COTTON
    assert call(client, SEARCH, {}, {})["data"]["search"]["totalCount"] == 1
    missing = call(client, UNPUBLISH, {"slug": "no-such-article"}, editor)
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert [row[1:] for row in audit_rows(app_settings) if row[0] == "night-desk"] == [
        ("ingest", SEED_PAGE.name),
        ("unpublish", COTTON),
        ("ingest", SEED_PAGE.name),
        ("republish", COTTON),
    ]


def test_post_ingest_takes_a_page_or_json_lines_for_scripts(
    app_settings: Settings, client: TestClient, tmp_path: Path
) -> None:
    editor = make_key(app_settings, "script", "editor")

    def send(body: bytes, content_type: str, source: str | None = "x.txt") -> Any:
        query = "" if source is None else f"?source={source}"
        headers = {"content-type": content_type, **editor}
        return client.post(f"/ingest{query}", content=body, headers=headers)

    page = send(SEED_PAGE.read_bytes(), "text/plain; charset=utf-8", SEED_PAGE.name)
    assert page.status_code == 200, page.text
    assert page.json()["articles"] == {"added": 6, "updated": 0, "unchanged": 0}
    assert page.headers["cache-control"] == "no-store"
    lines = send(WIKINEWS.read_bytes(), "application/x-ndjson", WIKINEWS.name)
    assert lines.status_code == 200 and lines.json()["articles"]["added"] == 43
    cli = Settings(data_dir=tmp_path / "cli")
    assert steppe(cli, "ingest", SEED_PAGE, WIKINEWS).returncode == 0
    assert exported(app_settings) == exported(cli)

    repeat = send(SEED_PAGE.read_bytes(), "text/plain", SEED_PAGE.name)
    assert repeat.json()["articles"] == {"added": 0, "updated": 0, "unchanged": 6}
    bad = send(b"\xff\xfe not text", "text/plain", "bad.txt")
    assert bad.status_code == 422 and "UTF-8" in bad.json()["errors"][0]["message"]
    assert bad.json()["errors"][0]["line"] == 1
    assert send(b"x", "application/pdf").status_code == 415
    no_source = send(b"x", "text/plain", source=None)
    assert no_source.status_code == 400 and "source" in no_source.json()["errors"][0]["message"]
    refused = client.get("/ingest", headers=editor)
    assert refused.status_code == 405 and refused.headers["allow"] == "POST"
    assert refused.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"
    assert send(b"x", "text/plain; charset=latin-1").status_code == 415
    assert send(b"x", "text/plain", source="a.txt&sauce=b").status_code == 400


def test_a_record_naming_one_author_twice_stores_them_once(
    app_settings: Settings, client: TestClient
) -> None:
    editor = make_key(app_settings, "cms", "editor")
    record = {"title": "Twice Named Probe", "published": "2025-09-01", "body": "Kazakhstan.",
              "authors": ["Ann Lee", "Ann-Lee", "Bo Chen"]}  # fmt: skip
    done = call(client, UPSERT, {"records": [record], "source": "a.jsonl"}, editor)
    assert done["data"]["upsertArticles"]["ok"], done
    found = call(client, "{ articles { edges { node { authors { name } } } } }", {}, {})
    assert found["data"]["articles"]["edges"][0]["node"]["authors"] == [
        {"name": "Ann Lee"}, {"name": "Bo Chen"}
    ]  # fmt: skip


def test_records_may_hold_line_separators_inside_their_strings(
    app_settings: Settings, client: TestClient
) -> None:
    editor = make_key(app_settings, "cms", "editor")
    record = {"title": "Separator Probe", "published": "2025-07-01",
              "body": "one\u2028two\u2029three\u0085four"}  # fmt: skip
    done = call(client, UPSERT, {"records": [record], "source": "a.jsonl"}, editor)
    assert done["data"]["upsertArticles"]["ok"], done
    response = client.post(
        "/ingest?source=b.jsonl",
        content=(json.dumps({**record, "title": "Separator Probe Two"}, ensure_ascii=False)
                 + "\r\n").encode(),
        headers={"content-type": "application/x-ndjson", **editor},
    )  # fmt: skip
    assert response.status_code == 200, response.text


def test_a_takedown_note_is_bounded(app_settings: Settings, client: TestClient) -> None:
    editor = make_key(app_settings, "cms", "editor")
    call(client, INGEST_PAGE, page_variables(), editor)
    query = """mutation($slug: String!, $note: String) {
      unpublishArticle(slug: $slug, reason: EXPIRED, note: $note) { slug } }"""
    payload = call(client, query, {"slug": COTTON, "note": "x" * 2001}, editor)
    assert payload["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert call(client, SEARCH, {}, {})["data"]["search"]["totalCount"] == 1  # still up
