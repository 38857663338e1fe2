"""Reads Markdown with YAML front matter (title, subtitle, authors, date, language, image, ...)."""

from __future__ import annotations

from toolkit.decode import decode_text
from toolkit.errors import InputError
from toolkit.options import Context
from toolkit.pandoc_ast import run_pandoc
from toolkit.readers.pandoc import document_from_pandoc
from toolkit.tree.nodes import Document


def read_markdown(data: bytes, ctx: Context) -> Document:
    path = str(ctx.input_path) if ctx.input_path else None
    text, _ = decode_text(data, path)
    raw = run_pandoc(["--from", "markdown+smart", "--to", "json"], text.encode("utf-8"), path)
    doc = document_from_pandoc(raw, ctx)
    if not doc.blocks and not doc.meta.title:
        raise InputError("no article text found", path)
    return doc
