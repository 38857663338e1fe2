"""Finds and normalises dates written in English prose ("March 29, 2018", "early 2017", "2018-05-01").

``parse_metadata_date`` is the stricter rule for a metadata ``date`` field: the whole value must be one day.
Values its patterns cannot read ("17 mars 2024", "2024年3月17日") go to dateparser (``day_in_any_language``),
which must find a day, a month and a four-digit year, and never reads relative dates ("yesterday").
"""

from __future__ import annotations

import re
from datetime import date, datetime

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


# --- Metadata dates: one rule for --meta, toolkit.toml [meta], sidecars, manifests and front matter ---

DATE_FORMS = "write YYYY-MM-DD, 'March 29, 2018' or '29 March 2018'"
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = (r"(?:(?P<wd>monday|mon|tuesday|tues|tue|wednesday|wed|thursday|thurs|thur|thu|friday|fri|"
            r"saturday|sat|sunday|sun)\.?,?\s+)?")
_TIME = r"(?:[T ]\d{1,2}:\d\d(?::\d\d(?:[.,]\d+)?)?\s*(?:Z|[+-]\d\d(?::?\d\d)?)?)?"
_NAMED = r"(?P<m>[a-z]+)\.?"
_ORD = r"(?:st|nd|rd|th)?"
_SEP = r"(?:\s*,\s*|\s*[./-]\s*|\s+)"
# The metadata forms are kept as pattern text, compiled by ``re`` (and kept in its cache) when a metadata date
# is first read: a plain text article has none, and compiling them cost every cold process 3 ms.
_META_FORMS = [  # (pattern, flags, order): whole-value forms; the numeric day-or-month-first ones are separate
    (rf"{_WEEKDAY}(?P<y>\d{{4}})(?P<s>[-/.])(?P<m>\d{{1,2}})(?P=s)(?P<d>\d{{1,2}}){_TIME}", re.I, "ymd"),
    (r"(?P<y>\d{4})(?P<m>\d\d)(?P<d>\d\d)", 0, "ymd"),
    (rf"{_WEEKDAY}{_NAMED}{_SEP}(?P<d>\d{{1,2}}){_ORD}{_SEP}(?P<y>\d{{4}})", re.I, "mdy"),
    (rf"{_WEEKDAY}(?P<d>\d{{1,2}}){_ORD}{_SEP}(?:of\s+)?{_NAMED}{_SEP}(?P<y>\d{{4}})", re.I, "dmy"),
]
_NUMERIC = rf"{_WEEKDAY}(?P<a>\d{{1,2}})(?P<s>[-/.])(?P<b>\d{{1,2}})(?P=s)(?P<y>\d{{4}})"  # re.I
_SHORT_YEAR = r"\d{1,2}([-/.])\d{1,2}\1\d{2}"
_YEAR_ONLY = r"\d{4}"
_MONTH_YEAR = r"\d{4}[-/.]\d{1,2}|\d{1,2}[-/.]\d{4}"
_NAMED_MONTH_YEAR = rf"(?:{_NAMED}{_SEP}\d{{4}})|(?:\d{{4}}{_SEP}(?P<m2>[a-z]+)\.?)"  # re.I


# Languages dateparser tries, in this order (all of its ~200 would take seconds to load on first use).
DATEPARSER_LANGUAGES = ("en fr de es pt it nl pl ru uk cs sk sl hr sr bg ro hu el tr sv da nb fi et lv lt ca "
                        "eu gl zh ja ko vi id ms th he ar fa hi").split()
_DATEPARSER_SETTINGS = {"PARSERS": ["absolute-time"], "REQUIRE_PARTS": ["day", "month", "year"],
                        "RETURN_AS_TIMEZONE_AWARE": False}
_FULL_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_LEAD_WORDS = re.compile(r"^(?:[^\W\d_]+\.?,?\s+){1,2}(?=\d)")  # "el 5 de mayo de 2022", "am 3. Oktober 2023"


def day_in_any_language(text: str) -> str | None:
    """The day (YYYY-MM-DD) a short value names in any of ``DATEPARSER_LANGUAGES``, else None.

    dateparser must find the day, the month and a four-digit year: a month alone, a two-digit year and
    relative dates ("yesterday", "3 days ago") give None. One or two words before the day ("el", "am")
    are let go when the whole value is not read.
    """
    text = " ".join(text.split())
    if not _FULL_YEAR.search(text) or len(text) > 80:
        return None
    import dateparser

    for candidate in (text, _LEAD_WORDS.sub("", text)):
        try:
            found = dateparser.parse(candidate, languages=DATEPARSER_LANGUAGES, settings=_DATEPARSER_SETTINGS)
        except (ValueError, OverflowError, TypeError):  # dateparser must never break reading
            found = None
        if found is not None and str(found.year) in _FULL_YEAR.findall(candidate):
            return found.date().isoformat()
    return None


