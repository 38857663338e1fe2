"""Reads an HTML page or fragment into a Document (first version: through pandoc)."""

from __future__ import annotations

from toolkit.decode import decode_text
from toolkit.options import Context
from toolkit.pandoc_ast import run_pandoc
from toolkit.readers.pandoc import document_from_pandoc
from toolkit.tree.nodes import Document


def read_html(data: bytes, ctx: Context) -> Document:
    path = str(ctx.input_path) if ctx.input_path else None
    text, _ = decode_text(data, path)
    raw = run_pandoc(["--from", "html", "--to", "json"], text.encode("utf-8"), path)
    return document_from_pandoc(raw, ctx)
