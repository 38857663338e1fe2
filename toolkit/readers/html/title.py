"""Chooses a web page's headline among its visible ``<h1>`` and the titles it declares.

Candidates: the visible ``<h1>`` elements (a site logo set as ``<h1>`` is not one), the JSON-LD
headline, ``og:title``, ``twitter:title``, other title meta tags and ``<title>``; each declared
title also without its site name (" | Site", "Site - ") and a genre label (" | Opinion").

Decision, on the page's own evidence:
1. an ``<h1>`` that a declared title confirms (same words, "&" read as "and"; or most of the
   declared title; or the same text where the ``<h1>`` lost characters to a broken encoding);
   where the ``<h1>`` is only part of a title that the JSON-LD headline, ``og:title`` and
   ``<title>`` all declare alike, that whole title;
2. on a news article whose JSON-LD headline no ``<h1>`` confirms, that headline: news sites
   declare the editorial headline there and may show a shortened display headline;
3. the page's one visible ``<h1>`` when it does not name the site;
4. the first declared title, a truncated one ("...") last;
5. the first ``<h1>``.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from toolkit.readers.html.dom import class_id, collapse
from toolkit.readers.html.metadata import Declared

WORD = re.compile(r"\w+")
TITLE_SEPARATORS = re.compile(r"\s+(?:[|•·»«~/]|::|[-–—:])\s+")
LABEL_SEPARATORS = re.compile(r"\s+[|•·–—-]\s+")
# Section or genre labels that pages append to a headline ("... | Opinion"); not part of it.
GENRE_LABELS = frozenset((
    "opinion", "analysis", "commentary", "editorial", "column", "review", "explainer", "interview",
    "podcast", "video", "videos", "watch", "live", "exclusive", "breaking", "obituary", "photos", "gallery",
    "letters", "feature", "features", "guest column", "op ed", "op-ed", "perspective", "news",
))
LOGO_MARK = re.compile(r"logo|brand|site-?title|site-?name|masthead|identity", re.I)
NEWS_TYPES = frozenset(("newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
                        "backgroundnewsarticle", "reviewnewsarticle", "liveblogposting"))
HEADLINE_MARK = re.compile(r"\b(?:entry|post|article|page)[-_]title\b", re.I)
TRUNCATED = re.compile(r"(?:…|\.\.\.)\s*$")
DAMAGED = re.compile(r"[?\ufffd]")


def words(text: str | None) -> list[str]:
    return WORD.findall((text or "").lower())


def title_words(text: str | None) -> list[str]:
    """Words for comparing titles: "&" and "and" are the same word."""
    return WORD.findall((text or "").lower().replace("&", " and "))


def contains(hay: list[str], needle: list[str]) -> bool:
    if not needle or len(needle) > len(hay):
        return False
    n = len(needle)
    return any(hay[i:i + n] == needle for i in range(len(hay) - n + 1))


def site_hints(declared: Declared) -> list[str]:
    """Names the site goes by: declared site names and publishers, and its domain ("apps.example.com" -> "example")."""
    hints = [*declared.site_names, *declared.publishers]
    for url in declared.urls[:2]:
        host = urlsplit(url).hostname or ""
        labels = [x for x in host.split(".") if x and x != "www"]
        if len(labels) >= 2:
            hints.append(labels[-2] if len(labels[-1]) > 2 or len(labels) == 2 else labels[-3])
    return [h for h in hints if h]


def _names_site(part: str, sites: list[str]) -> bool:
    pw = words(part)
    if not pw:
        return False
    joined = "".join(pw)
    for s in sites:
        sw = words(s)
        if not sw:
            continue
        if contains(sw, pw) or (contains(pw, sw) and len(pw) <= len(sw) + 1):
            return True
        if len(sw) == 1 and len(sw[0]) >= 4 and (joined == sw[0] or (sw[0] in pw and len(pw) <= 3)):
            return True  # "Cider Notes" for cidernotes.com, "Example App Store" for example.com
    return False


def strip_site_name(title: str, site_names: list[str]) -> str:
    """"Headline | Site" -> "Headline": drop the parts that name the site (or the shorter tail)."""
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) == 1:
        return title.strip()
    keep = [p for p in parts if not _names_site(p, site_names)] or parts
    if len(keep) == 1:
        return keep[0].strip()
    return max(keep, key=lambda p: (len(words(p)), -keep.index(p))).strip()


def strip_label(title: str) -> str:
    """"Headline | Opinion" -> "Headline": a genre label before or after a separator is not headline."""
    cuts = list(LABEL_SEPARATORS.finditer(title))
    if not cuts:
        return title
    if " ".join(words(title[cuts[-1].end():])) in GENRE_LABELS:
        return title[:cuts[-1].start()].strip()
    if " ".join(words(title[:cuts[0].start()])) in GENRE_LABELS:
        return title[cuts[0].end():].strip()
    return title


def is_logo_heading(h1: Any) -> bool:
    """An ``<h1>`` that holds the site's logo or name (marked so, or just a link to the home page)."""
    for el in [h1, *list(h1.iterancestors())[:3]]:
        if el.tag in ("article", "main"):
            break
        if LOGO_MARK.search(class_id(el)):
            return True
    links = list(h1.iter("a"))
    text = collapse(h1.text_content())
    return len(links) == 1 and (links[0].get("href") or "").strip() in ("/", "./", "#") \
        and collapse(links[0].text_content()) == text


