"""Maps pandoc's JSON AST (blocks, inlines, metadata) to the toolkit tree.

The toolkit's own node kinds travel through pandoc as spans and divs with a marker class
(``toolkit.pandoc.markers``); ``toolkit.pandoc.to_ast`` writes them and this module reads them back,
so Markdown written by the toolkit reads into the tree it came from. Whatever the tree has no node
for keeps its text, and each kind of such change is counted for one warning line.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from toolkit.pandoc.leftovers import Tally, any_text, format_name, html_text, is_break, is_comment, is_html
from toolkit.pandoc.markers import (
    ABBR,
    ATTR_BLOCKS,
    BLOCK,
    CITE,
    CREDIT,
    DIV,
    FIGURE,
    LIST_STYLE_FROM,
    MOVED_ID,
    QUOTE,
    QUOTE_FIELDS,
    REFERENCE_LIST,
    SPAN_STYLES,
    STYLED,
    TERM,
    block_fields,
    hand_written_marks,
    keeps,
    merges_into,
    strip_marks,
)
from toolkit.pandoc.tables import table_from_ast
from toolkit.tree.nodes import (
    Abbr,
    Attr,
    BlockQuote,
    Cite,
    Code,
    CodeBlock,
    Definition,
    DefinitionList,
    Div,
    Emph,
    Figure,
    Heading,
    LineBlock,
    LineBreak,
    Link,
    ListBlock,
    Math,
    Note,
    NoteRef,
    Para,
    Quote,
    Rule,
    Span,
    Strong,
    Styled,
    Table,
    Term,
    Text,
)
from toolkit.tree.walk import plain_text


def _attr(a: list) -> Attr:
    ident, classes, kv = a
    return Attr(ident, tuple(classes), tuple((k, v) for k, v in kv))


class FromPandoc:
    """One conversion: collects footnote bodies as ``Note`` blocks, and what it had to change (``tally``)."""

    def __init__(self):
        self.notes: list[Note] = []
        self.tally = Tally()
        self.images: list[Figure] = []  # images met inside text, placed after the block that held them

    # ------------------------------------------------------------ inlines
    def inlines(self, items: list) -> tuple:
        out: list = []
        for it in items:
            node = self.inline(it)
            if node is None:
                continue
            for n in node if isinstance(node, list) else [node]:
                if isinstance(n, Text) and out and isinstance(out[-1], Text):
                    out[-1] = Text(out[-1].text + n.text)
                elif not (isinstance(n, Text) and not n.text):
                    out.append(n)
        return tuple(out)

    def inline(self, it: dict) -> Any:
        t, c = it.get("t"), it.get("c")
        if t == "Str":
            return Text(c)
        if t in ("Space", "SoftBreak"):
            return Text(" ")
        if t == "LineBreak":
            return LineBreak()
        if t == "Emph":
            return Emph(self.inlines(c))
        if t == "Strong":
            return Strong(self.inlines(c))
        if t in STYLED:
            return Styled(STYLED[t], self.inlines(c))
        if t == "Code":
            return Code(c[1])
        if t == "Math":
            return Math(c[1], c[0].get("t") == "DisplayMath")
        if t == "Link":
            return Link(self.inlines(c[1]), c[2][0], c[2][1])
        if t == "Quoted":
            marks = "\u201c\u201d" if c[0]["t"] == "DoubleQuote" else "\u2018\u2019"
            return Quote(self.inlines(c[1]), attr=Attr(kv=(("marks", marks),)))
        if t == "Note":
            index = len(self.notes)
            nid = f"note{index + 1}"
            self.notes.append(Note(nid, ()))  # reserve the number before reading the body
            self.notes[index] = Note(nid, self.blocks(c))
            return NoteRef(nid)
        if t == "Span":
            return self.span(_attr(c[0]), self.inlines(c[1]))
        if t == "Cite":
            return list(self.inlines(c[1]))  # the citation as pandoc rendered it ("[@key]" without citeproc)
        if t == "Image":
            self.images.append(self._figure_from_image(it))
            self.tally.add("image inside a line of text", "placed after the paragraph (or heading, or cell) "
                           "that held it")
            return None
        if t == "RawInline":
            return self.raw_inline(c[0], c[1])
        self.tally.add(f"pandoc {t} inline", "kept as plain text (the toolkit has no such node)")
        return Text(any_text(c))

    def raw_inline(self, fmt: str, raw: str) -> Any:
        if is_html(fmt):
            if is_break(raw):
                return LineBreak()
            if is_comment(raw):
                return None
            text = html_text(raw)
            if not text.strip():
                self.tally.add("raw HTML inline tag", "dropped (tags only; the words around them are kept)")
                return None
            self.tally.add("raw HTML inline", "kept as plain text without its tags")
            return Text(text)
        self.tally.add(f"raw {format_name(fmt)} inline", "kept as plain text (pandoc passed it through unconverted)")
        return Text(raw)

    def span(self, attr: Attr, children: tuple) -> Any:
        """A pandoc Span: one of the toolkit's inline kinds if its first class says so."""
        kind = attr.classes[0] if attr.classes else ""
        rest = Attr(attr.id, attr.classes[1:], attr.kv)
        if kind in (QUOTE, TERM) and rest.get("marks") is None:
            children, rest = hand_written_marks(children, rest)
        if kind == QUOTE:
            fields = {k: v for k, v in rest.kv if k in QUOTE_FIELDS}
            own = Attr(rest.id, rest.classes, tuple((k, v) for k, v in rest.kv if k not in QUOTE_FIELDS))
            return Quote(strip_marks(children, own.get("marks")), fields.get("speaker", ""),
                         fields.get("cue", ""), fields.get("direct", "true") != "false", own)
        if kind == TERM:
            return Term(strip_marks(children, rest.get("marks")), rest)
        if kind == CITE:
            own = Attr(rest.id, rest.classes, tuple((k, v) for k, v in rest.kv if k != "source"))
            return Cite(children, rest.get("source", ""), own)
        if kind == ABBR:
            return Abbr(plain_text(children), rest.get("title", ""))
        if kind in SPAN_STYLES and rest == Attr():  # [words]{.superscript}: what ^words^ cannot hold
            return Styled(kind, children)
        return Span(children, attr)

    # ------------------------------------------------------------ blocks
    def blocks(self, items: list) -> tuple:
        out: list = []
        for it in items:
            node = self.block(it)
            if node is not None:
                out.extend(node if isinstance(node, list) else [node])
            if self.images:  # images that stood inside the block's text
                out.extend(self.images)
                self.images = []
        return tuple(out)

    def _caption(self, inlines: tuple) -> tuple[tuple, tuple]:
        """Split a caption into (caption, credit): the credit is a trailing ``credit`` span."""
        if inlines and isinstance(inlines[-1], Span) and inlines[-1].attr.classes[:1] == (CREDIT,):
            caption = list(inlines[:-1])
            if caption and isinstance(caption[-1], Text):
                caption[-1] = Text(caption[-1].text.rstrip())
            return tuple(n for n in caption if not (isinstance(n, Text) and not n.text)), inlines[-1].children
        return inlines, ()

    def _figure_from_image(self, img: dict, caption_inlines: list | None = None,
                           fig_attr: list | None = None) -> Figure:
        attr, alt, (src, _title) = img["c"]
        pending = self.images
        self.images = []
        alt_text = plain_text(self.inlines(alt))
        caption = self.inlines(caption_inlines) if caption_inlines is not None else self.inlines(alt)
        self.images = pending
        caption, credit = self._caption(caption)
        img_attr = _attr(attr)
        if not credit and img_attr.get("credit"):
            credit = (Text(img_attr.get("credit")),)
        own = _attr(fig_attr) if fig_attr is not None else img_attr
        own = Attr(own.id or img_attr.id, own.classes,
                   tuple((k, v) for k, v in own.kv if k not in ("credit", "alt")))
        return Figure(src, alt_text, caption, credit, own)

    def div(self, attr: Attr, body: tuple) -> Any:
        """A Div: a toolkit node or a block's attributes (marker classes), a line block, a section,
        or the author's group of blocks (``Div``) when it carries a language, direction, id or class."""
        kind = attr.classes[0] if attr.classes else ""
        rest = Attr(attr.id, attr.classes[1:], attr.kv)
        if kind == FIGURE:
            inlines = body[0].children if body and isinstance(body[0], Para) else ()
            caption, credit = self._caption(inlines)
            own = Attr(attr.id, attr.classes[1:], tuple((k, v) for k, v in attr.kv if k != "alt"))
            return Figure("", attr.get("alt", ""), caption, credit, own)
        if kind == DIV:
            moved = rest.get(MOVED_ID)
            if moved:
                rest = Attr(moved, rest.classes, tuple((k, v) for k, v in rest.kv if k != MOVED_ID))
            return Div(body, rest)
        if kind == REFERENCE_LIST:
            return []  # the Markdown writer's text copy of the bibliography: the sources come from the metadata
        if kind == BLOCK and len(body) == 1 and isinstance(body[0], ATTR_BLOCKS):
            own, fields = block_fields(body[0], rest)
            return dataclasses.replace(body[0], attr=own, **fields)
        if "line-block" in attr.classes and all(isinstance(b, Para) for b in body):
            lines = [line for b in body for line in _split_lines(b.children)]
            return LineBlock(tuple(lines), Attr(attr.id))
        if "section" in attr.classes and not keeps(Attr("", attr.classes, attr.kv)):  # pandoc's section wrapper
            if attr.id and body and isinstance(body[0], Heading) and not body[0].attr.id:
                return [dataclasses.replace(body[0], attr=body[0].attr.with_id(attr.id)), *body[1:]]
            return [Div((), Attr(attr.id)), *body] if attr.id else list(body)
        if not (attr.id or attr.classes or attr.kv):
            return list(body)
        if merges_into(attr, body):
            return dataclasses.replace(body[0], attr=attr)
        if keeps(attr):
            return Div(body, attr)
        return list(body)

    def block(self, it: dict) -> Any:
        t, c = it.get("t"), it.get("c")
        if t in ("Para", "Plain"):
            if c and all(x["t"] in ("Image", "Space", "SoftBreak", "LineBreak") for x in c) \
                    and any(x["t"] == "Image" for x in c):
                return [self._figure_from_image(x) for x in c if x["t"] == "Image"]
            return Para(self.inlines(c))
        if t == "Header":
            return Heading(c[0], self.inlines(c[2]), _attr(c[1]))
        if t == "BlockQuote":
            return BlockQuote(self.blocks(c))
        if t == "BulletList":
            return ListBlock(False, tuple(self.blocks(item) for item in c))
        if t == "OrderedList":
            (start, style, _delim), items = c
            return ListBlock(True, tuple(self.blocks(item) for item in items), start=start if isinstance(start, int)
                             else 1, style=LIST_STYLE_FROM.get(style.get("t"), ""))
        if t == "CodeBlock":
            return CodeBlock(c[1], _attr(c[0]))
        if t == "HorizontalRule":
            return Rule()
        if t == "Figure":
            return self.figure(_attr(c[0]), c[0], c[1], c[2])
        if t == "Div":
            return self.div(_attr(c[0]), self.blocks(c[1]))
        if t == "LineBlock":
            return LineBlock(tuple(self.inlines(line) for line in c))
        if t == "DefinitionList":
            return DefinitionList(tuple(Definition(self.inlines(term), tuple(self.blocks(d) for d in defs))
                                        for term, defs in c))
        if t == "Table":
            table = table_from_ast(c, self.blocks, self.inlines, _attr)
            own, fields = block_fields(table, table.attr)
            return dataclasses.replace(table, attr=own, **fields)
        if t == "RawBlock":
            return self.raw_block(c[0], c[1])
        if t == "Null":
            return None
        self.tally.add(f"pandoc {t} block", "kept as plain text (the toolkit has no such node)")
        text = any_text(c)
        return Para((Text(text),)) if text else None

    def raw_block(self, fmt: str, raw: str) -> Any:
        if is_html(fmt):
            if is_comment(raw):
                return None
            text = html_text(raw, block=True)
            if not text:
                self.tally.add("raw HTML block", "dropped (tags only, no words)")
                return None
            self.tally.add("raw HTML block", "kept as plain text without its tags")
            return [Para((Text(line),)) for line in text.split("\n") if line]
        self.tally.add(f"raw {format_name(fmt)} block", "kept as plain text (pandoc passed it through unconverted)")
        return Para((Text(raw.strip()),)) if raw.strip() else None

    def figure(self, attr: Attr, raw_attr: list, caption: list, body: list) -> Any:
        """A pandoc Figure: an image with its caption; a figure of several images or of other blocks
        (a table) keeps them all, and its caption and id."""
        cap_blocks = caption[1] if isinstance(caption, list) and len(caption) > 1 else []
        cap_inlines = [x for b in cap_blocks if b.get("t") in ("Plain", "Para") for x in b.get("c", [])]
        imgs = [x for b in body if b.get("t") in ("Plain", "Para")
                for x in (b.get("c") or []) if isinstance(x, dict) and x.get("t") == "Image"]
        only_images = all(b.get("t") in ("Plain", "Para") and all(
            x.get("t") in ("Image", "Space", "SoftBreak", "LineBreak") for x in b.get("c") or []) for b in body)
        if len(imgs) == 1 and only_images:
            return self._figure_from_image(imgs[0], cap_inlines, raw_attr)
        inner = self.blocks(body)
        cap, credit = self._caption(self.inlines(cap_inlines))
        if len(inner) == 1 and isinstance(inner[0], Table) and not inner[0].caption and not credit:
            table = inner[0]
            return dataclasses.replace(table, caption=cap, attr=table.attr if table.attr.id or not attr.id
                                       else table.attr.with_id(attr.id))
        if cap or credit:
            inner += (Figure("", "", cap, credit, Attr()),)
        return Div(inner, attr) if keeps(attr) else list(inner)

    # ------------------------------------------------------------ metadata
    def abstract(self, value: dict | None) -> tuple:
        """The document's abstract (pandoc's ``abstract`` metadata) as blocks."""
        if not isinstance(value, dict):
            return ()
        t, c = value.get("t"), value.get("c")
        if t == "MetaBlocks":
            return self.blocks(c)
        if t == "MetaInlines":
            return self.blocks([{"t": "Para", "c": c}])
        if t == "MetaString" and c.strip():
            return (Para((Text(c),)),)
        if t == "MetaList":
            return tuple(b for x in c for b in self.abstract(x))
        return ()


