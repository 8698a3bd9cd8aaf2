"""Searching the shared index: ranking, phrases, highlights, suggestions, filters, facets."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from index import SearchFilter, SearchIndex, SearchRequest
from store.records import LinkedArticle
from tests.index.corpus import FORCED_LABOR, SCRIPT, TALIBAN, TM, TOKAYEV, linked


def test_search_ranks_the_taliban_article_first_with_a_marked_body_snippet(
    search_index: SearchIndex,
) -> None:
    page = search_index.search(SearchRequest("Taliban", want_highlights=True))
    top = page.hits[0]
    assert top.article_id == TALIBAN
    assert top.slug == "kazakhstan-taliban-talks"
    body = dict((h.field, h.snippet) for h in top.highlights)["body"]
    assert "<mark>Taliban</mark>" in body
    assert len(body) < 700


def test_search_matches_an_exact_phrase_only(search_index: SearchIndex) -> None:
    phrase = search_index.search(SearchRequest('"forced labor"'))
    words = search_index.search(SearchRequest("forced labor"))
    assert [h.article_id for h in phrase.hits] == [FORCED_LABOR]
    assert phrase.total_count == 1
    assert words.total_count >= phrase.total_count


def test_search_folds_possessives_typographic_apostrophes_and_accents(
    search_index: SearchIndex,
) -> None:
    def ids(text: str) -> set[int]:
        return {h.article_id for h in search_index.search(SearchRequest(text, first=50)).hits}

    assert ids("Kazakhstan’s") == ids("Kazakhstan's") == ids("kazakhstan")
    assert ids("cafe") == ids("Café")


def test_search_suggests_the_indexed_spelling_of_a_misspelled_name(
    search_index: SearchIndex,
) -> None:
    assert search_index.search(SearchRequest("Tokoyev")).suggestion == "Tokayev"
    assert search_index.search(SearchRequest("Turkmenstan cotton")).suggestion == (
        "Turkmenistan cotton"
    )
    assert search_index.search(SearchRequest("Tokayev")).suggestion is None
    # Another spelling of the name is no misspelling: it finds the article itself.
    tokaev = search_index.search(SearchRequest("Tokaev"))
    assert tokaev.suggestion is None and tokaev.total_count == 1


def test_a_search_that_does_not_want_a_suggestion_skips_the_spelling_work(
    search_index: SearchIndex,
) -> None:
    """GraphQL asks for one only when `suggestion` is selected: the automata walk over the
    vocabulary is most of a no-hit search's time."""
    unwanted = search_index.search(SearchRequest("Tokoyev", want_suggestion=False))
    assert unwanted.suggestion is None and unwanted.total_count == 0
    assert search_index.search(SearchRequest("Tokoyev")).suggestion == "Tokayev"


def test_search_highlights_escape_markup_from_the_article(search_index: SearchIndex) -> None:
    page = search_index.search(SearchRequest("alert portal", want_highlights=True))
    hit = next(h for h in page.hits if h.article_id == SCRIPT)
    snippets = " ".join(h.snippet for h in hit.highlights)
    assert "<script" not in snippets
    assert "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;" in snippets


def test_search_filter_returns_only_articles_of_the_given_countries(
    search_index: SearchIndex, corpus: list[LinkedArticle]
) -> None:
    request = SearchRequest("the", filter=SearchFilter(countries=("tm", "AF")), first=50)
    page = search_index.search(request)
    assert {h.article_id for h in page.hits} == {TALIBAN, FORCED_LABOR}
    assert page.total_count == 2


def test_search_filters_combine_fields_with_and_and_dates_inclusively(
    search_index: SearchIndex,
) -> None:
    spec = SearchFilter(
        countries=("KZ",),
        authors=("joanna-lillis",),
        published_from=date(2024, 3, 1),
        published_to=date(2024, 3, 1),
    )
    page = search_index.search(SearchRequest("decree OR Taliban", filter=spec))
    assert [h.article_id for h in page.hits] == [TOKAYEV]


