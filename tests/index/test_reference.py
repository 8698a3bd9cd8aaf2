"""The vectorized search against Whoosh's own searcher on the same index, as the reference.

Over generated corpora written in many commits (so many segments), with articles deleted and
replaced, every query of a list that covers the query language (words, inflections, AND, OR,
NOT and `-`, phrases, fields, prefixes, parentheses, stop words, filters) must give the same
hits, the same total, the same scores within float tolerance, hence the same ranking, and the
same facet counts as `Searcher.search` over the parsed query.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.searching import Searcher

from index import SearchCursor, SearchFilter, SearchIndex, SearchRequest, execute, folders
from index import fields as f
from index.filters import filter_query
from index.query import parse_query
from index.request import SearchOrder
from index.vectorized import VectorEngine
from store.records import LinkedArticle
from tests.index.generated import Corpus, generate

FACETS = {
    "countries": f.COUNTRY_FACET,
    "organizations": f.ORGANIZATION_FACET,
    "authors": f.AUTHOR_FACET,
    "years": f.YEAR,
}


@dataclass
class Built:
    index: SearchIndex
    searcher: Searcher
    corpus: Corpus
    live: dict[int, LinkedArticle]


def _build(root: Path, seed: int, count: int, batch: int) -> Iterator[Built]:
    corpus = generate(seed, count)
    index = SearchIndex.open(root)
    revision = 0
    for start in range(0, count, batch):
        revision += 1
        index.apply(corpus.articles[start : start + batch], revision)
    rng = random.Random(seed)
    live = {a.article.id: a for a in corpus.articles}
    deleted = rng.sample(sorted(live), count // 10)
    index.delete(deleted, revision + 1)
    for article_id in deleted:
        del live[article_id]
    replaced = generate(seed + 1000, count // 10).articles
    moved = rng.sample(sorted(live), len(replaced))
    renumbered = [
        LinkedArticle(
            type(a.article)(
                moved[i],
                f"replaced-{moved[i]}",
                a.article.text,
                a.article.published_on,
                a.article.source,
                a.article.revision,
            ),
            a.authors,
            a.countries,
            a.organizations,
        )
        for i, a in enumerate(replaced)
    ]
    index.apply(renumbered, revision + 2)
    live.update({a.article.id: a for a in renumbered})
    index.refresh()
    generation = folders.current(root)
    assert generation is not None
    ix = whoosh_index.open_dir(str(generation))
    searcher = ix.searcher()
    assert len(searcher.reader().leaf_readers()) > 1, "the corpus should span several segments"
    assert searcher.reader().has_deletions()
    yield Built(index, searcher, corpus, live)
    searcher.close()
    ix.close()
    index.close()


@pytest.fixture(scope="module", params=[(11, 400, 37), (23, 700, 90), (37, 250, 250)])
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Built]:
    seed, count, batch = request.param
    yield from _build(tmp_path_factory.mktemp(f"reference-{seed}"), seed, count, batch)


def _queries(corpus: Corpus, seed: int) -> list[str]:
    rng = random.Random(seed)
    w = corpus.vocabulary
    common, middle, rare = w[:6], w[10:40], w[150:]
    body = rng.choice(corpus.articles).article.text.body.split()
    at = rng.randrange(0, max(len(body) - 3, 1))
    pair = " ".join(body[at : at + 2]).strip(".")
    triple = " ".join(body[at : at + 3]).strip(".")
    return [
        common[0],
        common[1].upper(),
        middle[3],
        rare[0],
        rare[5],
        "zzzznothing",
        f"{common[0]} {common[2]}",
        f"{common[1]} AND {middle[0]}",
        f"{middle[1]} OR {rare[2]}",
        f"{common[0]} -{common[1]}",
        f"{common[0]} NOT {middle[2]}",
        f"-{common[0]}",
        f"NOT {middle[4]}",
        f"({middle[5]} OR {middle[6]}) {common[3]}",
        f"{common[4]} ({middle[7]} OR -{common[0]})",
        f"{middle[8]} OR -{common[1]}",
        f'"{pair}"',
        f'"{triple}"',
        f'"{common[0]} {common[1]}"',
        f'-"{pair}" {common[2]}',
        f"title:{common[0]}",
        f"body:{middle[9]}",
        f"title:({common[1]} OR {middle[10]})",
        f'title:"{common[0]} {common[1]}"',
        f"{middle[11][:3]}*",
        f"title:{common[5][:2]}*",
        "author:Sultanova",
        'author:"Timur Bekov"',
        "author:zarina-ose Ose",
        "country:KZ",
        "country:Tajikistan OR country:kg",
        "organization:UN",
        'organization:"World Bank"',
        f"{common[0]} country:UZ -organization:sco",
        "the",
        "the of and",
        f"the {middle[12]} of",
        f"{common[2]} {common[2]}",
        f"{middle[13]}s {middle[14]}ing",
    ]


_FILTERS = [
    SearchFilter(),
    SearchFilter(countries=("kz",)),
    SearchFilter(countries=("KZ", "TJ"), authors=("aida-sultanova", "timur-bekov")),
    SearchFilter(organizations=("un",), published_from=date(2016, 6, 1)),
    SearchFilter(published_from=date(2017, 1, 1), published_to=date(2017, 6, 30)),
    SearchFilter(countries=("  ",)),
]


def _reference(searcher: Searcher, text: str, spec: SearchFilter) -> list[tuple[int, float, int]]:
    """(article id, score, docnum) of every hit by Whoosh's searcher, the revision doc left out.

    Two answers of Whoosh's matchers are wrong on multi-segment indexes with deletions, and
    are corrected here from Whoosh's own answers to the parts: an `Or` over a `Not` returns
    some deleted documents, and an `AndNot` returns now and then a document its negative side
    matches (`docs_for_query` of that side lists it). The vectorized search has neither fault.
    """
    query = parse_query(text).query
    collector = searcher.collector(limit=None, filter=filter_query(spec))
    # the context Steppe searched with before: it makes Whoosh score prefix expansions
    # with BM25F instead of counting them (its shortcut for a small index otherwise)
    searcher.search_with_collector(query, collector, context=searcher.context(needs_current=True))
    results = collector.results()
    reader = searcher.reader()
    ids = reader.column_reader(f.ARTICLE_ID, translate=True)
    excluded = set(searcher.docs_for_query(query.b)) if isinstance(query, wq.AndNot) else set()
    hits = [(ids[hit.docnum], hit.score, hit.docnum) for hit in results]
    return [
        hit
        for hit in hits
        if hit[0] != 0 and not reader.is_deleted(hit[2]) and hit[2] not in excluded
    ]


def _reference_facets(searcher: Searcher, docnums: list[int]) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {}
    for name, column in FACETS.items():
        values = searcher.reader().column_reader(column, translate=True)
        counter: Counter[str] = Counter()
        for docnum in docnums:
            value = values[docnum]
            if isinstance(value, bytes):
                counter.update(value.decode().split())
            elif value:
                counter[str(value)] += 1
        counts[name] = counter
    # months: the published-date column (a date ordinal), named as "2025-12"
    published = searcher.reader().column_reader(f.PUBLISHED, translate=True)
    counts["months"] = Counter(
        f"{date.fromordinal(published[d]).year:04d}-{date.fromordinal(published[d]).month:02d}"
        for d in docnums
        if 0 < published[d] <= date.max.toordinal()
    )
    return counts


def _ranked(hits: list[tuple[int, float]]) -> list[int]:
    return [i for i, _ in sorted(hits, key=lambda h: (-round(h[1], 9), h[0]))]


def test_every_query_and_filter_matches_whoosh_exactly(built: Built) -> None:
    checked = 0
    for text in _queries(built.corpus, seed=len(built.live)):
        for spec in _FILTERS:
            page = built.index.search(
                SearchRequest(text, filter=spec, first=5000, want_facets=True, facet_limit=1000)
            )
            reference = _reference(built.searcher, text, spec)
            label = f"{text!r} with {spec}"
            assert page.total_count == len(reference), label
            ours = {hit.article_id: hit.score for hit in page.hits}
            theirs = {article_id: score for article_id, score, _ in reference}
            assert ours.keys() == theirs.keys(), label
            assert ours.keys() <= built.live.keys(), label
            for article_id, score in theirs.items():
                assert math.isclose(ours[article_id], score, rel_tol=1e-9, abs_tol=1e-12), label
            assert [h.article_id for h in page.hits] == _ranked(list(ours.items())), label
            assert _ranked(list(ours.items())) == _ranked(list(theirs.items())), label
            assert page.facets is not None
            expected = _reference_facets(built.searcher, [d for _, _, d in reference])
            for name, counter in expected.items():
                buckets = getattr(page.facets, name).buckets
                assert {b.value: b.count for b in buckets} == dict(counter), (label, name)
            checked += bool(reference)
    assert checked > 100, "most queries should find something"


@pytest.mark.parametrize("order", ["RELEVANCE", "NEWEST", "OLDEST"])
def test_pages_walked_by_cursor_follow_the_reference_order(
    built: Built, order: SearchOrder
) -> None:
    text = built.corpus.vocabulary[1]
    reference = _reference(built.searcher, text, SearchFilter())
    published = {i: a.article.published_on.toordinal() for i, a in built.live.items()}
    if order == "RELEVANCE":
        expected = _ranked([(i, s) for i, s, _ in reference])
    else:
        keyed = sorted((published[i], i) for i, _, _ in reference)
        expected = [i for _, i in (reversed(keyed) if order == "NEWEST" else keyed)]
    walked: list[int] = []
    after: SearchCursor | None = None
    while True:
        page = built.index.search(SearchRequest(text, order=order, first=7, after=after))
        walked += [hit.article_id for hit in page.hits]
        if not page.has_next:
            break
        after = SearchCursor.decode(page.hits[-1].cursor.encode())
    assert walked == expected


def test_a_first_page_without_total_is_the_head_of_the_full_ranking(built: Built) -> None:
    for text in _queries(built.corpus, seed=3)[:12]:
        full = built.index.search(SearchRequest(text, first=5000))
        head = built.index.search(SearchRequest(text, first=10, want_total=False))
        assert [h.article_id for h in head.hits] == [h.article_id for h in full.hits[:10]]
        assert head.has_next == (len(full.hits) > 10)


def test_sparse_and_dense_matches_give_the_same_floats(
    built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An Or kept sparse (summed by numpy, or in plain Python when small) and the same Or
    made dense add the same scores in the same order, so every hit's score is equal to the
    last bit, and so is the ranking."""

    def answers(share: float, few: int) -> list[list[tuple[int, float]]]:
        monkeypatch.setattr(execute, "_SPARSE_SHARE", share)
        monkeypatch.setattr(execute, "_FEW", few)
        found = []
        for text in _queries(built.corpus, seed=11)[:40]:
            for spec in _FILTERS[:3]:
                page = built.index.search(SearchRequest(text, filter=spec, first=5000))
                found.append([(hit.article_id, hit.score) for hit in page.hits])
        return found

    by_numpy, in_python = answers(float("inf"), 0), answers(float("inf"), 10**9)
    always_dense = answers(0.0, 0)
    assert by_numpy == always_dense
    assert in_python == always_dense
    assert sum(map(len, always_dense)) > 500


