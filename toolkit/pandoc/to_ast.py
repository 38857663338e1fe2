"""Maps the toolkit tree to pandoc's JSON AST, for the formats pandoc renders (Markdown, DOCX, ODT, JATS, LaTeX).

Two flavours. ``lossless`` (Markdown) keeps every toolkit node kind as a marked Span or Div
(the marker classes of ``toolkit.pandoc.from_ast``) and the registries in the metadata, so the
Markdown reads back into the same tree. The document flavour writes what a reader of a Word
file or an archive needs: quotation marks in the text, sources as footnotes, captions with
credits, images embedded.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from toolkit.pandoc.from_ast import ABBR, CITE, CREDIT, FIGURE, QUOTE, REGISTRIES, REGISTRY_KEY, TERM
from toolkit.tree.nodes import (
    Abbr,
    Attr,
    BlockQuote,
    Cite,
    Code,
    CodeBlock,
    Document,
    Emph,
    Figure,
    Heading,
    LineBreak,
    Link,
    ListBlock,
    Note,
    NoteRef,
    Para,
    Quote,
    Rule,
    Source,
    Span,
    Strong,
    Term,
    Text,
)
from toolkit.tree.walk import plain_text

_WHITESPACE = re.compile(r"([ \t\r\n]+)")
# Curly quotation marks that pandoc's smart Markdown reader would turn into quote nodes.
_SMART_QUOTES = "\u201c\u201d\u2018\u2019"
# ... and the characters its Markdown writer spells in ASCII (which would join neighbouring ASCII).
_SMART_CHARS = _SMART_QUOTES + "\u2013\u2014\u2026"
_UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")
SPACE: dict = {"t": "Space"}
# Strings YAML reads as numbers ("00", "1e3", "0x1F", "+1", ".inf"): written as block scalars.
_YAML_NUMBER = re.compile(r"(?i)^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?(?:e[-+]?[0-9]+)?|\.[0-9]+(?:e[-+]?[0-9]+)?"
                          r"|0x[0-9a-f_]+|0o[0-7_]+|0b[01_]+|\.inf|\.nan)$")


def attr_json(attr: Attr, classes: tuple[str, ...] = (), kv: tuple[tuple[str, str], ...] = ()) -> list:
    return [attr.id, [*classes, *attr.classes], [[k, v] for k, v in (*attr.kv, *kv)]]


NO_ATTR_JSON: list = ["", [], []]


def link_ok(url: str) -> bool:
    """Links that may run code or read files lose their target (the words stay)."""
    return not "".join(url.split()).lower().startswith(_UNSAFE_SCHEMES)


def source_label(src: Source) -> str:
    if src.reference:
        return src.reference
    if src.abbrev and src.abbrev != src.name:
        return f"{src.name} ({src.abbrev})"
    return src.name


class ToPandoc:
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
        out: list = []
        for i, part in enumerate(_WHITESPACE.split(s)):
            if i % 2:
                out.append(SPACE)
            elif part:
                out.extend(self.word(part))
        return out

    def word(self, w: str) -> list:
        if not self.lossless or not (any(ch in _SMART_CHARS or ch == "@" for ch in w) or "![" in w):
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

    def _with_attr(self, attr: Attr, block: dict) -> list:
        """Pandoc's Para, BlockQuote and lists have no attributes: a Div carries them (Markdown)."""
        if self.lossless and (attr.classes or attr.kv):
            return [{"t": "Div", "c": [["", list(attr.classes), [[k, v] for k, v in attr.kv]], [block]]}]
        return [block]

    def b_Para(self, n: Para) -> list:
        return self._with_attr(n.attr, {"t": "Para", "c": self.inlines(n.children)})

    def b_Heading(self, n: Heading) -> list:
        content = self.inlines(n.children)
        last = content[-1] if content else None
        if self.lossless and last and last["t"] == "Str" and last["c"].endswith("#"):
            # pandoc leaves a heading's trailing "#" bare, and its reader takes it for a closing "#"
            content[-1:] = [*([{"t": "Str", "c": last["c"][:-1]}] if last["c"][:-1] else []),
                            {"t": "RawInline", "c": ["markdown", "\\#"]}]
        return [{"t": "Header", "c": [n.level, attr_json(n.attr), content]}]

    def b_BlockQuote(self, n: BlockQuote) -> list:
        block = {"t": "BlockQuote", "c": self.blocks(n.blocks)}
        if self.lossless and n.attr.id:
            return [{"t": "Div", "c": [attr_json(n.attr), [block]]}]
        return self._with_attr(n.attr, block)

    def b_ListBlock(self, n: ListBlock) -> list:
        items = [self.blocks(item) for item in n.items]
        if n.ordered:
            block = {"t": "OrderedList", "c": [[1, {"t": "Decimal"}, {"t": "Period"}], items]}
        else:
            block = {"t": "BulletList", "c": items}
        if self.lossless and n.attr.id:
            return [{"t": "Div", "c": [attr_json(n.attr), [block]]}]
        return self._with_attr(n.attr, block)

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

    def document(self, extra_meta: dict | None = None) -> dict:
        body = self.blocks(self.doc.blocks)
        if not self.lossless:
            body += self.uncited_sources()
        meta = self.meta()
        meta.update(extra_meta or {})
        if self.lossless and not meta:
            _escape_title_block(body)
        return {"pandoc-api-version": list(api_version()), "meta": meta, "blocks": body}

    def meta_value(self, value: Any) -> dict:
        """Plain Python -> pandoc metadata (strings as inlines, so Markdown escapes them)."""
        if isinstance(value, dict):
            return {"t": "MetaMap", "c": {k: self.meta_value(v) for k, v in value.items()}}
        if isinstance(value, (list, tuple)):
            return {"t": "MetaList", "c": [self.meta_value(v) for v in value]}
        if isinstance(value, bool):
            return {"t": "MetaBool", "c": value}
        if isinstance(value, int):
            return {"t": "MetaString", "c": str(value)}
        text = str(value)
        if _YAML_NUMBER.match(text):  # pandoc would write it bare and YAML read it as a number
            return {"t": "MetaBlocks", "c": [{"t": "Plain", "c": self.text(text)}]}
        return {"t": "MetaInlines", "c": self.text(text)}

    def meta(self) -> dict:
        m = self.doc.meta
        fields: dict[str, Any] = {
            "title": m.title, "subtitle": m.subtitle, "kicker": m.kicker, "date": m.date,
            "lang": m.language, "url": m.url, "publisher": m.publisher, "rights": m.rights,
        }
        if m.authors:
            fields["author"] = list(m.authors)
        if m.tags:
            fields["tags" if self.lossless else "keywords"] = list(m.tags)
        if self.lossless:
            fields.update({"site-name": m.site_name, "cover": m.cover})
            if m.extra:  # pairs, not a mapping: pandoc sorts mappings, and the order is the tree's
                fields["extra"] = [list(pair) for pair in m.extra]
            registries = self.registries()
            if registries:
                fields[REGISTRY_KEY] = registries
        out = {k: self.meta_value(v) for k, v in fields.items() if v}
        if m.language:
            out["lang"] = {"t": "MetaString", "c": m.language}
        return out

    def registries(self) -> dict:
        """The document's people, sources, events, entities and abbreviations, defaults left out."""
        import dataclasses

        out: dict[str, Any] = {}
        for name in REGISTRIES:
            records = []
            for rec in getattr(self.doc, name):
                fields = {}
                for f in dataclasses.fields(rec):
                    value = getattr(rec, f.name)
                    if value != f.default:
                        fields[f.name] = list(value) if isinstance(value, tuple) else value
                records.append(fields)
            if records:
                out[name] = records
        if self.doc.abbreviations:
            out["abbreviations"] = [list(pair) for pair in self.doc.abbreviations]
        return out


