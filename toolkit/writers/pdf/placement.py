"""Finds what a first layout got wrong and how the next one avoids it.

* A pull quote never splits, so one that does not fit at the foot of a page opens the next page
  and leaves the previous page short. Pull quotes may stand anywhere near their quotation, so
  the writer moves such a quote to the next paragraph that is still far enough from its sentence.
* To keep two lines of a paragraph together at the foot of a page, WeasyPrint sends that page's
  footnotes to the next page, away from their calls. While the writer lays out inside
  ``notes_kept_home()`` it does not: the paragraph breaks as it would on a page without notes (it
  moves on whole when only one line would fit). No orphans/widows values can prevent it: WeasyPrint
  sends notes on whenever exactly ``orphans - 1`` lines fit, which any paragraph that may split meets.
  Where notes still leave their page (columns, a WeasyPrint without the hook), the writer asks that
  paragraph for three lines on either side of a break in a second layout.
* Hyphenation: WeasyPrint has no ``hyphenate-limit-lines`` and cannot keep a hyphen off a page's last
  line, so a paragraph that ends three lines running with a hyphen, or breaks a word across two pages,
  is set again without automatic hyphenation.
"""

from __future__ import annotations

import dataclasses
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from toolkit.tree.nodes import Document
from toolkit.writers.pdf.pullquotes import PullQuote, usable_slot

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
            if usable_slot(doc, q.source_block, slot):  # never onto its own sentence
                taken.discard(q.slot)
                taken.add(slot)
                out[i] = dataclasses.replace(q, slot=slot)
                break
    return out


_SAFE_ID = re.compile(r"^[A-Za-z][\w-]{0,80}$")


def _calls(box) -> list:
    return [b.element for b in _all_boxes(box) if (b.element_tag or "").endswith("::footnote-call")]


def displacing_paragraphs(document) -> list[str]:
    """Ids of paragraphs to break earlier because a footnote of their page was sent on to the next page.

    On a page of one column WeasyPrint sends notes on to fit one more line of the page's last
    paragraph (two lines must stay together): that paragraph is the one to break earlier. In columns
    it sends on the note whose call ends a column (there is no room under that column's foot), then
    moves the line to the next column: there the paragraph holding the call is the one to move.
    """
    found = []
    for page in document.pages:
        page_box = page._page_box
        calls = _calls(page_box)
        if not calls:
            continue
        notes = {id(b.element) for child in page_box.children if type(child).__name__ == "FootnoteAreaBox"
                 for b in child.children}
        away = {id(call) for call in calls if id(call) not in notes}
        if not away:
            continue
        body = _body(page_box)
        if body is None:
            continue
        columns = [c for c in body.children if c.element_tag != "p" and type(c).__name__ == "BlockBox"
                   and c.element is body.element]
        if columns:  # the anonymous boxes of a multi-column body: the paragraphs holding the calls
            holders = [b for b in _all_boxes(body) if b.element_tag == "p"
                       and any(id(call) in away for call in _calls(b))]
        else:
            holders = [next((c for c in reversed(body.children) if c.element_tag == "p"), None)]
        for box in holders:
            pid = box.element.get("id") if box is not None else None
            if pid and _SAFE_ID.match(pid) and pid not in found:
                found.append(pid)
    return found


def notes_off_page(document) -> int:
    """How many footnote calls have their note on another page than their own."""
    count = 0
    for page in document.pages:
        page_box = page._page_box
        notes = {id(b.element) for child in page_box.children if type(child).__name__ == "FootnoteAreaBox"
                 for b in child.children}
        count += sum(1 for call in _calls(page_box) if id(call) not in notes)
    return count


def layout_faults(document) -> dict[str, int]:
    """The faults a layout has, counted: notes off their call's page, stranded pull quotes, hyphen faults."""
    return {"footnote": notes_off_page(document), "pullquote": len(stranded(document)),
            "hyphen": len(hyphen_faults(document))}


_HOOK_LOCK = threading.RLock()


