"""Entity linking: which countries, organizations and people an article is about, and how much.

Deterministic and explainable on purpose: a link exists because a listed name occurs in the
title or body on word boundaries, and its weight is the number of occurrences. Nothing is
learnt or guessed, so a wrong link is fixed by editing a table and adding a test.

Explicit lists from JSON Lines *override* detection for their kind: the editor's list is
what the article is linked to (the only way to remove a false link), each entity weighted by
its mentions in the text, with a floor of one so an explicit entity is never dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace

from ingest.countries import country_name, find_country, scan_countries
from ingest.currencies import currency_countries, currency_name
from ingest.gazetteer import Gazetteer, Hit
from ingest.languages import detect_language
from ingest.organization_names import FoundName, named_bodies, qualified
from ingest.organizations import (
    archive_gazetteer,
    definitions,
    find_organization,
    gazetteer_for,
    organization,
)
from ingest.parsed import ExplicitOrganization, ParsedArticle
from ingest.people import link_people
from ingest.russian_names import (
    names_of_organization,
    scan_cyrillic_countries,
    scan_cyrillic_organizations,
)
from store.records import (
    ArticleDraft,
    ArticleText,
    CountryMention,
    OrganizationDraft,
    OrganizationMention,
)

__all__ = ["country_name", "currency_countries", "currency_name", "link"]

# "Tajikistan’s " or "Kazakh " right before a name.
# Bodies whose named parts count as the body itself (see ingest/organization_table.py).
_BODIES_WITH_ORGANS = frozenset({"un", "eu"})
_QUALIFIER = re.compile(r"(\w[\w-]*)(?:[’']s)? $")


def link(article: ParsedArticle, archive: tuple[OrganizationDraft, ...] = ()) -> ArticleDraft:
    """The draft the store wants: the article's words plus its countries and organizations.

    `archive` holds organizations with acronyms defined elsewhere (earlier in the archive or
    on the same page), so a bare "EDB" links once any article has spelled it out."""
    text = ArticleText(title=article.title, blocks=article.blocks)
    # A related link names another article: its countries and bodies are not this one's.
    own = [b.text for b in text.blocks if b.kind != "related"]
    words = "\n\n".join([text.title, *own])
    return ArticleDraft(
        slug=article.slug,
        text=text,
        published_on=article.published_on,
        source=article.source,
        authors=article.authors,
        countries=link_countries(words, article.explicit_countries),
        organizations=link_organizations(
            words, article.explicit_organizations, archive, body_from=len(text.title)
        ),
        language=article.language or detect_language(words),
        people=link_people(words),
    )


def link_countries(words: str, explicit: Iterable[str] | None = None) -> tuple[CountryMention, ...]:
    """Countries most-mentioned first, then by code."""
    if explicit is not None:
        codes = {find_country(c) or c.upper() for c in explicit}
        found = _country_counts(words) if codes else Counter()
        counts = Counter({code: max(found[code], 1) for code in codes})
    else:
        counts = _country_counts(words)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(CountryMention(code, n) for code, n in ranked)


def _country_counts(words: str) -> Counter[str]:
    """Mentions by code, by English and by Cyrillic names (the two never overlap)."""
    counts = Counter(scan_countries(words))
    counts.update(hit.key for hit in scan_cyrillic_countries(words))
    return counts


def link_organizations(
    words: str,
    explicit: Iterable[ExplicitOrganization] | None = None,
    archive: tuple[OrganizationDraft, ...] = (),
    body_from: int = 0,
) -> tuple[OrganizationMention, ...]:
    """Organizations most-mentioned first, then by slug: the table, text definitions,
    acronyms the archive defined, and names with an organization head word."""
    defined = definitions(words)
    known = {o.slug: o for o in (*archive, *defined)}
    hits = _organization_hits(words, defined, archive_gazetteer(archive))
    # A Title Case headline capitalises every word ("Water Fund Opens"): names found by
    # their shape count in the body only; the table's names count everywhere.
    for name in named_bodies(words[body_from:]):
        name = FoundName(name.name, name.start + body_from, name.end + body_from)
        found = _resolve(words, name)
        if _takes_over(words, name.start, name.end, hits):
            hits = [h for h in hits if not (name.start <= h.start and h.end <= name.end)]
            hits.append(Hit(found.slug, name.start, name.end))
            known.setdefault(found.slug, found)
    counts = Counter(hit.key for hit in _merge_short_names(hits, known))
    if explicit is not None:
        chosen = [_explicit_organization(name, known) for name in explicit]
        known |= {o.slug: o for o in chosen}
        counts = Counter({o.slug: max(counts[o.slug], 1) for o in chosen})
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(OrganizationMention(_draft(slug, known), n) for slug, n in ranked)


def _organization_hits(
    words: str, defined: list[OrganizationDraft], archive: Gazetteer
) -> list[Hit]:
    """Every known organization mention; "Full Name (ACRONYM)" is one mention, not two."""
    table = list(_without_repeated_definitions(words, gazetteer_for(defined).scan(words)))
    for cyrillic in scan_cyrillic_organizations(words):
        if not _overlaps(cyrillic.start, cyrillic.end, table):
            table.append(Hit(cyrillic.key, cyrillic.start, cyrillic.end))
    extra = [h for h in archive.scan(words) if not _overlaps(h.start, h.end, table)]
    return table + extra


def _without_repeated_definitions(words: str, hits: Iterable[Hit]) -> Iterator[Hit]:
    previous: Hit | None = None
    for hit in hits:
        if not (previous and previous.key == hit.key and words[previous.end : hit.start] == " ("):
            yield hit
        previous = hit


def _overlaps(start: int, end: int, hits: Iterable[Hit]) -> bool:
    return any(h.start < end and start < h.end for h in hits)


def _takes_over(words: str, start: int, end: int, hits: list[Hit]) -> bool:
    """A found name counts unless a known name covers it; a longer name swallows the known
    ones inside it ("Asian Development Bank Institute" is not the ADB), except the body an
    organ belongs to ("Executive Committee of the IFAS" counts as the IFAS, as UN organs
    count as the UN)."""
    inside = [h for h in hits if h.start < end and start < h.end]
    for hit in inside:
        if not (start <= hit.start and hit.end <= end) or (hit.start, hit.end) == (start, end):
            return False
        if words[start : hit.start].endswith((" of ", " of the ")):
            return False  # "Council of the CSTO Parliamentary Assembly"
        if hit.start == start and hit.key in _BODIES_WITH_ORGANS:
            return False  # "UN Regional Centre for ...", "EU Special Representative ..."
    return True


def _resolve(words: str, name: FoundName) -> OrganizationDraft:
    """A found name as the table knows it, also when a country qualifies it from outside:
    "Tajikistan’s National Bank" is the National Bank of Tajikistan, and "Kazakhstan’s
    Foreign Ministry" the Ministry of Foreign Affairs of Kazakhstan."""
    found = find_organization(name.name)
    if found:
        return found
    qualifier = _QUALIFIER.search(words, 0, name.start)
    code = find_country(qualifier.group(1)) if qualifier else None
    if code is None:
        return organization(None, name.name)
    if name.name.startswith("Ministry of ") and " of " not in name.name[12:]:
        return organization(None, qualified(name.name, code))
    return find_organization(f"{name.name} of {country_name(code)}") or organization(
        None, name.name
    )


def _merge_short_names(hits: list[Hit], known: dict[str, OrganizationDraft]) -> list[Hit]:
    """A found name that starts a longer one of the same article is that one, the nearest
    before it (else after it): "Foreign Ministry spokesperson" after "the Kazakhstani Foreign
    Ministry" is the Ministry of Foreign Affairs of Kazakhstan."""
    hits = sorted(hits, key=lambda h: h.start)
    merged = []
    for hit in hits:
        draft = known.get(hit.key)
        longer = [
            h
            for h in hits
            if draft
            and not draft.acronym
            and h.key in known
            and known[h.key].name.startswith(draft.name + " ")
        ]
        before = [h for h in longer if h.start < hit.start]
        chosen = before[-1] if before else (longer[0] if longer else hit)
        merged.append(Hit(chosen.key, hit.start, hit.end))
    return merged


def _explicit_organization(
    name: ExplicitOrganization, defined: dict[str, OrganizationDraft]
) -> OrganizationDraft:
    """A listed organization: given whole, curated, defined in the text, or new by the rule."""
    if isinstance(name, OrganizationDraft):  # given whole (an export): the table's names
        return replace(name, names=names_of_organization(name.slug))
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
