"""Draws elements marked ``aria-hidden="true"`` as PDF artifacts, outside the tag tree.

WeasyPrint (up to at least version 70) tags every text box it draws and ignores
``aria-hidden``, so a pull quote would be read twice by a screen reader. While a PDF is
written inside ``hidden_as_artifacts()``, the text of hidden elements is marked as
``/Artifact`` content and their boxes are left out of the structure tree, exactly as
WeasyPrint already treats page margin boxes (running heads and folios).
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


@contextmanager
def hidden_as_artifacts() -> Iterator[bool]:
    """Within the block, hidden elements are drawn as artifacts; yields False if unsupported."""
    if not supported():
        yield False
        return
    from weasyprint.pdf import tags
    from weasyprint.pdf.stream import Stream

    with _LOCK:
        original_marked = Stream.marked
        original_tree = tags._build_box_tree

        @contextmanager
        def marked(self, box, tag):
            if is_hidden(box):
                with self.artifact():
                    yield
            else:
                with original_marked(self, box, tag):
                    yield

        def build_box_tree(box, *args, **kwargs):
            if is_hidden(box):
                return iter(())
            return original_tree(box, *args, **kwargs)

        Stream.marked = marked
        tags._build_box_tree = build_box_tree
        try:
            yield True
        finally:
            Stream.marked = original_marked
            tags._build_box_tree = original_tree
