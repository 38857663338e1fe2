"""The conventions by which the toolkit's own node kinds travel through pandoc's AST, shared by
``from_ast`` (which reads them) and ``to_ast`` (which writes them): marker classes, and when a Div
is a Div, a block's attributes, or layout to unwrap.
"""

from __future__ import annotations

import re

from toolkit.tree.nodes import (
    LIST_STYLES,
    Attr,
    BlockQuote,
    DefinitionList,
    LineBlock,
    ListBlock,
    Para,
    Quote,
    Table,
    Text,
)
from toolkit.tree.walk import plain_text

# Marker classes: the first class of a pandoc Span/Div says which toolkit node it carries. ``div`` marks a
# tree Div the reader would otherwise take for a block's attributes (or drop); ``block`` marks a block's
# attributes that would otherwise make a Div (a language or a direction).
QUOTE, TERM, CITE, ABBR, CREDIT, FIGURE, DIV, BLOCK = "quote", "term", "cite", "abbr", "credit", "figure", "div", \
    "block"
MARKERS = (QUOTE, TERM, CITE, ABBR, CREDIT, FIGURE, DIV, BLOCK)
# The Markdown writer's copy of the bibliography as text (the sources travel in the metadata): the reader
# drops a Div of this class. A name no author's Div would have.
REFERENCE_LIST = "toolkit-reference-list"
# pandoc's Markdown writer drops a Div whose id is citeproc's ("refs"): such a Div's id travels as this key.
CITEPROC_ID, MOVED_ID = "refs", "toolkit-id"
# Quote fields stored as key-values after the node's own ones.
QUOTE_FIELDS = ("speaker", "cue", "direct")
# Blocks that carry an Attr in the toolkit tree but not in pandoc's Markdown: they travel inside a Div.
ATTR_BLOCKS = (Para, BlockQuote, ListBlock, Table, LineBlock, DefinitionList)
# Classes pandoc's readers give for layout, not meaning (``level1``... too): a Div of only these is unwrapped.
NOISE_CLASSES = frozenset({"section", "unnumbered", "minipage", "center", "flushleft", "flushright", "line-block"})
STYLED = {"Strikeout": "strikeout", "Underline": "underline", "SmallCaps": "smallcaps",
          "Superscript": "superscript", "Subscript": "subscript"}
# Styles a Span's only class may give (pandoc itself reads [words]{.smallcaps} and {.underline}): Markdown's
# ^...^ and ~...~ cannot hold a space or a straight quote, so such words are written as these spans.
SPAN_STYLES = ("superscript", "subscript", "strikeout")
# A numbered list whose first marker Markdown would read as another style or not at all ("v." is the letter v,
# "i." the roman one, "aa." nothing) carries its start and style in these keys of a ``block`` Div.
LIST_START, LIST_STYLE = "list-start", "list-style"
# A table's columns' widths as written (Markdown): pandoc's grid tables give them back only roughly.
TABLE_WIDTHS = "widths"
_ROMAN_LETTERS = frozenset({5, 10, 50, 100, 500, 1000})
LIST_STYLE_FROM = {"DefaultStyle": "", "Decimal": "decimal", "Example": "decimal", "LowerAlpha": "lower-alpha",
                   "UpperAlpha": "upper-alpha", "LowerRoman": "lower-roman", "UpperRoman": "upper-roman"}


def strip_marks(children: tuple, marks: str | None) -> tuple:
    """Remove the quotation marks the writer put around a quote's words."""
    if not marks or len(marks) != 2 or not children:
        return children
    out = list(children)
    if marks[0] and isinstance(out[0], Text) and out[0].text.startswith(marks[0]):
        out[0] = Text(out[0].text[1:])
    if marks[1] and isinstance(out[-1], Text) and out[-1].text.endswith(marks[1]):
        out[-1] = Text(out[-1].text[:-1])
    return tuple(n for n in out if not (isinstance(n, Text) and not n.text))


_OPENING, _CLOSING = "\u201c\u2018\u00ab\u201e\"'", "\u201d\u2019\u00bb\u201c\"'"


def hand_written_marks(children: tuple, attr: Attr) -> tuple[tuple, Attr]:
    """``[“words”]{.quote}`` written by hand (no ``marks`` key): the marks move into ``attr``."""
    if len(children) == 1 and isinstance(children[0], Quote) and not children[0].speaker:
        inner = children[0]  # ["words"]{.quote}: pandoc's smart reader made the marks a Quoted
        return inner.children, attr.with_kv("marks", inner.attr.get("marks") or "")
    text = plain_text(children)
    if len(text) >= 2 and text[0] in _OPENING and text[-1] in _CLOSING:
        marks = text[0] + text[-1]
        return strip_marks(children, marks), attr.with_kv("marks", marks)
    return children, attr


def keeps(attr: Attr) -> bool:
    """An author's group of blocks worth keeping as a ``Div``: it names a language or a direction,
    it is something a link can reach, or it has a class that is not layout pandoc made."""
    if attr.id or attr.get("lang") or attr.get("dir"):
        return True
    return any(c not in NOISE_CLASSES and not re.fullmatch(r"level[1-6]", c) for c in attr.classes)


def merges_into(attr: Attr, body: tuple) -> bool:
    """Whether a Div's attributes belong to its one block (the Markdown writer carries a paragraph's,
    a quote's, a list's or a table's attributes that way): not a language or direction (those make a
    ``Div``), and not a paragraph's id (paragraph ids are the toolkit's own)."""
    if len(body) != 1 or not isinstance(body[0], ATTR_BLOCKS) or body[0].attr != Attr():
        return False
    if attr.get("lang") is not None or attr.get("dir") is not None:
        return False
    return not (attr.id and isinstance(body[0], Para))


def marker_reads_back(start: int, style: str) -> bool:
    """Whether pandoc's Markdown writes a numbered list's first marker so that its reader gives the
    same start and style back."""
    if style.endswith("alpha"):
        return 1 <= start <= 26 and start != 9
    if style.endswith("roman"):
        return 1 <= start <= 3999 and start not in _ROMAN_LETTERS
    return start >= 0


def block_fields(block: object, attr: Attr) -> tuple[Attr, dict]:
    """A block's own fields that Markdown carries in its attributes (a list's start and style, a
    table's widths), and the attributes without them."""
    fields: dict = {}
    keys: tuple[str, ...] = ()
    if isinstance(block, ListBlock):
        keys = (LIST_START, LIST_STYLE)
        start, style = attr.get(LIST_START, ""), attr.get(LIST_STYLE)
        if start.lstrip("-").isdigit():
            fields["start"] = int(start)
        if style in LIST_STYLES:
            fields["style"] = style
    elif isinstance(block, Table):
        keys = (TABLE_WIDTHS,)
        try:
            widths = tuple(float(w) for w in (attr.get(TABLE_WIDTHS) or "").split())
        except ValueError:
            widths = ()
        if widths and len(widths) == len(block.widths) and all(0 <= w <= 1 for w in widths):
            fields["widths"] = widths
    if not keys:
        return attr, fields
    return Attr(attr.id, attr.classes, tuple(kv for kv in attr.kv if kv[0] not in keys)), fields
