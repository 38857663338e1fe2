"""Decides a web page's date from the dates it declares and the date it shows its reader.

The page's header, from the headline to the first paragraph of prose, is read for dates in
``<time>`` elements and in short lines ("Updated Dec 18, 2025 · 12 min read", "Jo Lee • 4 May
2024"), each with its label (published or updated, from its words, class or ``itemprop``;
"3 hours ago" is no date). The date shown there (one labelled "published" first) is the one the
reader takes for the article's, and it wins over the declared publication date - except a date
the page itself calls "updated" that the metadata declares as the modification date: then the
declared publication date stands. Without a shown date the declared publication date is used;
htmldate's guess comes last.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from toolkit.language.dates import day_in_any_language, find_dates, parse_date
from toolkit.readers.html.dom import class_id, collapse
from toolkit.readers.html.metadata import Declared

ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
UPDATED = re.compile(r"updat|modif|revis|review|edited|changed", re.I)
PUBLISHED = re.compile(r"publish|posted|pubdate|created|released|first|original", re.I)
LINE_TAGS = frozenset(("p", "span", "div", "li", "small", "em", "strong", "b", "i", "dd", "abbr", "a", "address",
                       "header", "section", "h2", "h3", "h4", "h5", "h6"))
BOILERPLATE = re.compile(r"comment|related|sidebar|footer|recommend|newsletter|share|social|menu|dropdown", re.I)
RELATIVE = re.compile(r"\bago\b|\b(?:yesterday|today|just now)\b", re.I)
REGIONS_DAY_FIRST = frozenset(("gb", "uk", "au", "nz", "ie", "in", "za", "sg", "ng", "ke", "pk"))


@dataclass
class Shown:
    """A day a page shows and what kind of date it is."""

    day: str  # YYYY-MM-DD
    kind: str  # "published", "updated" or "" (unlabelled)


def month_first(languages: list[str]) -> bool:
    """Whether "3/4/2025" means March 4 on this page: English without a day-first region (en-GB, en-AU...)."""
    lang = (languages[0] if languages else "en").lower().replace("_", "-")
    parts = lang.split("-")
    return parts[0] == "en" and (len(parts) == 1 or parts[1] not in REGIONS_DAY_FIRST)


def iso_day(value: str | None, us: bool = False) -> str | None:
    if not value:
        return None
    m = ISO_DAY.search(value)
    if m:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return parse_date(value, us)


def time_day(el: Any, text: str, us: bool) -> str | None:
    """The day a ``<time>`` element gives: its ``datetime``, else its text, in English or (dateparser)
    another language ("17 mars 2024")."""
    return iso_day(el.get("datetime"), us) or iso_day(text, us) or (day_in_any_language(text) if text else None)


def _kind(el: Any, text: str) -> str:
    prop = (el.get("itemprop") or "").lower()
    if prop in ("datemodified", "dateupdated"):
        return "updated"
    if prop in ("datepublished", "datecreated"):
        return "published"
    before = text
    for s, _, _ in find_dates(text)[:1]:
        before = text[:s]
    label = f"{before} {class_id(el)}"
    if UPDATED.search(label):
        return "updated"
    if PUBLISHED.search(label):
        return "published"
    return ""


def _in_boilerplate(el: Any) -> bool:
    for anc in el.iterancestors():
        if anc.tag in ("article", "main", "body"):
            return False
        if anc.tag in ("footer", "nav", "aside") or BOILERPLATE.search(class_id(anc)):
            return True
    return False


def _header_start(h1: Any) -> Any:
    """The element whose content opens the article's header: the headline's box, if small."""
    box = h1
    for _ in range(2):
        parent = box.getparent()
        if parent is None or parent.tag in ("body", "main", "article") or \
                len(collapse(parent.text_content())) > 600:
            break
        box = parent
    return box


def shown_dates(body: Any, h1: Any, us: bool) -> list[Shown]:
    """Dates shown in the article's header, in page order (see the module's docstring)."""
    if h1 is None:  # no headline to start from: the page's first ``<time>``
        for el in body.iter("time"):
            day = time_day(el, collapse(el.text_content()), us)
            if day and not _in_boilerplate(el):
                return [Shown(day, _kind(el, collapse(el.text_content())))]
        return []
    start = _header_start(h1)
    out: list[Shown] = []
    begun = False
    seen = 0
    for el in body.iter():
        if el is start:
            begun = True
        if not begun or not isinstance(el.tag, str) or el is h1 or any(a is h1 for a in el.iterancestors()):
            continue
        seen += 1
        if seen > 600 or (el.tag == "p" and len((_short_text(el, 400) or "x " * 25).split()) >= 25):
            break  # the article's prose has begun
        if el.tag != "time" and (el.tag not in LINE_TAGS or len(el) > 8):
            continue
        text = _short_text(el) or ""
        if el.tag == "time":
            if RELATIVE.search(text):
                continue  # "1 day ago": the reader is shown no date
            day = time_day(el, text, us)
        elif text and len(text.split()) <= 16 and el.find(".//time") is None:  # else the line's <time> speaks
            day = parse_date(text, us)
        else:
            continue
        if not day or _in_boilerplate(el):
            continue
        parent = el.getparent()
        around = _short_text(parent) if parent is not None else None
        kind = _kind(el, text) or (_kind(parent, around) if around is not None else "")
        same = next((s for s in out if s.day == day), None)
        if same is None:
            out.append(Shown(day, kind))
        elif not same.kind:
            same.kind = kind
    return out


def _short_text(el: Any, limit: int = 200) -> str | None:
    """The element's text, or None when it is longer than ``limit`` characters (read no further)."""
    parts: list[str] = []
    size = 0
    for piece in el.itertext():
        parts.append(piece)
        size += len(piece)
        if size > 2 * limit:
            return None
    text = collapse("".join(parts))
    return text if len(text) <= limit else None


def _swapped(day: str) -> str:
    """"2026-06-01" -> "2026-01-06": the other reading of an ambiguous numeric date."""
    y, m, d = day.split("-")
    return f"{y}-{d}-{m}" if int(d) <= 12 else day


def _pick_shown(shown: list[Shown], published: list[str], modified: list[str]) -> str | None:
    for s in shown:
        if s.day not in published and _swapped(s.day) in published:
            s.day = _swapped(s.day)  # "06/01/2026" read the other way round is the declared date
    first = next((s for s in shown if s.kind == "published"), shown[0])
    if not published or first.day in published:
        return first.day
    if first.day in modified:
        return None if first.kind == "updated" else first.day
    return first.day  # a date the metadata does not know: the page shows it as the article's


def choose_date(declared: Declared, shown: list[Shown], page_source: Callable[[], str]) -> str | None:
    """The page's date (see the module's docstring)."""
    us = month_first(declared.languages)
    published = [d for d in (iso_day(v, us) for v in declared.dates) if d]
    modified = [d for d in (iso_day(v, us) for v in declared.modified) if d]
    day = _pick_shown(shown, published, modified) if shown else None
    if day:
        return day
    if published:
        return published[0]
    try:
        from htmldate import find_date

        found = find_date(page_source(), original_date=True, extensive_search=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate must never break reading
        found = None
    if found and found.endswith("-01-01"):
        return None  # a year alone, not a day
    return found or None
