"""Decides a page's title, dek, kicker, authors and date from declared metadata and the visible header."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from toolkit.datetext import parse_date
from toolkit.readers.html_byline import find_bylines
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
    """The headline and where it came from; a visible ``<h1>`` wins when the metadata agrees with it.

    An ``<h1>`` agrees when it is a declared title, or its headline part once the site name is cut
    off, or most of it (so a site logo in an ``<h1>`` does not pass for the headline). The text is
    taken from the declared title when the two differ only in punctuation.
    """
    metas = [t for t in [*declared.titles, declared.head_title] if t]
    mains = [strip_site_name(t, declared.site_names) for t in metas]
    for h in headings:
        hw = words(h)
        if not hw:
            continue
        for full, main in zip(metas, mains, strict=True):
            mw = words(main)
            if hw in (words(full), mw) or (_contains(words(full), hw) and len(hw) >= max(2, 0.6 * len(mw))):
                same = next((t for t in (full, main) if words(t) == hw), h)
                return same, "visible headline that the page's metadata confirms"
    distinct = list(dict.fromkeys(h for h in headings if words(h)))
    sites = [words(x) for x in declared.site_names]
    if len(distinct) == 1 and len(words(distinct[0])) >= 4 and not any(
            _contains(words(distinct[0]), s) for s in sites if s):
        return distinct[0], "the page's one visible headline"
    if mains:
        return mains[0], "page metadata (site name removed)"
    if headings:
        return headings[0], "first visible headline"
    return None, ""


def _handle_like(name: str) -> bool:
    """"jdoe", "andrew.keaveney", "@site": user names, not bylines."""
    return " " not in name.strip() and (name.islower() or bool(re.search(r"[._@\d]", name)))


def choose_authors(declared: Declared, bylines: list[str]) -> list[str]:
    """JSON-LD people, else the visible byline, else meta tags, else JSON-LD organisations."""
    from toolkit.readers.html_byline import names_in

    sources = (declared.ld_people, bylines, [a for a in declared.authors if not _handle_like(a)], declared.ld_orgs)
    handles = [a.strip().lstrip("@") for a in declared.authors if _handle_like(a) and len(a) <= 40]
    for source in sources:
        names: list[str] = []
        for value in source:
            for name in names_in(value):
                if name.lower() not in (n.lower() for n in names):
                    names.append(name)
        if names:
            return names[:8]
    return handles[:1]  # a user name is still the page's own statement of who wrote it


def iso_day(value: str | None) -> str | None:
    if not value:
        return None
    m = ISO_DAY.search(value)
    if m:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return parse_date(value)


def choose_date(declared: Declared, visible: list[str], page_source: Callable[[], str]) -> str | None:
    """The declared publication date, else the first date shown after the headline, else htmldate's guess."""
    for value in (*declared.dates, *visible[:1]):
        day = iso_day(value)
        if day:
            return day
    try:
        from htmldate import find_date

        found = find_date(page_source(), original_date=True, extensive_search=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate must never break reading
        found = None
    if found and found.endswith("-01-01"):
        return None  # a year alone, not a day
    return found or None


def visible_header(body: Any, title: str | None) -> dict:
    """Bylines, datelines, dek and kicker found near the visible headline."""
    out: dict = {"bylines": [], "dates": [], "dek": None, "kicker": None, "h1": None}
    h1 = _find_heading(body, title)
    out["h1"] = h1
    seen_h1 = h1 is None
    for el in body.iter():
        if el is h1:
            seen_h1 = True
        if not seen_h1 or not isinstance(el.tag, str):
            continue
        if el.tag == "time" and (el.get("datetime") or el.text_content().strip()):
            if not _in_boilerplate(el):
                out["dates"].append(el.get("datetime") or collapse(el.text_content()))
    out["bylines"] = find_bylines(body, h1)
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


def _dek_after(h1: Any) -> tuple[str, bool] | None:
    """A standfirst right after the headline and whether the markup says so (class, or an ``<h2>``
    straight after the ``<h1>``); else a lone sentence in the headline's box."""
    follower = h1.getnext()
    if follower is not None and follower.tag == "h2" and 6 <= len(follower.text_content().split()) <= 60:
        return collapse(follower.text_content()), True
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
                return text, True
            if el.tag in ("p", "h2", "h3") and el.getparent() is h1.getparent() and 8 <= len(text.split()) <= 60:
                # a sentence next to the headline is its dek when the box is a header, not the body
                long_paras = sum(1 for p in h1.getparent().iter("p") if len(p.text_content().split()) >= 8)
                if long_paras <= 1 and not BYLINE_CLASS.search(class_id(el)):
                    return text, False
                return None
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
