"""Turns a ``<dl>`` of terms (``<dt>``) and their definitions (``<dd>``) into a DefinitionList node."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from toolkit.tree.nodes import Block, Definition, DefinitionList, Inline, LineBreak


def _entries(dl: Any) -> list:
    """The list's ``dt`` and ``dd`` elements in order (HTML allows each group wrapped in a ``div``)."""
    out = []
    for child in dl:
        if child.tag in ("dt", "dd"):
            out.append(child)
        elif child.tag == "div":
            out.extend(c for c in child if c.tag in ("dt", "dd"))
    return out


def build_definition_list(dl: Any, blocks_of: Callable[[Any], tuple[Block, ...]],
                          inlines_of: Callable[[Any], tuple[Inline, ...]],
                          keep: Callable[[Any], bool] | None = None) -> DefinitionList | None:
    """Terms and their definitions; a term with several ``dt`` lines keeps them as one term broken by
    line breaks. A term and its definitions are kept if ``keep`` accepts any of their elements."""
    groups: list[tuple[list, list]] = []  # (dt elements, dd elements)
    for el in _entries(dl):
        if el.tag == "dt":
            if not groups or groups[-1][1]:
                groups.append(([], []))
            groups[-1][0].append(el)
        else:
            if not groups:
                groups.append(([], []))
            groups[-1][1].append(el)
    items = []
    for dts, dds in groups:
        if keep is not None and not any(keep(el) for el in dts + dds):
            continue
        term: list[Inline] = []
        for dt in dts:
            inlines = inlines_of(dt)
            if inlines:
                term.extend([LineBreak(), *inlines] if term else inlines)
        definitions = tuple(blocks for blocks in (blocks_of(dd) for dd in dds) if blocks)
        if term or definitions:
            items.append(Definition(tuple(term), definitions))
    return DefinitionList(tuple(items)) if items else None