def _split_lines(children: tuple) -> list[tuple]:
    """Inlines split at their line breaks (EPUB gives a line block as a paragraph with breaks)."""
    lines: list[list] = [[]]
    for n in children:
        if isinstance(n, LineBreak):
            lines.append([])
        else:
            lines[-1].append(n)
    return [tuple(line) for line in lines]


def meta_value(v: dict) -> Any:
    """A metadata value as plain Python: strings, booleans, lists and dicts."""
    t, c = v["t"], v.get("c")
    if t == "MetaString":
        return c
    if t == "MetaBool":
        return c
    if t in ("MetaInlines", "MetaBlocks"):
        conv = FromPandoc()
        nodes = conv.inlines(c) if t == "MetaInlines" else conv.blocks(c)
        if t == "MetaBlocks":
            return "\n\n".join(plain_text(b.children) for b in nodes if hasattr(b, "children"))
        return plain_text(nodes)
    if t == "MetaList":
        return [meta_value(x) for x in c]
    if t == "MetaMap":
        return {k: meta_value(x) for k, x in c.items()}
    return None


@dataclasses.dataclass(frozen=True)
class Converted:
    """What one pandoc document gives: its metadata as plain values, its blocks (notes last), its
    abstract, and one warning line per kind of thing that had to change."""

    meta: dict
    blocks: tuple
    abstract: tuple
    warnings: tuple[str, ...]


def convert(ast: dict) -> Converted:
    """The tree's parts from pandoc's JSON AST (already parsed)."""
    conv = FromPandoc()
    blocks = conv.blocks(ast.get("blocks", []))
    abstract = conv.abstract(ast.get("meta", {}).get("abstract"))
    meta = {k: meta_value(v) for k, v in ast.get("meta", {}).items()}
    return Converted(meta, blocks + tuple(conv.notes), abstract, tuple(conv.tally.messages()))


def from_pandoc_json(raw: bytes) -> tuple[dict, tuple]:
    """(metadata as plain values, blocks including notes) from pandoc's JSON output."""
    got = convert(json.loads(raw))
    return got.meta, got.blocks