def test_character_offsets_from_cached_blocks_match_whoosh_s_matcher(built: Built) -> None:
    """Highlights read a term's character offsets block by block through the engine's block
    directory; Whoosh's own matcher (`skip_to`, `value_as`) is the reference, for terms of
    every frequency (many blocks and one), random page-sized sets of docs, asked twice (the
    second time from the cache)."""
    engine = VectorEngine()
    rng = random.Random(len(built.live))
    checked = longest = 0
    for segment in engine.segments(built.searcher):
        reader = segment.reader
        for fieldname in (f.BODY, f.TITLE):
            terms = list(reader.lexicon(fieldname))
            commonest = sorted(terms, key=lambda t: -reader.doc_frequency(fieldname, t))[:3]
            for term in [*terms[:: max(1, len(terms) // 25)], *commonest]:
                holding = engine.postings(segment, fieldname, term).docs.tolist()
                longest = max(longest, len(holding))
                for _ in range(3):
                    asked = sorted(rng.sample(range(segment.doc_count), 12) + holding[-2:])
                    asked = sorted(set(asked + rng.sample(holding, min(5, len(holding)))))
                    asked = [d for d in asked if segment.live[d]]  # a page holds live docs
                    matcher = reader.postings(fieldname, term)
                    expected = []
                    for doc in asked:
                        if not matcher.is_active():
                            break
                        matcher.skip_to(doc)
                        if matcher.is_active() and matcher.id() == doc:
                            expected.append((doc, matcher.value_as("characters")))
                    for _ in range(2):
                        assert list(engine.characters(segment, fieldname, term, asked)) == expected
                    checked += len(expected)
    assert checked > 200
    biggest = max(segment.doc_count for segment in engine.segments(built.searcher))
    # where a segment is large enough, some term spans several posting blocks (128 each)
    assert longest > 128 or biggest <= 2 * 128
