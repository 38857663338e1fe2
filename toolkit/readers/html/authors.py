"""Decides a web page's authors from its JSON-LD, its visible byline and its meta tags.

Sources, best first: JSON-LD people; the "Written by" of a Twitter card (as written: "Staff" is
what the page says); the visible byline; the author meta tags; JSON-LD organisations; a user
name ("jdoe") as the last resort. In each:
- the site's or publisher's own name is dropped when a person is named beside it
  ("Jo Lee, The Gazette"); where the best source names only the site, a person that a later
  source names is the author, else the site stays (an organisation may sign its articles);
- a first name beside the full name goes ("Jo" beside "Jo Lee"), and so does a name with its role
  glued on beside the bare name ("Jo Lee Senior Reporter" beside "Jo Lee");
- photo credits ("(Image: Agency)", "Photo: ...") are not names;
- a collective signature ("News Desk", "Web Team") or a bare role ("Transit Reporter", split
  off "By Jo Lee, Transit Reporter") names no person: beside a person it goes, and where the best
  source holds only such signatures, a person that a later source names is the author;
- so does an organisation beside a person ("Jo Lee, Northern Wire Service", "Jo Lee | NWSA"): a name
  with an organisation's word or an acronym, that does not start with a given name;
- a place or an outlet after a name goes ("Jo Lee in Port Avel", "Jo Lee for Example.com"), and so
  does a job title glued on without a comma ("Jo Lee Transit Correspondent").
When the visible byline names the JSON-LD people and more (co-authors the metadata left out),
the byline is taken.
"""

from __future__ import annotations

import re

from toolkit.language.names import FIRST_NAMES, ORG_WORDS, is_collective_byline
from toolkit.readers.bylines import PARTICLES, ROLE_WORDS, names_in
from toolkit.readers.html.metadata import Declared
from toolkit.readers.html.title import contains, words

CREDIT = re.compile(r"^\W*(?:image|images|photo|photos|picture|credit|source|illustration|video)s?\s*:|"
                    r"getty images|shutterstock|istock|\bafp\b/|/\s*afp\b", re.I)
HONORIFIC = frozenset(("dr", "prof", "mr", "mrs", "ms", "sir", "dame"))
NOT_NAME_WORDS = ROLE_WORDS | {"learn", "verified", "expert", "events", "news", "blog", "team", "staff", "guest"}
# Nouns that end a job title ("Senior Transit Reporter", "Chief Transit Correspondent"): a name that
# ends in one of them is a role, not a person.
ROLE_NOUNS = frozenset((
    "reporter", "reporters", "correspondent", "correspondents", "editor", "editors", "writer", "writers",
    "columnist", "columnists", "contributor", "contributors", "producer", "producers", "analyst", "analysts",
    "journalist", "journalists", "photographer", "photographers", "desk", "staff", "team", "newsroom",
))


# Words of a reporter's beat or rank before the role noun ("Senior Transit Correspondent").
BEAT_WORDS = frozenset((
    "senior", "chief", "deputy", "associate", "assistant", "managing", "executive", "contributing", "special",
    "staff", "investigative", "political", "politics", "health", "business", "sports", "sport", "science",
    "technology", "tech", "economics", "economy", "foreign", "national", "local", "crime", "courts", "legal",
    "education", "environment", "environmental", "climate", "energy", "food", "travel", "culture", "arts",
    "entertainment", "music", "film", "fashion", "lifestyle", "money", "finance", "financial", "markets",
    "royal", "data", "digital", "video", "audio", "features", "news", "opinion", "world", "global", "city",
    "regional", "diplomatic", "defence", "defense", "security", "social", "affairs", "medical", "property",
    "consumer", "motoring", "weather", "general", "freelance", "guest", "visiting", "principal", "lead",
))
PLACE_TAIL = re.compile(r"\s+(?:[Ii]n|[Ff]or|[Aa]t)\s+(?=[A-Z])")
GROUP_NOUNS = frozenset(("desk", "staff", "team", "newsroom"))


def _person_part(name: str) -> str:
    """The name without a place or outlet after it and without a job title glued on."""
    head = PLACE_TAIL.split(name, maxsplit=1)[0]
    if head != name and len(head.split()) >= 2:
        name = head  # "Jo Lee in Port Avel", "Jo Lee for Example.com"
    parts = name.split()
    if len(parts) >= 3 and parts[-1].lower() in ROLE_NOUNS - GROUP_NOUNS and parts[0].lower() != "the":
        parts = parts[:-1]
        while len(parts) > 2 and parts[-1].lower() in BEAT_WORDS:
            parts = parts[:-1]
        if parts[-1].lower() not in BEAT_WORDS:
            name = " ".join(parts)  # "Jo Lee Transit Correspondent"
    return name


