import contextlib
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.digest import read_digest
from ingest.errors import IngestError
from ingest.jsonl import read_jsonl
from ingest.linking import link
from store.records import ArticleDraft, AuthorDraft, Block, OrganizationDraft, RateDraft

SAMPLES = Path(__file__).parents[2] / "sample"
WIKINEWS = SAMPLES / "wikinews-gum" / "articles.jsonl"
ARTICLE = {"title": "A Title", "body": "First.\n\nSecond.", "published": "2025-12-15"}


def lines(*records: dict[str, Any] | str) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records)


def one(**fields: Any) -> Any:
    return read_jsonl(lines(ARTICLE | fields), "in.jsonl").articles[0]


def failure(text: str) -> IngestError:
    with pytest.raises(IngestError) as error:
        read_jsonl(text, "in.jsonl")
    return error.value


def test_wikinews_sample_gives_43_articles_without_authors() -> None:
    page = read_jsonl(WIKINEWS.read_text(encoding="utf-8"), str(WIKINEWS))
    assert len(page.articles) == 43 and page.rates == ()
    assert all(a.authors == () for a in page.articles)
    assert all(a.source.startswith("https://en.wikinews.org/wiki/") for a in page.articles)
    assert len({a.slug for a in page.articles}) == 43
    assert all(b.kind == "paragraph" for a in page.articles for b in a.blocks)


def test_wikinews_datelines_are_dropped_from_the_body() -> None:
    page = read_jsonl(WIKINEWS.read_text(encoding="utf-8"), str(WIKINEWS))
    ants = page.articles[0]
    assert ants.published_on == date(2015, 9, 1)
    assert ants.blocks[0].text == "Formica fusca, from file. Image: Mathias Krumbholz."
    flag = next(a for a in page.articles if a.title.startswith("New Zealand begins"))
    assert flag.blocks[0].text.startswith("On Tuesday, the New Zealand government")


def test_article_fields_map_to_the_parsed_article() -> None:
    article = one(url="https://example.org/a", id="x", genre="news")
    assert article.title == "A Title"
    assert article.blocks == (Block("First."), Block("Second."))
    assert article.published_on == date(2025, 12, 15)
    assert article.slug == "a-title"
    assert article.source == "https://example.org/a"
    assert (article.explicit_countries, article.explicit_organizations) == (None, None)


def test_source_falls_back_to_the_file_name_and_slug_can_be_given() -> None:
    page = read_jsonl(lines("", ARTICLE | {"slug": "My Own_Slug"}), "exports/in.jsonl")
    assert page.articles[0].source == "in.jsonl"
    assert page.articles[0].slug == "my-own-slug"


def test_authors_are_names_or_objects_and_wikinews_author_key_is_ignored() -> None:
    article = one(
        authors=["Jane Doe", {"name": "John Roe", "bio": "A writer."}],
        author="Wikinews contributors",
    )
    assert article.authors == (AuthorDraft("Jane Doe"), AuthorDraft("John Roe", "A writer."))
    assert one(author="Wikinews contributors").authors == ()


def test_sub_headings_are_only_what_the_record_marks() -> None:
    article = one(
        body="Intro.\n\n## The future\n\nShort label\n\nEnd.", subheadings=["Short label"]
    )
    assert [b.kind for b in article.blocks] == [
        "paragraph",
        "subheading",
        "subheading",
        "paragraph",
    ]
    assert one(body="Intro.\n\nShort label\n\nEnd.").blocks[1] == Block("Short label")


def test_blocks_give_the_body_with_every_kind_and_win_over_body() -> None:
    blocks = [{"kind": "PARAGRAPH", "text": "Intro."}, {"kind": "question", "text": "Why?"},
              {"kind": "correction", "text": "Correction: fixed."}]  # fmt: skip
    article = one(blocks=blocks, body="Ignored.")
    assert article.blocks == (
        Block("Intro."), Block("Why?", "question"), Block("Correction: fixed.", "correction")
    )  # fmt: skip


def test_explicit_countries_accept_codes_names_and_objects() -> None:
    article = one(
        countries=["kz", "Kyrgyz Republic", "Türkiye", {"code": "RU", "mentions": 2}, "KZ"]
    )
    assert article.explicit_countries == ("KZ", "KG", "TR", "RU")
    assert one(countries=[]).explicit_countries == ()


def test_explicit_organizations_accept_strings_and_exported_objects() -> None:
    article = one(organizations=["ILO", {"slug": "dw", "name": "Deutsche Welle", "acronym": "DW"}])
    assert article.explicit_organizations == (
        "ILO",
        OrganizationDraft("dw", "Deutsche Welle", "DW"),
    )


def test_rates_keep_the_digits_of_json_numbers() -> None:
    page = read_jsonl(
        lines(
            '{"pair": "TMT/USD", "rate": 0.28490, "change_percent": -0.18, "as_of": "2025-12-15"}',
            {"pair": "KZT/USD", "rate": "0.00194", "change_percent": "0%", "as_of": "2025-12-15"},
            {
                "type": "rate",
                "pair": "UZS/USD",
                "rate": 1,
                "change_percent": None,
                "as_of": "2025-12-15",
            },
        ),
        "rates.jsonl",
    )
    day = date(2025, 12, 15)
    assert page.rates == (
        RateDraft("TMT", "USD", Decimal("0.28490"), Decimal("-0.18"), day),
        RateDraft("KZT", "USD", Decimal("0.00194"), Decimal("0"), day),
        RateDraft("UZS", "USD", Decimal("1"), None, day),
    )
    assert str(page.rates[0].rate) == "0.28490"


