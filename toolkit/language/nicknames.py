"""Given names and their familiar forms ("Joshua" / "Josh", "Michael" / "Mike"), for telling that two
written names are one person.

The table is the ``nicknames`` package's hand-curated CSV of English given names (Apache-2.0,
Carlton Northern and Nick Crews). Without the package no two different given names are related.
"""

from __future__ import annotations

import functools
import re

from toolkit.language.names import FIRST_NAMES
from toolkit.language.package_cache import cached_table


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """``_formal()`` and ``_table()``, derived once and kept in the user's cache (``package_cache``): reading
    the package's CSV costs a cold process 16 ms, the cached tables 2 ms."""
    return cached_table("nicknames", ("nicknames",), _derive_tables)


def _formal() -> dict[str, frozenset[str]]:
    """Each formal given name (lower case) to its familiar forms."""
    return _tables()[0]


def _table() -> dict[str, frozenset[str]]:
    """Each given name (lower case) to the names it is a familiar or formal form of, itself included."""
    return _tables()[1]


def _derive_tables() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    try:
        from nicknames import NickNamer
    except ImportError:  # pragma: no cover - the package is a dependency; this keeps a broken install usable
        return {}, {}
    formal = {name: frozenset(familiar) for name, familiar in NickNamer().nickname_lookup.items()}
    related: dict[str, set[str]] = {}
    for name, familiar in formal.items():
        for nick in familiar:
            related.setdefault(name, {name}).add(nick)
            related.setdefault(nick, {nick}).add(name)
    return formal, {name: frozenset(forms) for name, forms in related.items()}


def forms(given: str) -> frozenset[str]:
    """The lower-case forms of a given name: itself, its familiar forms and its formal ones."""
    g = given.lower().strip(".")
    return _table().get(g, frozenset()) | {g}


def same_given_name(a: str, b: str) -> bool:
    """Whether two given names are one name ("Josh" and "Joshua", "Bill" and "William")."""
    if a.lower() == b.lower():
        return True
    return b.lower() in forms(a) and len(a) > 1 and len(b) > 1


def _parts(name: str) -> list[str]:
    return [p for p in re.split(r"\s+", name.strip()) if p]


def same_person(a: str, b: str) -> bool:
    """Whether two full names written in one article are one person: the same surname, and a given
    name that is the same or a familiar form ("Josh Tan" / "Joshua Tan"), or the other's middle
    initial ("John M. Varga" / "Mike Varga": Mike is Michael, M.)."""
    pa, pb = _parts(a), _parts(b)
    if len(pa) < 2 or len(pb) < 2 or pa[-1] != pb[-1] or a == b:
        return a == b
    if same_given_name(pa[0], pb[0]):
        return True
    for one, other in ((pa, pb), (pb, pa)):
        middles = [m for m in one[1:-1] if re.fullmatch(r"[A-Z]\.?", m)]
        given = other[0].lower()
        if middles and len(other) == 2:
            # "Mike" stands for Michael: the formal names it is a familiar form of all begin with the initial,
            # and the two given names are not of different genders ("John M. Varga" is not "Mary Varga")
            formal = {f for f, familiar in _formal().items() if given in familiar}
            g1, g2 = FIRST_NAMES.get(one[0], ""), FIRST_NAMES.get(other[0], "")
            if formal and all(f[0] == middles[0][0].lower() for f in formal) and not (g1 and g2 and g1 != g2):
                return True  # goes by the middle name's familiar form
    return False
