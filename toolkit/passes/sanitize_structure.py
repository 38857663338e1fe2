"""Bounds a tree's structure for the writers: nesting deeper than MAX_NESTING flattened, note references
inside notes (cycles) cut, and characters no edition may hold removed from every string (C0 controls but
tab, newline and carriage return; DEL and the C1 controls U+0080-U+009F, which HTML forbids and readers see
as boxes; the noncharacters U+FDD0-U+FDEF and U+xFFFE/U+xFFFF of every plane; lone surrogates).

Used by the sanitize pass, which flattens first so that the later recursions stay shallow.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from toolkit.tree.nodes import (
    Abbr,
    BlockQuote,
    Code,
    Definition,
    DefinitionList,
    Div,
    Figure,
    Heading,
    LineBlock,
    LineBreak,
    ListBlock,
    Math,
    Note,
    NoteRef,
    Para,
    Table,
    TableCell,
    TableRow,
    Text,
)
from toolkit.tree.walk import plain_text, walk

MAX_NESTING = 32  # quotes in quotes, lists in lists, emphasis in emphasis: deeper is flattened
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
_FORBIDDEN = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")


class Flattener:
    """Splices quotes and lists nested deeper than MAX_NESTING into their parent, and turns inline
    markup nested deeper into plain text, so no writer recurses without bound. Recursion here stops
    at MAX_NESTING; deeper content is gathered with an explicit stack."""

    def __init__(self):
        self.flattened = 0

    def blocks(self, seq: tuple, depth: int) -> tuple:
        out = []
        for b in seq:
            if depth >= MAX_NESTING and isinstance(b, CONTAINERS):
                self.flattened += 1
                out.extend(self.block(leaf, depth) for leaf in _leaf_blocks(b))
            else:
                out.append(self.block(b, depth))
        return _same(seq, tuple(out))

    def block(self, b, depth: int):
        if isinstance(b, (BlockQuote, Note, Div)):
            new = self.blocks(b.blocks, depth + 1)
            return b if new is b.blocks else dataclasses.replace(b, blocks=new)
        if isinstance(b, Table):
            rows = {name: self.rows(getattr(b, name), depth + 1) for name in ("head", "body", "foot")}
            caption = self.inlines(b.caption, 0)
            if caption is b.caption and all(rows[name] is getattr(b, name) for name in rows):
                return b
            return dataclasses.replace(b, caption=caption, **rows)
        if isinstance(b, DefinitionList):
            items = _same(b.items, tuple(self.definition(d, depth + 1) for d in b.items))
            return b if items is b.items else dataclasses.replace(b, items=items)
        if isinstance(b, LineBlock):
            lines = _same(b.lines, tuple(self.inlines(line, 0) for line in b.lines))
            return b if lines is b.lines else dataclasses.replace(b, lines=lines)
        if isinstance(b, ListBlock):
            items = _same(b.items, tuple(self.blocks(item, depth + 1) for item in b.items))
            return b if items is b.items else dataclasses.replace(b, items=items)
        if isinstance(b, (Para, Heading)):
            new = self.inlines(b.children, 0)
            return b if new is b.children else dataclasses.replace(b, children=new)
        if isinstance(b, Figure):
            caption, credit = self.inlines(b.caption, 0), self.inlines(b.credit, 0)
            return b if caption is b.caption and credit is b.credit else \
                dataclasses.replace(b, caption=caption, credit=credit)
        return b

    def rows(self, rows: tuple, depth: int) -> tuple:
        out = []
        for row in rows:
            cells = _same(row.cells, tuple(self.cell(c, depth) for c in row.cells))
            out.append(row if cells is row.cells else TableRow(cells))
        return _same(rows, tuple(out))

    def cell(self, cell: TableCell, depth: int) -> TableCell:
        new = self.blocks(cell.blocks, depth)
        return cell if new is cell.blocks else dataclasses.replace(cell, blocks=new)

    def definition(self, d: Definition, depth: int) -> Definition:
        term = self.inlines(d.term, 0)
        defs = _same(d.definitions, tuple(self.blocks(blocks, depth) for blocks in d.definitions))
        return d if term is d.term and defs is d.definitions else Definition(term, defs)

    def inlines(self, seq: tuple, depth: int) -> tuple:
        out = []
        for n in seq:
            kids = getattr(n, "children", None)
            if not isinstance(kids, tuple):
                out.append(n)
            elif depth >= MAX_NESTING:
                self.flattened += 1
                out.append(Text(_flat_text(n)))
            else:
                new = self.inlines(kids, depth + 1)
                out.append(n if new is kids else dataclasses.replace(n, children=new))
        return _same(seq, tuple(out))


CONTAINERS = (BlockQuote, ListBlock, Div, Table, DefinitionList)


def _same(old: tuple, new: tuple) -> tuple:
    """``old`` itself when every element is the identical object (no deep comparison)."""
    return old if len(old) == len(new) and all(a is b for a, b in zip(old, new, strict=True)) else new


def _leaf_blocks(block) -> list:
    """The non-container blocks inside ``block``, in reading order, without recursion."""
    out, stack = [], [block]
    while stack:
        b = stack.pop()
        if isinstance(b, (BlockQuote, Note, Div)):
            stack.extend(reversed(b.blocks))
        elif isinstance(b, ListBlock):
            stack.extend(reversed([x for item in b.items for x in item]))
        elif isinstance(b, Table):  # too deep for a table: its caption and cells as paragraphs, in order
            cells = [x for rows in (b.head, b.body, b.foot) for row in rows for cell in row.cells for x in cell.blocks]
            stack.extend(reversed([*([Para(b.caption)] if b.caption else []), *cells]))
        elif isinstance(b, DefinitionList):
            stack.extend(reversed([x for d in b.items for x in (Para(d.term), *(y for ds in d.definitions for y in ds))]))
        else:
            out.append(b)
    return out


def _flat_text(node) -> str:
    """The text under an inline node, without recursion."""
    parts, stack = [], [node]
    while stack:
        n = stack.pop()
        kids = getattr(n, "children", None)
        if isinstance(kids, tuple):
            stack.extend(reversed(kids))
        elif isinstance(n, (Text, Code, Math)):
            parts.append(n.text)
        elif isinstance(n, Abbr):
            parts.append(n.text)
        elif isinstance(n, LineBreak):
            parts.append(" ")
    return "".join(parts)


def refs_out_of_notes(blocks: tuple) -> tuple[tuple, int]:
    """``blocks`` without NoteRef nodes inside Note bodies, and how many were removed."""
    removed = 0

    def drop(node):
        nonlocal removed
        if isinstance(node, NoteRef):
            removed += 1
            return []
        return None

    out = []
    for b in blocks:
        if isinstance(b, Note):
            b = walk(b, drop)
        elif isinstance(b, BlockQuote):
            inner, count = refs_out_of_notes(b.blocks)
            if count:
                removed += count
                b = dataclasses.replace(b, blocks=inner)
        elif isinstance(b, ListBlock):
            results = [refs_out_of_notes(item) for item in b.items]
            count = sum(c for _, c in results)
            if count:
                removed += count
                b = dataclasses.replace(b, items=tuple(inner for inner, _ in results))
        out.append(b)
    return (tuple(out) if removed else blocks), removed


def clean_strings(value, removed: list[int] | None = None):
    """``value`` with every string freed of the characters no edition may hold (see the module's doc),
    which would make an EPUB unreadable, an HTML page invalid or a writer fail on encoding; identical
    objects come back where nothing changed. ``removed`` (a one-item list) counts what was taken out."""
    if isinstance(value, str):
        if not _FORBIDDEN.search(value):
            return value
        clean, count = _FORBIDDEN.subn("", value)
        if removed is not None:
            removed[0] += count
        return clean
    if isinstance(value, tuple):
        return _same(value, tuple(clean_strings(v, removed) for v in value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            old = getattr(value, f.name)
            new = clean_strings(old, removed)
            if new is not old:
                changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


class Tidier:
    """What every writer needs of the blocks, so validators have nothing to say: no heading without words,
    no list without items (an empty item goes too), every image with a text alternative (its caption's
    words when the author gave none; left empty, as decorative, when there is no caption either) and the
    header rows of a table in its head. ``counts`` says what was done, for the warnings."""

    def __init__(self):
        self.counts: Counter[str] = Counter()

    def __call__(self, node):
        if isinstance(node, Heading) and not plain_text(node.children).strip():
            self.counts["empty heading"] += 1
            return []
        if isinstance(node, Para) and all(isinstance(c, Text) and not c.text.strip() for c in node.children):
            return []  # only control characters or spaces had it
            return []
        if isinstance(node, ListBlock):
            items = tuple(item for item in node.items if item)
            if not items:
                self.counts["empty list"] += 1
                return []
            return dataclasses.replace(node, items=items) if len(items) < len(node.items) else None
        if isinstance(node, Figure) and node.src and not node.alt.strip():
            alt = " ".join(plain_text(node.caption).split())
            if not alt:
                self.counts["image without alt"] += 1
            return dataclasses.replace(node, alt=alt)
        if isinstance(node, Table) and not node.head:
            lead = 0
            while lead < len(node.body) - 1 and node.body[lead].cells and all(c.header for c in node.body[lead].cells):
                lead += 1
            if lead:
                return dataclasses.replace(node, head=node.body[:lead], body=node.body[lead:])
        return None


TIDY_MESSAGES = {
    "empty heading": "dropped {n} heading(s) without any words",
    "empty list": "dropped {n} list(s) without any items",
    "image without alt": "{n} image(s) have neither alt text nor a caption: marked decorative (empty alt); "
                         "describe them if they carry meaning",
}


def tidy_blocks(blocks: tuple) -> tuple[tuple, Counter]:
    """``blocks`` tidied by a Tidier, and what it did."""
    tidy = Tidier()
    out = walk(Div(blocks), tidy)
    return (out.blocks if out is not None else ()), tidy.counts
