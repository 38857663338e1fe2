"""Turns a Document into the summary JSON of ``toolkit inspect --json`` (toolkit-summary/1)."""

from __future__ import annotations

from typing import Any

from toolkit.tree.nodes import (
    BlockQuote,
    DefinitionList,
    Div,
    Document,
    Figure,
    Heading,
    LineBlock,
    ListBlock,
    Para,
    Quote,
    Table,
)
from toolkit.tree.walk import iter_nodes, plain_text

SCHEMA = "toolkit-summary/1"
CELL_SEPARATOR = " | "


def body_blocks_text(blocks) -> list[str]:
    """The text of each body block: a table as one line per row (cells separated by " | "), a definition
    list as a term line followed by its definitions' lines, a line block as its lines."""
    out: list[str] = []
    for b in blocks:
        if isinstance(b, (Para, Heading)):
            t = plain_text(b.children).strip()
            if t:
                out.append(t)
        elif isinstance(b, (BlockQuote, Div)):
            out.extend(body_blocks_text(b.blocks))
        elif isinstance(b, ListBlock):
            for item in b.items:
                out.extend(body_blocks_text(item))
        elif isinstance(b, Table):
            t = table_text(b)
            if t:
                out.append(t)
        elif isinstance(b, DefinitionList):
            out.extend(t for t in (definition_text(d) for d in b.items) if t)
        elif isinstance(b, LineBlock):
            t = "\n".join(plain_text(line).strip() for line in b.lines).strip("\n")
            if t:
                out.append(t)
    return out


def _one_line(blocks) -> str:
    return " ".join(" ".join(body_blocks_text(blocks)).split())


def table_text(table: Table) -> str:
    lines = []
    for row in (*table.head, *table.body, *table.foot):
        cells = [_one_line(c.blocks) for c in row.cells]
        if any(cells):
            lines.append(CELL_SEPARATOR.join(cells))
    return "\n".join(lines)


def definition_text(d) -> str:
    lines = [plain_text(d.term).strip()]
    for definition in d.definitions:
        lines.extend(body_blocks_text(definition))
    return "\n".join(t for t in lines if t)


def count_paragraphs(blocks) -> int:
    """Body paragraphs: those of the text, its quotes and its boxes (not a table's cells or a list's items)."""
    n = 0
    for b in blocks:
        if isinstance(b, Para):
            n += 1
        elif isinstance(b, (BlockQuote, Div)):
            n += count_paragraphs(b.blocks)
    return n


def quotes_of(doc: Document, join: bool = True, evidence: bool = False) -> list[dict[str, Any]]:
    """Quotes in reading order; parts sharing a ``group`` attribute are joined into one entry (``join``;
    else each part is one, as the annotated edition marks them). ``evidence`` adds each attribution's
    ``rule`` and ``confidence`` (the evaluation's view; the summary JSON has neither)."""
    out: list[dict[str, Any]] = []
    groups: dict[str, dict[str, Any]] = {}
    nested: set[int] = set()  # quoted words inside a reported clause belong to that one quote
    for node in iter_nodes(doc):
        if not isinstance(node, Quote) or id(node) in nested:
            continue
        nested.update(id(n) for n in iter_nodes(node) if n is not node and isinstance(n, Quote))
        person = doc.person(node.speaker) if node.speaker else None
        text = plain_text(node.children).strip()
        group = node.attr.get("group")
        if join and group and group in groups:
            groups[group]["text"] += " " + text
            continue
        entry = {"text": text, "speaker": person.name if person else None,
                 "cue": node.cue or None, "direct": node.direct}
        if evidence:
            entry.update(rule=node.attr.get("rule") or "", confidence=float(node.attr.get("confidence") or 1.0))
        if group:
            groups[group] = entry
        out.append(entry)
    return out


def summarize(doc: Document, input_path: str = "", fmt: str = "") -> dict[str, Any]:
    m = doc.meta
    figures = [
        {"src": b.src or None, "alt": b.alt or None,
         "caption": plain_text(b.caption).strip() or None, "credit": plain_text(b.credit).strip() or None}
        for b in iter_nodes(doc) if isinstance(b, Figure)
    ]
    ents = {"person": [], "organization": [], "place": []}
    for e in doc.entities:
        if e.kind in ents:
            ents[e.kind].append(e.name)
    return {
        "schema": SCHEMA,
        "input": input_path,
        "format": fmt,
        "title": m.title,
        "subtitle": m.subtitle,
        "kicker": m.kicker,
        "tags": list(m.tags),
        "authors": list(m.authors),
        "date": m.date,
        "language": m.language,
        "text": "\n\n".join(body_blocks_text(doc.blocks)),
        "paragraphs": count_paragraphs(doc.blocks),
        "figures": figures,
        "quotes": quotes_of(doc),
        "sources": [{"name": s.name, "abbrev": s.abbrev or None} for s in doc.sources],
        "abbreviations": dict(doc.abbreviations),
        "events": [{"date": e.date, "text": e.text} for e in sorted(doc.events, key=lambda e: e.date)],
        "people": ents["person"],
        "organizations": ents["organization"],
        "places": ents["place"],
    }
