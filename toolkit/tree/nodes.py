"""Immutable typed nodes of the document tree: metadata, blocks, inlines and registries. Each class has a docstring:
without one, ``dataclass`` builds ``__doc__`` from ``inspect.signature`` (0.4 ms a class; tests/test_cold_start.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

TREE_VERSION = "1.2"  # 1.1: Styled, Math, Table, DefinitionList, LineBlock, Div; list start/style; abstract; 1.2: rule and confidence of Source, Event, Entity


@dataclass(frozen=True, slots=True)
class Attr:
    """Identifier, classes and key-value pairs carried by extensible nodes (as in pandoc)."""

    id: str = ""
    classes: tuple[str, ...] = ()
    kv: tuple[tuple[str, str], ...] = ()

    def get(self, key: str, default: str | None = None) -> str | None:
        for k, v in self.kv:
            if k == key:
                return v
        return default

    def with_id(self, new_id: str) -> Attr:
        return Attr(new_id, self.classes, self.kv)

    def with_class(self, cls: str) -> Attr:
        if cls in self.classes:
            return self
        return Attr(self.id, (*self.classes, cls), self.kv)

    def with_kv(self, key: str, value: str) -> Attr:
        kv = (*tuple((k, v) for k, v in self.kv if k != key), (key, value))
        return Attr(self.id, self.classes, kv)


NO_ATTR = Attr()


# ---------------------------------------------------------------- inlines
@dataclass(frozen=True, slots=True)
class Text:
    """Plain text."""

    text: str


@dataclass(frozen=True, slots=True)
class Emph:
    """Emphasised inlines (italics)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Strong:
    """Strongly emphasised inlines (bold)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Code:
    """Inline code, shown as written."""

    text: str


@dataclass(frozen=True, slots=True)
class LineBreak:
    """A hard line break within a paragraph."""


@dataclass(frozen=True, slots=True)
class Link:
    """A link: its inlines, target URL and optional title."""

    children: tuple[Inline, ...]
    url: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted speech; ``speaker`` is a person id in ``Document.people`` (or empty)."""

    children: tuple[Inline, ...]
    speaker: str = ""
    cue: str = ""
    direct: bool = True
    attr: Attr = NO_ATTR


@dataclass(frozen=True, slots=True)
class Term:
    """Words in quotation marks that are not speech: scare quotes, titles, terms."""

    children: tuple[Inline, ...]
    attr: Attr = NO_ATTR


@dataclass(frozen=True, slots=True)
class Cite:
    """A citation of a source; ``source`` is a source id in ``Document.sources``."""

    children: tuple[Inline, ...]
    source: str
    attr: Attr = NO_ATTR


@dataclass(frozen=True, slots=True)
class Abbr:
    """An abbreviation and, when known, what it stands for."""

    text: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class NoteRef:
    """A reference to the note with id ``note``."""

    note: str


@dataclass(frozen=True, slots=True)
class Span:
    """Generic annotated span (entities, dates); meaning lives in ``attr``."""

    children: tuple[Inline, ...]
    attr: Attr = NO_ATTR


STYLES = ("strikeout", "underline", "smallcaps", "superscript", "subscript")


@dataclass(frozen=True, slots=True)
class Styled:
    """Words whose typography carries meaning: struck out, underlined, small capitals, raised, lowered.

    ``style`` is one of ``STYLES``. Struck-out words are not the author's claim; "H2O" is not H₂O.
    """

    style: str
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Math:
    """A formula as TeX source: inline in the sentence, or ``display`` on a line of its own."""

    text: str
    display: bool = False


Inline = Text | Emph | Strong | Code | LineBreak | Link | Quote | Term | Cite | Abbr | NoteRef | Span | Styled | Math


# ---------------------------------------------------------------- blocks
@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph of inlines."""

    children: tuple[Inline, ...]
    attr: Attr = NO_ATTR


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading of ``level`` 1-6."""

    level: int
    children: tuple[Inline, ...]
    attr: Attr = NO_ATTR


@dataclass(frozen=True, slots=True)
class BlockQuote:
    """A quoted passage of blocks."""

    blocks: tuple[Block, ...]
    attr: Attr = NO_ATTR


