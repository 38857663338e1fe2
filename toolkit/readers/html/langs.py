"""Finds the page elements whose ``lang`` or ``dir`` differs from the text around them, and their Attr.

The article's own language and direction are the ones most of its words are in (or the page's
declared language); an element that switches to another language or writing direction is kept
as a Div (or in its block's Attr) so that writers can set it apart.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from toolkit.tree.nodes import Attr

DIRECTIONS = ("ltr", "rtl")
# Elements that cannot be boxes of their own: their language goes with the row, item or term they are in.
NOT_BOXES = frozenset(("html", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "caption"))


def _lang(el: Any) -> str | None:
    value = el.get("lang") or el.get("xml:lang")
    return value.strip() if value and value.strip() else None


def _dir(el: Any) -> str | None:
    value = (el.get("dir") or "").strip().lower()
    return value if value in DIRECTIONS else None


def _primary(tag: str | None) -> str | None:
    return tag.split("-")[0].split("_")[0].lower() if tag else None


class LanguageBoxes:
    """Answers "does this element switch language or direction?" for the elements of one page."""

    def __init__(self, segments: list, language: str | None = None):
        self.memo: dict = {}
        self.boxes: dict = {}
        tags: Counter = Counter()
        dirs: Counter = Counter()
        for s in segments:
            tags[self.inherited(s.el, _lang)] += s.words
            dirs[self.inherited(s.el, _dir)] += s.words
        known = [(n, tag) for tag, n in tags.items() if tag]
        # the language most of the article's words are in, as its markup declares it (None: undeclared)
        self.tag = None if not known or tags[None] > max(known)[0] else max(known)[1]
        self.lang = _primary(self.tag) or _primary(language)
        self.dir = max(((n, d) for d, n in dirs.items() if d), default=(0, "ltr"))[1] \
            if sum(n for d, n in dirs.items() if d) > dirs[None] else "ltr"

    def inherited(self, el: Any, read) -> str | None:
        """The value of ``lang`` or ``dir`` that ``el`` is in (its own or its nearest ancestor's)."""
        key = (el, read)
        if key not in self.memo:
            own = read(el)
            parent = el.getparent()
            self.memo[key] = own if own or parent is None else self.inherited(parent, read)
        return self.memo[key]

    def switches(self, el: Any) -> bool:
        """True if ``el`` sets a language or direction other than the one the text around it is in: that
        of the nearest enclosing element that switches, else the article's own (whatever the page's
        outer elements declare: a site in one language may carry an article in another)."""
        if el not in self.boxes:
            self.boxes[el] = self._switches(el)
        return self.boxes[el]

    def _switches(self, el: Any) -> bool:
        if not isinstance(el.tag, str) or el.tag in NOT_BOXES:
            return False
        lang, direction = _lang(el), _dir(el)
        if not lang and not direction:
            return False
        around_lang, around_dir = None, None
        for anc in el.iterancestors():
            if (around_lang is None or around_dir is None) and self.switches(anc):
                around_lang = around_lang or _lang(anc)
                around_dir = around_dir or _dir(anc)
        around_lang = _primary(around_lang) or self.lang
        around_dir = around_dir or self.dir
        return bool((lang and _primary(lang) != around_lang) or (direction and direction != around_dir))

    def article_language(self, declared: str | None) -> str | None:
        """The page's declared language, unless the article's own markup says it is in another one."""
        if self.tag and _primary(self.tag) != _primary(declared):
            return self.tag
        return declared

    @staticmethod
    def attr(el: Any) -> Attr:
        kv = []
        if _lang(el):
            kv.append(("lang", _lang(el)))
        if _dir(el):
            kv.append(("dir", _dir(el)))
        return Attr(kv=tuple(kv))