def _escape_title_block(body: list) -> None:
    """A Markdown file that starts with ``%`` has a title block; escape a paragraph's leading ``%``."""
    first = body[0] if body else None
    if first and first["t"] == "Para" and first["c"] and first["c"][0]["t"] == "Str" \
            and first["c"][0]["c"].startswith("%"):
        rest = first["c"][0]["c"][1:]
        first["c"][0:1] = [{"t": "RawInline", "c": ["markdown", "\\%"]}, *([{"t": "Str", "c": rest}] if rest else [])]


_API_VERSION: tuple[int, ...] | None = None


def api_version() -> tuple[int, ...]:
    """The pandoc-types version of the pandoc binary in use (asked once per process)."""
    global _API_VERSION
    if _API_VERSION is None:
        import json

        from toolkit.pandoc.run import run_pandoc

        raw = run_pandoc(["--from", "markdown", "--to", "json"], b"")
        _API_VERSION = tuple(json.loads(raw)["pandoc-api-version"])
    return _API_VERSION


def to_pandoc_json(doc: Document, lossless: bool = False, **kw: Any) -> dict:
    """The pandoc JSON AST of ``doc`` (see ``ToPandoc`` for the keyword arguments)."""
    return ToPandoc(doc, lossless=lossless, **kw).document()
