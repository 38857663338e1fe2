"""Tidies text nodes (whitespace, invisible characters) and drops empty blocks.

A line block (verse, an address) keeps the no-break spaces that indent each of its lines.
"""

from __future__ import annotations

import dataclasses
import re

from toolkit.options import Context
from toolkit.tree.nodes import Document, Heading, LineBlock, Para, Text
from toolkit.tree.walk import iter_nodes, plain_text, walk

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INDENT = re.compile("^\u00a0+")


def _fix(node):
    if isinstance(node, Text):
        new = _SPACES.sub(" ", _CONTROL.sub("", _INVISIBLE.sub("", node.text)))
        return Text(new) if new != node.text else None
    if isinstance(node, (Para, Heading)) and not plain_text(node.children).strip():
        return []
    return None


def _indents(line: tuple) -> str:
    first = line[0] if line else None
    return _INDENT.match(first.text).group() if isinstance(first, Text) and _INDENT.match(first.text) else ""


def normalize_text(doc: Document, ctx: Context) -> Document:
    # each line block's indents, in document order (walk meets line blocks in that order too)
    indents = iter([[_indents(line) for line in b.lines] for b in iter_nodes(doc) if isinstance(b, LineBlock)])
    doc = walk(doc, _fix)

    def restore(node):
        if not isinstance(node, LineBlock):
            return None
        lines = []
        for line, indent in zip(node.lines, next(indents), strict=False):
            if indent and line and isinstance(line[0], Text):
                line = (Text(indent + line[0].text.lstrip(" ")), *line[1:])
            lines.append(line)
        return dataclasses.replace(node, lines=tuple(lines))

    doc = walk(doc, restore)
    meta = doc.meta
    clean = {f: _SPACES.sub(" ", _CONTROL.sub("", getattr(meta, f))).strip() or None
             for f in ("title", "subtitle", "kicker") if getattr(meta, f)}
    return dataclasses.replace(doc, meta=dataclasses.replace(meta, **clean))