LIST_STYLES = ("decimal", "lower-alpha", "upper-alpha", "lower-roman", "upper-roman")


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A bullet or numbered list; a numbered one keeps its first number and its style (``LIST_STYLES``)."""

    ordered: bool
    items: tuple[tuple[Block, ...], ...]
    attr: Attr = NO_ATTR
    start: int = 1
    style: str = ""


@dataclass(frozen=True, slots=True)
class Definition:
    """One term of a definition list and its definitions (each a sequence of blocks)."""

    term: tuple[Inline, ...]
    definitions: tuple[tuple[Block, ...], ...]


@dataclass(frozen=True, slots=True)
class DefinitionList:
    """Terms with their definitions."""

    items: tuple[Definition, ...]
    attr: Attr = NO_ATTR


@dataclass(frozen=True, slots=True)
class LineBlock:
    """Lines that keep their breaks and leading spaces (verse, addresses)."""

    lines: tuple[tuple[Inline, ...], ...]
    attr: Attr = NO_ATTR


ALIGNS = ("", "left", "right", "center")


@dataclass(frozen=True, slots=True)
class TableCell:
    """A cell: its blocks, whether it heads its row or column, its alignment and spans."""

    blocks: tuple[Block, ...]
    header: bool = False
    align: str = ""
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row of table cells."""

    cells: tuple[TableCell, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table: header, body and footer rows, a caption, and per column a relative width (0: auto) and alignment."""

    head: tuple[TableRow, ...]
    body: tuple[TableRow, ...]
    foot: tuple[TableRow, ...] = ()
    caption: tuple[Inline, ...] = ()
    widths: tuple[float, ...] = ()
    aligns: tuple[str, ...] = ()
    attr: Attr = NO_ATTR


@dataclass(frozen=True, slots=True)
class Div:
    """Blocks grouped by the author: kept for their ``lang``, ``dir``, id or classes (in ``attr``)."""

    blocks: tuple[Block, ...]
    attr: Attr = NO_ATTR


@dataclass(frozen=True, slots=True)
class CodeBlock:
    """A block of code or preformatted text, shown as written."""

    text: str
    attr: Attr = NO_ATTR


@dataclass(frozen=True, slots=True)
class Rule:
    """A thematic break (horizontal rule)."""


@dataclass(frozen=True, slots=True)
class Figure:
    """An image (``src`` may be empty: caption and credit alone) with caption and credit."""

    src: str = ""
    alt: str = ""
    caption: tuple[Inline, ...] = ()
    credit: tuple[Inline, ...] = ()
    attr: Attr = NO_ATTR


@dataclass(frozen=True, slots=True)
class Note:
    """A footnote or endnote body, referenced by ``NoteRef(note=id)``."""

    id: str
    blocks: tuple[Block, ...]


Block = (Para | Heading | BlockQuote | ListBlock | CodeBlock | Rule | Figure | Note | DefinitionList | LineBlock | Table
         | Div)


# ---------------------------------------------------------------- metadata and registries
@dataclass(frozen=True, slots=True)
class Meta:
    """The article's metadata: title, byline, date, language, origin; ``extra`` holds other key-value pairs."""

    title: str | None = None
    subtitle: str | None = None
    kicker: str | None = None
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    date: str | None = None
    language: str | None = None
    url: str | None = None
    site_name: str | None = None
    publisher: str | None = None
    rights: str | None = None
    cover: str | None = None
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Person:
    """A speaker or named person/organisation; ``kind`` is ``person`` or ``organization``."""

    id: str
    name: str
    role: str = ""
    kind: str = "person"
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Source:
    """A cited source (outlet, report, agency) with the evidence and confidence of its finding."""

    id: str
    name: str
    abbrev: str = ""
    kind: str = "outlet"
    url: str = ""
    reference: str = ""
    rule: str = ""  # the evidence that made it a source ("told-x", "speaker", ...), set by the pass
    confidence: str = ""  # how sure ("0.85"); the editions show it at or above their threshold; "" = always


@dataclass(frozen=True, slots=True)
class Event:
    """A dated event stated in the article, with the block it is in."""

    date: str
    text: str
    block: str = ""
    rule: str = ""  # the evidence: how the sentence states its date ("day", "month", "year", "relative")
    confidence: str = ""


@dataclass(frozen=True, slots=True)
class Entity:
    """A named person, organisation or place and how often it is mentioned."""

    name: str
    kind: str
    mentions: int = 1
    rule: str = ""  # the evidence: "speaker", "title", "first-name", "org-word", "acronym", ...
    confidence: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    """The whole article: metadata, blocks and the registries the passes fill."""

    meta: Meta = field(default_factory=Meta)
    blocks: tuple[Block, ...] = ()
    people: tuple[Person, ...] = ()
    sources: tuple[Source, ...] = ()
    abbreviations: tuple[tuple[str, str], ...] = ()
    events: tuple[Event, ...] = ()
    entities: tuple[Entity, ...] = ()
    warnings: tuple[str, ...] = ()
    abstract: tuple[Block, ...] = ()

    def person(self, pid: str) -> Person | None:
        return next((p for p in self.people if p.id == pid), None)

    def source(self, sid: str) -> Source | None:
        return next((s for s in self.sources if s.id == sid), None)


NODE_TYPES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        Attr, Text, Emph, Strong, Code, LineBreak, Link, Quote, Term, Cite, Abbr, NoteRef, Span, Styled, Math,
        Para, Heading, BlockQuote, ListBlock, CodeBlock, Rule, Figure, Note, Definition, DefinitionList, LineBlock,
        TableCell, TableRow, Table, Div,
        Meta, Person, Source, Event, Entity, Document,
    )
}
