"""Hand-made Central Asia articles (Taliban, forced labor, Tokayev, <script>…) plus the 43
bundled Wikinews stories, as the LinkedArticle records the store would hand the index."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from store.records import (
    Article,
    ArticleText,
    Author,
    Block,
    Country,
    LinkedArticle,
    Organization,
)

WIKINEWS = Path(__file__).resolve().parents[2] / "sample" / "wikinews-gum" / "articles.jsonl"

KZ = Country("KZ", "Kazakhstan")
AF = Country("AF", "Afghanistan")
TM = Country("TM", "Turkmenistan")
UZ = Country("UZ", "Uzbekistan")
TJ = Country("TJ", "Tajikistan")
ILO = Organization(
    1, "international-labour-organization", "International Labour Organization", "ILO"
)
UN = Organization(2, "united-nations", "United Nations", "UN")
LILLIS = Author(1, "joanna-lillis", "Joanna Lillis", None)
PANNIER = Author(2, "bruce-pannier", "Bruce Pannier", None)

TALIBAN, FORCED_LABOR, TOKAYEV, SCRIPT, WATER, ROGUN = 1, 2, 3, 4, 5, 6


def linked(
    article_id: int,
    title: str,
    paragraphs: list[str],
    published: date,
    authors: tuple[Author, ...] = (),
    countries: tuple[Country, ...] = (),
    organizations: tuple[Organization, ...] = (),
    slug: str | None = None,
) -> LinkedArticle:
    text = ArticleText(title, tuple(Block(p) for p in paragraphs))
    article = Article(article_id, slug or f"article-{article_id}", text, published, "test", 1)
    return LinkedArticle(article, authors, countries, organizations)


def steppe_articles() -> list[LinkedArticle]:
    return [
        linked(
            TALIBAN,
            "Kazakhstan’s talks with the Taliban",
            [
                "Kazakhstan removed the Taliban from its list of banned organizations on Monday.",
                "Officials in Astana said trade with Afghanistan matters more than old fears. The "
                "Taliban delegation visited Kazakhstan's capital to discuss railways and grain.",
            ],
            date(2024, 1, 15),
            (LILLIS,),
            (KZ, AF),
            (UN,),
            slug="kazakhstan-taliban-talks",
        ),
        linked(
            FORCED_LABOR,
            "Cotton harvest still relies on forced labor",
            [
                "Monitors say forced labor remains common in the cotton fields of Turkmenistan.",
                "The International Labour Organization (ILO) has urged Ashgabat to end the "
                "practice; "
                "teachers and doctors are sent to pick cotton every autumn.",
            ],
            date(2023, 10, 2),
            (PANNIER,),
            (TM,),
            (ILO,),
        ),
        linked(
            TOKAYEV,
            "Tokayev signs decree on water",
            [
                "President Kassym-Jomart Tokayev signed a decree on Friday on water use.",
                "Tokayev said that the labor of farmers depends on the rivers.",
            ],
            date(2024, 3, 1),
            (LILLIS,),
            (KZ, UZ),
        ),
        linked(
            SCRIPT,
            "Hackers hid <script> tags in a ministry portal",
            [
                "Researchers found <script>alert(1)</script> injected into a ministry portal page.",
                "The portal has since been cleaned, officials in Tashkent said.",
            ],
            date(2024, 3, 1),
            (PANNIER,),
            (UZ,),
        ),
        linked(
            WATER,
            "Uzbekistan and Kazakhstan share the Syr Darya",
            [
                "Water from the Syr Darya is shared by Uzbekistan and Kazakhstan under a new deal.",
                "The labor of irrigation engineers was praised by the United Nations.",
            ],
            date(2022, 6, 30),
            (),
            (UZ, KZ),
            (UN,),
        ),
        linked(
            ROGUN,
            "Dushanbe’s Rogun dam reaches a new stage",
            [
                "Tajikistan says the Rogun dam will be the tallest in the world. Café owners in "
                "Dushanbe hope for cheaper power.",
            ],
            date(2021, 11, 5),
            (),
            (TJ,),
        ),
    ]


def wikinews_articles() -> list[LinkedArticle]:
    records = []
    with WIKINEWS.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=100):
            row = json.loads(line)
            paragraphs = [p.strip() for p in row["body"].split("\n\n") if p.strip()]
            records.append(
                linked(number, row["title"], paragraphs, date.fromisoformat(row["published"]))
            )
    return records
