"""The regional knowledge pycountry lacks: everyday names, adjectives, and false friends.

pycountry gives the ISO names ("Russian Federation", "Kyrgyz Republic"); news prose says
"Russia", "Russian" and "Türkiye". These tables are kept small and regional on purpose: every
entry is a decision somebody can read and argue with.
"""

from __future__ import annotations

# fmt: off
# Short and former names a news page uses, beyond pycountry's name/official/common names.
ALIASES: dict[str, str] = {
    "Russia": "RU", "Iran": "IR", "Syria": "SY", "Turkey": "TR", "Türkiye": "TR",
    "Kyrgyz Republic": "KG", "Kirghizia": "KG", "Britain": "GB", "Great Britain": "GB",
    "UK": "GB", "U.K.": "GB", "US": "US", "U.S.": "US", "USA": "US", "U.S.A.": "US",
    "United States of America": "US", "South Korea": "KR", "North Korea": "KP",
    "Vietnam": "VN", "Laos": "LA", "Moldova": "MD", "Czech Republic": "CZ",
    "Ivory Coast": "CI", "Burma": "MM", "Vatican": "VA", "Macau": "MO", "Palestine": "PS",
    "Brunei": "BN", "Taiwan": "TW", "Tanzania": "TZ", "Bolivia": "BO", "Venezuela": "VE",
    "Democratic Republic of the Congo": "CD", "Republic of the Congo": "CG",
    "Swaziland": "SZ", "Cape Verde": "CV", "East Timor": "TL", "Micronesia": "FM",
    "Macedonia": "MK", "UAE": "AE", "Holland": "NL", "the Netherlands": "NL",
}

# Adjectives and demonyms; "Kazakh service" is about Kazakhstan. Ambiguous ones are left
# out on purpose: "Korean" (North or South?), "Congolese", "Guinean", "Dominican".
DEMONYMS: dict[str, str] = {
    "Kazakhstani": "KZ", "Kazakh": "KZ", "Kazakhs": "KZ", "Kyrgyz": "KG", "Kyrgyzstani": "KG",
    "Tajik": "TJ", "Tajiks": "TJ", "Tajikistani": "TJ", "Uzbek": "UZ", "Uzbeks": "UZ",
    "Uzbekistani": "UZ", "Turkmen": "TM", "Turkmenistani": "TM", "Afghan": "AF",
    "Afghans": "AF", "Russian": "RU", "Russians": "RU", "Chinese": "CN",
    "Iranian": "IR", "Iranians": "IR", "Turkish": "TR", "Azerbaijani": "AZ", "Azeri": "AZ",
    "Georgian": "GE", "Armenian": "AM", "Pakistani": "PK", "Indian": "IN", "Mongolian": "MN",
    "Ukrainian": "UA", "Belarusian": "BY", "American": "US", "Americans": "US",
    "British": "GB", "French": "FR", "German": "DE", "Italian": "IT", "Spanish": "ES",
    "Japanese": "JP", "Israeli": "IL", "Syrian": "SY", "Iraqi": "IQ", "Saudi": "SA",
    "Egyptian": "EG", "Indonesian": "ID", "Australian": "AU", "Canadian": "CA", "Greek": "GR",
    "Swedish": "SE", "Belgian": "BE", "Dutch": "NL", "Polish": "PL", "Mexican": "MX",
    "Brazilian": "BR", "Qatari": "QA", "Emirati": "AE", "Kuwaiti": "KW", "Omani": "OM",
    "Taiwanese": "TW", "Finnish": "FI", "Danish": "DK", "Norwegian": "NO",
    "Austrian": "AT", "Swiss": "CH", "Hungarian": "HU", "Romanian": "RO", "Bulgarian": "BG",
    "Serbian": "RS", "Croatian": "HR", "Lithuanian": "LT", "Latvian": "LV",
    "Estonian": "EE", "Kenyan": "KE", "Nigerian": "NG", "South African": "ZA",
    "New Zealander": "NZ", "Filipino": "PH", "Thai": "TH", "Vietnamese": "VN",
    "Malaysian": "MY", "Singaporean": "SG", "Bangladeshi": "BD", "Nepalese": "NP",
    "Sri Lankan": "LK", "Lebanese": "LB", "Jordanian": "JO", "Yemeni": "YE",
    "Israelis": "IL", "Palestinian": "PS", "Cuban": "CU", "Argentine": "AR", "Chilean": "CL",
    "Colombian": "CO", "Peruvian": "PE", "Irish": "IE", "Portuguese": "PT", "Czech": "CZ",
    "Slovak": "SK", "Tunisian": "TN", "Moroccan": "MA", "Algerian": "DZ", "Libyan": "LY",
}

# Phrases that contain a country word but are about no country: matched, then dropped.
SHADOWS: tuple[str, ...] = (
    "New Jersey", "New Mexico", "Jersey City", "Guinea pig", "Indian Ocean",
    "American Indian", "Native American", "Latin American", "Latin America",
    "South American", "North American", "Central American", "African American",
    "Sputnik India", "Air India", "Radio Free Europe", "Turkey Point", "Georgia Tech",
    "Georgia State", "Chinese New Year", "Jordan River", "Panama hat", "Russian roulette",
    "French fries", "Spanish flu", "German shepherd", "Dutch courage", "Irish Cream",
    "Canadian Press", "state of Georgia", "Atlanta, Georgia", "Savannah, Georgia",
    # Georgia the US state: its cities, its institutions, and the ways a page says "US state".
    "Augusta, Georgia", "Macon, Georgia", "Athens, Georgia", "Columbus, Georgia",
    "Marietta, Georgia", "Albany, Georgia", "Alpharetta, Georgia", "Valdosta, Georgia",
    "Georgia, USA", "Georgia, U.S.", "Georgia, US", "Georgia (US)", "Georgia (U.S.)",
    "US state of Georgia", "U.S. state of Georgia", "Georgia Power", "University of Georgia",
    "Georgia Southern", "Georgia Aquarium", "Georgia Bulldogs", "Georgia Dome",
)

# Country names that are also first names: they need a context that rules the person out.
PERSONAL_NAMES = frozenset({
    "Chad", "Jordan", "Georgia", "Niger", "Israel", "India", "France", "Ireland", "Holland",
})

# Adjective suffixes that turn a demonym into a language: "Russian-language service".
LANGUAGE_SUFFIXES: tuple[str, ...] = ("-language", "-speaking", "-speaker", "-medium")
# fmt: on
