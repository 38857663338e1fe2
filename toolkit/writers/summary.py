"""Turns a Document into the summary JSON of ``toolkit inspect --json`` (toolkit-summary/1)."""

from __future__ import annotations

from typing import Any

from toolkit.tree.nodes import BlockQuote, Document, Figure, Heading, ListBlock, Para, Quote
from toolkit.tree.walk import iter_nodes, plain_text

SCHEMA = "toolkit-summary/1"


def body_blocks_text(blocks) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, (Para, Heading)):
            t = plain_text(b.children).strip()
            if t:
                out.append(t)
        elif isinstance(b, BlockQuote):
            out.extend(body_blocks_text(b.blocks))
        elif isinstance(b, ListBlock):
            for item in b.items:
                out.extend(body_blocks_text(item))
    return out


def count_paragraphs(blocks) -> int:
    n = 0
    for b in blocks:
        if isinstance(b, Para):
            n += 1
        elif isinstance(b, BlockQuote):
            n += count_paragraphs(b.blocks)
    return n


def quotes_of(doc: Document) -> list[dict[str, Any]]:
    """Quotes in reading order; parts sharing a ``group`` attribute are joined into one entry."""
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
        if group and group in groups:
            groups[group]["text"] += " " + text
            continue
        entry = {"text": text, "speaker": person.name if person else None,
                 "cue": node.cue or None, "direct": node.direct}
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
