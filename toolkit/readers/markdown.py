"""Reads Markdown with YAML front matter (title, subtitle, authors, date, language, image, ...).

Citations (``[@key]``) with a ``bibliography`` in the front matter go through pandoc's citeproc.
"""

from __future__ import annotations

import dataclasses
import json
import os

from toolkit.config.safe_yaml import check_front_matter
from toolkit.errors import InputError
from toolkit.guard.decode import decode_text, normalize_newlines
from toolkit.options import Context
from toolkit.pandoc.from_ast import meta_value
from toolkit.pandoc.run import run_pandoc
from toolkit.readers.citations import REFERENCES_TITLE, citeproc_args, extract_citations
from toolkit.readers.pandoc import document_from_pandoc
from toolkit.tree.nodes import Document

# No abbreviation list: pandoc would turn the space after "Mr." or "c." into a no-break space,
# changing the article's text (and a written Markdown file would not read back as written).
FROM = ["--from", "markdown+smart", f"--abbreviations={os.devnull}"]


def read_markdown(data: bytes, ctx: Context) -> Document:
    path = str(ctx.input_path) if ctx.input_path else None
    text, _ = decode_text(data, path)
    check_front_matter(text, path)  # YAML aliases would make pandoc expand them without bound
    source = normalize_newlines(text).encode("utf-8")  # pandoc reads a lone CR as no line break
    raw = run_pandoc([*FROM, "--to", "json"], source, path)
    meta = {k: meta_value(v) for k, v in json.loads(raw).get("meta", {}).items()}
    extra = citeproc_args(meta, ctx, path)
    sources = []
    if extra:
        ast = json.loads(run_pandoc([*FROM, "--to", "json", *extra], source, path))
        ast, sources = extract_citations(ast)
        references_title = ast.get("meta", {}).pop(REFERENCES_TITLE, {}).get("c")
        raw = json.dumps(ast).encode()
    doc = document_from_pandoc(raw, ctx)
    if sources:
        known = {s.id for s in doc.sources}
        doc = dataclasses.replace(doc, sources=doc.sources + tuple(s for s in sources if s.id not in known))
    if extra and references_title and REFERENCES_TITLE not in dict(doc.meta.extra):
        doc = dataclasses.replace(doc, meta=dataclasses.replace(
            doc.meta, extra=(*doc.meta.extra, (REFERENCES_TITLE, references_title))))
    if not doc.blocks and not doc.abstract and not doc.meta.title:
        raise InputError("no article text found", path)
    return doc
