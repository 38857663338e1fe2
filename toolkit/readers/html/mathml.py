"""Turns a MathML ``<math>`` element into a Math node: its TeX annotation, else its alttext, else its text."""

from __future__ import annotations

import re
from typing import Any

from toolkit.tree.nodes import Math

TEX_ENCODINGS = ("application/x-tex", "application/x-latex", "tex", "latex", "text/x-tex", "text/latex")
_WS = re.compile(r"\s+")


def local_name(tag: Any) -> str:
    """``m:math`` and ``{ns}math`` read as ``math``."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def is_math(el: Any) -> bool:
    return local_name(el.tag) == "math"


def _tex_annotation(el: Any) -> str:
    for d in el.iter():
        if local_name(d.tag) == "annotation" and (d.get("encoding") or "").strip().lower() in TEX_ENCODINGS:
            text = (d.text_content() or "").strip()
            if text:
                return text
    return ""


def _rendered_text(el: Any) -> str:
    """The math's own characters, leaving out annotations (which are other encodings of the same formula)."""
    parts: list[str] = []

    def visit(node: Any) -> None:
        if local_name(node.tag) in ("annotation", "annotation-xml"):
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                visit(child)
            if child.tail:
                parts.append(child.tail)

    visit(el)
    return _WS.sub(" ", "".join(parts)).strip()


def math_node(el: Any) -> Math | None:
    """The formula as TeX (``annotation``), else ``alttext``, else its rendered characters; None if empty.

    ``display="block"`` (or the older ``mode="display"``) sets a formula on a line of its own.
    """
    text = _tex_annotation(el) or _WS.sub(" ", el.get("alttext") or "").strip() or _rendered_text(el)
    if not text:
        return None
    display = (el.get("display") or "").strip().lower() == "block" or (el.get("mode") or "").lower() == "display"
    return Math(text, display)