def test_repeated_rates_must_agree() -> None:
    rate = {"pair": "KZT/USD", "rate": "0.00194", "as_of": "2025-12-15"}
    assert len(read_jsonl(lines(rate, rate), "r.jsonl").rates) == 1
    error = failure(lines(rate, rate | {"rate": "0.002"}))
    assert error.line == 2 and "differs from line 1" in str(error)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("", None, "empty"),
        (lines(ARTICLE, "{not json"), 2, "not valid JSON"),
        (lines("[1, 2]"), 1, "expected a JSON object"),
        (lines({"body": "x", "published": "2025-12-15"}), 1, "title: is required"),
        (lines(ARTICLE | {"title": 7}), 1, "title: expected a string"),
        (lines(ARTICLE | {"published": "soon"}), 1, "published: expected an ISO date"),
        (lines(ARTICLE | {"published": "2025-02-30"}), 1, "published: expected an ISO date"),
        (lines(ARTICLE | {"body": "  "}), 1, "body: is blank"),
        (lines(ARTICLE | {"body": "Tuesday, September 1, 2015"}), 1, "body: has no text"),
        (lines(ARTICLE | {"authors": "Jane"}), 1, "authors: expected a list"),
        (lines(ARTICLE | {"authors": [{"bio": "x"}]}), 1, "authors[0].name: is required"),
        (lines(ARTICLE | {"countries": ["Narnia"]}), 1, "countries[0]: unknown country"),
        (lines(ARTICLE | {"organizations": [3]}), 1, "organizations[0]: expected a name"),
        (lines(ARTICLE | {"type": "poem"}), 1, "type: expected 'article' or 'rate'"),
        (lines(ARTICLE | {"blocks": []}), 1, "blocks: is empty"),
        (lines(ARTICLE | {"blocks": ["x"]}), 1, "blocks[0]: expected a {kind, text}"),
        (
            lines(ARTICLE | {"blocks": [{"kind": "poem", "text": "x"}]}),
            1,
            "blocks[0].kind: unknown block kind 'poem'",
        ),
        (lines({"pair": "KZT-USD", "rate": "1", "as_of": "2025-12-15"}), 1, "pair: expected"),
        (
            lines({"pair": "KZT/USD", "rate": True, "as_of": "2025-12-15"}),
            1,
            "rate: expected a decimal",
        ),
        (
            lines({"pair": "KZT/USD", "rate": "abc", "as_of": "2025-12-15"}),
            1,
            "rate: expected a decimal",
        ),
        ('{"pair": "KZT/USD", "rate": NaN, "as_of": "2025-12-15"}', 1, "not valid JSON"),
        (lines({"pair": "KZT/USD", "rate": "1"}), 1, "as_of: is required"),
    ],
)
def test_bad_lines_fail_naming_line_and_field(text: str, line: int | None, words: str) -> None:
    error = failure(text)
    assert (error.source, error.line) == ("in.jsonl", line)
    assert words in str(error)


def export_record(draft: ArticleDraft) -> dict[str, Any]:
    """What `ingest.export.article_record` writes for a stored article (kept in step by hand)."""
    return {
        "type": "article", "slug": draft.slug, "title": draft.text.title,
        "published": draft.published_on.isoformat(), "source": draft.source,
        "body": draft.text.body, "subheadings": list(draft.text.subheadings),
        "blocks": [{"kind": b.kind, "text": b.text} for b in draft.text.blocks],
        "authors": [{"name": a.name, "bio": a.bio} for a in draft.authors],
        "countries": [{"code": c.code, "mentions": c.mentions} for c in draft.countries],
        "organizations": [
            {"slug": o.organization.slug, "name": o.organization.name,
             "acronym": o.organization.acronym, "mentions": o.mentions}
            for o in draft.organizations
        ],
    }  # fmt: skip


def test_exported_records_read_back_to_the_same_drafts() -> None:
    digest = SAMPLES / "digest-2025-12-15.txt"
    originals = [link(a) for a in read_digest(digest.read_text(encoding="utf-8"), "d.txt").articles]
    text = "\n".join(json.dumps(export_record(d), ensure_ascii=False) for d in originals)
    assert [link(a) for a in read_jsonl(text, "export.jsonl").articles] == originals


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=40),
            st.dictionaries(
                st.sampled_from(
                    [
                        "title",
                        "body",
                        "published",
                        "authors",
                        "countries",
                        "organizations",
                        "pair",
                        "rate",
                        "as_of",
                        "type",
                        "slug",
                        "subheadings",
                    ]
                ),
                st.recursive(
                    st.none()
                    | st.booleans()
                    | st.integers()
                    | st.text(max_size=12)
                    | st.sampled_from(["2025-12-15", "KZT/USD", "0.1", "KZ", "article", "rate"]),
                    lambda inner: (
                        st.lists(inner, max_size=3)
                        | st.dictionaries(st.text(max_size=5), inner, max_size=3)
                    ),
                    max_leaves=6,
                ),
            ).map(json.dumps),
        ),
        max_size=5,
    ).map("\n".join)
)
def test_random_lines_raise_nothing_but_ingest_error(text: str) -> None:
    with contextlib.suppress(IngestError):
        read_jsonl(text, "random.jsonl")
