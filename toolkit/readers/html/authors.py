"""Decides a web page's authors from its JSON-LD, its visible byline and its meta tags.

Sources, best first: JSON-LD people; the "Written by" of a Twitter card (as written: "Staff" is
what the page says); the visible byline; the author meta tags; JSON-LD organisations; a user
name ("jdoe") as the last resort. In each:
- the site's or publisher's own name is dropped when a person is named beside it
  ("Jo Lee, The Gazette"); where the best source names only the site, a person that a later
  source names is the author, else the site stays (an organisation may sign its articles);
- a first name beside the full name goes ("Jo" beside "Jo Lee"), and so does a name with its role
  glued on beside the bare name ("Jo Lee Senior Reporter" beside "Jo Lee");
- photo credits ("(Image: Agency)", "Photo: ...") are not names.
When the visible byline names the JSON-LD people and more (co-authors the metadata left out),
the byline is taken.
"""

from __future__ import annotations

import re

from toolkit.readers.bylines import PARTICLES, ROLE_WORDS, names_in
from toolkit.readers.html.metadata import Declared
from toolkit.readers.html.title import contains, words

CREDIT = re.compile(r"^\W*(?:image|images|photo|photos|picture|credit|source|illustration|video)s?\s*:|"
                    r"getty images|shutterstock|istock|\bafp\b/|/\s*afp\b", re.I)
HONORIFIC = frozenset(("dr", "prof", "mr", "mrs", "ms", "sir", "dame"))
NOT_NAME_WORDS = ROLE_WORDS | {"learn", "verified", "expert", "events", "news", "blog", "team", "staff", "guest"}


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
            if name.lower() not in (n.lower() for n in out):
                out.append(name)
    return out


def _as_given(value: str) -> list[str]:
    """A short signature kept as written ("Staff", "98 Media") when it is all a page says."""
    value = value.strip()
    return [value] if 0 < len(value.split()) <= 5 and not re.search(r"https?:|www\.|@", value) else []


def _tidy(names: list[str], sites: list[str]) -> list[str]:
    """Without the site's own name (when a person is named too) and without names inside other names."""
    people = [n for n in names if not names_site(n, sites)]
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
        if not all(names_site(n, sites) for n in filled[0]):
            return filled[0][:8]
        for names in filled[1:]:  # the best source names only the site: a person named elsewhere is the author
            people = [n for n in names if _person_like(n) and not names_site(n, sites)]
            if people:
                return people[:8]
        return filled[0][:8]
    handles = [a.strip().lstrip("@") for a in declared.authors if _handle_like(a) and len(a) <= 40]
    return handles[:1]  # a user name is still the page's own statement of who wrote it
