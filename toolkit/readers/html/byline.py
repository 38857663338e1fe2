"""Finds the visible byline of a page: author links, byline-named elements and "By ..." lines near the headline."""

from __future__ import annotations

import re
from typing import Any

from toolkit.language.dates import find_dates, parse_date
from toolkit.readers.bylines import NOT_AUTHOR, clean_name, names_in
from toolkit.readers.html.dom import class_id, collapse

BYLINE_CLASS = re.compile(r"byline|author|writer|contributor|reporter|posted-?by|journalist|article-?by", re.I)
AUTHOR_HREF = re.compile(r"/(?:authors?|writers?|staff|profiles?|people|contributors?|columnists?|journalists?|"
                         r"reporters?|byline|team-member|u|user|users)/[^/?#]+/?(?:$|[?#])", re.I)
BYLINE_LABEL = re.compile(r"^(?:by|written by|article by|words by|story by|author|authors|author\(s\)|posted by)\s*:?$",
                          re.I)
DATED_BY = re.compile(r"\s[Bb]y:?\s+(?=[A-Z])")
HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


def spaced_text(el: Any) -> str:
    """Text of ``el`` with its elements' boundaries as spaces ("<b>By</b><a>Jo Lee</a>" -> "By Jo Lee")
    and list items apart as a list ("<li>Jo Lee</li><li>Al Roe</li>" -> "Jo Lee, Al Roe")."""
    parts: list[str] = []

    def walk(e: Any) -> None:
        if isinstance(e.tag, str):
            prev = e.getprevious()
            if e.tag == "li" and prev is not None and prev.tag == "li":
                parts.append(",")
            parts.append(e.text or "")
            for child in e:
                walk(child)
        if e is not el:
            parts.append(e.tail or "")

    walk(el)
    return collapse(" ".join(parts)).replace(" ,", ",")


def _skip(el: Any) -> bool:
    for n, anc in enumerate([el, *el.iterancestors()]):
        if anc.tag in ("body", "html", "main", "article") or n > 8:
            return False
        if anc.tag == "aside" and any(a.tag == "article" for a in anc.iterancestors()):
            continue  # the article's own margin, where bylines and dates often stand
        if anc.tag in ("footer", "nav", "aside", "form") or re.search(
                r"comment|related|recommend|sidebar|footer|newsletter|share|social|menu|dropdown", class_id(anc)):
            return True
    return False


def _only_date(text: str) -> bool:
    """A date with at most a label around it ("Posted on 3 May 2024 at 10:00")."""
    found = [(s, e) for s, e, v in find_dates(text) if len(v) == 10]
    if not found:
        return False
    rest = text
    for s, e in reversed(found):
        rest = rest[:s] + rest[e:]
    return len(re.findall(r"[^\W\d_]{3,}", rest)) <= 3


def _candidates(body: Any) -> list[tuple[Any, list[str]]]:
    found: list[tuple[Any, list[str]]] = []
    for el in body.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "img"):
            continue
        rel = (el.get("rel") or "").lower().split()
        itemprop = (el.get("itemprop") or "").lower()
        names: list[str] = []
        if "author" in rel or (el.tag == "a" and AUTHOR_HREF.search(el.get("href") or "")):
            name = clean_name(el.text_content())
            names = [name] if name else []
        elif itemprop == "author":
            inner = el.find(".//*[@itemprop='name']")
            names = names_in(inner.get("content") or inner.text_content() if inner is not None else el.text_content())
        elif BYLINE_CLASS.search(class_id(el)) and len(collapse(el.text_content())) <= 160:
            if any(BYLINE_CLASS.search(class_id(d)) for d in el.iterdescendants() if isinstance(d.tag, str)):
                continue  # the innermost byline element speaks
            names = [n for n in names_in(spaced_text(el)) if len(n.split()) >= 2]  # not "Industry"
        elif el.tag in ("p", "span", "div", "address", "li", "h2", "h3", "h4", "h5", "h6", "dt", "strong", "em") \
                and len(el) <= 4:
            text = spaced_text(el)
            if re.match(r"^(?:[Ww]ritten\s+)?[Bb][Yy]:?\s+[A-Z]", text) and len(text.split()) <= 12:
                names = names_in(text)
                if el.tag in HEADINGS:  # "By Region", "By Functionality": a section heading, not a byline
                    names = [n for n in names if len(n.split()) >= 2]
            elif BYLINE_LABEL.match(text):
                follower = el.getnext()
                listed = follower is not None and follower.tag in ("ul", "ol") and len(follower) <= 8
                if follower is not None and len(collapse(follower.text_content()).split()) <= (30 if listed else 6):
                    names = names_in(spaced_text(follower))
                    if not AUTHOR_HREF.search(follower.get("href") or ""):  # "App by Vendor": not one word
                        names = [n for n in names if len(n.split()) >= 2]
            elif len(text.split()) <= 24 and (dated := DATED_BY.search(text)) and _only_date(text[:dated.start()]):
                names = names_in(text[dated.end():])  # "03/01/2017 by Jo Lee, Reporter"
            elif len(text.split()) <= 14 and re.search(r"\s[|•·]\s", text) and parse_date(text):
                first = re.split(r"\s[|•·]\s", text)[0]
                name = clean_name(first) if len(first.split()) <= 4 else None
                names = [name] if name and len(name.split()) >= 2 else []
        if names and not _skip(el):
            found.append((el, names))
    return found


def find_bylines(body: Any, h1: Any) -> list[str]:
    """Author names from the first byline after the headline (or the first on the page)."""
    cands = _candidates(body)
    if not cands:
        return []
    if h1 is not None:
        order = {el: n for n, el in enumerate(body.iter())}
        h1_pos = order.get(h1, 0)
        later = [c for c in cands if order.get(c[0], 0) > h1_pos]
        before = [c for c in cands if order.get(c[0], 0) < h1_pos]
        cands = later + before[::-1]
    el, names = cands[0]
    # co-authors: other author links inside the same byline box
    box = el
    for _ in range(3):  # the byline's own small box, not the article around it
        parent = box.getparent()
        if parent is None or len(collapse(parent.text_content())) > 300:
            break
        box = parent
    for other, more in cands[1:]:
        linked = other.tag == "a" or "author" in (other.get("rel") or "") or \
            (other.get("itemprop") or "").lower() == "author"  # microdata: one element per author
        parent = other.getparent()
        context = collapse(parent.text_content())[:200] if parent is not None else ""
        if NOT_AUTHOR.search(context):
            continue  # a reviewer's or editor's link next to the byline
        if linked and box is not None and any(a is box for a in other.iterancestors()):
            for name in more:
                if name.lower() not in (n.lower() for n in names):
                    names.append(name)
    return names[:6]
