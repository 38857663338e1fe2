"""Turns the kept page segments into document blocks: paragraphs, headings, lists, quotes, figures."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

from toolkit.readers.html.figures import figure_parts, image_src, is_decorative, split_trailing_credit
from toolkit.readers.html.segments import Segment
from toolkit.tree.nodes import (
    BlockQuote,
    Code,
    CodeBlock,
    Emph,
    Figure,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Para,
    Strong,
    Text,
)

EMPH_TAGS = frozenset(("em", "i", "cite", "dfn", "var"))
STRONG_TAGS = frozenset(("strong", "b"))
CODE_TAGS = frozenset(("code", "kbd", "samp", "tt"))
_WS = re.compile(r"\s+")


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
        if tag in ("img", "picture", "figure", "sup") and not (tag == "sup" and el.text_content().strip()):
            return []
        inner = self.children(el)
        if tag in EMPH_TAGS:
            return [Emph(tuple(inner))] if _has_text(inner) else inner
        if tag in STRONG_TAGS:
            return [Strong(tuple(inner))] if _has_text(inner) else inner
        if tag in CODE_TAGS:
            return [Code(_WS.sub(" ", el.text_content()))] if el.text_content().strip() else []
        if tag == "a":
            url = self.href(el.get("href") or "")
            if url and _has_text(inner):
                return [Link(tuple(inner), url, el.get("title") or "")]
        return inner


def _has_text(inlines: list[Inline]) -> bool:
    for node in inlines:
        if isinstance(node, (Text, Code)) and node.text.strip():
            return True
        if hasattr(node, "children") and _has_text(list(node.children)):
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


def _ancestor(el: Any, tags: tuple[str, ...], stop: Any = None) -> Any:
    for anc in el.iterancestors():
        if anc is stop:
            return None
        if anc.tag in tags:
            return anc
    return None


def image_ref(src: str) -> str:
    """Protocol-relative addresses get https; relative paths stay relative to the page's folder."""
    return "https:" + src if src.startswith("//") else src


def build_blocks(segments: list[Segment], base_url: str | None = None) -> list:
    """Blocks for the kept segments, in order; list items and block quotes are regrouped."""
    conv = InlineConverter(base_url)
    out: list = []
    list_el = quote_el = None
    items: list[tuple] = []
    quoted: list = []

    def close_list() -> None:
        nonlocal list_el, items
        if items:
            out_target().append(ListBlock(list_el is not None and list_el.tag == "ol", tuple(items)))
        list_el, items = None, []

    def out_target() -> list:
        return quoted if quote_el is not None else out

    def close_quote() -> None:
        nonlocal quote_el, quoted
        close_list()
        if quoted:
            out.append(BlockQuote(tuple(quoted)))
        quote_el, quoted = None, []

    for seg in segments:
        bq = _ancestor(seg.el, ("blockquote",)) if seg.kind not in ("figure", "image") else None
        if bq is not quote_el:
            close_quote()
            quote_el = bq
        block = segment_block(seg, conv)
        if block is None:
            continue
        if seg.kind == "item":
            owner = _ancestor(seg.el, ("ul", "ol", "dl")) if seg.el.tag != "dl" else seg.el
            if owner is not list_el:
                close_list()
                list_el = owner
            items.append((block,))
            continue
        close_list()
        target = out_target()
        if seg.kind == "caption" and target and isinstance(target[-1], Figure) and not target[-1].caption:
            prev = target[-1]
            target[-1] = Figure(prev.src, prev.alt, block.caption, block.credit or prev.credit, prev.attr)
            continue
        target.append(block)
    close_quote()
    return out


def segment_block(seg: Segment, conv: InlineConverter) -> Any:
    if seg.kind == "figure":
        parts = figure_parts(seg.el)
        if not (parts.src or parts.caption or parts.credit):
            return None
        return Figure(image_ref(parts.src), parts.alt, _text(parts.caption), _text(parts.credit))
    if seg.kind == "image":
        if is_decorative(seg.el) or not image_src(seg.el):
            return None
        return Figure(image_ref(image_src(seg.el)), (seg.el.get("alt") or "").strip())
    if seg.kind == "caption":
        caption, credit = split_trailing_credit(seg.text)
        return Figure("", "", _text(caption), _text(credit))
    if seg.kind == "pre":
        return CodeBlock(seg.el.text_content().strip("\n"))
    if seg.kind == "row":
        return Para((Text(seg.text),))
    inlines = conv.children(seg.el) if seg.kind == "heading" else conv.run(seg.run)
    inlines = tidy(list(inlines))
    if not inlines:
        return None
    if seg.kind == "heading":
        return Heading(max(2, min(seg.level, 6)), _unwrap_strong(inlines))
    return Para(inlines)


def _unwrap_strong(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    if len(inlines) == 1 and isinstance(inlines[0], Strong):
        return tuple(inlines[0].children)
    return inlines


def _text(value: str) -> tuple[Inline, ...]:
    return (Text(value),) if value else ()
