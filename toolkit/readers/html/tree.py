"""Turns the kept page segments into document blocks: paragraphs, headings, lists, quotes, figures,
tables, definition lists, and boxes in another language or writing direction."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from toolkit.readers.html.definitions import build_definition_list
from toolkit.readers.html.figures import figure_parts, image_src, is_decorative, split_trailing_credit
from toolkit.readers.html.inlines import InlineConverter, tidy
from toolkit.readers.html.langs import LanguageBoxes
from toolkit.readers.html.segments import Segment, cut_box
from toolkit.readers.html.tables import build_table
from toolkit.tree.nodes import (
    Attr,
    Block,
    BlockQuote,
    CodeBlock,
    Div,
    Figure,
    Heading,
    Inline,
    ListBlock,
    Para,
    Strong,
    Table,
    Text,
)

__all__ = ["InlineConverter", "build_blocks", "segment_block", "tidy"]
LIST_TYPES = {"1": "decimal", "a": "lower-alpha", "A": "upper-alpha", "i": "lower-roman", "I": "upper-roman"}
LIST_STYLE = re.compile(r"list-style(?:-type)?\s*:[^;]*?\b(decimal|lower-alpha|upper-alpha|lower-roman|upper-roman|"
                        r"lower-latin|upper-latin)\b", re.I)
CODE_LANGUAGE = re.compile(r"^(?:language|lang|highlight-source|highlight)-([\w+#.-]+)$", re.I)


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


def build_blocks(segments: list[Segment], base_url: str | None = None, language: str | None = None) -> list:
    """Blocks for the kept segments, in order; list items, quotes, tables, definition lists and
    boxes in another language are regrouped (``language``: the page's declared language)."""
    return _Builder(InlineConverter(base_url), LanguageBoxes(segments, language)).blocks(segments, None)


class _Builder:
    def __init__(self, conv: InlineConverter, langs: LanguageBoxes):
        self.conv = conv
        self.langs = langs
        self.used_captions: set = set()  # figure captions read as a table's caption

    def container(self, seg: Segment, stop: Any) -> Any:
        """The outermost element below ``stop`` that the segment's block is regrouped into, or None."""
        found = None
        for el in [seg.el, *seg.el.iterancestors()]:
            if el is stop:
                break
            if el is seg.owner or self.langs.switches(el) or (
                    el.tag == "blockquote" and seg.kind not in ("figure", "image")):
                found = el
        return found

    def blocks(self, segments: list[Segment], stop: Any) -> list:
        out: list = []
        boxes = [self.container(s, stop) for s in segments]
        i = 0
        while i < len(segments):
            j = i + 1
            while j < len(segments) and boxes[j] is boxes[i]:
                j += 1
            if boxes[i] is None:
                self.flat(segments[i:j], out)
            else:
                block = self.boxed(boxes[i], segments[i:j])
                if block is not None:
                    out.append(block)
            i = j
        return out

    def boxed(self, box: Any, segments: list[Segment]) -> Any:
        switches = self.langs.switches(box)
        if box is segments[0].owner and box.tag == "table":
            block = self.table(box, segments)
        elif box is segments[0].owner:
            kept = {el for s in segments for el in [s.el, *s.el.iterancestors()] if el is not box}
            block = build_definition_list(box, self.box_blocks, self.inlines, lambda el: el in kept)
        else:
            inner = self.blocks(segments, box)
            if box.tag == "blockquote":
                block = BlockQuote(tuple(inner)) if inner else None
            elif len(inner) == 1 and box.tag not in ("div", "section", "article", "main", "aside", "span", "body",
                                                      "header", "footer", "figure", "center", "details", "font"):
                block = inner[0]  # a paragraph, heading or list in another language keeps it in its own Attr
            else:
                return Div(tuple(inner), self.langs.attr(box)) if inner else None
        if block is not None and switches and hasattr(block, "attr"):
            attr = block.attr
            for k, v in self.langs.attr(box).kv:
                attr = attr.with_kv(k, v)
            block = dataclasses.replace(block, attr=attr)
        return block

    def table(self, table: Any, segments: list[Segment]) -> Table | None:
        rows = {s.el for s in segments}  # the rows content selection kept (gaps between them are filled there)
        figcaption = _figure_caption(table)
        caption = self.inlines(figcaption) if figcaption is not None else ()
        block = build_table(table, self.box_blocks, self.inlines, rows.__contains__, caption)
        if block is not None and figcaption is not None:
            self.used_captions.add(figcaption)
        return block

    def inlines(self, el: Any) -> tuple[Inline, ...]:
        return tidy(list(self.conv.children(el)))

    def box_blocks(self, el: Any) -> tuple[Block, ...]:
        """The blocks inside a table cell or a definition."""
        segments = cut_box(el)
        return tuple(self.blocks(segments, el)) if segments else ()

    def flat(self, segments: list[Segment], out: list) -> None:
        """Blocks of segments in no box: list items are grouped into lists, captions joined to figures."""
        list_el = None
        items: list[tuple] = []

        def close_list() -> None:
            nonlocal list_el, items
            if items:
                out.append(list_block(list_el, tuple(items)))
            list_el, items = None, []

        for seg in segments:
            block = segment_block(seg, self.conv)
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
            prev = out[-1] if out else None
            if seg.kind == "caption" and isinstance(prev, Figure) and not prev.caption:
                out[-1] = Figure(prev.src, prev.alt, block.caption, block.credit or prev.credit, prev.attr)
                continue
            if seg.kind == "caption" and any(a in self.used_captions for a in [seg.el, *seg.el.iterancestors()]):
                continue
            out.append(block)
        close_list()


def _figure_caption(table: Any) -> Any:
    """The ``<figcaption>`` of a figure that holds only this table (and its caption), or None."""
    fig = table.getparent()
    while fig is not None and fig.tag != "figure" and len(fig) == 1:
        fig = fig.getparent()
    if fig is None or fig.tag != "figure":
        return None
    caps = [c for c in fig if c.tag == "figcaption"]
    others = [c for c in fig if isinstance(c.tag, str) and c.tag != "figcaption"]
    return caps[0] if len(caps) == 1 and len(others) == 1 and table in others[0].iter("table") else None


def list_block(el: Any, items: tuple) -> ListBlock:
    """A list keeps whether it is numbered, its first number and its numbering style."""
    if el is None or el.tag != "ol":
        return ListBlock(False, items)
    m = re.match(r"\s*(-?\d+)", el.get("start") or "")
    style = LIST_TYPES.get((el.get("type") or "").strip(), "")
    found = LIST_STYLE.search(el.get("style") or "")
    if found:
        style = found.group(1).lower().replace("latin", "alpha")
    return ListBlock(True, items, start=int(m.group(1)) if m else 1, style=style)


def code_language(pre: Any) -> str:
    """The language a ``<pre>`` (or the ``<code>`` in it) names in its class or ``data-lang``."""
    for el in [pre, *pre.iter("code")][:2]:
        if el.get("data-lang"):
            return el.get("data-lang").strip()
        for cls in (el.get("class") or "").split():
            m = CODE_LANGUAGE.match(cls)
            if m:
                return m.group(1)
    return ""


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
        lang = code_language(seg.el)
        return CodeBlock(seg.el.text_content().strip("\n"), Attr(classes=(lang,)) if lang else Attr())
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