def visible_headings(body: Any, site_names: list[str] = ()) -> list[str]:
    """The texts of the page's ``<h1>`` elements, without site logos.

    Where every ``<h1>`` only names the site, the first ``<h2>``/``<h3>`` marked as the headline
    (``itemprop="headline"``, "entry-title") stands in for it.
    """
    found = [t for h in body.iter("h1") if not is_logo_heading(h) and (t := collapse(h.text_content()))]
    if any(not _names_site(t, list(site_names)) for t in found):
        return found
    for el in body.iter("h2", "h3"):
        if (el.get("itemprop") or "").lower() == "headline" or HEADLINE_MARK.search(el.get("class") or ""):
            text = collapse(el.text_content())
            if len(words(text)) >= 3:
                return [*found, text]
    return found


def _damaged_match(shown: str, declared: str) -> bool:
    """The ``<h1>`` is the declared title with characters lost to "?" by a broken encoding."""
    if not 1 <= len(DAMAGED.findall(shown)) <= 6 or len(shown) < 12:
        return False
    pattern = "".join(".{0,3}" if DAMAGED.fullmatch(c) else re.escape(c) for c in shown)
    return re.fullmatch(pattern, declared, re.I | re.S) is not None and shown != declared


def _declared(declared: Declared) -> list[tuple[str, str]]:
    """(source, title) of every declared title, the JSON-LD headline first and ``<title>`` last."""
    order = {"json-ld": 0, "og:title": 1, "twitter:title": 2, "title": 4}
    found = sorted(declared.title_sources, key=lambda st: order.get(st[0], 3))
    known = {t for _, t in found}
    extra = [("meta", t) for t in declared.titles if t not in known]
    return [st for st in found if st[0] != "title"] + extra + [st for st in found if st[0] == "title"]


def _confirmed(heading: str, full: str, main: str) -> str | None:
    """The text to use when a declared title (``full``, or ``main`` without the site) confirms ``heading``."""
    hw, fw, mw = title_words(heading), title_words(full), title_words(main)
    if not hw:
        return None
    if hw == fw:
        return full
    if hw == mw:
        return main
    if contains(fw, hw) and len(hw) >= max(2, 0.6 * len(mw)):
        return heading
    return next((t for t in (main, full) if _damaged_match(heading, t)), None)


def _agreed(cands: list[tuple[str, str, str]]) -> str | None:
    """The title that the JSON-LD headline, ``og:title`` and ``<title>`` (site name removed) all give,
    when at least two of them are declared and none differs."""
    mains = {src: main for src, _, main in reversed(cands) if src in ("json-ld", "og:title", "title") and main}
    if len(mains) < 2 or len({tuple(title_words(m)) for m in mains.values()}) != 1:
        return None
    return strip_label(mains.get("json-ld") or mains.get("og:title") or mains["title"])


def choose_title(declared: Declared, headings: list[str]) -> tuple[str | None, str]:
    """The headline and where it came from (see the module's docstring)."""
    sites = site_hints(declared)
    cands = [(src, full, strip_label(strip_site_name(full, sites))) for src, full in _declared(declared)]
    agreed = _agreed(cands)
    for h in headings:
        for _, full, main in cands:
            text = _confirmed(h, full, main)
            if text:
                if agreed and text == h and title_words(h) != title_words(agreed) \
                        and contains(title_words(agreed), title_words(h)):
                    return agreed, "the declared titles agree on the whole of a shortened visible headline"
                return strip_label(text), "visible headline that the page's metadata confirms"
    ld = next((main for src, _, main in cands if src == "json-ld"), None)
    if ld and set(declared.ld_types) & NEWS_TYPES:
        return ld, "the news article's declared headline"
    distinct = [h for h in dict.fromkeys(headings) if words(h) and not _names_site(h, sites)]
    if len(distinct) == 1 and len(words(distinct[0])) >= 4 and not any(
            contains(words(distinct[0]), words(s)) for s in declared.site_names if words(s)):
        return strip_label(distinct[0]), "the page's one visible headline"
    mains = [main for _, full, main in cands if main and not TRUNCATED.search(full)]
    mains += [main for _, full, main in cands if main and TRUNCATED.search(full)]
    if mains:
        return mains[0], "page metadata (site name removed)"
    if headings:
        return headings[0], "first visible headline"
    return None, ""


def shown_headline(title: str | None, headings: list[str]) -> str | None:
    """The visible headline that stands for ``title`` on the page: itself, or the page's one ``<h1>``
    when a declared headline was preferred to it (the page's header and body are found from there)."""
    tw = words(title)
    if not tw or any(words(h) == tw for h in headings):
        return title
    distinct = list(dict.fromkeys(h for h in headings if words(h)))
    if len(distinct) == 1 and len(set(words(distinct[0])) & set(tw)) >= 0.5 * len(set(tw)):
        return distinct[0]
    return title
