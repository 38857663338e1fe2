"""Marks where the document's registered entities and dates are mentioned, for the HTML edition's layers.

The enrichment passes record entities (``Document.entities``) and dated events
(``Document.events``) as registries; the dates and names layers need their places in the text.
This wraps each mention that resolves to a registered entity in ``Span(classes=("entity",),
kv=(name, kind))`` and each written date in ``Span(classes=("date",), kv=(value,))``. When the
tree already carries such spans (a pass made them) it is left as it is. A mention that would
cut across another inline node (a quote's edge, a link) is left unmarked rather than split.
"""

from __future__ import annotations

import dataclasses

from toolkit.language.dates import find_dates
from toolkit.passes.inline_spans import wrap_many
from toolkit.passes.mentions import find_mentions
from toolkit.tree.nodes import Attr, BlockQuote, Document, Entity, ListBlock, Para, Span, Text
from toolkit.tree.walk import iter_nodes, plain_text


def _length(node) -> int:
    return len(plain_text((node,)))


def crosses(children: tuple, start: int, end: int) -> bool:
    """True if ``[start, end)`` cuts through an inline node other than plain text."""
    pos = 0
    for node in children:
        n = _length(node)
        a, b = pos, pos + n
        if not isinstance(node, Text) and start < b and end > a:
            inside = a <= start and end <= b
            covers = start <= a and b <= end
            if inside and not covers:
                children_of = getattr(node, "children", None)
                if children_of is None:
                    return True
                marks = node.attr.get("marks") if getattr(node, "attr", None) else None
                off = a + (len(marks) // 2 if marks and len(marks) == 2 else 0)
                if start < off or end > b - (off - a):
                    return True
                return crosses(children_of, start - off, end - off)
            if not covers:
                return True
        pos = b
    return False


def entity_lookup(doc: Document) -> dict[str, Entity]:
    """Every written form that stands for a registered entity: its name, abbreviation, a person's surname."""
    table: dict[str, Entity] = {}
    expansions = dict(doc.abbreviations)
    for e in doc.entities:
        table.setdefault(e.name, e)
    for short, long in expansions.items():
        match = next((e for e in doc.entities if e.name == long), None)
        if match:
            table.setdefault(short, match)
    people = [e for e in doc.entities if e.kind == "person" and len(e.name.split()) >= 2]
    for part_index in (-1, 0):
        for e in people:
            part = e.name.split()[part_index]
            if sum(1 for o in people if part in o.name.split()) == 1:
                table.setdefault(part, e)
    for p in doc.people:
        for alias in p.aliases:
            match = table.get(p.name)
            if match:
                table.setdefault(alias, match)
    return table


def _entity_factory(e: Entity):
    attr = Attr("", ("entity",), (("name", e.name), ("kind", e.kind)))
    return lambda children: Span(children, attr)


def _date_factory(value: str):
    attr = Attr("", ("date",), (("value", value),))
    return lambda children: Span(children, attr)


def _mark_para(para: Para, lookup: dict[str, Entity], people: set[str], dates: bool) -> Para:
    text = plain_text(para.children)
    items: list[tuple[int, int]] = []
    wraps = []
    for s, e, value in find_dates(text) if dates else ():
        if not crosses(para.children, s, e):
            items.append((s, e))
            wraps.append((s, e, _date_factory(value), None))
    if lookup:
        for m in find_mentions(text, people):
            entity = lookup.get(m.text)
            if entity is None or any(s < m.end and m.start < e for s, e in items):
                continue
            if text[m.start:m.end] != m.text or crosses(para.children, m.start, m.end):
                continue
            items.append((m.start, m.end))
            wraps.append((m.start, m.end, _entity_factory(entity), None))
    if not wraps:
        return para
    # inline_spans drops text-less nodes (a note call) at the very end when it slices; keep them aside
    children, tail = para.children, ()
    while children and _length(children[-1]) == 0:
        children, tail = children[:-1], (children[-1], *tail)
    return dataclasses.replace(para, children=(*wrap_many(children, wraps), *tail))


def mark_mentions(doc: Document) -> Document:
    """The document with its entity mentions and dates wrapped in spans (each kind unless it has them already)."""
    present = {c for n in iter_nodes(doc) if isinstance(n, Span) for c in n.attr.classes}
    lookup = entity_lookup(doc) if "entity" not in present else {}
    people = {e.name for e in doc.entities if e.kind == "person"}
    dates = "date" not in present
    if not lookup and not dates:
        return doc

    def visit(block):
        if isinstance(block, Para):
            return _mark_para(block, lookup, people, dates)
        if isinstance(block, BlockQuote):
            return dataclasses.replace(block, blocks=tuple(visit(b) for b in block.blocks))
        if isinstance(block, ListBlock):
            return dataclasses.replace(block, items=tuple(tuple(visit(b) for b in item) for item in block.items))
        return block

    return dataclasses.replace(doc, blocks=tuple(visit(b) for b in doc.blocks))
