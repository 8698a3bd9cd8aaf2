"""The region's public figures Steppe links articles to, with their spellings in both scripts.

Kept as data, not logic: the newsroom corrects a role or adds a spelling by editing a row.
Roles are as of `AS_OF` and say what the person was when the table was written; an article
from another year is still linked to the same person, only the role text may have moved on.

Spellings need not list every transliteration: names are compared by their keys
(ingest/name_keys.py), which already fold zh/j/dzh, kh/h, ye/e, yo/io, double letters, the
Kazakh and Tajik letters and Russian case endings, so "Zhaparov", "Dzhaparov" and "Жапарову"
are one key. What folding cannot bridge is listed: another script's spelling of a Chinese
name, an older surname (Rakhmonov), a Turkmen or Uzbek Latin letter (ş, x).

`alone` lists the surnames that name the person with no given name beside them ("Tokayev
said"). It is left empty where the surname is shared with another row (the Berdimuhamedovs;
Akylbek Japarov, as Sadyr's is listed) or is a common word or surname (Wang, Li, Emomali,
Karimov, Medvedev: Daniil Medvedev plays tennis; Zakharova, whose key is also Zakharov's;
Rahmonov), because a wrong link is worse than a missed one: the full name still links.
"""

from __future__ import annotations

from dataclasses import dataclass

AS_OF = "2025-12"


@dataclass(frozen=True, slots=True)
class CuratedPerson:
    name: str  # the spelling pages show (the person's English-language press usage)
    role: str | None
    country: str  # ISO 3166-1 alpha-2 of the state they serve or served
    spellings: tuple[str, ...] = ()  # other full spellings, Cyrillic first
    alone: tuple[str, ...] = ()  # surnames that name them by themselves
    # The person's identity, slugify(name) unless given: a row renamed later keeps the slug
    # it was stored under (set `slug` to it), and the old name becomes a spelling.
    slug: str | None = None


def _p(
    name: str,
    role: str,
    country: str,
    spellings: tuple[str, ...] = (),
    alone: tuple[str, ...] = (),
) -> CuratedPerson:
    return CuratedPerson(name, role, country, spellings, alone)