def parse_metadata_date(value: object) -> str:
    """A metadata date as YYYY-MM-DD; ValueError with a short reason if ``value`` is not one day.

    The one rule for every place a date is given (``--meta date=``, ``toolkit.toml`` ``[meta]``, the
    ``INPUT.meta.yaml`` sidecar, manifest rows, front matter):

    * year first, always year-month-day: ``2018-03-29`` (a time after it, ``2018-03-29T10:00:00Z``,
      is dropped; the date is kept as written, not moved to another time zone), ``2018/03/29``,
      ``2018.03.29``, ``20180329``;
    * a month name (English, full or abbreviated, optional full stop): ``March 29, 2018``,
      ``Mar. 29 2018``, ``29 March 2018``, ``29 Mar 2018``, ``29th of March 2018``, ``29-Mar-2018``;
      a weekday before it must be the right one;
    * day and month as numbers before a four-digit year: a number over 12 is the day
      (``29/03/2018`` and ``03/29/2018`` are both 29 March). When both could be the month, the separator
      decides: slashes are month first, as in the US and as pandoc reads them (``03/04/2018`` is
      4 March); dots and dashes are day first, as in Europe (``03.04.2018`` and ``03-04-2018`` are
      3 April);
    * a ``datetime.date`` or ``datetime.datetime`` (YAML and TOML give these) is its day;
    * a day written in another language, read by dateparser: ``17 mars 2024``, ``3. Oktober 2023``,
      ``5 de mayo de 2022``, ``2024年3月17日``.

    Refused: a year or a month alone (``2018``, ``March 2018``: the editions print a day), two-digit
    years, days that do not exist (``2018-02-30``), and anything else.
    """
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool) or isinstance(value, float):
        raise ValueError(DATE_FORMS)
    if isinstance(value, (list, tuple, dict)):
        raise ValueError(f"give one date, not a {'mapping' if isinstance(value, dict) else 'list'}")
    text = " ".join(str(value).split())
    if not text:
        raise ValueError(f"it is empty; {DATE_FORMS}")
    for source, flags, order in _META_FORMS:
        pattern = re.compile(source, flags)
        m = pattern.fullmatch(text)
        if m:
            month = _month(m.group("m")) if order != "ymd" else int(m.group("m"))
            if month is None and day_in_any_language(text):
                return day_in_any_language(text)
            if month is None:
                raise ValueError(f"{m.group('m')!r} is not a month; {DATE_FORMS}")
            weekday = m.group("wd") if "wd" in pattern.groupindex else None
            return _checked_day(int(m.group("y")), month, int(m.group("d")), weekday)
    m = re.fullmatch(_NUMERIC, text, re.I)
    if m:
        a, b, sep = int(m.group("a")), int(m.group("b")), m.group("s")
        if a > 12 and b > 12:
            raise ValueError(f"no month is over 12; {DATE_FORMS}")
        month_first = b > 12 or (a <= 12 and sep == "/")
        month, day = (a, b) if month_first else (b, a)
        return _checked_day(int(m.group("y")), month, day, m.group("wd"))
    if re.fullmatch(_SHORT_YEAR, text):
        raise ValueError("write the year with four digits, e.g. 2018-03-29")
    if re.fullmatch(_YEAR_ONLY, text):
        raise ValueError("a year alone is not a date; give the day too, e.g. 2018-03-29")
    m = re.fullmatch(_NAMED_MONTH_YEAR, text, re.I)
    if re.fullmatch(_MONTH_YEAR, text) or (m and _month(m.group("m") or m.group("m2")) is not None):
        raise ValueError("a month alone is not a date; give the day too, e.g. 2018-03-29")
    day = day_in_any_language(text)
    if day:
        return day
    raise ValueError(DATE_FORMS)


def _checked_day(y: int, m: int, d: int, weekday: str | None) -> str:
    if not 1 <= m <= 12:
        raise ValueError(f"there is no month {m}")
    try:
        day = date(y, m, d)
    except ValueError:
        raise ValueError(f"there is no {_MONTH_NAMES[m - 1]} {d} in {y}") from None
    if weekday:
        real = _WEEKDAYS[day.weekday()]
        if not real.startswith(weekday.lower()[:3]):
            raise ValueError(f"{day.isoformat()} is a {real.capitalize()}, not a "
                             f"{next(w for w in _WEEKDAYS if w.startswith(weekday.lower()[:3])).capitalize()}")
    return day.isoformat()


def metadata_date_problem(key: str, value: object, exc: ValueError) -> str:
    """The one-line message for a bad date: ``date: cannot read 'soon' as a date (write ...)``."""
    shown = " ".join(str(value).split())
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return f"{key}: cannot read {shown!r} as a date ({exc})"


_YAML_DAY = re.compile(r"^[ \t]*(?:-[ \t]+)?([\w-]+)[ \t]*:[ \t]*(\d{4}-\d{1,2}-\d{1,2})(?![\d-])", re.M)


def yaml_date_problem(text: str) -> str | None:
    """Which key of YAML text holds an ISO-looking day that does not exist (YAML then fails to load)."""
    for m in _YAML_DAY.finditer(text):
        try:
            parse_metadata_date(m.group(2))
        except ValueError as exc:
            return metadata_date_problem(m.group(1), m.group(2), exc)
    return None
