"""Cuts a cleaned page tree into text segments in reading order (paragraphs, headings, items, figures).

A segment is one block of the page as a reader sees it: a paragraph, a heading, a list item, a
row of a data table, a preformatted block, an image or a whole figure. Content selection labels
segments; the tree builder turns the kept ones into blocks. Segments cut from a data table or a
definition list name it as their ``owner``: the builder reads that structure whole from the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from toolkit.readers.html.dom import BLOCK_TAGS, HEADING_TAGS, class_id, collapse
from toolkit.readers.html.tables import is_data_table, own_cells, own_rows

FIGURE_HINT = re.compile(r"(?:^|[\s_-])(?:wp-caption|figure|image|img|photo|picture|media|inline-?image)", re.I)
CAPTION_HINT = re.compile(r"caption|credit|figcap|legend|photo-?(?:by|source)|image-?(?:author|source)", re.I)
OWN_CAPTION = re.compile(r"(?:^|[\s_-])(?:(?:wp|photo|image|img|media|figure|picture)-?caption(?:-text)?|figcaption|"
                         r"caption|photo-?credit|image-?credit|credits?)(?:$|[\s_])", re.I)
IMAGE_TAGS = ("img", "amp-img")
SKIP_TAGS = frozenset(("hr", "br", "col", "colgroup"))


@dataclass
class Segment:
    """One block-sized piece of the page; ``run`` holds its inline content (strings and elements)."""

    index: int
    kind: str  # para, heading, item, row, pre, image, figure, caption
    el: Any
    run: list = field(default_factory=list)
    text: str = ""
    level: int = 0
    label: str = ""
    reason: str = ""
    score: float = 0.0
    owner: Any = None  # the data table or definition list the segment was cut from

    @property
    def words(self) -> int:
        return len(self.text.split())


def _has_block(el: Any, memo: dict) -> bool:
    """True if ``el`` has a block-level descendant (memoised per element)."""
    if el not in memo:  # keyed by the element itself: it keeps lxml's proxy (and so its identity) alive
        memo[el] = any(isinstance(c.tag, str) and (c.tag in BLOCK_TAGS or _has_block(c, memo)) for c in el)
    return memo[el]


def run_text(run: list) -> str:
    parts = []
    for piece in run:
        if isinstance(piece, str):
            parts.append(piece)
        elif piece.tag == "br":
            parts.append(" ")
        else:
            parts.append(piece.text_content())
    return collapse("".join(parts))


def images_in(el: Any) -> list:
    if el.tag in IMAGE_TAGS:
        return [el]
    return list(el.iter(*IMAGE_TAGS))


def is_figure_like(el: Any, memo: dict) -> bool:
    """A ``<figure>``, or a small box holding one image and a caption-like element."""
    if el.tag == "figure":  # a figure holding a table, quote or code without an image is read as text
        return bool(images_in(el)) or not any(d.tag in ("table", "blockquote", "pre", "p", "ul", "ol")
                                              for d in el.iterdescendants() if isinstance(d.tag, str))
    if el.tag not in ("div", "span", "aside", "section", "p", "a") or not FIGURE_HINT.search(class_id(el)):
        return False
    imgs = images_in(el)
    if len(imgs) != 1 or len(collapse(el.text_content())) > 600:
        return False
    return any(isinstance(d.tag, str) and (d.tag == "figcaption" or CAPTION_HINT.search(class_id(d)))
               for d in el.iterdescendants())


def is_captioned_image_box(el: Any) -> bool:
    """An unnamed box: one image first, then one to three short lines of text without links."""
    if el.tag not in ("div", "span", "section", "aside") or len(el) < 2 or len(el) > 4:
        return False
    kids = [c for c in el if isinstance(c.tag, str)]
    if not kids or len(images_in(kids[0])) != 1 or collapse(kids[0].text_content()):
        return False
    rest = kids[1:]
    if not rest or any(images_in(c) or c.find(".//a") is not None or c.tag == "a" for c in rest):
        return False
    if len(rest) > 3 or any(c.tag in HEADING_TAGS for c in rest):
        return False
    texts = [collapse(c.text_content()) for c in rest]
    counts = [len(t.split()) for t in texts]
    if not all(0 < n <= 60 for n in counts) or sum(counts) > 70:
        return False
    # only a credit line ("Photo: ...", "(AP Photo/...)", "Getty Images") tells a caption from a card
    from toolkit.readers.html.figures import looks_like_credit, split_trailing_credit

    return (len(texts) >= 2 and looks_like_credit(texts[-1])) or bool(split_trailing_credit(" ".join(texts))[1])


def _kind_of(tag: str) -> str:
    if tag == "li":
        return "item"
    if tag in ("dt", "dd"):
        return "item" if tag == "dd" else "para"
    if tag in ("figcaption", "caption"):
        return "caption"
    return "para"


class _Cutter:
    def __init__(self, root: Any = None) -> None:
        self.out: list[Segment] = []
        self.memo: dict = {}
        self.root = root  # read as a plain box, whatever its tag (a table cell, a definition)
        self.owner: Any = None

    def kind_of(self, el: Any) -> str:
        return "para" if el is self.root else _kind_of(el.tag)

    def add(self, kind: str, el: Any, run: list, level: int = 0) -> None:
        text = run_text(run) if run else ""
        imgs = [img for p in run if not isinstance(p, str) for img in images_in(p)]
        if kind not in ("image", "figure"):
            for img in imgs:
                self.out.append(Segment(len(self.out), "image", img, owner=self.owner))
        if kind == "para" and ((self.out and self.out[-1].kind == "image" and CAPTION_HINT.search(class_id(el)))
                               or OWN_CAPTION.search(class_id(el))):
            kind = "caption"
        if kind in ("image", "figure") or text:
            self.out.append(Segment(len(self.out), kind, el, run, text, level, owner=self.owner))

    def walk(self, el: Any) -> None:
        tag = el.tag
        if not isinstance(tag, str) or tag in SKIP_TAGS:
            return
        if tag in IMAGE_TAGS:
            self.add("image", el, [])
            return
        if is_figure_like(el, self.memo) or is_captioned_image_box(el):
            self.add("figure", el, [], 0)
            self.out[-1].text = collapse(el.text_content())
            return
        if tag in HEADING_TAGS:
            self.add("heading", el, [el], int(tag[1]))
            return
        if tag == "pre":
            self.add("pre", el, [el])
            return
        if tag == "table" and self.owner is None and is_data_table(el):
            for row in own_rows(el):
                cells = [t for t in (collapse(c.text_content()) for c in own_cells(row)) if t]
                if cells:
                    self.out.append(Segment(len(self.out), "row", row, [row], " | ".join(cells), owner=el))
            return
        if tag == "dl" and self.owner is None:
            self.owner = el
            self._walk_box(el)
            self.owner = None
            return
        self._walk_box(el)

    def _walk_box(self, el: Any) -> None:
        if not _has_block(el, self.memo):
            self.add(self.kind_of(el), el, _inline_run(el))
            return
        pieces: list = [el.text] if el.text else []
        for child in el:
            if isinstance(child.tag, str) and (child.tag in BLOCK_TAGS or _has_block(child, self.memo)
                                               or is_figure_like(child, self.memo) or is_captioned_image_box(child)):
                self._flush(el, pieces)
                pieces = []
                self.walk(child)
            elif isinstance(child.tag, str) and (child.tag not in SKIP_TAGS or child.tag == "br"):
                pieces.append(child)
            if child.tail:
                pieces.append(child.tail)
        self._flush(el, pieces)

    def _flush(self, container: Any, pieces: list) -> None:
        if any(not isinstance(p, str) or p.strip() for p in pieces):
            self.add(self.kind_of(container) if container.tag in ("li", "dd", "dt") else "para", container, pieces)


def _inline_run(el: Any) -> list:
    run: list = [el.text] if el.text else []
    for child in el:
        if isinstance(child.tag, str):
            run.append(child)
        if child.tail:
            run.append(child.tail)
    return run


def cut_segments(body: Any) -> list[Segment]:
    """All segments below ``body`` in reading order."""
    cutter = _Cutter()
    cutter.walk(body)
    return cutter.out


def cut_box(el: Any) -> list[Segment]:
    """The segments inside one table cell or definition, the element itself read as a plain box."""
    cutter = _Cutter(el)
    cutter._walk_box(el)
    return cutter.out
