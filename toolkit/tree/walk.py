"""Walks and queries the tree: bottom-up replacement (panflute's contract) and collection."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Any

from toolkit.tree.nodes import Attr, Document, Inline, Meta, Text

# Fields that hold child nodes (tuples of blocks/inlines, or tuples of such tuples: list items, definitions,
# lines). ``abstract`` is the Document's; ``term``/``definitions`` a Definition's; ``head``/``body``/``foot``
# a Table's rows, ``cells`` a row's.
_CHILD_FIELDS = ("children", "blocks", "caption", "credit", "items", "term", "definitions", "lines", "head", "body",
                 "foot", "cells", "abstract")
_SKIP = (Attr, Meta)


def _walk_seq(seq: tuple, fn: Callable[[Any], Any]) -> tuple:
    out: list = []
    for item in seq:
        if isinstance(item, tuple):  # list items: tuple of blocks
            out.append(_walk_seq(item, fn))
            continue
        new = walk(item, fn)
        if new is None:
            continue
        if isinstance(new, list):
            out.extend(new)
        else:
            out.append(new)
    return tuple(out)


def walk(node: Any, fn: Callable[[Any], Any]) -> Any:
    """Rebuild ``node`` bottom-up; ``fn`` returns None to keep, a node to replace,
    a list to splice (``[]`` deletes). Returns the new node, a list, or None if deleted."""
    if isinstance(node, _SKIP) or not dataclasses.is_dataclass(node):
        return node
    changes = {}
    for name in _CHILD_FIELDS:
        if hasattr(node, name):
            old = getattr(node, name)
            new = _walk_seq(old, fn)
            if new != old:
                changes[name] = new
    if changes:
        node = dataclasses.replace(node, **changes)
    if isinstance(node, Document):
        return node
    result = fn(node)
    if result is None:
        return node
    if isinstance(result, list) and not result:
        return None
    return result


def walk_blocks(doc: Document, fn: Callable[[Any], Any]) -> Document:
    return walk(doc, fn)


def iter_nodes(node: Any) -> Iterator[Any]:
    """Every node below ``node`` (pre-order), including ``node``."""
    yield node
    if isinstance(node, _SKIP) or not dataclasses.is_dataclass(node):
        return
    for name in _CHILD_FIELDS:
        for child in getattr(node, name, ()):
            if isinstance(child, tuple):
                for sub in child:
                    yield from iter_nodes(sub)
            else:
                yield from iter_nodes(child)


def query(node: Any, fn: Callable[[Any], Any]) -> list:
    return [r for n in iter_nodes(node) if (r := fn(n)) is not None]


def plain_text(inlines: tuple[Inline, ...] | Inline) -> str:
    """The text of inlines, as a reader would see it (quotes get their quotation marks back)."""
    if not isinstance(inlines, tuple):
        inlines = (inlines,)
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(node.text)
        elif hasattr(node, "children"):
            inner = plain_text(node.children)
            mark = getattr(node, "attr", None)
            marks = mark.get("marks") if isinstance(mark, Attr) else None
            if marks and len(marks) == 2:
                inner = marks[0] + inner + marks[1]
            parts.append(inner)
        elif hasattr(node, "text"):
            parts.append(node.text)
        elif type(node).__name__ == "LineBreak":
            parts.append("\n")
    return "".join(parts)
