"""The international and regional bodies that matter to Central Asia news, curated by hand.

Each row: acronym (or None), the canonical name, then other spellings. The slug rule is one
for all: the lowercase acronym when there is one, else `slugify(name)`. Media outlets
(Euronews, Deutsche Welle) are not organizations here; UN organs such as the Security
Council count as the UN itself and EU institutions (Council, Commission, Parliament) as the
EU, while agencies with an identity of their own (EEAS, ILO, UNICEF, ...) are their own rows.
"""

from __future__ import annotations

Row = tuple[str | None, str, tuple[str, ...]]

# fmt: off
ORGANIZATIONS: tuple[Row, ...] = (
    ("UN", "United Nations", ("U.N.", "UN Security Council", "United Nations Security Council",
                              "UN General Assembly", "United Nations General Assembly")),
    ("EU", "European Union", ("European Council", "European Commission", "European Parliament")),
    ("EEAS", "European External Action Service", ()),
    ("CSTO", "Collective Security Treaty Organization",
     ("Collective Security Treaty Organisation",)),
    ("SCO", "Shanghai Cooperation Organisation", ("Shanghai Cooperation Organization",)),
    ("EAEU", "Eurasian Economic Union", ("EEU",)),
    ("CIS", "Commonwealth of Independent States", ()),
    ("OSCE", "Organization for Security and Co-operation in Europe",
     ("Organization for Security and Cooperation in Europe",
      "Organisation for Security and Co-operation in Europe")),
    ("NATO", "North Atlantic Treaty Organization", ("North Atlantic Treaty Organisation",)),
    ("ILO", "International Labour Organization",
     ("International Labor Organization", "International Labour Organisation")),
    ("IMF", "International Monetary Fund", ()),
    (None, "World Bank", ("World Bank Group",)),
    ("ADB", "Asian Development Bank", ()),
    ("EBRD", "European Bank for Reconstruction and Development", ()),
    ("AIIB", "Asian Infrastructure Investment Bank", ()),
    ("IFAS", "International Fund for Saving the Aral Sea", ()),
    ("WHO", "World Health Organization", ("World Health Organisation",)),
    ("UNICEF", "United Nations Children's Fund", ("UN Children's Fund",)),
    ("UNHCR", "Office of the United Nations High Commissioner for Refugees",
     ("UN Refugee Agency", "UN High Commissioner for Refugees",
      "United Nations High Commissioner for Refugees")),
    ("UNDP", "United Nations Development Programme", ("UN Development Programme",)),
    ("UNESCO", "United Nations Educational, Scientific and Cultural Organization", ()),
    ("UNODC", "United Nations Office on Drugs and Crime", ("UN Office on Drugs and Crime",)),
    ("WTO", "World Trade Organization", ("World Trade Organisation",)),
    ("OIC", "Organisation of Islamic Cooperation", ("Organization of Islamic Cooperation",)),
    ("CICA", "Conference on Interaction and Confidence-Building Measures in Asia", ()),
    ("CAREC", "Central Asia Regional Economic Cooperation", ()),
    ("IAEA", "International Atomic Energy Agency", ()),
    ("FAO", "Food and Agriculture Organization", ()),
    ("WFP", "World Food Programme", ()),
    ("IOM", "International Organization for Migration", ()),
    ("ICRC", "International Committee of the Red Cross", ()),
    ("OPEC", "Organization of the Petroleum Exporting Countries", ("OPEC+",)),
    ("ASEAN", "Association of Southeast Asian Nations", ()),
    ("G7", "Group of Seven", ()),
    ("G20", "Group of Twenty", ()),
    ("BRICS", "BRICS", ()),
    (None, "Organization of Turkic States", ("Organisation of Turkic States",)),
    (None, "Council of Europe", ()),
)
# fmt: on
