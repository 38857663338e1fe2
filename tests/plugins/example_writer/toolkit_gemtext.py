"""Example toolkit plugin: writes and reads gemtext (the Gemini format), and adds a reading-time estimate."""

from __future__ import annotations

import dataclasses
import math

from toolkit.errors import InputError
from toolkit.options import Context, Options
from toolkit.registry import PassSpec, ReaderSpec, WriterSpec
from toolkit.tree.nodes import (
    BlockQuote,
    CodeBlock,
    Document,
    Figure,
    Heading,
    Link,
    ListBlock,
    Meta,
    Note,
    Para,
    Text,
)
from toolkit.tree.walk import iter_nodes, plain_text

WORDS_PER_MINUTE = 230


# ---------------------------------------------------------------- writer
def _links(block) -> list[str]:
    return [f"=> {n.url} {plain_text(n.children)}" for n in iter_nodes(block) if isinstance(n, Link)]


def _block(block) -> list[str]:
    if isinstance(block, Heading):
        return [f"{'#' * min(block.level + 1, 3)} {plain_text(block.children)}"]
    if isinstance(block, Para):
        return [plain_text(block.children), *_links(block)]
    if isinstance(block, BlockQuote):
        return [f"> {line}" for b in block.blocks for line in _block(b)]
    if isinstance(block, ListBlock):
        return [f"* {line}" for item in block.items for b in item for line in _block(b)[:1]]
    if isinstance(block, CodeBlock):
        return ["```", block.text, "```"]
    if isinstance(block, Figure):
        caption = " ".join(x for x in (plain_text(block.caption), plain_text(block.credit)) if x)
        return [f"=> {block.src} {caption}"] if block.src else [caption]
    return []  # notes are listed at the end; rules have no gemtext form


def render_gemtext(doc: Document, options: Options, ctx: Context) -> bytes:
    """``(doc, options, ctx) -> bytes``: the contract every toolkit writer follows."""
    m = doc.meta
    lines = [f"# {m.title or 'Untitled'}"]
    if m.subtitle:
        lines += ["", m.subtitle]
    if m.authors:
        lines += ["", "By " + ", ".join(m.authors)]
    for block in doc.blocks:
        out = _block(block)
        if out:
            lines += ["", *out]
    notes = [b for b in doc.blocks if isinstance(b, Note)]
    if notes:
        lines += ["", "## Notes", ""]
        lines += [f"{i}. " + " ".join(plain_text(p.children) for p in n.blocks if isinstance(p, Para))
                  for i, n in enumerate(notes, 1)]
    if doc.sources:
        lines += ["", "## Sources", ""]
        lines += [f"=> {s.url} {s.name}" if s.url else f"* {s.name}" for s in doc.sources]
    return ("\n".join(lines) + "\n").encode("utf-8")


# ---------------------------------------------------------------- reader
def read_gemtext(data: bytes, ctx: Context) -> Document:
    """``(data, ctx) -> Document``: the contract every toolkit reader follows."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("gemtext must be UTF-8", str(ctx.input_path) if ctx.input_path else None) from None
    title, blocks, code, items = None, [], None, []

    def flush_list():
        if items:
            blocks.append(ListBlock(False, tuple((Para((Text(i),)),) for i in items)))
            items.clear()

    for line in text.splitlines():
        if code is not None:
            if line.startswith("```"):
                blocks.append(CodeBlock("\n".join(code)))
                code = None
            else:
                code.append(line)
            continue
        if not line.startswith("* "):
            flush_list()
        if line.startswith("```"):
            code = []
        elif line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            words = line[level:].strip()
            if level == 1 and title is None:
                title = words
            else:
                blocks.append(Heading(max(level - 1, 1), (Text(words),)))
        elif line.startswith("=>"):
            url, _, label = line[2:].strip().partition(" ")
            blocks.append(Para((Link((Text(label.strip() or url),), url),)))
        elif line.startswith(">"):
            blocks.append(BlockQuote((Para((Text(line[1:].strip()),)),)))
        elif line.startswith("* "):
            items.append(line[2:].strip())
        elif line.strip():
            blocks.append(Para((Text(line.strip()),)))
    flush_list()
    return Document(Meta(title=title), tuple(blocks))


# ---------------------------------------------------------------- pass
def add_reading_time(doc: Document, ctx: Context) -> Document:
    """``(doc, ctx) -> Document``: store the minutes a reader needs in ``meta.extra``."""
    words = sum(len(plain_text(n.children).split()) for n in iter_nodes(doc) if isinstance(n, Para))
    minutes = str(max(1, math.ceil(words / WORDS_PER_MINUTE)))
    extra = (*((k, v) for k, v in doc.meta.extra if k != "reading-minutes"), ("reading-minutes", minutes))
    return dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, extra=extra))


# The objects the entry points name: specs (or functions returning specs).
WRITER = WriterSpec("gemtext", "gmi", render_gemtext, "Gemini gemtext (example plugin)")
READER = ReaderSpec("gemtext", ("gmi", "gemini"), read_gemtext, "Gemini gemtext (example plugin)")
READING_TIME = PassSpec("reading-time", 850, add_reading_time, "reading time in meta.extra (example plugin)")
