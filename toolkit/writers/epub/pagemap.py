"""Finds where each page of the PDF edition begins and marks those places in the EPUB's XHTML.

The print edition is laid out with the same options; for every page we take the first piece of
article content on it (skipping running heads, footnotes and pull quotes), the block it belongs to
(a paragraph id from the ids pass, a heading or figure id) and how many letters of that block came
before it. The marker goes after as many letters of the same block in the EPUB, at a word boundary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from toolkit.errors import RenderError
from toolkit.options import Context, Options
from toolkit.tree.nodes import Document

XHTML_NS = "http://www.w3.org/1999/xhtml"
OPS_NS = "http://www.idpf.org/2007/ops"
BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "blockquote", "section", "pre", "ol",
              "ul", "dl", "table", "header", "footer", "div", "article"}
TEXT_BLOCKS = {"p", "li"}  # a page may begin inside these; before the others
SKIP_CLASSES = {"footnote", "pullquote", "noteref", "pilcrow", "backlink"}
SKIP_BOXES = {"MarginBox", "FootnoteAreaBox"}


@dataclass(frozen=True)
class PageStart:
    number: int
    anchor: str   # id of the block the page begins in ("" = the start of the document)
    offset: int   # letters of that block on earlier pages
    after: bool = False  # the page holds nothing new of the block: place the marker after it


def letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalnum())


def print_layout(doc: Document, options: Options, ctx: Context):
    """The PDF writer's laid-out document for these options."""
    from toolkit.writers.pdf import writer as pdf

    layout = getattr(pdf, "layout_pdf", None)
    if layout is None:
        raise RenderError("--page-map needs the PDF writer's layout_pdf(); this PDF writer has none")
    return layout(doc, options, ctx)


def _skipped(element) -> bool:
    classes = set((element.get("class") or "").split())
    return bool(classes & SKIP_CLASSES) or element.get("aria-hidden") == "true"


def flow(box, anchor: str = "") -> Iterator[tuple[str, str]]:
    """(block id, text) of every text or image box of the page's content, in layout order."""
    if type(box).__name__ in SKIP_BOXES:
        return
    tag = getattr(box, "element_tag", "") or ""
    if "::" in tag and not tag.endswith(("::first-letter", "::first-line")):
        return  # generated content: footnote calls, list markers, quotes
    element = getattr(box, "element", None)
    if element is not None:
        if _skipped(element):
            return
        name = tag.split("::")[0]
        if name in BLOCK_TAGS and element.get("id"):
            anchor = element.get("id")
    text = getattr(box, "text", None)
    if text is not None:
        if text.strip():
            yield anchor, text
        return
    children = getattr(box, "children", None)
    if not children:
        if type(box).__name__.endswith("ReplacedBox"):
            yield anchor, ""
        return
    for child in children:
        yield from flow(child, anchor)


def page_starts(document) -> list[PageStart]:
    """Where each page of a laid-out WeasyPrint document begins."""
    laid: Counter[str] = Counter()
    starts: list[PageStart] = []
    last = ""
    for number, page in enumerate(document.pages, 1):
        first = None
        for anchor, text in flow(page._page_box):
            if first is None:
                first = PageStart(number, anchor, laid[anchor])
            laid[anchor] += letters(text)
            last = anchor
        starts.append(first or PageStart(number, last, laid[last], after=True))
    return starts


# ---------------------------------------------------------------- markers in the XHTML
def marker(number: int):
    from lxml import etree

    el = etree.Element(f"{{{XHTML_NS}}}span", nsmap={None: XHTML_NS, "epub": OPS_NS})
    el.set(f"{{{OPS_NS}}}type", "pagebreak")
    el.set("role", "doc-pagebreak")
    el.set("id", marker_id(number))
    el.set("aria-label", str(number))
    el.set("class", "pagebreak")
    return el


def marker_id(number: int) -> str:
    return f"page-{number}"


def _counted(el) -> bool:
    """Note calls (class ``noteref``; citations are links with text) and markers hold no article text."""
    classes = set((el.get("class") or "").split())
    return not (classes & SKIP_CLASSES or "pagebreak" in (el.get(f"{{{OPS_NS}}}type") or "").split())


def text_slots(el, root: bool = True) -> Iterator[tuple[object, str]]:
    """(element, "text"|"tail") for every run of text inside ``el``, in reading order."""
    yield el, "text"
    for child in el:
        if _counted(child):
            yield from text_slots(child, root=False)
        yield child, "tail"


def _place(s: str, index: int, before: str = "") -> int:
    """Move a break point to a word boundary: before opening punctuation, after a split word.

    ``before`` is the text that precedes ``s`` in the block (a word may run across markup).
    """
    while index > 0 and not s[index - 1].isspace() and not s[index - 1].isalnum():
        index -= 1
    previous = s[index - 1] if index > 0 else before[-1:]
    if previous.isalnum():  # the page began inside a (hyphenated) word
        while index < len(s) and not s[index].isspace():
            index += 1
        while index < len(s) and s[index].isspace():
            index += 1
    return index


def insert_inside(block, offset: int, mark) -> bool:
    """Put ``mark`` before the (offset+1)-th letter of ``block``; False if the block is shorter."""
    seen = 0
    before = ""
    for node, slot in list(text_slots(block)):
        s = getattr(node, slot) or ""
        n = letters(s)
        if seen + n <= offset:
            seen += n
            before += s
            continue
        alnum = [i for i, ch in enumerate(s) if ch.isalnum()]
        index = _place(s, alnum[offset - seen], before)
        mark.tail = s[index:]
        if slot == "text":
            node.text = s[:index]
            node.insert(0, mark)
        else:
            node.tail = s[:index]
            node.addnext(mark)
        return True
    return False


def insert_markers(xhtml: bytes, starts: list[PageStart]) -> tuple[bytes, list[int]]:
    """The document with a page break marker at each start found in it, and the pages it now holds."""
    from lxml import etree

    root = etree.fromstring(xhtml)
    placed = []
    for start in starts:
        found = root.xpath("//*[@id=$id]", id=start.anchor) if start.anchor else []
        if not found:
            continue
        block = found[0]
        mark = marker(start.number)
        name = etree.QName(block).localname
        if start.after:
            mark.tail, block.tail = block.tail, None
            block.addnext(mark)
        elif name not in TEXT_BLOCKS or start.offset == 0 or not insert_inside(block, start.offset, mark):
            if name in TEXT_BLOCKS and start.offset == 0:
                mark.tail, block.text = block.text, None
                block.insert(0, mark)
            else:
                block.addprevious(mark)
                mark.tail = None
        placed.append(start.number)
    body = etree.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n' + body + b"\n", placed


def insert_first_page(xhtml: bytes, number: int = 1) -> bytes:
    """Page 1 begins with the title: its marker opens the title page."""
    from lxml import etree

    root = etree.fromstring(xhtml)
    body = root.find(f"{{{XHTML_NS}}}body")
    first = body[0]
    mark = marker(number)
    mark.tail, first.text = first.text, None
    first.insert(0, mark)
    out = etree.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n' + out + b"\n"
