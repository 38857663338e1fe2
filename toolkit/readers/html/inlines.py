"""Turns inline page markup into inline nodes: emphasis, code, links, struck/underlined/raised words, formulas."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

from toolkit.readers.html.mathml import is_math, math_node
from toolkit.tree.nodes import Code, Emph, Inline, LineBreak, Link, Math, Strong, Styled, Text

EMPH_TAGS = frozenset(("em", "i", "cite", "dfn", "var"))
STRONG_TAGS = frozenset(("strong", "b"))
CODE_TAGS = frozenset(("code", "kbd", "samp", "tt"))
# Typography that carries meaning (struck-out words are not the author's claim; "H2O" is not H₂O).
STYLED_TAGS = {"del": "strikeout", "s": "strikeout", "strike": "strikeout", "ins": "underline", "u": "underline",
               "sup": "superscript", "sub": "subscript"}
SMALL_CAPS = re.compile(r"small-?caps|smcp", re.I)
_WS = re.compile(r"\s+")


def _small_caps(el: Any) -> bool:
    """A ``<small>`` or ``<span>`` set in small capitals by its class or inline style."""
    if el.tag not in ("small", "span", "abbr"):
        return False
    return bool(SMALL_CAPS.search(el.get("class") or "")
                or re.search(r"font-variant[^;]*small-caps", el.get("style") or "", re.I))


class InlineConverter:
    """Inline markup to inline nodes; links are made absolute against the page address if known."""

    def __init__(self, base_url: str | None = None):
        self.base_url = base_url

    def href(self, value: str) -> str | None:
        value = (value or "").strip()
        if not value or (value.lower().startswith(("javascript:", "data:", "#")) and not value.startswith("#fn")):
            return None
        if self.base_url and not re.match(r"^[a-z][a-z0-9+.-]*:", value, re.I):
            return urljoin(self.base_url, value)
        return value

    def run(self, pieces: list) -> tuple[Inline, ...]:
        out: list[Inline] = []
        for piece in pieces:
            if isinstance(piece, str):
                out.append(Text(piece))
            else:
                out.extend(self.element(piece))
        return tidy(out)

    def children(self, el: Any) -> list[Inline]:
        out: list[Inline] = [Text(el.text)] if el.text else []
        for child in el:
            if isinstance(child.tag, str):
                out.extend(self.element(child))
            if child.tail:
                out.append(Text(child.tail))
        return out

    def element(self, el: Any) -> list[Inline]:
        tag = el.tag
        if tag == "br":
            return [LineBreak()]
        if is_math(el):
            node = math_node(el)
            return [node] if node else []
        if tag in ("img", "picture", "figure", "sup") and not (tag == "sup" and el.text_content().strip()):
            return []
        inner = self.children(el)
        if tag in EMPH_TAGS:
            return [Emph(tuple(inner))] if has_text(inner) else inner
        if tag in STRONG_TAGS:
            return [Strong(tuple(inner))] if has_text(inner) else inner
        if tag in CODE_TAGS:
            return [Code(_WS.sub(" ", el.text_content()))] if el.text_content().strip() else []
        if tag in STYLED_TAGS or _small_caps(el):
            style = STYLED_TAGS.get(tag, "smallcaps")
            return [Styled(style, tuple(inner))] if has_text(inner) else inner
        if tag == "a":
            url = self.href(el.get("href") or "")
            if url and has_text(inner):
                return [Link(tuple(inner), url, el.get("title") or "")]
        return inner


def has_text(inlines: list[Inline] | tuple[Inline, ...]) -> bool:
    for node in inlines:
        if isinstance(node, (Text, Code, Math)) and node.text.strip():
            return True
        if hasattr(node, "children") and has_text(list(node.children)):
            return True
    return False


def tidy(inlines: list[Inline]) -> tuple[Inline, ...]:
    """Collapse white space across text nodes, merge neighbours, trim both ends."""
    merged: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text):
            text = _WS.sub(" ", node.text.replace("\u00ad", "").replace("\u200b", ""))
            if merged and isinstance(merged[-1], Text):
                merged[-1] = Text(_WS.sub(" ", merged[-1].text + text))
            elif text:
                merged.append(Text(text))
        else:
            merged.append(node)
    while merged and isinstance(merged[0], Text) and not merged[0].text.strip():
        merged.pop(0)
    while merged and (isinstance(merged[-1], LineBreak) or (isinstance(merged[-1], Text) and not merged[-1].text.strip())):
        merged.pop()
    while merged and isinstance(merged[0], LineBreak):
        merged.pop(0)
    if merged and isinstance(merged[0], Text):
        merged[0] = Text(merged[0].text.lstrip())
    if merged and isinstance(merged[-1], Text):
        merged[-1] = Text(merged[-1].text.rstrip())
    return tuple(merged)
