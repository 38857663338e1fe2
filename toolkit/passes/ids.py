"""Gives every paragraph a stable anchor (p1, p2, ...) and headings and figures their own ids.

The ids are shared by all editions, so "¶12" means the same paragraph in HTML, EPUB and PDF.
"""

from __future__ import annotations

import dataclasses

from toolkit.options import Context
from toolkit.tree.nodes import BlockQuote, Document, Figure, Heading, ListBlock, Para
from toolkit.tree.walk import plain_text


def _slug(text: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "section"


def assign_ids(doc: Document, ctx: Context) -> Document:
    counters = {"p": 0, "fig": 0}
    used: set[str] = set()

    def fresh(base: str) -> str:
        cand, n = base, 1
        while cand in used:
            n += 1
            cand = f"{base}-{n}"
        used.add(cand)
        return cand

    def visit(block):
        if isinstance(block, Para):
            counters["p"] += 1
            return dataclasses.replace(block, attr=block.attr.with_id(f"p{counters['p']}"))
        if isinstance(block, Heading):
            return dataclasses.replace(block, attr=block.attr.with_id(
                block.attr.id or fresh("h-" + _slug(plain_text(block.children)))))
        if isinstance(block, Figure):
            counters["fig"] += 1
            return dataclasses.replace(block, attr=block.attr.with_id(f"fig{counters['fig']}"))
        if isinstance(block, BlockQuote):
            return dataclasses.replace(block, blocks=tuple(visit(b) for b in block.blocks))
        if isinstance(block, ListBlock):
            return dataclasses.replace(block, items=tuple(tuple(visit(b) for b in item)
                                                          for item in block.items))
        return block

    return dataclasses.replace(doc, blocks=tuple(visit(b) for b in doc.blocks))
