"""Turns scraped page text (article plus page furniture) into a Document.

Each blank-line-separated block is labelled (furniture, title, kicker, tags, dek, byline,
dateline, caption, credit, heading, item, body) with a reason: figure credits and captions first
(text_figures), then the main text run (text_blocks), then the header above it (text_header).
``toolkit inspect INPUT --explain`` prints every block's label and reason.
"""

from __future__ import annotations

import re
from collections import Counter

from toolkit.errors import InputError
from toolkit.guard.decode import decode_text, normalize_newlines
from toolkit.options import Context
from toolkit.readers.text.blocks import BULLET, Block, is_furniture_line, key, label_body, split_blocks
from toolkit.readers.text.figures import credit_of, label_figures, split_caption
from toolkit.readers.text.header import label_header, peel_header
from toolkit.readers.text.language import guess_language
from toolkit.tree.nodes import Document, Figure, Heading, ListBlock, Meta, Para, Table, TableCell, TableRow, Text


def classify(blocks: list[Block]) -> dict:
    """Label every block in place; return the metadata found."""
    counts = Counter(key(b.text) for b in blocks)
    label_figures(blocks)
    start, end = label_body(blocks, counts)
    if not any(b.label == "body" for b in blocks):
        # no prose run at all (a page of short lines): keep every unrepeated line of five words or more
        for b in blocks:
            if b.label == "furniture" and b.words >= 5 and counts[key(b.text)] == 1 and not is_furniture_line(b.text):
                b.label, b.reason = "body", "no prose run on the page: an unrepeated line of five words or more"
        start = next((b.index for b in blocks if b.label == "body"), start)
    start = peel_header(blocks, start, counts)
    meta = label_header(blocks, start, counts, end)
    for b in blocks:
        if not b.reason:
            b.reason = "outside the main text run"
    return meta


def assemble(blocks: list[Block]) -> list:
    """Document blocks from the labelled blocks: paragraphs, headings, lists, tables and figures."""
    out: list = []
    pending_caption: Block | None = None
    items: list[tuple] = []
    body_idx = [b.index for b in blocks if b.label == "body"]
    if not body_idx:
        return out
    first, last = body_idx[0], body_idx[-1]

    def close_list() -> None:
        nonlocal items
        if items:
            out.append(ListBlock(False, tuple(items)))
            items = []

    for b in blocks:
        if b.index > last:
            break
        if b.label == "item":
            items.append((Para((Text(BULLET.sub("", b.text)),)),))
            continue
        close_list()
        if b.label == "caption" and split_caption(b.text)[1]:
            caption, credit = split_caption(b.text)
            out.append(Figure("", "", (Text(caption),), (Text(credit),)))
        elif b.label == "caption":
            if pending_caption is not None:
                out.append(Figure("", "", (Text(pending_caption.text),)))
            pending_caption = b
        elif b.label == "credit":
            caption = (Text(pending_caption.text),) if pending_caption else ()
            out.append(Figure("", "", caption, (Text(credit_of(b.text)),)))
            pending_caption = None
        elif b.label == "body":
            if pending_caption is not None:
                out.append(Figure("", "", (Text(pending_caption.text),)))
                pending_caption = None
            out.append(Para((Text(b.text),)))
        elif b.label == "table":
            out.append(Table((), tuple(TableRow(tuple(TableCell((Para((Text(c),)),)) for c in row)) for row in b.rows)))
        elif b.label == "heading" and b.index > first:
            out.append(Heading(2, (Text(b.text),)))
    close_list()
    while out and isinstance(out[-1], Heading):
        out.pop()
    return out


# A run of blanks inside a line longer than this is cut to this length. Nothing the reader or an edition
# makes of a line depends on a longer run (columns are two blanks or a tab; paragraphs collapse blanks),
# while the header's patterns (a separator, a reading time, a month and day: "\s+X\s+") try every start
# in a run: 50,000 blanks in a byline took over a minute, the square of the run.
LONGEST_BLANK_RUN = 64
_LONG_BLANKS = re.compile(r"[^\S\n]{" + str(LONGEST_BLANK_RUN + 1) + ",}")


def read_text(data: bytes, ctx: Context) -> Document:
    path = str(ctx.input_path) if ctx.input_path else None
    text, encoding = decode_text(data, path)
    if encoding not in ("utf-8", "utf-8-sig"):
        ctx.warn(f"not UTF-8; read as {encoding}")
    text = normalize_newlines(text).replace("\u00a0", " ")
    text = _LONG_BLANKS.sub(lambda m: m.group(0)[:LONGEST_BLANK_RUN], text)
    blocks = split_blocks(text)
    if not blocks:
        raise InputError("the file is empty (no text to read); give an article", path)
    meta = classify(blocks)
    ctx.explain.extend((b.line, b.label, b.reason, b.text) for b in blocks)
    out = assemble(blocks)
    if not any(isinstance(b, Para) for b in out):
        raise InputError("no article text found (only page furniture); check the file", path)
    body_text = " ".join(b.text for b in blocks if b.label == "body")
    return Document(
        meta=Meta(title=meta.get("title"), subtitle=meta.get("subtitle"), kicker=meta.get("kicker"),
                  tags=tuple(meta["tags"]), authors=tuple(meta["authors"]), date=meta.get("date"),
                  language=guess_language(body_text)),
        blocks=tuple(out),
    )
