"""Turns the tree's text into pandoc's Str and Space inlines, escaping (for the Markdown round trip)
what pandoc's Markdown reader would read as something else.
"""

from __future__ import annotations

import re

_WHITESPACE = re.compile(r"([ \t\r\n]+)")
# Curly quotation marks that pandoc's smart Markdown reader would turn into quote nodes.
_SMART_QUOTES = "\u201c\u201d\u2018\u2019"
# ... and the characters its Markdown writer spells in ASCII (which would join neighbouring ASCII).
_SMART_CHARS = _SMART_QUOTES + "\u2013\u2014\u2026"
SPACE: dict = {"t": "Space"}


def text_json(s: str, lossless: bool = False) -> list:
    """Words and spaces as pandoc inlines; ``lossless`` escapes what Markdown would read differently."""
    out: list = []
    for i, part in enumerate(_WHITESPACE.split(s)):
        if i % 2:
            out.append(SPACE)
        elif part:
            out.extend(word_json(part, lossless))
    return out


def word_json(w: str, lossless: bool = False) -> list:
    """One word as pandoc inlines (see ``text_json``)."""
    if not lossless or not (any(ch in _SMART_CHARS or ch == "@" for ch in w) or "![" in w):
        return [{"t": "Str", "c": w}]
    # Markdown: pandoc writes curly quotes, dashes and ellipses as ASCII, which its smart reader
    # turns back into quote nodes or other punctuation; raw Markdown keeps them literal (a curly
    # quote needs a backslash). An apostrophe inside a word reads back as itself and stays
    # readable. An ``@`` that does not follow a letter could start a citation: escaped.
    # (Each of these was found by the round-trip property test.)
    out: list = []
    buf = ""
    for i, ch in enumerate(w):
        after_alnum = i > 0 and w[i - 1].isalnum()
        inside = after_alnum and i < len(w) - 1 and w[i + 1].isalnum()
        if ch == "@" and not after_alnum:
            raw = "\\@"
        elif w[i:i + 2] == "![" or w[max(i - 1, 0):i + 1] == "![":
            raw = "\\" + ch  # pandoc escapes only the "!" of "![", which unbalances a span's brackets
        elif ch in _SMART_QUOTES and not (ch == "\u2019" and inside):
            raw = "\\" + ch
        elif ch in _SMART_CHARS and ch not in _SMART_QUOTES:
            raw = ch
        else:
            buf += ch
            continue
        if buf:
            out.append({"t": "Str", "c": buf})
            buf = ""
        out.append({"t": "RawInline", "c": ["markdown", raw]})
    if buf:
        out.append({"t": "Str", "c": buf})
    return out


def plain_word(content: list) -> bool:
    """Inlines that are one word of letters and digits: what pandoc's ^...^ and ~...~ hold safely (a
    space, a quote or Markdown punctuation inside them reads back as something else)."""
    return bool(content) and all(x.get("t") == "Str" and x["c"].isalnum() for x in content)


_LONE_MARKER = re.compile(r"^([A-Za-z]|[ivxlcdm]+|[IVXLCDM]+)([.)])$")  # a letter, or a roman number


def escape_block_start(content: list) -> list:
    """A paragraph's first word that pandoc's Markdown writer leaves bare and its reader takes for
    syntax, escaped (Markdown flavour): a letter and a period or parenthesis alone ("X.", "iv)") starts
    a list item when nothing follows on its line, and a ``:`` or ``~`` makes the paragraph the
    definition of the block before it."""
    first = content[0] if content else None
    if not first or first.get("t") != "Str" or not first["c"]:
        return content
    m = _LONE_MARKER.match(first["c"])
    if m:
        return [{"t": "Str", "c": m.group(1)}, {"t": "RawInline", "c": ["markdown", "\\" + m.group(2)]},
                *content[1:]]
    if first["c"][0] in ":~":
        rest = first["c"][1:]
        return [{"t": "RawInline", "c": ["markdown", "\\" + first["c"][0]]},
                *([{"t": "Str", "c": rest}] if rest else []), *content[1:]]
    return content


_RULE_CHARS = frozenset("-:|+=_*")


def escape_rule_line(line: list) -> list:
    """A line of a line block made only of ``-``, ``:``, ``|`` and the like reads back as the rule of a
    table or a heading's underline: its first character is escaped (Markdown flavour)."""
    first = line[0] if line else None
    text = "".join(x["c"] for x in line if x.get("t") == "Str")
    if first and first.get("t") == "Str" and text and set(text) <= _RULE_CHARS \
            and all(x.get("t") in ("Str", "Space") for x in line):
        return [{"t": "RawInline", "c": ["markdown", "\\" + first["c"][0]]},
                *([{"t": "Str", "c": first["c"][1:]}] if first["c"][1:] else []), *line[1:]]
    return line
