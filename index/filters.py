"""SearchFilter → the set of documents a search may return.

Filters restrict without scoring. The vectorized engine evaluates this query once per segment
and keeps the result as a cached mask: a faceted UI repeats the same few filters constantly.
"""

from __future__ import annotations

from whoosh import query as wq

from index import fields as f
from index.request import SearchFilter


def filter_query(spec: SearchFilter) -> wq.Query | None:
    parts = [
        _any_of(f.COUNTRY_KEY, spec.countries),
        _any_of(f.ORGANIZATION_KEY, spec.organizations),
        _any_of(f.AUTHOR_KEY, spec.authors),
        _any_of(f.PERSON_KEY, spec.people),
        _any_of(f.LANGUAGE, spec.languages),
    ]
    if spec.published_from is not None or spec.published_to is not None:
        low = spec.published_from.toordinal() if spec.published_from else None
        high = spec.published_to.toordinal() if spec.published_to else None
        parts.append(wq.NumericRange(f.PUBLISHED, low, high))
    present = [part for part in parts if part is not None]
    if not present:
        return None
    return present[0] if len(present) == 1 else wq.And(present)


def _any_of(fieldname: str, values: tuple[str, ...]) -> wq.Query | None:
    terms = [wq.Term(fieldname, value.strip().lower()) for value in values if value.strip()]
    if not values:
        return None
    if not terms:
        return wq.NullQuery  # only blank values were given: nothing can match
    return terms[0] if len(terms) == 1 else wq.Or(terms)
