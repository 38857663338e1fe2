"""Writes DOCX, ODT, Markdown, JATS XML and LaTeX through pandoc, from the tree's pandoc JSON AST.

pandoc runs in its sandbox: images reach DOCX and ODT as ``data:`` URIs read through
``toolkit.guard.files``, and the only file it opens itself is the ``--reference-doc`` it is given.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from toolkit.errors import InputError
from toolkit.guard.files import Resources
from toolkit.options import Context, Options
from toolkit.pandoc.run import run_pandoc
from toolkit.pandoc.to_ast import ToPandoc
from toolkit.tree.nodes import Document

# The Markdown flavour the toolkit writes and its own Markdown reader reads (``markdown+smart``). Tables are
# pipe or grid tables: pandoc's simple and multiline tables cannot say "no alignment given" (they read back
# as left-aligned), and with --wrap=none its multiline tables change their columns' widths.
MARKDOWN_OUT = "markdown-simple_tables-multiline_tables"


def source_epoch(options: Options, ctx: Context) -> int:
    """SOURCE_DATE_EPOCH, else the input file's mtime: the same input gives the same file."""
    if options.source_date_epoch is not None:
        return options.source_date_epoch
    env = os.environ.get("SOURCE_DATE_EPOCH", "")
    if env.isdigit():
        return int(env)
    if ctx.input_path and ctx.input_path.exists():
        return int(ctx.input_path.stat().st_mtime)
    return 946684800  # 2000-01-01


def image_source(options: Options, ctx: Context, embed: bool) -> Callable[[str], str | None]:
    """How an image reaches pandoc: embedded as a data URI, or its path if the file is there."""
    res = Resources(ctx.base_dir, allow_network=options.allow_network)

    def src(ref: str) -> str | None:
        if embed:
            return res.data_uri(ref)
        return ref if res.local_path(ref) is not None else None

    return src


def human_date(value: str | None) -> str | None:
    from toolkit.writers.html.render import format_date

    return format_date(value) or None if value else None


def pandoc_ast(doc: Document, options: Options, ctx: Context, *, lossless: bool = False,
               office: bool = False, extra_meta: dict[str, Any] | None = None) -> dict:
    """The pandoc JSON AST of ``doc``; ``extra_meta`` holds plain values for the format's template.

    ``office`` (DOCX, ODT) embeds images and styles a caption without an image as a caption.
    """
    images = (lambda ref: ref) if lossless else image_source(options, ctx, office)
    conv = ToPandoc(doc, lossless=lossless, image_src=images, warn=ctx.warn,
                    caption_style="Image Caption" if office else None)
    ast = conv.document()
    for key, value in (extra_meta or {}).items():
        if value is None or value == "" or value == {}:
            ast["meta"].pop(key, None)
        else:
            ast["meta"][key] = conv.meta_value(value)
    return ast


def run(ast: dict, to: str, ctx: Context, args: tuple[str, ...] = (), env: dict[str, str] | None = None) -> bytes:
    data = json.dumps(ast, ensure_ascii=False).encode("utf-8")
    path = str(ctx.input_path) if ctx.input_path else None
    return run_pandoc(["--from", "json", "--to", to, "--standalone", *args, "--output", "-"], data, path,
                      writing=True, env=env)


def reference_args(options: Options) -> tuple[str, ...]:
    ref = options.reference_doc
    if ref is None:
        return ()
    ref = Path(ref)
    if not ref.is_file():
        raise InputError("reference document not found", str(ref))
    return ("--reference-doc", str(ref))


def office_meta(doc: Document) -> dict[str, Any]:
    """What Word and LibreOffice show: a readable date, the kicker as the subject."""
    return {"date": human_date(doc.meta.date), "subject": doc.meta.kicker,
            "description": doc.meta.subtitle, "kicker": None}


def render_docx(doc: Document, options: Options, ctx: Context) -> bytes:
    ast = pandoc_ast(doc, options, ctx, office=True, extra_meta=office_meta(doc))
    return run(ast, "docx", ctx, reference_args(options), {"SOURCE_DATE_EPOCH": str(source_epoch(options, ctx))})


def render_odt(doc: Document, options: Options, ctx: Context) -> bytes:
    ast = pandoc_ast(doc, options, ctx, office=True, extra_meta=office_meta(doc))
    abstract = ast["meta"].pop("abstract", None)
    if abstract is not None:  # pandoc's ODT template writes it as bare text outside any paragraph, which
        # LibreOffice does not show: it opens the body instead, under its own styled heading
        heading = {"t": "Header", "c": [2, ["abstract", ["abstract"], []], [{"t": "Str", "c": "Abstract"}]]}
        ast["blocks"] = [heading, *abstract["c"], *ast["blocks"]]
    return run(ast, "odt", ctx, reference_args(options), {"SOURCE_DATE_EPOCH": str(source_epoch(options, ctx))})


def render_markdown(doc: Document, options: Options, ctx: Context) -> bytes:
    """pandoc Markdown with YAML front matter that the ``markdown`` reader reads into the same tree."""
    return run(pandoc_ast(doc, options, ctx, lossless=True), MARKDOWN_OUT, ctx, ("--wrap=none",))


def render_jats(doc: Document, options: Options, ctx: Context) -> bytes:
    """JATS XML (Archiving and Interchange tag set) with the article's metadata in ``<front>``."""
    m = doc.meta
    identifier = dict(m.extra).get("identifier")
    extra = {
        "copyright": {"statement": m.rights} if m.rights else None,
        "journal": {k: v for k, v in (("publisher-name", m.publisher or m.site_name), ("title", m.site_name)) if v}
        or None,
        "article": {k: v for k, v in (("publisher-id", identifier), ("heading", m.kicker)) if v} or None,
        "tags": list(m.tags) or None,
        "kicker": None,
    }
    return run(pandoc_ast(doc, options, ctx, extra_meta=extra), "jats_archiving", ctx)


def render_latex(doc: Document, options: Options, ctx: Context) -> bytes:
    """A standalone LaTeX source file; images are referred to by their paths beside the input."""
    paper = {"a4": "a4", "letter": "letter", "a5": "a5"}.get(options.paper)
    extra = {"date": human_date(doc.meta.date), "papersize": paper, "kicker": None}
    return run(pandoc_ast(doc, options, ctx, extra_meta=extra), "latex", ctx)
