"""Immutable typed nodes of the document tree: metadata, blocks, inlines and registries."""

from __future__ import annotations

from dataclasses import dataclass, field

TREE_VERSION = "1.0"


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
    text: str


@dataclass(frozen=True, slots=True)
class Emph:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Code:
    text: str


@dataclass(frozen=True, slots=True)
class LineBreak:
    pass


@dataclass(frozen=True, slots=True)
class Link:
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
    text: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class NoteRef:
    note: str


@dataclass(frozen=True, slots=True)
class Span:
    """Generic annotated span (entities, dates); meaning lives in ``attr``."""

    children: tuple[Inline, ...]
    attr: Attr = NO_ATTR


Inline = Text | Emph | Strong | Code | LineBreak | Link | Quote | Term | Cite | Abbr | NoteRef | Span


# ---------------------------------------------------------------- blocks
@dataclass(frozen=True, slots=True)
class Para:
    children: tuple[Inline, ...]
    attr: Attr = NO_ATTR


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    children: tuple[Inline, ...]
    attr: Attr = NO_ATTR


@dataclass(frozen=True, slots=True)
class BlockQuote:
    blocks: tuple[Block, ...]
    attr: Attr = NO_ATTR


@dataclass(frozen=True, slots=True)
class ListBlock:
    ordered: bool
    items: tuple[tuple[Block, ...], ...]
    attr: Attr = NO_ATTR


@dataclass(frozen=True, slots=True)
class CodeBlock:
    text: str
    attr: Attr = NO_ATTR


@dataclass(frozen=True, slots=True)
class Rule:
    pass


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


Block = Para | Heading | BlockQuote | ListBlock | CodeBlock | Rule | Figure | Note


# ---------------------------------------------------------------- metadata and registries
@dataclass(frozen=True, slots=True)
class Meta:
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
    id: str
    name: str
    abbrev: str = ""
    kind: str = "outlet"
    url: str = ""
    reference: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    date: str
    text: str
    block: str = ""


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    kind: str
    mentions: int = 1


@dataclass(frozen=True, slots=True)
class Document:
    meta: Meta = field(default_factory=Meta)
    blocks: tuple[Block, ...] = ()
    people: tuple[Person, ...] = ()
    sources: tuple[Source, ...] = ()
    abbreviations: tuple[tuple[str, str], ...] = ()
    events: tuple[Event, ...] = ()
    entities: tuple[Entity, ...] = ()
    warnings: tuple[str, ...] = ()

    def person(self, pid: str) -> Person | None:
        return next((p for p in self.people if p.id == pid), None)

    def source(self, sid: str) -> Source | None:
        return next((s for s in self.sources if s.id == sid), None)


NODE_TYPES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        Attr, Text, Emph, Strong, Code, LineBreak, Link, Quote, Term, Cite, Abbr, NoteRef, Span,
        Para, Heading, BlockQuote, ListBlock, CodeBlock, Rule, Figure, Note,
        Meta, Person, Source, Event, Entity, Document,
    )
}
