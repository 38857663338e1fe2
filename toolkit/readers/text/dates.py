"""Dates in the header lines of scraped text: datelines, "Published ... · Updated ..." and dates glued to names.

Builds on ``toolkit.language.dates`` and adds the forms page furniture writes: numeric dates with a slash
(month first, "3/4/2025" is 4 March, unless the first number cannot be a month), year-first numeric
dates ("2025.12.17"), dotted ones day first ("14.11.24" is 14 November 2024), "19-Dec-2025" (also with a
Spanish, Portuguese, Italian or German month: "04-ago-2021"),
and a date glued to the word before it ("Yucy3/4/2025", "ZeldmanNovember 20, 2007"). When a line
gives both a publication and an update date, the publication date wins.
"""

from __future__ import annotations

import re
from datetime import date

from toolkit.language.dates import find_dates

_MON = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|ene|abr|ago|set|out|dic|dez|okt|mai|gen|giu|lug)[a-z]*\.?"
_SLASH = re.compile(r"(?<!\d)(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d\d)(?!\d)")
# "2025.12.17", "2025/12/17": year first, then month and day
_YMD = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d\d)[./](?P<m>\d{1,2})[./](?P<d>\d{1,2})(?![\d.])")
# "14.11.2024", "14.11.24": numbers between dots are day first wherever that form is written
_DOTTED = re.compile(r"(?<![\w.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)?\d\d)(?![\d.]|\.\d)")
_DASHED = re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})-(?P<m>{_MON})-(?P<y>(?:19|20)\d\d)(?!\d)", re.I)
# a date glued to the words around it: "Yucy3/4/2025", "ZeldmanNovember 20, 2007", "2025April", "September,2023"
_CAP_MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_GLUE = re.compile(rf"(?<=[a-z])(?=\d{{1,2}}/\d)|(?<=[a-z:])(?={_CAP_MON}\s*\d)|(?<=\d{{4}})(?=[A-Za-z])|(?<=[a-z],)(?=(?:19|20)\d\d)")
_UPDATED = re.compile(r"\b(?:updated|modified|edited|revised|last\s+(?:updated|modified|reviewed)|reviewed)\b[\s:on]*$",
                      re.I)
_PUBLISHED = re.compile(r"\b(?:published|posted|released|submitted|first published|date)\b[\s:on]*$", re.I)
MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
# the same abbreviations in Spanish, Portuguese, Italian and German, for dashed dates ("04-ago-2021")
MONTHS.update(ene=1, gen=1, abr=4, mai=5, giu=6, lug=7, ago=8, set=9, okt=10, out=10, dic=12, dez=12)


def unglue(text: str) -> str:
    """The text with a space where a date is glued to a word."""
    return _GLUE.sub(" ", text)


def dates_in(text: str, *, day_first: bool = False) -> list[tuple[int, int, str]]:
    """Full dates (start, end, YYYY-MM-DD) in a line, in order; slash dates month first unless day_first."""
    text = unglue(text)
    found: list[tuple[int, int, str]] = []
    for m in _SLASH.finditer(text):
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        mon, day = (b, a) if day_first or a > 12 else (a, b)
        if 1 <= mon <= 12 and 1 <= day <= 31:
            found.append((m.start(), m.end(), f"{y:04d}-{mon:02d}-{day:02d}"))
    for m in _YMD.finditer(text):
        _add(found, m, int(m["y"]), int(m["m"]), int(m["d"]))
    for m in _DOTTED.finditer(text):
        if len(m["y"]) == 2 and (len(m["d"]) < 2 or len(m["m"]) < 2):
            continue  # "1.2.24" is more likely a version number than a date
        y = int(m["y"])
        _add(found, m, y if y > 99 else 2000 + y if y <= 50 else 1900 + y, int(m["m"]), int(m["d"]))
    for m in _DASHED.finditer(text):
        mon, day = MONTHS.get(m["m"].lower()[:3]), int(m["d"])
        if mon and 1 <= day <= 31:
            found.append((m.start(), m.end(), f"{int(m['y']):04d}-{mon:02d}-{day:02d}"))
    for s, e, value in find_dates(text):
        if len(value) == 10 and not any(s < fe and e > fs for fs, fe, _ in found):
            found.append((s, e, value))
    return sorted(found)


def _add(found: list[tuple[int, int, str]], m: re.Match, y: int, mon: int, day: int) -> None:
    try:
        date(y, mon, day)
    except ValueError:
        return
    if not any(m.start() < fe and m.end() > fs for fs, fe, _ in found):
        found.append((m.start(), m.end(), f"{y:04d}-{mon:02d}-{day:02d}"))


# a time zone of the places that write the day first ("06/01/2026 - 13:55 GMT+1", "14:07 IST", "CEST")
DAY_FIRST_ZONE = re.compile(r"\b(?:GMT|UTC)\s*[+-]\s*\d|\b(?:BST|CET|CEST|EET|EEST|WEST|IST|SAST|AEST|AEDT|NZST|WAT|EAT|CAT)\b")


def line_date(text: str, *, day_first: bool = False) -> str | None:
    """The publication date a header line gives: the first date not labelled as an update, else the first.
    A slash date next to a time zone of the places that write the day first is read day first."""
    day_first = day_first or bool(DAY_FIRST_ZONE.search(text))
    found = dates_in(text, day_first=day_first)
    if not found:
        return None
    plain = unglue(text)
    published = [v for s, _, v in found if _PUBLISHED.search(plain[max(0, s - 25):s])]
    if published:
        return published[0]
    fresh = [v for s, _, v in found if not _UPDATED.search(plain[max(0, s - 25):s])]
    return (fresh or [found[0][2]])[0]


def is_update_only(text: str) -> bool:
    """True when every date in the line is labelled as an update ("Last updated on March 12, 2026")."""
    plain = unglue(text)
    found = dates_in(text)
    return bool(found) and all(_UPDATED.search(plain[max(0, s - 25):s]) for s, _, _ in found)


DATE_WORDS = frozenset((
    "am", "pm", "min", "mins", "read", "minute", "minutes", "at", "on", "et", "est", "edt", "pst", "pdt", "gmt",
    "utc", "cet", "bst", "published", "updated", "posted", "last", "modified", "date", "submitted", "released",
    "first", "by", "of", "the", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "wed", "thu", "fri", "sat", "sun", "edited", "reviewed"))


def is_date_line(text: str, *, strict: bool = False) -> bool:
    """A short line that is mostly a date ("June 9, 2025", "Updated Dec 18, 2025 · 12 min read"); with
    ``strict``, one that holds nothing but a date and its labels (not "Friday Roundup 03/14/2025")."""
    words = text.split()
    if not words or len(words) > 14:
        return False
    found = dates_in(text)
    if not found:
        return False
    rest = unglue(text)
    for s, e, _ in reversed(found):
        rest = rest[:s] + " " + rest[e:]
    leftover = [w for w in re.sub(r"[\W\d_]+", " ", rest).split() if w.lower() not in DATE_WORDS]
    return len(leftover) <= (1 if strict else 6)