def _report_hook_parts():
    """(LayoutContext, WeasyPrint's block layout module) if this WeasyPrint has what the hook relies on."""
    try:
        from weasyprint.layout import LayoutContext, block
    except ImportError:  # pragma: no cover - weasyprint is a dependency
        return None
    line_layout, break_line = getattr(block, "_linebox_layout", None), getattr(block, "_break_line", None)
    code = getattr(line_layout, "__code__", None)
    if code is None or not callable(break_line) or not callable(getattr(LayoutContext, "report_footnote", None)):
        return None
    if not {"reported_footnotes", "report", "could_break_before"} <= set(code.co_varnames):
        return None
    return LayoutContext, block


@contextmanager
def notes_kept_home() -> Iterator[bool]:
    """While WeasyPrint lays out inside this, no paragraph sends its page's footnotes to the next page.

    WeasyPrint's line layout, when a paragraph's second line (``orphans``) overflows a page holding
    footnotes, moves those notes one by one to the next page until the line fits. Here that move is
    refused: the page's notes are held aside for that one test, the line still overflows, and
    WeasyPrint breaks the paragraph as it does on a page without notes (the held notes come back as it
    does). A note whose own call does not fit is still sent on with its line. Yields False, changing
    nothing, if this WeasyPrint lacks the internals the hook relies on.
    """
    parts = _report_hook_parts()
    if parts is None:
        yield False
        return
    context_class, block = parts
    with _HOOK_LOCK:
        original_report, original_break = context_class.report_footnote, block._break_line
        line_code = block._linebox_layout.__code__

        def report_footnote(self, footnote):
            caller = sys._getframe(1)
            if caller.f_code is line_code and "reported_footnotes" in caller.f_locals:
                self._notes_held = self.current_page_footnotes  # the loop ends; the line still overflows
                self.current_page_footnotes = []
                return
            original_report(self, footnote)

        def break_line(context, *args, **kwargs):
            held = getattr(context, "_notes_held", None)
            if held is not None:
                context.current_page_footnotes, context._notes_held = held, None
            return original_break(context, *args, **kwargs)

        context_class.report_footnote, block._break_line = report_footnote, break_line
        try:
            yield True
        finally:
            context_class.report_footnote, block._break_line = original_report, original_break


HYPHEN = "\u2010"  # WeasyPrint's default hyphenate-character: only automatic breaks end with it
LADDER = 3  # this many hyphenated lines in a row is a ladder (two are allowed)


def _line_text(line) -> str:
    return "".join(b.text for b in _all_boxes(line) if type(b).__name__ == "TextBox").rstrip()


def hyphen_faults(document) -> list[str]:
    """Ids of paragraphs with a ladder of hyphens (``LADDER`` lines in a row) or a word broken across pages."""
    found: list[str] = []
    pages = document.pages
    for number, page in enumerate(pages):
        lines = []  # (paragraph id, hyphenated?) in reading order
        for box in _all_boxes(page._page_box):
            if box.element_tag == "p" and type(box).__name__ == "BlockBox":
                pid = box.element.get("id") or ""
                lines += [(pid, _line_text(c).endswith(HYPHEN)) for c in box.children
                          if type(c).__name__ == "LineBox"]
        run = 0
        for pid, hyphenated in lines:
            run = run + 1 if hyphenated else 0
            if run >= LADDER and pid not in found:
                found.append(pid)
        if number < len(pages) - 1 and lines and lines[-1][1] and lines[-1][0] not in found:
            found.append(lines[-1][0])
    return [pid for pid in found if _SAFE_ID.match(pid)]


def unhyphenated_css(paragraph_ids: list[str]) -> str:
    """CSS that sets these paragraphs without automatic hyphenation."""
    return "".join(f"#{pid} {{ hyphens: manual; }}\n" for pid in paragraph_ids if _SAFE_ID.match(pid))


def keep_css(paragraph_ids: list[str], columns: bool = False) -> str:
    """CSS that makes these paragraphs break earlier: three lines on either side of a page break, so that
    one with a single line at the foot of a page moves on whole instead of sending notes on. In columns
    WeasyPrint has sent the note on before it moves the call's line (and again when the paragraph is
    only kept whole): the paragraph that holds the call opens the next column, where its note fits."""
    rule = "break-before: column;" if columns else "orphans: 3; widows: 3;"
    return "".join(f"#{pid} {{ {rule} }}\n" for pid in paragraph_ids if _SAFE_ID.match(pid))


def _all_boxes(box) -> Iterator:
    yield box
    for child in getattr(box, "children", ()) or ():
        yield from _all_boxes(child)
