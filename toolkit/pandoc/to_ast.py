"""Maps the toolkit tree to pandoc's JSON AST, for the formats pandoc renders (Markdown, DOCX, ODT, JATS, LaTeX).

Two flavours. ``lossless`` (Markdown) keeps every toolkit node kind as a marked Span or Div
(the marker classes of ``toolkit.pandoc.from_ast``) and the registries in the metadata, so the
Markdown reads back into the same tree. The document flavour writes what a reader of a Word
file or an archive needs: quotation marks in the text, sources as footnotes, captions with
credits, images embedded.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

from toolkit.pandoc.markers import (
    ABBR,
    BLOCK,
    CITE,
    CITEPROC_ID,
    CREDIT,
    DIV,
    FIGURE,
    LIST_START,
    LIST_STYLE,
    LIST_STYLE_FROM,
    MARKERS,
    MOVED_ID,
    QUOTE,
    REFERENCE_LIST,
    STYLED,
    TABLE_WIDTHS,
    TERM,
    keeps,
    marker_reads_back,
    merges_into,
)
from toolkit.pandoc.meta_ast import MetaWriter, api_version, escape_title_block
from toolkit.pandoc.tables import markdown_losses, table_to_ast, widths_read_back
from toolkit.pandoc.words import SPACE, escape_block_start, escape_rule_line, plain_word, text_json
from toolkit.tree.nodes import (
    Abbr,
    Attr,
    BlockQuote,
    Cite,
    Code,
    CodeBlock,
    DefinitionList,
    Div,
    Document,
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
    Source,
    Span,
    Strong,
    Styled,
    Table,
    Term,
    Text,
)
from toolkit.tree.walk import plain_text

_UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")


def attr_json(attr: Attr, classes: tuple[str, ...] = (), kv: tuple[tuple[str, str], ...] = ()) -> list:
    return [attr.id, [*classes, *attr.classes], [[k, v] for k, v in (*attr.kv, *kv)]]


NO_ATTR_JSON: list = ["", [], []]
STYLED_TO = {v: k for k, v in STYLED.items()}
LIST_STYLE_TO = {v: k for k, v in LIST_STYLE_FROM.items() if k != "Example"}


def link_ok(url: str) -> bool:
    """Links that may run code or read files lose their target (the words stay)."""
    return not "".join(url.split()).lower().startswith(_UNSAFE_SCHEMES)


def source_label(src: Source) -> str:
    if src.reference:
        return src.reference
    if src.abbrev and src.abbrev != src.name:
        return f"{src.name} ({src.abbrev})"
    return src.name


class ToPandoc(MetaWriter):
    """One conversion of a Document; ``warn`` receives what a format cannot hold."""

    def __init__(self, doc: Document, lossless: bool = False,
                 image_src: Callable[[str], str | None] = lambda src: src,
                 warn: Callable[[str], None] = lambda msg: None, caption_style: str | None = None):
        self.doc = doc
        self.caption_style = caption_style  # DOCX/ODT paragraph style of a caption without an image
        self.lossless = lossless
        self.image_src = image_src
        self.warn = warn
        self.notes = {b.id: b for b in doc.blocks if isinstance(b, Note)}
        self.cited: set[str] = set()

    # ------------------------------------------------------------ inlines
    def text(self, s: str) -> list:
        return text_json(s, self.lossless)

    def inlines(self, nodes: tuple) -> list:
        out: list = []
        for n in nodes:
            method = getattr(self, "i_" + type(n).__name__, None)
            if method is None:
                self.warn(f"{type(n).__name__} inline cannot be written to this format; skipped")
                continue
            out.extend(method(n))
        return out

    def i_Text(self, n: Text) -> list:
        return self.text(n.text)

    def i_Emph(self, n: Emph) -> list:
        return [{"t": "Emph", "c": self.inlines(n.children)}]

    def i_Strong(self, n: Strong) -> list:
        return [{"t": "Strong", "c": self.inlines(n.children)}]

    def i_Code(self, n: Code) -> list:
        return [{"t": "Code", "c": [NO_ATTR_JSON, n.text]}]

    def i_LineBreak(self, n: LineBreak) -> list:
        return [{"t": "LineBreak"}]

    def i_Link(self, n: Link) -> list:
        if not link_ok(n.url):
            self.warn(f"link to {n.url[:40]!r} dropped (unsafe scheme); its words are kept")
            return self.inlines(n.children)
        return [{"t": "Link", "c": [NO_ATTR_JSON, self.inlines(n.children), [n.url, n.title]]}]

    def _marked(self, children: tuple, attr: Attr, default: str = "") -> list:
        marks = attr.get("marks", default) or ""
        opening, closing = (marks[0], marks[1]) if len(marks) == 2 else ("", "")
        return [*self.text(opening), *self.inlines(children), *self.text(closing)]

    def _span(self, attr_list: list, content: list) -> list:
        return [{"t": "Span", "c": [attr_list, content]}]

    def _plain_span(self, attr: Attr, content: list) -> list:
        """Document flavour: keep an anchor if there is an id, otherwise just the content."""
        return self._span([attr.id, [], []], content) if attr.id else content

    def i_Quote(self, n: Quote) -> list:
        if not self.lossless:  # as the HTML editions show it: indirect speech has no marks
            marks = self._marked(n.children, n.attr, "\u201c\u201d") if n.direct else self.inlines(n.children)
            return self._plain_span(n.attr, marks)
        fields = (("speaker", n.speaker),) if n.speaker else ()
        fields += (("cue", n.cue),) if n.cue else ()
        fields += (("direct", "false"),) if not n.direct else ()
        return self._span(attr_json(n.attr, (QUOTE,), fields), self._marked(n.children, n.attr))

    def i_Term(self, n: Term) -> list:
        if not self.lossless:
            return self._plain_span(n.attr, self._marked(n.children, n.attr, "\u201c\u201d"))
        return self._span(attr_json(n.attr, (TERM,)), self._marked(n.children, n.attr))

    def i_Cite(self, n: Cite) -> list:
        content = self.inlines(n.children)
        if self.lossless:
            return self._span(attr_json(n.attr, (CITE,), (("source", n.source),)), content)
        src = self.doc.source(n.source)
        if src is None or src.id in self.cited:
            return content
        self.cited.add(src.id)
        return [*content, {"t": "Note", "c": [{"t": "Para", "c": self.source_inlines(src)}]}]

    def i_Abbr(self, n: Abbr) -> list:
        if not self.lossless:
            return self.text(n.text)
        kv = (("title", n.title),) if n.title else ()
        return self._span(attr_json(Attr(), (ABBR,), kv), self.text(n.text))

    def i_NoteRef(self, n: NoteRef) -> list:
        note = self.notes.get(n.note)
        if note is None:
            self.warn(f"note {n.note!r} is referenced but missing; skipped")
            return []
        return [{"t": "Note", "c": self.blocks(note.blocks)}]

    def i_Span(self, n: Span) -> list:
        content = self.inlines(n.children)
        if not self.lossless:
            return self._plain_span(n.attr, content)
        return self._span(attr_json(n.attr), content)

    def i_Styled(self, n: Styled) -> list:
        content = self.inlines(n.children)
        if n.style not in STYLED_TO:
            self.warn(f"words styled {n.style!r} cannot be styled so in this format; written plain")
            return content
        if self.lossless and n.style in ("superscript", "subscript") and not plain_word(content):
            return self._span(["", [n.style], []], content)
        return [{"t": STYLED_TO[n.style], "c": content}]

    def i_Math(self, n: Math) -> list:
        return [{"t": "Math", "c": [{"t": "DisplayMath" if n.display else "InlineMath"}, n.text]}]

    def source_inlines(self, src: Source) -> list:
        label = self.text(source_label(src))
        if src.url and link_ok(src.url):
            return [*label, *self.text(", "), {"t": "Link", "c": [NO_ATTR_JSON, self.text(src.url), [src.url, ""]]}]
        return label

    # ------------------------------------------------------------ blocks
    def blocks(self, nodes: tuple) -> list:
        out: list = []
        for n in nodes:
            method = getattr(self, "b_" + type(n).__name__, None)
            if method is None:
                self.warn(f"{type(n).__name__} block cannot be written to this format; skipped")
                continue
            out.extend(method(n))
        return out

    def _with_attr(self, attr: Attr, block: dict, kv: tuple[tuple[str, str], ...] = ()) -> list:
        """Pandoc's Para, BlockQuote and lists have no attributes: a Div carries them (Markdown).

        A language or direction, a first class that is one of the toolkit's markers, or fields of the
        block itself (``kv``) would make the reader take the Div for something else: the ``block``
        marker says what it is."""
        if not self.lossless or not (attr.id or attr.classes or attr.kv or kv):
            return [block]
        marked = bool(kv) or attr.get("lang") is not None or attr.get("dir") is not None or \
            attr.classes[:1] in tuple((m,) for m in MARKERS)
        return [{"t": "Div", "c": [attr_json(attr, (BLOCK,) if marked else (), kv), [block]]}]

    def b_Para(self, n: Para) -> list:  # its id is the toolkit's own (p1, p2, ...), given by the ids pass
        content = self.inlines(n.children)
        if self.lossless:
            content = escape_block_start(content)
        return self._with_attr(Attr("", n.attr.classes, n.attr.kv), {"t": "Para", "c": content})

    def b_Heading(self, n: Heading) -> list:
        content = self.inlines(n.children)
        last = content[-1] if content else None
        if self.lossless and last and last["t"] == "Str" and last["c"].endswith("#"):
            # pandoc leaves a heading's trailing "#" bare, and its reader takes it for a closing "#"
            content[-1:] = [*([{"t": "Str", "c": last["c"][:-1]}] if last["c"][:-1] else []),
                            {"t": "RawInline", "c": ["markdown", "\\#"]}]
        return [{"t": "Header", "c": [n.level, attr_json(n.attr), content]}]

    def b_BlockQuote(self, n: BlockQuote) -> list:
        return self._with_attr(n.attr, {"t": "BlockQuote", "c": self.blocks(n.blocks)})

    def b_ListBlock(self, n: ListBlock) -> list:
        items = [self.blocks(item) for item in n.items]
        if not n.ordered:
            return self._with_attr(n.attr, {"t": "BulletList", "c": items})
        style, start, kv = LIST_STYLE_TO.get(n.style, "DefaultStyle"), n.start, ()
        if self.lossless and not marker_reads_back(n.start, n.style):
            style, start = "Decimal", max(n.start, 0)
            kv = ((LIST_START, str(n.start)), (LIST_STYLE, n.style))
        block = {"t": "OrderedList", "c": [[start, {"t": style}, {"t": "DefaultDelim"}], items]}
        return self._with_attr(n.attr, block, kv)

    def _anchored(self, attr: Attr, block: dict) -> list:
        """A block pandoc gives no attributes: Markdown carries them all; other formats keep its id."""
        if self.lossless:
            return self._with_attr(attr, block)
        return [{"t": "Div", "c": [[attr.id, [], []], [block]]}] if attr.id else [block]

    def b_DefinitionList(self, n: DefinitionList) -> list:
        terms = [self.inlines(d.term) for d in n.items]
        if self.lossless:  # a term is a line of its own: what starts a paragraph's syntax starts its too
            terms = [escape_block_start(term) for term in terms]
        items = [[term, [self.blocks(x) for x in d.definitions]] for term, d in zip(terms, n.items, strict=True)]
        return self._anchored(n.attr, {"t": "DefinitionList", "c": items})

    def b_LineBlock(self, n: LineBlock) -> list:
        lines = [self.inlines(line) for line in n.lines]
        if self.lossless:
            lines = [escape_rule_line(line) for line in lines]
        return self._anchored(n.attr, {"t": "LineBlock", "c": lines})

    def b_Table(self, n: Table) -> list:
        name = f"table {n.attr.id!r}" if n.attr.id else "a table"
        # Markdown: columns' widths as written (pandoc's grid tables give them back only roughly), and the
        # attributes on the caption's line, or without a caption on a Div that carries them
        kv = ((TABLE_WIDTHS, " ".join(repr(w) for w in n.widths)),) \
            if self.lossless and not widths_read_back(n) else ()
        carried = self.lossless and not n.caption and bool(n.attr.id or n.attr.classes or n.attr.kv or kv)
        table, lost = table_to_ast(n, self.blocks, self.inlines, NO_ATTR_JSON if carried else attr_json(n.attr, (), kv))
        if lost:
            self.warn(f"{name}: {lost} header cell(s) inside body rows written as plain cells (pandoc marks only "
                      "header rows and leading header columns)")
        if self.lossless:
            for loss in markdown_losses(n):
                self.warn(f"{name}: Markdown cannot hold all of it: {loss}")
        return self._with_attr(n.attr, table, kv) if carried else [table]

    def b_Div(self, n: Div) -> list:
        blocks = self.blocks(n.blocks)
        if not self.lossless:
            return [{"t": "Div", "c": [attr_json(n.attr), blocks]}] if n.attr != Attr() else blocks
        # the reader takes some Divs for something else: the ``div`` marker says it is one
        written = tuple(dataclasses.replace(b, attr=Attr("", b.attr.classes, b.attr.kv)) if isinstance(b, Para)
                        else b for b in n.blocks)
        plain = n.attr.classes[:1] not in (*((m,) for m in MARKERS), ("line-block",)) \
            and "section" not in n.attr.classes and keeps(n.attr) and not merges_into(n.attr, written)
        if n.attr.id == CITEPROC_ID:  # pandoc's Markdown writer leaves out a Div with this id (citeproc's place
            # for the bibliography, which it would make again): the id travels as a key, the Div marked
            attr = Attr("", n.attr.classes, (*n.attr.kv, (MOVED_ID, n.attr.id)))
            return [{"t": "Div", "c": [attr_json(attr, (DIV,)), blocks]}]
        return [{"t": "Div", "c": [attr_json(n.attr, () if plain else (DIV,)), blocks]}]

    def b_CodeBlock(self, n: CodeBlock) -> list:
        return [{"t": "CodeBlock", "c": [attr_json(n.attr), n.text]}]

    def b_Rule(self, n: Rule) -> list:
        return [{"t": "HorizontalRule"}]

    def b_Note(self, n: Note) -> list:
        return []  # written where it is referenced

    def caption(self, n: Figure) -> list:
        caption = self.inlines(n.caption)
        if not n.credit:
            return caption
        credit = self.inlines(n.credit)
        if not self.lossless and not re.match(r"(?i)(credit|photo|image|source|illustration|©)",
                                              plain_text(n.credit).strip()):
            credit = [*self.text("Credit: "), *credit]
        return [*caption, SPACE, *self._span(["", [CREDIT], []], credit)] if caption else \
            self._span(["", [CREDIT], []], credit)

    def b_Figure(self, n: Figure) -> list:
        src = self.image_src(n.src) if n.src else None
        if n.src and src is None:
            self.warn(f"image {n.src!r} not found or not allowed; the figure keeps its caption only")
        caption = self.caption(n)
        if not src:
            if self.lossless:
                kv = (("alt", n.alt),) if n.alt else ()
                return [{"t": "Div", "c": [attr_json(n.attr, (FIGURE,), kv), [{"t": "Para", "c": caption}]]}]
            if not caption:
                return []
            if self.caption_style:
                style = [n.attr.id, [], [["custom-style", self.caption_style]]]
                return [{"t": "Div", "c": [style, [{"t": "Para", "c": caption}]]}]
            return [{"t": "Para", "c": caption}]
        alt = self.text(n.alt or plain_text(n.caption))
        image = {"t": "Image", "c": [NO_ATTR_JSON, alt, [src, ""]]}
        fig_attr = attr_json(n.attr) if self.lossless else [n.attr.id, [], []]
        cap = [None, [{"t": "Plain", "c": caption}]] if caption else [None, []]
        return [{"t": "Figure", "c": [fig_attr, cap, [{"t": "Plain", "c": [image]}]]}]

    # ------------------------------------------------------------ document
    def uncited_sources(self) -> list:
        """Document flavour: sources no citation footnoted, listed at the end."""
        rest = [s for s in self.doc.sources if s.id not in self.cited]
        if not rest:
            return []
        items = [[{"t": "Plain", "c": self.source_inlines(s)}] for s in rest]
        return [{"t": "Header", "c": [1, ["sources", [], []], self.text("Sources")]},
                {"t": "OrderedList", "c": [[1, {"t": "Decimal"}, {"t": "Period"}], items]}]

    def reference_list(self) -> list:
        """Markdown flavour: the bibliography as text a reader of the file sees (the sources themselves
        travel in the metadata; the reader drops this marked copy, so the tree reads back the same)."""
        refs = [s for s in self.doc.sources if s.kind == "reference" and s.reference]
        if not refs:
            return []
        title = dict(self.doc.meta.extra).get("references-title") or "References"
        items = [[{"t": "Plain", "c": self.text(s.reference)}] for s in refs]
        return [{"t": "Div", "c": [["", [REFERENCE_LIST], []], [
            {"t": "Header", "c": [2, ["", ["unnumbered"], []], self.text(title)]},
            {"t": "OrderedList", "c": [[1, {"t": "Decimal"}, {"t": "Period"}], items]}]]}]

    def document(self, extra_meta: dict | None = None) -> dict:
        body = self.blocks(self.doc.blocks)
        if not self.lossless:
            body += self.uncited_sources()
        else:
            body += self.reference_list()
        meta = self.meta()
        meta.update(extra_meta or {})
        if self.lossless and not meta:
            escape_title_block(body)
        return {"pandoc-api-version": list(api_version()), "meta": meta, "blocks": body}


def to_pandoc_json(doc: Document, lossless: bool = False, **kw: Any) -> dict:
    """The pandoc JSON AST of ``doc`` (see ``ToPandoc`` for the keyword arguments)."""
    return ToPandoc(doc, lossless=lossless, **kw).document()