def test_search_counts_facets_across_all_hits_not_only_the_page(
    search_index: SearchIndex, corpus: list[LinkedArticle]
) -> None:
    page = search_index.search(SearchRequest("the", first=2, want_facets=True, facet_limit=50))
    hit_ids = set(_all_ids(search_index, "the"))
    matching = [a for a in corpus if a.article.id in hit_ids]
    countries = Counter(c.code for a in matching for c in a.countries)
    years = Counter(str(a.article.published_on.year) for a in matching)
    authors = Counter(a.slug for m in matching for a in m.authors)
    assert page.facets is not None
    assert {b.value: b.count for b in page.facets.countries.buckets} == countries
    assert {b.value: b.count for b in page.facets.years.buckets} == years
    assert {b.value: b.count for b in page.facets.authors.buckets} == authors
    assert page.total_count == len(hit_ids) == len(corpus)


def test_search_truncates_facets_beyond_the_limit(search_index: SearchIndex) -> None:
    page = search_index.search(SearchRequest("the", want_facets=True, facet_limit=2))
    assert page.facets is not None
    assert len(page.facets.years.buckets) == 2
    assert page.facets.years.truncated
    assert not page.facets.organizations.truncated


def test_search_fields_accept_codes_names_slugs_and_acronyms(search_index: SearchIndex) -> None:
    def ids(text: str) -> set[int]:
        return {h.article_id for h in search_index.search(SearchRequest(text, first=50)).hits}

    assert ids("country:TM") == ids("country:Turkmenistan") == {FORCED_LABOR}
    assert ids("organization:ILO") == ids('organization:"International Labour Organization"')
    assert ids("author:joanna-lillis") == ids('author:"Joanna Lillis"') == {TALIBAN, TOKAYEV}
    assert ids("title:Tokayev") == {TOKAYEV}
    assert TM.code == "TM"


def test_search_boolean_operators_and_prefixes(search_index: SearchIndex) -> None:
    def ids(text: str) -> set[int]:
        return {h.article_id for h in search_index.search(SearchRequest(text, first=100)).hits}

    assert ids("Tokayev OR Taliban") == ids("Tokayev") | ids("Taliban")
    assert {TOKAYEV, TALIBAN} <= ids("Tokayev OR Taliban")
    assert ids("Kazakhstan -Taliban") == ids("Kazakhstan NOT Taliban")
    assert TALIBAN not in ids("Kazakhstan -Taliban")
    assert ids("turkmen*") == {FORCED_LABOR}
    assert ids("(Tokayev OR Taliban) Astana") == {TALIBAN}


def test_search_text_of_stop_words_only_still_matches(search_index: SearchIndex) -> None:
    assert search_index.search(SearchRequest("the")).total_count > 0


def test_search_stop_words_do_not_narrow_other_words(search_index: SearchIndex) -> None:
    with_stops = search_index.search(SearchRequest("the Tokayev of"))
    assert [h.article_id for h in with_stops.hits] == [TOKAYEV]


def test_related_never_returns_the_article_itself(search_index: SearchIndex) -> None:
    related = search_index.related(TALIBAN, first=3)
    assert 0 < len(related) <= 3
    assert TALIBAN not in related
    assert search_index.related(999_999, first=3) == ()


def _all_ids(index: SearchIndex, text: str) -> list[int]:
    return [h.article_id for h in index.search(SearchRequest(text, first=1000)).hits]


def test_highlights_mark_hits_in_every_segment_and_only_the_page(tmp_path: Path) -> None:
    """Spans are read segment by segment, from the documents the cached postings say hold a
    term: a page spread over three commits marks each hit where its word is."""
    index = SearchIndex.open(tmp_path / "index")
    try:
        for n in range(3):  # one commit each: three segments
            index.apply(
                [
                    linked(
                        100 + n,
                        f"Glacier report {n}",
                        [f"Meltwater filled the glacier lake number {n}.", "Nothing else here."],
                        date(2025, 1, 1 + n),
                    )
                ],
                revision=n + 1,
            )
        page = index.search(SearchRequest("glacier", first=10, want_highlights=True))
        assert sorted(h.article_id for h in page.hits) == [100, 101, 102]
        for hit in page.hits:
            snippets = {h.field: h.snippet for h in hit.highlights}
            number = hit.article_id - 100
            assert snippets["title"] == f"<mark>Glacier</mark> report {number}"
            assert f"the <mark>glacier</mark> lake number {number}" in snippets["body"]
    finally:
        index.close()
