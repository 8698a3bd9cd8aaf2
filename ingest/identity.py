"""Which slug an incoming article takes: no article ever silently replaces another.

The rule (README, "Article identity"): an article is the same as a stored one only when its
title and publication date are exactly the same; then it updates that article, whatever slug
it holds, and the summary says so with the file it came from. A different article whose
title gives a slug already taken gets the next free slug of `slug_candidates` (its date, then
a number) and a warning. A JSON Lines record that names its `slug` updates the article there:
that is how an editor corrects a title or a date. Once given, a slug never moves, so
re-ingesting the same files in any order changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from ingest.errors import IngestError
from ingest.parsed import ParsedArticle
from ingest.slugs import slug_candidates
from store import StoreWriter


def claim_slug(writer: StoreWriter, article: ParsedArticle, path: str) -> str:
    """The slug `article` is stored under in this transaction; notes any slug it could not
    have. `path` names the file in errors."""
    if article.slug_given:
        if writer.has_written(article.slug):
            raise IngestError(path, _twice(article))
        return article.slug
    same = writer.same_article(article.title, article.published_on)
    if same is not None:
        return same.slug
    for candidate in slug_candidates(article.slug, article.published_on):
        owner = writer.slug_owner(candidate)
        if owner is None:
            break
    if candidate != article.slug:
        holder = writer.slug_owner(article.slug)
        assert holder is not None
        writer.note(
            "distinct",
            candidate,
            article.source,
            f"{_what(article)} is not {holder.title!r} ({holder.published_on.isoformat()}), "
            f"which holds the slug {article.slug!r}: stored as {candidate!r}",
        )
    return candidate


def without_repeats(
    articles: Iterable[ParsedArticle],
) -> tuple[list[ParsedArticle], list[ParsedArticle]]:
    """The articles of one file with exact repeats left out (a page that prints one article
    twice holds it once), and the repeats left out. Two articles of one title that differ in
    anything are two articles: the second gets a slug of its own."""
    kept: list[ParsedArticle] = []
    seen: set[ParsedArticle] = set()
    repeats: list[ParsedArticle] = []
    for article in articles:
        if article in seen:
            repeats.append(article)
        else:
            seen.add(article)
            kept.append(article)
    return kept, repeats


def refuse_named_twice(articles: Iterable[ParsedArticle], path: str) -> None:
    """Two different records naming one slug would overwrite each other, and re-ingest would
    flip them: the file is refused before anything is written."""
    named: set[str] = set()
    for article in articles:
        if not article.slug_given:
            continue
        if article.slug in named:
            raise IngestError(path, _twice(article))
        named.add(article.slug)


def _twice(article: ParsedArticle) -> str:
    return (
        f"two different articles name the slug {article.slug!r} "
        f"(title {article.title!r}); give each its own slug"
    )


def _what(article: ParsedArticle) -> str:
    return f"{article.title!r} ({article.published_on.isoformat()})"