def _organisation(name: str) -> bool:
    """"Northern Wire Service", "NWSA", "Example News Agency": not a person (a given name first says it is one)."""
    parts = name.split()
    if not parts or parts[0].strip(".") in FIRST_NAMES:
        return False
    if len(parts) == 1:
        return (parts[0].isupper() and len(parts[0]) >= 2) or parts[0].title() in ORG_WORDS
    return any(p.strip(".,").title() in ORG_WORDS for p in parts)


def _handle_like(name: str) -> bool:
    """"jdoe", "andrew.keaveney", "@site": user names, not bylines."""
    return " " not in name.strip() and (name.islower() or bool(re.search(r"[._@\d]", name)))


def _core(name: str) -> list[str]:
    """A name's words without honorifics and a leading "the"."""
    w = words(name)
    while w and (w[0] in HONORIFIC or w[0] == "the"):
        w = w[1:]
    return w


def names_site(name: str, sites: list[str]) -> bool:
    """The name is the site's or publisher's ("The Gazette" for "Gazette", "USA TODAY", "gazette.com")."""
    nw = _core(name)
    if not nw:
        return False
    for site in sites:
        sw = _core(site)
        if sw and (nw == sw or contains(sw, nw) or (contains(nw, sw) and len(nw) <= len(sw) + 1)
                   or nw[:len(sw)] == sw or "".join(nw) == "".join(sw)):
            return True
    return False


def _names(values: list[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        if CREDIT.search(value):
            continue
        for name in names_in(value):
            name = _person_part(name)
            if name.lower() not in (n.lower() for n in out):
                out.append(name)
    return out


def _as_given(value: str) -> list[str]:
    """A short signature kept as written ("Staff", "98 Media") when it is all a page says."""
    value = value.strip()
    return [value] if 0 < len(value.split()) <= 5 and not re.search(r"https?:|www\.|@", value) else []


def signs_no_person(name: str) -> bool:
    """A collective signature or a bare role ("News Desk", "Web Team", "Transit Reporter")."""
    w = _core(name)
    return bool(w) and (is_collective_byline(name) or w[-1] in ROLE_NOUNS)


def _unnamed(name: str, sites: list[str]) -> bool:
    """The site itself, a collective signature, a role or an organisation: no person."""
    return names_site(name, sites) or signs_no_person(name) or _organisation(name)


def _tidy(names: list[str], sites: list[str]) -> list[str]:
    """Without the site's own name, collectives and roles (when a person is named too) and without
    names inside other names."""
    people = [n for n in names if not _unnamed(n, sites)]
    names = people or names
    out: list[str] = []
    for n in names:
        core = _core(n)
        others = [_core(m) for m in names if _core(m) != core]
        if len(core) == 1 and any(contains(m, core) for m in others):
            continue  # "Jo" beside "Jo Lee"
        if any(len(m) >= 2 and contains(core, m) for m in others):
            continue  # "Jo Lee Senior Reporter" beside "Jo Lee": a name with its role glued on
        out.append(n)
    return out


def _person_like(name: str) -> bool:
    """Two to five capitalised words (particles aside) that are not a label ("Learn More") nor a section."""
    parts = name.split()
    return 2 <= len(parts) <= 5 and all(p[:1].isupper() or p in PARTICLES for p in parts) and not any(
        w in NOT_NAME_WORDS for w in words(name))


def _more_people(ld: list[str], shown: list[str]) -> bool:
    """The byline names every JSON-LD person and other people besides."""
    cores = [_core(n) for n in shown]
    extra = [n for n in shown if not any(_core(n) == _core(a) for a in ld)]
    return bool(extra) and all(_core(a) in cores for a in ld) and all(_person_like(n) for n in extra)


def choose_authors(declared: Declared, bylines: list[str]) -> list[str]:
    """The page's authors (see the module's docstring)."""
    sites = [*declared.site_names, *declared.publishers]  # not the domain: "janedoe.com" may be her blog
    card = [n for v in declared.written_by if not _handle_like(v) for n in (_names([v]) or _as_given(v))]
    meta = _names([a for a in declared.authors if not _handle_like(a)])
    ld, shown = _names(declared.ld_people), _names(bylines)
    sources = [_tidy(names, sites) for names in (ld, card, shown, meta, _names(declared.ld_orgs))]
    ld, shown = sources[0], sources[2]
    if ld and shown and _more_people(ld, shown):
        return shown[:8]
    filled = [names for names in sources if names]
    if filled:
        if not all(_unnamed(n, sites) for n in filled[0]):
            return filled[0][:8]
        for names in filled[1:]:  # the best source names no person: a person named elsewhere is the author
            people = [n for n in names if _person_like(n) and not _unnamed(n, sites)]
            if people:
                return people[:8]
        return filled[0][:8]
    handles = [a.strip().lstrip("@") for a in declared.authors if _handle_like(a) and len(a) <= 40]
    return handles[:1]  # a user name is still the page's own statement of who wrote it
