"""LinkedArticle → the dict of fields Whoosh indexes."""

from __future__ import annotations

from typing import Any

from index import fields as f
from store.records import LinkedArticle

META_ARTICLE_ID = 0  # the hidden document that carries the revision inside each commit


def to_document(linked: LinkedArticle) -> dict[str, Any]:
    article = linked.article
    if article.id <= META_ARTICLE_ID:
        raise ValueError(f"article ids must be positive, got {article.id}")
    organizations = linked.organizations
    acronyms = [o.acronym for o in organizations if o.acronym]
    return {
        f.ARTICLE_ID: article.id,
        f.SLUG: article.slug,
        f.TITLE: article.title,
        f.BODY: article.text.body,
        f.TITLE_FOLD: article.title,
        f.BODY_FOLD: article.text.body,
        f.AUTHOR: "\n".join(a.name for a in linked.authors),
        f.AUTHOR_FOLD: "\n".join(a.name for a in linked.authors),
        f.LANGUAGE: article.language,
        f.AUTHOR_KEY: " ".join(a.slug for a in linked.authors),
        f.COUNTRY: "\n".join(n for c in linked.countries for n in (c.name, *c.names)),
        f.COUNTRY_KEY: " ".join(c.code for c in linked.countries),
        f.ORGANIZATION: "\n".join(
            [n for o in organizations for n in (o.name, *o.names)] + acronyms
        ),
        f.ORGANIZATION_KEY: " ".join([o.slug for o in organizations] + acronyms),
        f.PERSON: "\n".join(name for p in linked.people for name in (p.name, *p.spellings)),
        f.PERSON_KEY: " ".join(p.slug for p in linked.people),
        f.PUBLISHED: article.published_on.toordinal(),
        f.YEAR: article.published_on.year,
        f.COUNTRY_FACET: _facet(c.code.upper() for c in linked.countries),
        f.ORGANIZATION_FACET: _facet(o.slug for o in organizations),
        f.AUTHOR_FACET: _facet(a.slug for a in linked.authors),
        f.LANGUAGE_FACET: _facet([article.language]),
        f.PERSON_FACET: _facet(p.slug for p in linked.people),
    }


def meta_document(revision: int) -> dict[str, Any]:
    """The hidden document; written in the same commit as the articles it describes."""
    return {f.ARTICLE_ID: META_ARTICLE_ID, f.REVISION: revision}


def _facet(values: Any) -> bytes:
    return " ".join(dict.fromkeys(values)).encode()
