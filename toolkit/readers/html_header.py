"""Decides a page's title, dek, kicker, authors and date from declared metadata and the visible header."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from toolkit.datetext import parse_date
from toolkit.readers.html_dom import class_id, collapse
from toolkit.readers.html_metadata import Declared

WORD = re.compile(r"\w+")
TITLE_SEPARATORS = re.compile(r"\s+(?:[|•·»«~/]|::|[-–—:])\s+")
DEK_CLASS = re.compile(r"dek|standfirst|sub-?title|sub-?head(?!er)|summary|excerpt|lede|lead(?:-?in)?(?:$|[\s_-])|"
                       r"intro|description|teaser|strap|deck|abstract|synopsis|tagline", re.I)
KICKER_CLASS = re.compile(r"kicker|eyebrow|overline|rubric|flag|label|category|section|topic|super-?title|"
                          r"pre-?title|tag", re.I)
BYLINE_CLASS = re.compile(r"byline|author|writer|contributor|reporter|posted-?by|journalist", re.I)
DATE_CLASS = re.compile(r"date|time|publish|posted|updated|dateline|meta", re.I)
BY_PREFIX = re.compile(r"^\s*(?:(?:written|words|story|reporting|posted|published|reviewed)\s+)?by[:\s]+", re.I)
NAME_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\+|\|)\s*", re.I)
ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
NOT_A_NAME = re.compile(r"@|https?:|www\.|\d{2}|^(?:admin|administrator|staff|editor|editorial|team|guest|"
                        r"unknown|null|none|anonymous)$", re.I)


def words(text: str | None) -> list[str]:
    return WORD.findall((text or "").lower())


def _contains(hay: list[str], needle: list[str]) -> bool:
    if not needle or len(needle) > len(hay):
        return False
    n = len(needle)
    return any(hay[i:i + n] == needle for i in range(len(hay) - n + 1))


def strip_site_name(title: str, site_names: list[str]) -> str:
    """"Headline | Site" -> "Headline": drop the parts that name the site (or the shorter tail)."""
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) == 1:
        return title.strip()
    sites = [words(s) for s in site_names if s]
    keep = [p for p in parts if not any(words(p) and (_contains(s, words(p)) or (_contains(words(p), s)
                                                       and len(words(p)) <= len(s) + 1)) for s in sites)]
    keep = keep or parts
    if len(keep) == 1:
        return keep[0].strip()
    return max(keep, key=lambda p: (len(words(p)), -keep.index(p))).strip()


def choose_title(declared: Declared, headings: list[str]) -> tuple[str | None, str]:
    """The headline and where it came from; a visible ``<h1>`` wins when the metadata agrees with it."""
    metas = [t for t in [*declared.titles, declared.head_title] if t]
    meta_words = [words(t) for t in metas]
    for h in headings:
        hw = words(h)
        if len(hw) >= 1 and any(hw == mw or (_contains(mw, hw) and len(hw) >= 2) for mw in meta_words):
            return h, "visible headline that the page's metadata confirms"
    if metas:
        return strip_site_name(metas[0], declared.site_names), "page metadata (site name removed)"
    if headings:
        return headings[0], "first visible headline"
    return None, ""


def split_names(text: str) -> list[str]:
    """"By Jane Doe and John Roe" -> ["Jane Doe", "John Roe"]; credentials after a comma dropped."""
    text = BY_PREFIX.sub("", collapse(text))
    text = re.split(r"\s+(?:\||—|–|-)\s+|\s+(?:on|updated|published)\s+\w+\s+\d", text, maxsplit=1)[0]
    out = []
    for part in NAME_SPLIT.split(text):
        part = BY_PREFIX.sub("", part).strip(" .:")
        if not part or NOT_A_NAME.search(part) or len(part.split()) > 5:
            continue
        if part.isupper() and len(part) <= 5 and out:
            continue  # credentials such as "MD" or "RD"
        out.append(part)
    return out


def choose_authors(declared: Declared, bylines: list[str]) -> list[str]:
    for source in (declared.authors, bylines):
        names: list[str] = []
        for value in source:
            for name in split_names(value):
                if name.lower() not in (n.lower() for n in names):
                    names.append(name)
        if names:
            return names[:8]
    return []


def iso_day(value: str | None) -> str | None:
    if not value:
        return None
    m = ISO_DAY.search(value)
    if m:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return parse_date(value)


def choose_date(declared: Declared, visible: list[str], page_source: Callable[[], str]) -> str | None:
    for value in (*declared.dates, *visible):
        day = iso_day(value)
        if day:
            return day
    try:
        from htmldate import find_date

        found = find_date(page_source(), original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except Exception:  # htmldate must never break reading
        found = None
    return found or None


def visible_header(body: Any, title: str | None) -> dict:
    """Bylines, datelines, dek and kicker found near the visible headline."""
    out: dict = {"bylines": [], "dates": [], "dek": None, "kicker": None, "h1": None}
    h1 = _find_heading(body, title)
    out["h1"] = h1
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "time" and (el.get("datetime") or el.text_content().strip()):
            if not _in_boilerplate(el):
                out["dates"].append(el.get("datetime") or collapse(el.text_content()))
        ci = class_id(el)
        rel = (el.get("rel") or "").lower()
        if rel == "author" or el.get("itemprop") == "author" or (BYLINE_CLASS.search(ci) and el.tag in (
                "a", "span", "div", "p", "address", "li", "strong")):
            text = collapse(el.text_content())
            if 2 <= len(text) <= 80 and not _in_boilerplate(el):
                out["bylines"].append(text)
    if h1 is not None:
        out["dek"] = _dek_after(h1)
        out["kicker"] = _kicker_before(h1)
    return out


def _in_boilerplate(el: Any) -> bool:
    for anc in el.iterancestors():
        if anc.tag in ("footer", "nav", "aside") or re.search(r"comment|related|sidebar|footer|recommend",
                                                               class_id(anc)):
            return True
    return False


def _find_heading(body: Any, title: str | None) -> Any:
    tw = words(title)
    for tag in ("h1", "h2"):
        for el in body.iter(tag):
            if tw and words(el.text_content()) == tw:
                return el
    return None


def _dek_after(h1: Any) -> str | None:
    """A standfirst element right after the headline (by class), within its header block."""
    scope = h1.getparent()
    for _ in range(3):
        if scope is None:
            return None
        seen_h1 = False
        for el in scope.iter():
            if el is h1:
                seen_h1 = True
                continue
            if not seen_h1 or not isinstance(el.tag, str) or el.tag in ("a", "time", "img"):
                continue
            text = collapse(el.text_content())
            if DEK_CLASS.search(class_id(el)) and 6 <= len(text.split()) <= 80 and not BYLINE_CLASS.search(
                    class_id(el)):
                return text
            if el.tag in ("p", "h2") and el.getparent() is h1.getparent() and 8 <= len(text.split()) <= 60:
                return None  # the body starts right after the headline
        scope = scope.getparent()
    return None


def _kicker_before(h1: Any) -> str | None:
    scope = h1.getparent()
    for _ in range(2):
        if scope is None:
            return None
        last = None
        for el in scope.iter():
            if el is h1:
                break
            if isinstance(el.tag, str) and KICKER_CLASS.search(class_id(el)):
                text = collapse(el.text_content())
                if 1 <= len(text.split()) <= 5:
                    last = text
        if last:
            return last
        scope = scope.getparent()
    return None
