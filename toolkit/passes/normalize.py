"""Tidies text nodes (whitespace, invisible characters, mojibake) and drops empty blocks.

A line block (verse, an address) keeps the no-break spaces that indent each of its lines. Text that
was mis-decoded before it reached us ("caf\u00c3\u00a9" for "caf\u00e9") is repaired with ftfy, in the
body and in the metadata, configured to fix encodings only (quotes, ligatures, widths, entities and
line breaks stay as the author wrote them); a warning says how many places were repaired.
"""

from __future__ import annotations

import dataclasses
import re

from toolkit.options import Context
from toolkit.tree.nodes import Document, Heading, LineBlock, Para, Text
from toolkit.tree.walk import iter_nodes, plain_text, walk

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INDENT = re.compile("^\u00a0+")
# A UTF-8 lead byte read as Windows-1252/Latin-1 followed by a continuation byte read the same way:
# only text with such a pair is handed to ftfy (correct text rarely has one, and ftfy keeps it anyway).
_SUSPECT = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                      "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")
META_TEXT_FIELDS = ("title", "subtitle", "kicker", "site_name", "publisher", "rights")
_config = None


def repair_mojibake(text: str) -> str:
    """``text`` with mis-decoded UTF-8 repaired ("competitor\u00e2\u20ac\u2122s" -> "competitor\u2019s");
    anything else unchanged."""
    global _config
    if not _SUSPECT.search(text):
        return text
    import ftfy

    if _config is None:
        _config = ftfy.TextFixerConfig(
            unescape_html=False, remove_terminal_escapes=False, fix_c1_controls=False, fix_latin_ligatures=False,
            fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False, fix_surrogates=False,
            remove_control_chars=False, normalization=None, explain=False)
    return ftfy.fix_text(text, config=_config)


def _fix(node, repaired: list):
    if isinstance(node, Text):
        text = repair_mojibake(node.text)
        if text != node.text:
            repaired.append(node.text)
        new = _SPACES.sub(" ", _INVISIBLE.sub("", text))  # control characters: the sanitize pass counts them
        return Text(new) if new != node.text else None
    if isinstance(node, (Para, Heading)) and not plain_text(node.children).strip():
        return []
    return None


def _indents(line: tuple) -> str:
    first = line[0] if line else None
    return _INDENT.match(first.text).group() if isinstance(first, Text) and _INDENT.match(first.text) else ""


def normalize_text(doc: Document, ctx: Context) -> Document:
    # each line block's indents, in document order (walk meets line blocks in that order too)
    indents = iter([[_indents(line) for line in b.lines] for b in iter_nodes(doc) if isinstance(b, LineBlock)])
    repaired: list[str] = []
    doc = walk(doc, lambda node: _fix(node, repaired))

    def restore(node):
        if not isinstance(node, LineBlock):
            return None
        lines = []
        for line, indent in zip(node.lines, next(indents), strict=False):
            if indent and line and isinstance(line[0], Text):
                line = (Text(indent + line[0].text.lstrip(" ")), *line[1:])
            lines.append(line)
        return dataclasses.replace(node, lines=tuple(lines))

    doc = walk(doc, restore)
    meta = doc.meta
    fixed = {f: repair_mojibake(getattr(meta, f)) for f in META_TEXT_FIELDS if getattr(meta, f)}
    for f in ("authors", "tags"):
        fixed[f] = tuple(repair_mojibake(v) for v in getattr(meta, f))
    repaired += [f for f, v in fixed.items() if v != getattr(meta, f)]
    clean = {f: _SPACES.sub(" ", fixed[f]).strip() or None
             for f in ("title", "subtitle", "kicker") if fixed.get(f)}
    if repaired:
        n = len(repaired)
        ctx.warn(f"repaired mis-decoded text (mojibake) in {n} place{'s' * (n != 1)}")
    return dataclasses.replace(doc, meta=dataclasses.replace(meta, **{**fixed, **clean}))