PEOPLE: tuple[CuratedPerson, ...] = (
    # Kazakhstan
    _p("Kassym-Jomart Tokayev", "President of Kazakhstan", "KZ",
       ("Касым-Жомарт Токаев", "Қасым-Жомарт Тоқаев", "Qasym-Jomart Toqaev",
        "Kassym-Zhomart Tokayev"),
       ("Tokayev", "Токаев")),
    _p("Nursultan Nazarbayev", "First President of Kazakhstan (1991–2019)", "KZ",
       ("Нурсултан Назарбаев", "Nursultan Nazarbaev"), ("Nazarbayev", "Назарбаев")),
    _p("Olzhas Bektenov", "Prime Minister of Kazakhstan", "KZ",
       ("Олжас Бектенов",), ("Bektenov", "Бектенов")),
    _p("Yermek Kosherbayev", "Minister of Foreign Affairs of Kazakhstan", "KZ",
       ("Ермек Кошербаев", "Ermek Kosherbaev"), ("Kosherbayev", "Кошербаев")),
    _p("Murat Nurtleu", "Former Minister of Foreign Affairs of Kazakhstan", "KZ",
       ("Мурат Нуртлеу",), ("Nurtleu", "Нуртлеу")),
    _p("Karim Massimov", "Former Prime Minister of Kazakhstan", "KZ",
       ("Карим Масимов", "Karim Masimov"), ("Massimov", "Масимов")),
    # Kyrgyzstan
    _p("Sadyr Japarov", "President of Kyrgyzstan", "KG",
       ("Садыр Жапаров", "Sadyr Zhaparov"), ("Japarov", "Жапаров")),
    _p("Akylbek Japarov", "Former Chairman of the Cabinet of Ministers of Kyrgyzstan", "KG",
       ("Акылбек Жапаров", "Akylbek Zhaparov")),
    _p("Adylbek Kasymaliev", "Chairman of the Cabinet of Ministers of Kyrgyzstan", "KG",
       ("Адылбек Касымалиев",), ("Kasymaliev", "Касымалиев")),
    _p("Jeenbek Kulubaev", "Minister of Foreign Affairs of Kyrgyzstan", "KG",
       ("Жээнбек Кулубаев",), ("Kulubaev", "Кулубаев")),
    _p("Kamchybek Tashiev", "Chairman of the State Committee for National Security of "
       "Kyrgyzstan", "KG", ("Камчыбек Ташиев",), ("Tashiev", "Ташиев")),
    _p("Almazbek Atambayev", "Former President of Kyrgyzstan (2011–2017)", "KG",
       ("Алмазбек Атамбаев", "Almazbek Atambaev"), ("Atambayev", "Атамбаев")),
    _p("Sooronbay Jeenbekov", "Former President of Kyrgyzstan (2017–2020)", "KG",
       ("Сооронбай Жээнбеков", "Sooronbai Jeenbekov"), ("Jeenbekov", "Жээнбеков")),
    # Tajikistan
    _p("Emomali Rahmon", "President of Tajikistan", "TJ",
       ("Эмомали Рахмон", "Эмомалӣ Раҳмон", "Emomalii Rahmon", "Emomali Rahmonov",
        "Эмомали Рахмонов"),
       ("Rahmon", "Рахмон")),
    _p("Rustam Emomali", "Chairman of the National Assembly of Tajikistan", "TJ",
       ("Рустам Эмомали", "Рустами Эмомалӣ", "Rustami Emomali")),
    _p("Kokhir Rasulzoda", "Prime Minister of Tajikistan", "TJ",
       ("Кохир Расулзода", "Қоҳир Расулзода", "Qohir Rasulzoda"),
       ("Rasulzoda", "Расулзода")),
    _p("Sirojiddin Muhriddin", "Minister of Foreign Affairs of Tajikistan", "TJ",
       ("Сироджиддин Мухриддин", "Сироҷиддин Муҳриддин", "Sirodjiddin Mukhriddin"),
       ("Muhriddin", "Мухриддин")),
    # Uzbekistan
    _p("Shavkat Mirziyoyev", "President of Uzbekistan", "UZ",
       ("Шавкат Мирзиёев", "Shavkat Mirziyoev"), ("Mirziyoyev", "Мирзиёев")),
    _p("Saida Mirziyoyeva", "Aide to the President of Uzbekistan", "UZ",
       ("Саида Мирзиёева", "Saida Mirziyoeva")),
    _p("Abdulla Aripov", "Prime Minister of Uzbekistan", "UZ",
       ("Абдулла Арипов",), ("Aripov", "Арипов")),
    _p("Bakhtiyor Saidov", "Minister of Foreign Affairs of Uzbekistan", "UZ",
       ("Бахтиёр Саидов", "Baxtiyor Saidov")),
    _p("Islam Karimov", "First President of Uzbekistan (1991–2016)", "UZ",
       ("Ислам Каримов", "Islom Karimov")),
    # Turkmenistan
    _p("Serdar Berdimuhamedov", "President of Turkmenistan", "TM",
       ("Сердар Бердымухамедов", "Serdar Berdimuhamedow")),
    _p("Gurbanguly Berdimuhamedov", "Chairman of the Halk Maslahaty of Turkmenistan, "
       "former President (2007–2022)", "TM",
       ("Гурбангулы Бердымухамедов", "Gurbanguly Berdimuhamedow")),
    _p("Rashid Meredov", "Minister of Foreign Affairs of Turkmenistan", "TM",
       ("Рашид Мередов", "Raşit Meredow"), ("Meredov", "Мередов")),
    # Afghanistan
    _p("Hibatullah Akhundzada", "Supreme Leader of the Taliban", "AF",
       ("Хибатулла Ахундзада", "Haibatullah Akhundzada"), ("Akhundzada", "Ахундзада")),
    _p("Amir Khan Muttaqi", "Foreign Minister of the Taliban government", "AF",
       ("Амир Хан Муттаки",), ("Muttaqi", "Муттаки")),
    _p("Mohammad Hasan Akhund", "Prime Minister of the Taliban government", "AF",
       ("Мохаммад Хасан Ахунд", "Mohammad Hassan Akhund")),
    _p("Abdul Salam Hanafi", "Deputy Prime Minister of the Taliban government", "AF",
       ("Абдул Салам Ханафи",)),
    # Russia
    _p("Vladimir Putin", "President of Russia", "RU",
       ("Владимир Путин",), ("Putin", "Путин")),
    _p("Mikhail Mishustin", "Prime Minister of Russia", "RU",
       ("Михаил Мишустин",), ("Mishustin", "Мишустин")),
    _p("Sergei Lavrov", "Minister of Foreign Affairs of Russia", "RU",
       ("Сергей Лавров", "Sergey Lavrov"), ("Lavrov", "Лавров")),
    _p("Dmitry Peskov", "Press Secretary of the President of Russia", "RU",
       ("Дмитрий Песков", "Dmitri Peskov"), ("Peskov", "Песков")),
    _p("Maria Zakharova", "Spokeswoman of the Ministry of Foreign Affairs of Russia", "RU",
       ("Мария Захарова",)),
    _p("Dmitry Medvedev", "Deputy Chairman of the Security Council of Russia", "RU",
       ("Дмитрий Медведев", "Dmitri Medvedev")),
    # China
    _p("Xi Jinping", "President of China", "CN", ("Си Цзиньпин",), ("Xi",)),
    _p("Li Qiang", "Premier of China", "CN", ("Ли Цян",)),
    _p("Wang Yi", "Minister of Foreign Affairs of China", "CN", ("Ван И",)),
)  # fmt: skip
