"""Tidies text nodes (whitespace, invisible characters) and drops empty blocks."""

from __future__ import annotations

import dataclasses
import re

from toolkit.options import Context
from toolkit.tree.nodes import Document, Heading, Para, Text
from toolkit.tree.walk import plain_text, walk

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _fix(node):
    if isinstance(node, Text):
        new = _SPACES.sub(" ", _CONTROL.sub("", _INVISIBLE.sub("", node.text)))
        return Text(new) if new != node.text else None
    if isinstance(node, (Para, Heading)) and not plain_text(node.children).strip():
        return []
    return None


def normalize_text(doc: Document, ctx: Context) -> Document:
    doc = walk(doc, _fix)
    meta = doc.meta
    clean = {f: _SPACES.sub(" ", _CONTROL.sub("", getattr(meta, f))).strip() or None
             for f in ("title", "subtitle", "kicker") if getattr(meta, f)}
    return dataclasses.replace(doc, meta=dataclasses.replace(meta, **clean))
