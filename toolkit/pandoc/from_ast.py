"""Maps pandoc's JSON AST (blocks, inlines, metadata) to the toolkit tree.

The toolkit's own node kinds travel through pandoc as spans and divs with a marker class
(the constants below); ``toolkit.pandoc.to_ast`` writes them and this module reads them back,
so Markdown written by the toolkit reads into the tree it came from.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from toolkit.tree.nodes import (
    Abbr,
    Attr,
    BlockQuote,
    Cite,
    Code,
    CodeBlock,
    Document,
    Emph,
    Entity,
    Event,
    Figure,
    Heading,
    LineBreak,
    Link,
    ListBlock,
    Note,
    NoteRef,
    Para,
    Person,
    Quote,
    Rule,
    Source,
    Span,
    Strong,
    Term,
    Text,
)
from toolkit.tree.walk import plain_text

# Marker classes: the first class of a pandoc Span/Div says which toolkit node it carries.
QUOTE, TERM, CITE, ABBR, CREDIT, FIGURE = "quote", "term", "cite", "abbr", "credit", "figure"
# Quote fields stored as key-values after the node's own ones.
QUOTE_FIELDS = ("speaker", "cue", "direct")
# The metadata key that holds the document's registries (people, sources, ...).
REGISTRY_KEY = "toolkit"
REGISTRIES = {"people": Person, "sources": Source, "events": Event, "entities": Entity}
# Blocks that carry an Attr in the toolkit tree but not in pandoc: they travel inside a Div.
ATTR_BLOCKS = (Para, BlockQuote, ListBlock)


def _attr(a: list) -> Attr:
    ident, classes, kv = a
    return Attr(ident, tuple(classes), tuple((k, v) for k, v in kv))


def _strip_marks(children: tuple, marks: str | None) -> tuple:
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


def _hand_written_marks(children: tuple, attr: Attr) -> tuple[tuple, Attr]:
    """``[“words”]{.quote}`` written by hand (no ``marks`` key): the marks move into ``attr``."""
    if len(children) == 1 and isinstance(children[0], Quote) and not children[0].speaker:
        inner = children[0]  # ["words"]{.quote}: pandoc's smart reader made the marks a Quoted
        return inner.children, attr.with_kv("marks", inner.attr.get("marks") or "")
    text = plain_text(children)
    if len(text) >= 2 and text[0] in _OPENING and text[-1] in _CLOSING:
        marks = text[0] + text[-1]
        return _strip_marks(children, marks), attr.with_kv("marks", marks)
    return children, attr


class FromPandoc:
    """One conversion: collects footnote bodies as ``Note`` blocks while it reads."""

    def __init__(self):
        self.notes: list[Note] = []

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
        t, c = it["t"], it.get("c")
        if t == "Str":
            return Text(c)
        if t in ("Space", "SoftBreak"):
            return Text(" ")
        if t == "LineBreak":
            return LineBreak()
        if t == "Emph":
            return Emph(self.inlines(c))
        if t in ("Strong", "Underline", "SmallCaps"):
            return Strong(self.inlines(c)) if t == "Strong" else list(self.inlines(c))
        if t in ("Strikeout", "Superscript", "Subscript"):
            return list(self.inlines(c))
        if t == "Code":
            return Code(c[1])
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
            return list(self.inlines(c[1]))
        if t == "Image":
            return None  # images inside paragraphs become figures at block level
        if t in ("Math", "RawInline"):
            return Text(c[1]) if t == "Math" else None
        return None

    def span(self, attr: Attr, children: tuple) -> Any:
        """A pandoc Span: one of the toolkit's inline kinds if its first class says so."""
        kind = attr.classes[0] if attr.classes else ""
        rest = Attr(attr.id, attr.classes[1:], attr.kv)
        if kind in (QUOTE, TERM) and rest.get("marks") is None:
            children, rest = _hand_written_marks(children, rest)
        if kind == QUOTE:
            fields = {k: v for k, v in rest.kv if k in QUOTE_FIELDS}
            own = Attr(rest.id, rest.classes, tuple((k, v) for k, v in rest.kv if k not in QUOTE_FIELDS))
            return Quote(_strip_marks(children, own.get("marks")), fields.get("speaker", ""),
                         fields.get("cue", ""), fields.get("direct", "true") != "false", own)
        if kind == TERM:
            return Term(_strip_marks(children, rest.get("marks")), rest)
        if kind == CITE:
            own = Attr(rest.id, rest.classes, tuple((k, v) for k, v in rest.kv if k != "source"))
            return Cite(children, rest.get("source", ""), own)
        if kind == ABBR:
            return Abbr(plain_text(children), rest.get("title", ""))
        return Span(children, attr)

    # ------------------------------------------------------------ blocks
    def blocks(self, items: list) -> tuple:
        out: list = []
        for it in items:
            node = self.block(it)
            if node is None:
                continue
            out.extend(node if isinstance(node, list) else [node])
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
        alt_text = plain_text(self.inlines(alt))
        caption = self.inlines(caption_inlines) if caption_inlines is not None else self.inlines(alt)
        caption, credit = self._caption(caption)
        img_attr = _attr(attr)
        if not credit and img_attr.get("credit"):
            credit = (Text(img_attr.get("credit")),)
        own = _attr(fig_attr) if fig_attr is not None else img_attr
        own = Attr(own.id or img_attr.id, own.classes,
                   tuple((k, v) for k, v in own.kv if k not in ("credit", "alt")))
        return Figure(src, alt_text, caption, credit, own)

    def div(self, attr: Attr, body: tuple) -> Any:
        """A Div: a figure without an image, a block's attributes, or just its blocks."""
        kind = attr.classes[0] if attr.classes else ""
        if kind == FIGURE:
            inlines = body[0].children if body and isinstance(body[0], Para) else ()
            caption, credit = self._caption(inlines)
            own = Attr(attr.id, attr.classes[1:], tuple((k, v) for k, v in attr.kv if k != "alt"))
            return Figure("", attr.get("alt", ""), caption, credit, own)
        if len(body) == 1 and isinstance(body[0], ATTR_BLOCKS) and (attr.id or attr.classes or attr.kv):
            return dataclasses.replace(body[0], attr=attr)
        return list(body)

    def block(self, it: dict) -> Any:
        t, c = it["t"], it.get("c")
        if t in ("Para", "Plain"):
            imgs = [x for x in c if x["t"] == "Image"]
            if imgs and all(x["t"] in ("Image", "Space", "SoftBreak") for x in c):
                return [self._figure_from_image(x) for x in imgs]
            return Para(self.inlines(c))
        if t == "Header":
            return Heading(c[0], self.inlines(c[2]), _attr(c[1]))
        if t == "BlockQuote":
            return BlockQuote(self.blocks(c))
        if t == "BulletList":
            return ListBlock(False, tuple(self.blocks(item) for item in c))
        if t == "OrderedList":
            return ListBlock(True, tuple(self.blocks(item) for item in c[1]))
        if t == "CodeBlock":
            return CodeBlock(c[1], _attr(c[0]))
        if t == "HorizontalRule":
            return Rule()
        if t == "Figure":
            fig_attr, caption, body = c
            cap_blocks = caption[1]
            cap_inlines = [x for b in cap_blocks for x in b.get("c", [])] if cap_blocks else []
            imgs = [x for b in body for x in (b.get("c") or []) if isinstance(x, dict) and x.get("t") == "Image"]
            if imgs:
                return self._figure_from_image(imgs[0], cap_inlines, fig_attr)
            return list(self.blocks(body))
        if t == "Div":
            return self.div(_attr(c[0]), self.blocks(c[1]))
        if t == "LineBlock":
            return [Para(self.inlines(line)) for line in c]
        if t == "DefinitionList":
            return [Para(self.inlines(term)) for term, _ in c]
        return None


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


