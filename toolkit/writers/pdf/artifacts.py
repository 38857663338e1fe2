"""Draws elements marked ``aria-hidden="true"``, and the page furniture, as PDF artifacts.

WeasyPrint (up to at least version 70) tags every text box it draws and ignores
``aria-hidden``, so a pull quote would be read twice by a screen reader; it also tags the
text of page margin boxes (running heads, folios) and merely leaves those tags out of the
structure tree. While a PDF is written inside ``hidden_as_artifacts()``, the text of hidden
elements and of margin boxes is marked as ``/Artifact`` content, outside the tag tree, as
PDF/UA asks of decorations and pagination.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

_LOCK = threading.RLock()


def is_hidden(box) -> bool:
    """True for a box made by an element (or its pseudo-element) with ``aria-hidden="true"``."""
    element = getattr(box, "element", None)
    get = getattr(element, "get", None)
    return bool(get and get("aria-hidden") == "true")


def supported() -> bool:
    """Whether this WeasyPrint has the two internals the patch relies on."""
    try:
        from weasyprint.pdf import tags
        from weasyprint.pdf.stream import Stream
    except ImportError:  # pragma: no cover - weasyprint is a dependency
        return False
    return callable(getattr(tags, "_build_box_tree", None)) and callable(getattr(Stream, "marked", None)) \
        and callable(getattr(Stream, "artifact", None))


def _descendants(box) -> Iterator:
    yield box
    for child in getattr(box, "children", ()) or ():
        yield from _descendants(child)


def margin_box_ids(document) -> set[int]:
    """Identities of every box inside the page margin boxes of a laid-out document."""
    from weasyprint.formatting_structure.boxes import MarginBox

    return {id(b) for page in document.pages for margin in page._page_box.children
            if isinstance(margin, MarginBox) for b in _descendants(margin)}


@contextmanager
def hidden_as_artifacts(document=None) -> Iterator[bool]:
    """While writing ``document``, hidden elements and page furniture are artifacts.

    Yields False (and changes nothing) if this WeasyPrint lacks the internals it needs.
    """
    if not supported():
        yield False
        return
    from weasyprint.formatting_structure.boxes import MarginBox
    from weasyprint.pdf import tags
    from weasyprint.pdf.stream import Stream

    furniture = margin_box_ids(document) if document is not None else set()

    with _LOCK:
        original_marked = Stream.marked
        original_tree = tags._build_box_tree

        @contextmanager
        def marked(self, box, tag):
            if is_hidden(box) or id(box) in furniture:
                with self.artifact():
                    yield
            else:
                with original_marked(self, box, tag):
                    yield

        def build_box_tree(box, *args, **kwargs):
            if is_hidden(box) or (furniture and isinstance(box, MarginBox)):
                return iter(())
            return original_tree(box, *args, **kwargs)

        Stream.marked = marked
        tags._build_box_tree = build_box_tree
        try:
            yield True
        finally:
            Stream.marked = original_marked
            tags._build_box_tree = original_tree
