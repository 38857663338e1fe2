"""Turns pandoc citeproc output (Cite inlines and the ``refs`` Div) into Cite nodes and Sources.

Markdown ``[@key]`` citations with a bibliography (CSL JSON, BibTeX, ...) are rendered by pandoc's
citeproc in the CSL style given (``--csl`` or ``csl:`` in the front matter); the toolkit keeps one
Source per cited key, with the formatted reference, and the writers print one reference list.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from toolkit.errors import InputError
from toolkit.pandoc.from_ast import CITE
from toolkit.tree.nodes import Source


def citeproc_args(meta: dict, ctx, path: str | None) -> list[str]:
    """pandoc arguments for citeproc: bibliography and style files, which must lie beside the input."""
    bib = meta.get("bibliography")
    if not bib and not meta.get("references"):
        return []
    files = (bib if isinstance(bib, list) else [bib]) if bib else []
    base = ctx.base_dir.resolve()
    args = ["--citeproc"]
    for name in files:
        p = (base / str(name)).resolve()
        if not p.is_relative_to(base) or not p.is_file():
            raise InputError(f"bibliography {name!r} not found beside the article", path)
        args += ["--bibliography", str(p)]
    given = getattr(ctx.options, "csl", None)  # --csl names a file the user chose
    csl = given or meta.get("csl")
    if csl:
        p = (Path(csl) if given else base / str(csl)).resolve()
        if not given and not p.is_relative_to(base):  # the article may only name styles beside it
            raise InputError(f"CSL style {str(csl)!r} lies outside the article's folder", path)
        if not p.is_file():
            raise InputError(f"CSL style {str(csl)!r} not found", path)
        args += ["--csl", str(p)]
    return args


def _text(inlines: list) -> str:
    out: list[str] = []
    for it in inlines:
        t, c = it.get("t"), it.get("c")
        if t == "Str":
            out.append(c)
        elif t in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif t in ("Emph", "Strong", "SmallCaps", "Underline", "Superscript", "Subscript", "Strikeout"):
            out.append(_text(c))
        elif t in ("Span", "Link", "Quoted", "Cite"):
            out.append(_text(c[1]))
    return "".join(out)


def _block_text(blocks: list) -> str:
    return " ".join(_text(b.get("c", [])) if b.get("t") in ("Para", "Plain") else _block_text(b["c"][1])
                    if b.get("t") == "Div" else "" for b in blocks).strip()


REFERENCES_TITLE = "references-title"  # Meta.extra key: the author's own heading for the reference list


def extract_citations(ast: dict) -> tuple[dict, list[Source]]:
    """Rewrite Cite inlines as toolkit cite Spans and lift the reference list out of the blocks.

    The writers print the list (one Source per cited key, with its formatted reference). The author's own
    heading over it ("References", "Bibliographie") would be left over it empty: it goes with the list, and
    its words title the writers' list (``Meta.extra`` key ``references-title``, set by the reader).
    """
    refs: dict[str, str] = {}
    kept = []
    blocks = ast.get("blocks", [])
    for i, block in enumerate(blocks):
        if block.get("t") == "Div" and block["c"][0][0] == "refs":
            for entry in block["c"][1]:
                if entry.get("t") == "Div" and entry["c"][0][0].startswith("ref-"):
                    refs[entry["c"][0][0][4:]] = _block_text(entry["c"][1])
            after = next((b for b in blocks[i + 1:]), None)
            if kept and kept[-1].get("t") == "Header" and (
                    after is None or (after.get("t") == "Header" and after["c"][0] <= kept[-1]["c"][0])):
                heading = kept.pop()  # the heading had nothing under it but the list
                ast.setdefault("meta", {})[REFERENCES_TITLE] = {"t": "MetaString", "c": _text(heading["c"][2])}
            continue
        kept.append(block)
    ast["blocks"] = kept
    order: list[str] = []

    def visit(node: Any) -> Any:
        if isinstance(node, list):
            return [visit(n) for n in node]
        if not isinstance(node, dict):
            return node
        if node.get("t") == "Cite":
            citations, inlines = node["c"]
            keys = [c["citationId"] for c in citations]
            for k in keys:
                if k not in order:
                    order.append(k)
            return {"t": "Span", "c": [["", [CITE], [["source", keys[0]]]], visit(inlines)]}
        return {k: visit(v) for k, v in node.items()}

    ast["blocks"] = visit(ast["blocks"])
    sources = [Source(id=k, name=refs.get(k, k), kind="reference", reference=refs.get(k, ""))
               for k in order]
    return ast, sources
