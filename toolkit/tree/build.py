"""Builders that make trees readable in tests and readers: ``para("Hello ", emph("world"))``."""

from __future__ import annotations

from toolkit.tree.nodes import (
    NO_ATTR,
    Attr,
    BlockQuote,
    Document,
    Emph,
    Figure,
    Heading,
    Inline,
    Link,
    ListBlock,
    Meta,
    Para,
    Quote,
    Strong,
    Text,
)


def _inlines(parts: tuple) -> tuple[Inline, ...]:
    return tuple(Text(p) if isinstance(p, str) else p for p in parts)


def text(s: str) -> Text:
    return Text(s)


def para(*parts, id: str = "") -> Para:
    return Para(_inlines(parts), Attr(id) if id else NO_ATTR)


def heading(level: int, *parts) -> Heading:
    return Heading(level, _inlines(parts))


def emph(*parts) -> Emph:
    return Emph(_inlines(parts))


def strong(*parts) -> Strong:
    return Strong(_inlines(parts))


def link(url: str, *parts) -> Link:
    return Link(_inlines(parts), url)


def quote(*parts, speaker: str = "", cue: str = "", direct: bool = True) -> Quote:
    return Quote(_inlines(parts), speaker, cue, direct)


def blockquote(*blocks) -> BlockQuote:
    return BlockQuote(tuple(blocks))


def bullet_list(*items) -> ListBlock:
    return ListBlock(False, tuple(tuple(i) if isinstance(i, (list, tuple)) else (i,) for i in items))


def figure(src: str = "", alt: str = "", caption: str = "", credit: str = "") -> Figure:
    return Figure(src, alt, (Text(caption),) if caption else (), (Text(credit),) if credit else ())


def document(*blocks, **meta) -> Document:
    for key in ("tags", "authors"):
        if key in meta:
            meta[key] = tuple(meta[key])
    return Document(Meta(**meta), tuple(blocks))
