"""Heading levels as an outline: the body's first level is 2 (the title is the 1), no level skipped.

Readers keep the levels their input had: a Markdown article's sections are ``##`` (2) or ``#`` (1),
a web page may go from ``h2`` straight to ``h4``. Validators (Nu, axe, Ace ``heading-order``) and the
PDF's structure tags want an outline, so this pass renumbers every heading of the body:

* the shallowest opening level becomes 2 (the article's title is the only level 1);
* a heading deeper than the one before it is one level deeper, whatever its source said
  (``h2 -> h4`` becomes ``2 -> 3``);
* a heading that climbs back takes the level of the last heading at its source level, or of
  the nearest shallower one plus one (an ``h3`` under an ``h2`` that was itself under an ``h4``
  keeps its place in the outline).

Each renumbered heading keeps its source level in ``attr`` (kv ``source-level``) for a writer that
wants it. Levels never go past 6. The abstract and notes keep their own headings untouched.
"""

from __future__ import annotations

import dataclasses

from toolkit.options import Context
from toolkit.tree.nodes import Attr, Document, Heading, Note
from toolkit.tree.walk import walk

TOP = 2  # the body's first heading level: the title is level 1
DEEPEST = 6
SOURCE_KEY = "source-level"


class _Outline:
    """Assigns outline levels to headings met in reading order."""

    def __init__(self) -> None:
        self.stack: list[tuple[int, int]] = []  # (source level, outline level), shallowest first
        self.changed = 0

    def level(self, source: int) -> int:
        while self.stack and self.stack[-1][0] > source:
            self.stack.pop()
        if self.stack and self.stack[-1][0] == source:
            new = self.stack.pop()[1]
        else:
            new = min(self.stack[-1][1] + 1, DEEPEST) if self.stack else TOP
        self.stack.append((source, new))
        return new

    def __call__(self, node):
        if not isinstance(node, Heading):
            return None
        new = self.level(node.level)
        if new == node.level:
            return None
        self.changed += 1
        kv = tuple((k, v) for k, v in node.attr.kv if k != SOURCE_KEY)
        source = node.attr.get(SOURCE_KEY) or str(node.level)  # a second run keeps the first source level
        attr = Attr(node.attr.id, node.attr.classes, (*kv, (SOURCE_KEY, source)))
        return dataclasses.replace(node, level=new, attr=attr)


def _outside_notes(blocks: tuple, outline: _Outline) -> tuple:
    out = []
    for block in blocks:
        if isinstance(block, Note):  # a note's headings belong to the note, not to the outline
            out.append(block)
            continue
        new = walk(block, outline)
        if new is not None:
            out.append(new)
    return tuple(out)


def outline_headings(doc: Document, ctx: Context) -> Document:
    """Renumber the body's headings into an outline under the title (see the module's doc)."""
    outline = _Outline()
    blocks = _outside_notes(doc.blocks, outline)
    if not outline.changed:
        return doc
    return dataclasses.replace(doc, blocks=blocks)