def from_pandoc_json(raw: bytes) -> tuple[dict, tuple]:
    """(metadata as plain values, blocks including notes) from pandoc's JSON output."""
    ast = json.loads(raw)
    conv = FromPandoc()
    blocks = conv.blocks(ast["blocks"])
    meta = {k: meta_value(v) for k, v in ast.get("meta", {}).items()}
    return meta, blocks + tuple(conv.notes)


def _record(cls: type, data: Any) -> Any:
    """One registry record from a metadata mapping; absent fields take their defaults."""
    if not isinstance(data, dict):
        return None
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        default = f.default
        if isinstance(default, int) and not isinstance(default, bool):
            value = int(value) if str(value).strip().lstrip("-").isdigit() else default
        elif isinstance(default, tuple):
            value = tuple(str(x) for x in (value if isinstance(value, list) else [value]))
        else:
            value = "" if value is None else str(value)
        kwargs[f.name] = value
    try:
        return cls(**kwargs)
    except TypeError:
        return None


def apply_toolkit_meta(doc: Document, meta: dict) -> Document:
    """Fill what the toolkit itself wrote into the metadata: site name, extra fields, registries."""
    changes: dict[str, Any] = {}
    m = doc.meta
    meta_changes: dict[str, Any] = {}
    if meta.get("site-name") and not m.site_name:
        meta_changes["site_name"] = str(meta["site-name"])
    extra = meta.get("extra")
    if isinstance(extra, dict) and not m.extra:
        meta_changes["extra"] = tuple((str(k), str(v)) for k, v in extra.items())
    elif isinstance(extra, list) and not m.extra:
        meta_changes["extra"] = tuple((str(x[0]), str(x[1])) for x in extra if isinstance(x, list) and len(x) == 2)
    if meta_changes:
        changes["meta"] = dataclasses.replace(m, **meta_changes)
    reg = meta.get(REGISTRY_KEY)
    if isinstance(reg, dict):
        for name, cls in REGISTRIES.items():
            items = reg.get(name)
            if isinstance(items, list) and not getattr(doc, name):
                changes[name] = tuple(r for r in (_record(cls, x) for x in items) if r is not None)
        abbrs = reg.get("abbreviations")
        if isinstance(abbrs, list) and not doc.abbreviations:
            changes["abbreviations"] = tuple((str(x[0]), str(x[1])) for x in abbrs
                                             if isinstance(x, list) and len(x) == 2)
    return dataclasses.replace(doc, **changes) if changes else doc
