"""Wraps character ranges of a paragraph's plain text into inline nodes (Quote, Term, Cite, Abbr).

Passes that recognise things in prose work on ``plain_text(children)``; this module maps their
character offsets back onto the inline tree, splitting Text nodes (and containers such as Emph)
at the edges, so that ``plain_text`` of the result is exactly the text it started from.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

from toolkit.tree.nodes import (
    Abbr,
    Attr,
    Block,
    BlockQuote,
    Div,
    Document,
    Figure,
    Heading,
    Inline,
    ListBlock,
    Para,
    Text,
)
from toolkit.tree.walk import plain_text

Factory = Callable[[tuple[Inline, ...]], Inline]


def _marks(node: Inline) -> str:
    attr = getattr(node, "attr", None)
    marks = attr.get("marks") if isinstance(attr, Attr) else None
    return marks if marks and len(marks) == 2 else ""


def _length(node: Inline) -> int:
    return len(plain_text((node,)))


def slice_inlines(children: tuple[Inline, ...], start: int, end: int,
                  keep_start: bool = True, keep_end: bool = False) -> tuple[Inline, ...]:
    """The inlines covering ``[start, end)`` of ``plain_text(children)``, containers cut to fit.

    A node without text (a note call) standing exactly at ``start`` is kept when ``keep_start``,
    one standing exactly at ``end`` when ``keep_end``; those strictly inside are always kept.
    """
    out: list[Inline] = []
    pos = 0
    for node in children:
        n = _length(node)
        a, b = max(start, pos), min(end, pos + n)
        if n == 0:
            if start < pos < end or (pos == start and keep_start) or (pos == end and keep_end):
                out.append(node)
        elif a < b:
            if a == pos and b == pos + n:
                out.append(node)
            elif isinstance(node, Text):
                out.append(Text(node.text[a - pos:b - pos]))
            elif hasattr(node, "children") and not _marks(node):
                out.append(dataclasses.replace(node, children=slice_inlines(
                    node.children, a - pos, b - pos, keep_start, keep_end)))
            elif hasattr(node, "children"):
                # cutting through quotation marks: keep the inner words, drop the marks' wrapper
                m = _marks(node)
                inner = slice_inlines(node.children, max(0, a - pos - 1), min(n - 2, b - pos - 1),
                                      keep_start, keep_end)
                head = m[0] if a == pos else ""
                tail = m[1] if b == pos + n else ""
                out.extend([*([Text(head)] if head else []), *inner, *([Text(tail)] if tail else [])])
            elif isinstance(node, Abbr):
                out.append(Text(node.text[a - pos:b - pos]))
            else:
                out.append(node)
        pos += n
    return tuple(x for x in out if not (isinstance(x, Text) and not x.text))


def wrap_range(children: tuple[Inline, ...], start: int, end: int, factory: Factory,
               inner: tuple[int, int] | None = None) -> tuple[Inline, ...]:
    """Replace ``[start, end)`` by ``factory(inlines of inner range)``.

    ``inner`` (default: the same range) lets a Quote drop its quotation marks into ``attr``:
    the characters between ``start`` and ``inner[0]`` and between ``inner[1]`` and ``end`` must
    be what the new node gives back through its ``marks``.
    If the range lies wholly inside a container node (an Emph, a Quote), it is wrapped there.
    Nodes without text (note calls) at the range's edges stay outside it, none is lost.
    """
    i0, i1 = inner or (start, end)
    pos = 0
    for k, node in enumerate(children):
        n = _length(node)
        if hasattr(node, "children") and pos <= start and end <= pos + n and (start, end) != (pos, pos + n):
            off = pos + len(_marks(node)[:1])
            if start >= off and end <= pos + n - len(_marks(node)[1:]):
                new = dataclasses.replace(node, children=wrap_range(
                    node.children, start - off, end - off, factory, (i0 - off, i1 - off)))
                return (*children[:k], new, *children[k + 1:])
        pos += n
    total = pos
    before = slice_inlines(children, 0, start, keep_start=True, keep_end=True)
    middle = factory(slice_inlines(children, i0, i1, keep_start=i0 > start, keep_end=i1 < end))
    after = slice_inlines(children, end, total, keep_start=end > start, keep_end=end > start or total > end)
    return merge_text((*before, middle, *after))


def merge_text(children: tuple[Inline, ...]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for node in children:
        if isinstance(node, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + node.text)
        elif not (isinstance(node, Text) and not node.text):
            out.append(node)
    return tuple(out)


def wrap_many(children: tuple[Inline, ...], items: list[tuple[int, int, Factory, tuple[int, int] | None]]
              ) -> tuple[Inline, ...]:
    """Apply several non-crossing wraps; outer ranges first so inner ones nest inside them."""
    for start, end, factory, inner in sorted(items, key=lambda x: (x[0], -x[1])):
        children = wrap_range(children, start, end, factory, inner)
    return children


def iter_paragraphs(blocks: tuple[Block, ...], in_quote: bool = False) -> Iterator[tuple[Para | Heading, bool]]:
    """Paragraphs (and headings) in reading order; the flag says whether inside a block quote."""
    for b in blocks:
        if isinstance(b, (Para, Heading)):
            yield b, in_quote
        elif isinstance(b, BlockQuote):
            yield from iter_paragraphs(b.blocks, True)
        elif isinstance(b, Div):  # the author's grouping (a language, a direction): its prose is prose
            yield from iter_paragraphs(b.blocks, in_quote)
        elif isinstance(b, ListBlock):
            for item in b.items:
                yield from iter_paragraphs(item, in_quote)


def map_paragraphs(doc: Document, fn: Callable[[Para, int], Para]) -> Document:
    """Rebuild the document with ``fn(para, index)`` applied to each Para in reading order."""
    counter = [0]

    def visit(block: Block) -> Block:
        if isinstance(block, Para):
            counter[0] += 1
            return fn(block, counter[0] - 1)
        if isinstance(block, Heading):
            counter[0] += 1
            return block
        if isinstance(block, (BlockQuote, Div)):
            return dataclasses.replace(block, blocks=tuple(visit(b) for b in block.blocks))
        if isinstance(block, ListBlock):
            return dataclasses.replace(block, items=tuple(tuple(visit(b) for b in item) for item in block.items))
        if isinstance(block, Figure):
            return block
        return block

    return dataclasses.replace(doc, blocks=tuple(visit(b) for b in doc.blocks))
