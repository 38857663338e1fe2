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
        langs: Counter = Counter()
        dirs: Counter = Counter()
        for s in segments:
            langs[_primary(self.inherited(s.el, _lang))] += s.words
            dirs[self.inherited(s.el, _dir)] += s.words
        known = [(n, tag) for tag, n in langs.items() if tag]
        self.lang = _primary(language) if not known or langs[None] > max(known)[0] else max(known)[1]
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
        """True if ``el`` sets a language or direction other than the one its surroundings are in."""
        if not isinstance(el.tag, str) or el.tag in NOT_BOXES:
            return False
        lang, direction = _lang(el), _dir(el)
        if not lang and not direction:
            return False
        parent = el.getparent()
        around_lang = (_primary(self.inherited(parent, _lang)) if parent is not None else None) or self.lang
        around_dir = (self.inherited(parent, _dir) if parent is not None else None) or self.dir
        return bool((lang and _primary(lang) != around_lang) or (direction and direction != around_dir))

    @staticmethod
    def attr(el: Any) -> Attr:
        kv = []
        if _lang(el):
            kv.append(("lang", _lang(el)))
        if _dir(el):
            kv.append(("dir", _dir(el)))
        return Attr(kv=tuple(kv))
