"""Finds a page's visible header around its headline: the byline, the dek (standfirst) and the kicker.

The title, authors and date are decided in html_title, html_authors and html_dates."""

from __future__ import annotations

import re
from typing import Any

from toolkit.readers.html.byline import find_bylines
from toolkit.readers.html.dom import class_id, collapse
from toolkit.readers.html.title import words

DEK_CLASS = re.compile(r"dek|standfirst|sub-?title|sub-?head(?!er)|summary|excerpt|lede|lead(?:-?in)?(?:$|[\s_-])|"
                       r"intro|description|teaser|strap|deck|abstract|synopsis|tagline", re.I)
KICKER_CLASS = re.compile(r"kicker|eyebrow|overline|rubric|flag|label|category|section|topic|super-?title|"
                          r"pre-?title|tag", re.I)
BYLINE_CLASS = re.compile(r"byline|author|writer|contributor|reporter|posted-?by|journalist", re.I)
# Boxes a content system sets into an article that are not its header: sign-up forms, promotions,
# related links, sharing bars, pictures. A "sub-heading" or "description" inside them is no standfirst.
PROMO_BOX = re.compile(r"sign-?up|subscri|newsletter|promo|related|recommend|share|social|advert|sponsor|"
                       r"paywall|register|cta\b|"
                       r"caption|credit|photo|image|img|media|gallery|video|figure", re.I)  # and pictures' captions
BODY_PARAGRAPH_WORDS = 15  # a paragraph this long, unmarked, means the article's body has begun


def _in_promo_box(el: Any, stop: Any) -> bool:
    for anc in [el, *el.iterancestors()]:
        if anc is stop:
            return False
        if anc.tag in ("form", "figure", "figcaption", "picture") or PROMO_BOX.search(class_id(anc)):
            return True
    return False


def visible_header(body: Any, title: str | None) -> dict:
    """Bylines, dek and kicker found near the visible headline (``h1``: its element, if found)."""
    out: dict = {"bylines": [], "dek": None, "kicker": None, "h1": None}
    h1 = _find_heading(body, title)
    out["h1"] = h1
    out["bylines"] = find_bylines(body, h1)
    if h1 is not None:
        out["dek"] = _dek_after(h1)
        out["kicker"] = _kicker_before(h1)
    return out


def _find_heading(body: Any, title: str | None) -> Any:
    tw = words(title)
    for tag in ("h1", "h2"):
        for el in body.iter(tag):
            if tw and words(el.text_content()) == tw:
                return el
    return None


def _dek_after(h1: Any) -> tuple[str, bool] | None:
    """A standfirst right after the headline and whether the markup says so (class, or an ``<h2>``
    straight after the ``<h1>``); else a lone sentence in the headline's box. Only between the
    headline and the body's first paragraph, and not inside a sign-up or promotion box."""
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
            if _in_promo_box(el, scope):
                continue
            if DEK_CLASS.search(class_id(el)) and 6 <= len(text.split()) <= 80 and not BYLINE_CLASS.search(
                    class_id(el)):
                return text, True
            if el.tag == "p" and len(text.split()) >= BODY_PARAGRAPH_WORDS and el.getparent() is not h1.getparent():
                return None  # the body has begun: a box marked "summary" lower down is no standfirst
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
