"""Entity linking: which countries and organizations an article is about, and how much.

Deterministic and explainable on purpose: a link exists because a listed name occurs in the
title or body on word boundaries, and its weight is the number of occurrences. Nothing is
learnt or guessed, so a wrong link is fixed by editing a table and adding a test.

Explicit lists from JSON Lines *override* detection for their kind: the editor's list is
what the article is linked to (the only way to remove a false link), each entity weighted by
its mentions in the text, with a floor of one so an explicit entity is never dropped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from ingest.countries import country_name, find_country, scan_countries
from ingest.currencies import currency_countries, currency_name
from ingest.gazetteer import Hit
from ingest.organizations import definitions, find_organization, gazetteer_for, organization
from ingest.parsed import ExplicitOrganization, ParsedArticle
from store.records import (
    ArticleDraft,
    ArticleText,
    CountryMention,
    OrganizationDraft,
    OrganizationMention,
)

__all__ = ["country_name", "currency_countries", "currency_name", "link"]


def link(article: ParsedArticle) -> ArticleDraft:
    """The draft the store wants: the article's words plus its countries and organizations."""
    text = ArticleText(title=article.title, blocks=article.blocks)
    words = f"{text.title}\n\n{text.body}"
    return ArticleDraft(
        slug=article.slug,
        text=text,
        published_on=article.published_on,
        source=article.source,
        authors=article.authors,
        countries=link_countries(words, article.explicit_countries),
        organizations=link_organizations(words, article.explicit_organizations),
    )


def link_countries(words: str, explicit: Iterable[str] | None = None) -> tuple[CountryMention, ...]:
    """Countries most-mentioned first, then by code."""
    if explicit is not None:
        codes = {find_country(c) or c.upper() for c in explicit}
        found = Counter(scan_countries(words)) if codes else Counter()
        counts = Counter({code: max(found[code], 1) for code in codes})
    else:
        counts = Counter(scan_countries(words))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(CountryMention(code, n) for code, n in ranked)


def link_organizations(
    words: str, explicit: Iterable[ExplicitOrganization] | None = None
) -> tuple[OrganizationMention, ...]:
    """Organizations most-mentioned first, then by slug; text definitions included."""
    defined = definitions(words)
    known = {o.slug: o for o in defined}
    counts = Counter(_organization_keys(words, defined))
    if explicit is not None:
        chosen = [_explicit_organization(name, known) for name in explicit]
        known |= {o.slug: o for o in chosen}
        counts = Counter({o.slug: max(counts[o.slug], 1) for o in chosen})
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(OrganizationMention(_draft(slug, known), n) for slug, n in ranked)


def _organization_keys(words: str, defined: list[OrganizationDraft]) -> Iterator[str]:
    """Every organization mention; "Full Name (ACRONYM)" is one mention, not two."""
    previous: Hit | None = None
    for hit in gazetteer_for(defined).scan(words):
        if not (previous and previous.key == hit.key and words[previous.end : hit.start] == " ("):
            yield hit.key
        previous = hit


def _explicit_organization(
    name: ExplicitOrganization, defined: dict[str, OrganizationDraft]
) -> OrganizationDraft:
    """A listed organization: given whole, curated, defined in the text, or new by the rule."""
    if isinstance(name, OrganizationDraft):
        return name
    found = find_organization(name) or defined.get(name.strip().lower())
    if found:
        return found
    name = name.strip()
    looks_like_acronym = name.isupper() and " " not in name and len(name) <= 10
    return organization(name if looks_like_acronym else None, name)


def _draft(slug: str, known: dict[str, OrganizationDraft]) -> OrganizationDraft:
    found = known.get(slug) or find_organization(slug)
    assert found is not None, slug  # every slug counted above came from one of the two
    return found
