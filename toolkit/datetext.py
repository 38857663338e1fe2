"""Finds and normalises dates written in English prose ("March 29, 2018", "early 2017", "2018-05-01")."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")])
    for m in names
}
_MON = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"

# Ordered from most to least specific; each gives named groups y, m (name or number), d.
PATTERNS = [
    re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>0?[1-9]|1[0-2])-(?P<d>0?[1-9]|[12]\d|3[01])(?:\b|(?=T\d))"),
    re.compile(rf"\b(?P<m>{_MON})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>{_YEAR})(?:\b|(?=\d{{1,2}}:\d\d))", re.I),
    re.compile(rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MON})\s*,?\s+(?P<y>{_YEAR})\b", re.I),
    re.compile(rf"\b(?P<d>[0-3]?\d)[./](?P<m>0?[1-9]|1[0-2])[./](?P<y>{_YEAR})\b"),
    re.compile(rf"\b(?P<m>{_MON})\s+(?P<y>{_YEAR})\b", re.I),
    re.compile(rf"\b(?P<y>{_YEAR})\b"),
]
# Month-first numeric dates ("3/4/2025" = March 4), as US pages write them; see ``find_dates``.
_MONTH_FIRST = re.compile(rf"\b(?P<m>0?[1-9]|1[0-2])/(?P<d>[0-3]?\d)/(?P<y>{_YEAR})\b")
PATTERNS_MONTH_FIRST = [*PATTERNS[:3], _MONTH_FIRST, *PATTERNS[3:]]
_MONTH_ONLY = re.compile(rf"\b(?P<m>{_MON})\b")


def _month(value: str) -> int | None:
    value = value.lower().rstrip(".")
    if value.isdigit():
        return int(value)
    return MONTHS.get(value)


def _valid(y: int, m: int | None, d: int | None) -> bool:
    try:
        date(y, m or 1, d or 1)
    except ValueError:
        return False
    return True


def find_dates(text: str, month_first: bool = False) -> list[tuple[int, int, str]]:
    """All date mentions as (start, end, normalised) with YYYY, YYYY-MM or YYYY-MM-DD values.

    "3/4/2025" is 3 April unless ``month_first`` (US usage): then it is 4 March ("25/4/2025" stays
    25 April either way).
    """
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, str]] = []
    for pattern in PATTERNS_MONTH_FIRST if month_first else PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and e > ts for ts, te in taken):
                continue
            parts = m.groupdict()
            y = int(parts["y"])
            mon = _month(parts["m"]) if parts.get("m") else None
            day = int(parts["d"]) if parts.get("d") else None
            if parts.get("m") and mon is None:
                continue
            if parts.get("m") and parts["m"].lower().rstrip(".") == "may" and day is None:
                pass
            if not _valid(y, mon, day):
                continue
            value = f"{y:04d}" + (f"-{mon:02d}" if mon else "") + (f"-{day:02d}" if day and mon else "")
            taken.append((s, e))
            found.append((s, e, value))
    return sorted(found)


def parse_date(text: str, month_first: bool = False) -> str | None:
    """The first full date (YYYY-MM-DD) in a short text such as a dateline, else None."""
    for _, _, value in find_dates(text, month_first):
        if len(value) == 10:
            return value
    return None


def is_dateline(text: str) -> bool:
    """A short block that is mostly a date ("June 9, 2025", "Published 3 May 2024 10:00")."""
    words = text.split()
    if not words or len(words) > 12:
        return False
    found = [v for _, _, v in find_dates(text) if len(v) == 10]
    if not found:
        return False
    rest = text
    for s, e, _ in reversed(find_dates(text)):
        rest = rest[:s] + rest[e:]
    leftover = re.sub(r"[\W\d_]+", " ", rest).split()
    return len(leftover) <= 6
