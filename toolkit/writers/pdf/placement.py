"""Finds what a first layout got wrong and how the next one avoids it.

* A pull quote never splits, so one that does not fit at the foot of a page opens the next page
  and leaves the previous page short. Pull quotes may stand anywhere near their quotation, so
  the writer moves such a quote one paragraph later.
* To keep two lines of a paragraph together at the foot of a page, WeasyPrint sends that page's
  footnotes to the next page, away from their calls. The writer then asks that paragraph for
  three lines on either side of a break, so it breaks earlier and the notes stay.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from toolkit.tree.nodes import Document, Para
from toolkit.writers.pdf.pullquotes import PullQuote

GAP_PX = 28  # about two lines of text (CSS px): a shorter gap at the foot of a page is normal


def _boxes(box, depth: int = 0) -> Iterator:
    yield box
    if depth < 8:
        for child in getattr(box, "children", ()) or ():
            if type(child).__name__ not in ("LineBox", "TextBox"):
                yield from _boxes(child, depth + 1)


def _classes(box) -> list[str]:
    element = getattr(box, "element", None)
    get = getattr(element, "get", None)
    return (get("class") or "").split() if get else []


def _body(page_box):
    return next((b for b in _boxes(page_box) if "article-body" in _classes(b)), None)


def _foot_gap(page_box) -> float:
    """Empty height between the last block of the article body and the foot of the page (or its notes)."""
    body = _body(page_box)
    if body is None or not body.children:
        return 0.0
    bottom = page_box.content_box_y() + page_box.height
    for child in page_box.children:
        if type(child).__name__ == "FootnoteAreaBox" and child.children:
            bottom = min(bottom, child.position_y)
    last = max(c.position_y + c.margin_height() for c in body.children)
    return bottom - last


def stranded(document) -> list[int]:
    """Indexes (in reading order) of pull quotes that open a page after a gap on the page before."""
    found, seen = [], 0
    for number, page in enumerate(document.pages):
        page_box = page._page_box
        top = page_box.content_box_y()
        for box in _boxes(page_box):
            if "pullquote" not in _classes(box) or box.element_tag != "aside":
                continue
            if number and abs(box.position_y - top) < 1 and \
                    _foot_gap(document.pages[number - 1]._page_box) > GAP_PX:
                found.append(seen)
            seen += 1
    return found


def shifted(doc: Document, quotes: list[PullQuote], indexes: list[int]) -> list[PullQuote]:
    """The pull quotes with those of ``indexes`` moved to the next place between two paragraphs."""
    out = list(quotes)
    taken = {q.slot for q in quotes}
    for i in indexes:
        if i >= len(out):
            continue
        q = out[i]
        for slot in range(q.slot + 1, len(doc.blocks)):
            if slot in taken:
                break
            if isinstance(doc.blocks[slot - 1], Para) and isinstance(doc.blocks[slot], Para):
                taken.discard(q.slot)
                taken.add(slot)
                out[i] = dataclasses.replace(q, slot=slot)
                break
    return out


_SAFE_ID = re.compile(r"^[A-Za-z][\w-]{0,80}$")


def displacing_paragraphs(document) -> list[str]:
    """Ids of paragraphs that ended a page whose footnotes were sent on to the next page."""
    found = []
    for page in document.pages:
        page_box = page._page_box
        calls = [b.element for b in _all_boxes(page_box) if (b.element_tag or "").endswith("::footnote-call")]
        if not calls:
            continue
        notes = {id(b.element) for child in page_box.children if type(child).__name__ == "FootnoteAreaBox"
                 for b in child.children}
        if all(id(call) in notes for call in calls):
            continue
        body = _body(page_box)
        last = next((c for c in reversed(body.children if body else ()) if c.element_tag == "p"), None)
        pid = last.element.get("id") if last is not None else None
        if pid and _SAFE_ID.match(pid):
            found.append(pid)
    return found


def keep_css(paragraph_ids: list[str]) -> str:
    """CSS that makes these paragraphs break earlier (three lines on either side of a page break)."""
    return "".join(f"#{pid} {{ orphans: 3; widows: 3; }}\n" for pid in paragraph_ids if _SAFE_ID.match(pid))


def _all_boxes(box) -> Iterator:
    yield box
    for child in getattr(box, "children", ()) or ():
        yield from _all_boxes(child)
