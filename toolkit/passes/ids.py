"""Gives every paragraph a stable anchor (p1, p2, ...) and headings and figures their own ids.

The ids are shared by all editions, so "¶12" means the same paragraph in HTML, EPUB and PDF. An id the
author gave is never renamed: a heading's, a figure's, a table's or a division's stays its id; a
paragraph's moves to its ``author-id`` key (the writers put an anchor with it at the paragraph's start),
because the paragraph's own id is its number.

Ids are unique in the document (HTML and EPUB are invalid otherwise): when the author gave the same id twice
(two headings, a figure and a table, a heading named like a paragraph's number), the first in reading order
keeps it and each later one gets a suffix ("-2", "-3"), with one warning. A link to a fragment no element
of the document has (a bookmark a converter lost, say) would be a broken link, which EPUBCheck rejects
(RSC-012): it becomes its words, with a warning.

The editions write ids of their own (the annotated page's ``main``, ``top`` and panels, the EPUB's ``toc``
and ``notes``, note and source anchors such as ``fn-3`` and ``source-2``). An author's id equal to one of
them, or starting like one of their families, would be a second element with that id (the skip link or a
panel link would land in the article): it is renamed with an ``a-`` prefix (``sources`` -> ``a-sources``)
and every in-page link to it follows, with one warning. Classes and data attributes the author put on an
inline span ("Ana Petrova" marked ``.layers``, say) are dropped: the editions give span classes a meaning of
their own (the annotated page's layer switches and highlights); the words, ``lang`` and ``dir`` stay.
"""

from __future__ import annotations

import dataclasses
import re

from toolkit.options import Context
from toolkit.tree.nodes import Attr, BlockQuote, Div, Document, Figure, Heading, Link, ListBlock, Note, Para, Span
from toolkit.tree.walk import iter_nodes, plain_text, walk


def _slug(text: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "section"


# Ids the editions write themselves (writers/annotated, writers/epub, writers/html, writers/pdf), and the
# families of ids they number (``fn-3``, ``source-2``, ``sn-1``, ``ab4``, ``person-...``, ``voices-h``).
EDITION_IDS = frozenset(("main", "top", "toc", "notes", "sources", "voices", "glossary", "timeline", "entities",
                         "landmarks", "page-list", "abstract", "article-title", "book-title", "colophon-title",
                         "cover-image", "layers-label", "title", "subtitle", "page-source"))
EDITION_ID_FAMILY = re.compile(r"(?:fn|ref|source|sources|note|notes|sn|snr|gl|person|voice|voices|bq|cite|kobo|toc|"
                               r"landmarks|page-list|glossary|timeline|entities|abstract|layers)[-.]|ab\d+$")
AUTHOR_PREFIX = "a-"
# The span classes of the tree's own vocabulary (toolkit.writers.annotated.marks writes them too, and a
# JSON tree or a plugin's pass may carry them) and the keys they use; every other span class is the author's.
TREE_SPAN_CLASSES = frozenset(("date", "entity"))
SPAN_KEYS_KEPT = ("lang", "dir")
TREE_SPAN_KEYS = ("value", "date", "name", "kind")


def edition_id(value: str) -> bool:
    """True if an edition writes (or may write) an element with this id itself."""
    return value in EDITION_IDS or EDITION_ID_FAMILY.match(value) is not None


def assign_ids(doc: Document, ctx: Context) -> Document:
    doc = plain_spans(namespace_author_ids(doc, ctx))
    counters = {"p": 0, "fig": 0}
    used = {n.attr.id for n in iter_nodes(doc) if not isinstance(n, Para) and getattr(n, "attr", None) is not None
            and getattr(n.attr, "id", "")}  # the author's ids: a generated one never takes them

    def fresh(base: str) -> str:
        cand, n = base, 1
        while cand in used:
            n += 1
            cand = f"{base}-{n}"
        used.add(cand)
        return cand

    def visit(block):
        if isinstance(block, Para):
            counters["p"] += 1
            attr = block.attr
            if attr.id and attr.id != f"p{counters['p']}" and attr.get("author-id") is None:
                attr = attr.with_kv("author-id", attr.id)
            return dataclasses.replace(block, attr=attr.with_id(f"p{counters['p']}"))
        if isinstance(block, Heading):
            return dataclasses.replace(block, attr=block.attr.with_id(
                block.attr.id or fresh("h-" + _slug(plain_text(block.children)))))
        if isinstance(block, Figure):
            counters["fig"] += 1
            if block.attr.id:
                return block
            return dataclasses.replace(block, attr=block.attr.with_id(fresh(f"fig{counters['fig']}")))
        if isinstance(block, (BlockQuote, Div)):
            return dataclasses.replace(block, blocks=tuple(visit(b) for b in block.blocks))
        if isinstance(block, ListBlock):
            return dataclasses.replace(block, items=tuple(tuple(visit(b) for b in item)
                                                          for item in block.items))
        return block

    doc = dataclasses.replace(doc, blocks=tuple(visit(b) for b in doc.blocks))
    return unlink_missing_targets(unique_ids(doc, ctx), ctx)


def namespace_author_ids(doc: Document, ctx: Context) -> Document:
    """Each author id that is an edition's own (``edition_id``) gets the ``a-`` prefix; links follow."""
    nodes = [n for n in iter_nodes(doc) if isinstance(getattr(n, "attr", None), Attr)]
    taken = {v for n in nodes for v in (n.attr.id, n.attr.get("author-id")) if v}
    clashing = sorted({v for v in taken if edition_id(v)})
    if not clashing:
        return doc
    renamed: dict[str, str] = {}
    for old in clashing:
        cand, k = AUTHOR_PREFIX + old, 1
        while cand in taken or edition_id(cand):
            k += 1
            cand = f"{AUTHOR_PREFIX}{old}-{k}"
        taken.add(cand)
        renamed[old] = cand

    def fix(node):
        if isinstance(node, Link) and node.url.startswith("#") and node.url[1:] in renamed:
            node = dataclasses.replace(node, url="#" + renamed[node.url[1:]])
        attr = getattr(node, "attr", None)
        if not isinstance(attr, Attr):
            return node
        new = attr.with_id(renamed.get(attr.id, attr.id))
        author = attr.get("author-id")
        if author in renamed:
            new = new.with_kv("author-id", renamed[author])
        return dataclasses.replace(node, attr=new) if new != attr else node

    ctx.warn(f"renamed {len(renamed)} id(s) the editions use themselves: "
             + ", ".join(f"{old!r} to {new!r}" for old, new in renamed.items())[:200])
    return walk(doc, fix)


def plain_spans(doc: Document) -> Document:
    """Inline spans keep their words, id, ``lang`` and ``dir``, and the tree's own date and entity marks
    (``TREE_SPAN_CLASSES``); the author's other classes and data go."""

    def fix(node):
        if not isinstance(node, Span):
            return None
        classes = tuple(c for c in node.attr.classes if c in TREE_SPAN_CLASSES)
        keys = SPAN_KEYS_KEPT + TREE_SPAN_KEYS if classes else SPAN_KEYS_KEPT
        attr = Attr(node.attr.id, classes, tuple((k, v) for k, v in node.attr.kv if k in keys))
        return dataclasses.replace(node, attr=attr) if attr != node.attr else None

    return walk(doc, fix)


def unique_ids(doc: Document, ctx: Context) -> Document:
    """Each id once: paragraphs keep their numbers; a later repeat of any other id gets a suffix."""
    every = {v for n in iter_nodes(doc) if isinstance(getattr(n, "attr", None), Attr)
             for v in (n.attr.id, n.attr.get("author-id")) if v}
    seen = {n.attr.id for n in iter_nodes(doc) if isinstance(n, Para) and n.attr.id}
    renamed = []

    def once(value: str) -> str:
        if value not in seen:
            seen.add(value)
            return value
        cand, k = value, 1
        while cand in seen or cand in every:
            k += 1
            cand = f"{value}-{k}"
        seen.add(cand)
        renamed.append(value)
        return cand

    def fix(node):
        attr = getattr(node, "attr", None)
        if not isinstance(attr, Attr):
            return None
        new = attr
        if attr.id and not isinstance(node, Para):
            new = new.with_id(once(attr.id))
        author = attr.get("author-id")
        unique = once(author) if author and author != attr.id else author
        if unique != author:
            new = new.with_kv("author-id", unique)
        return dataclasses.replace(node, attr=new) if new != attr else None

    doc = walk(doc, fix)
    if renamed:
        shown = ", ".join(repr(v) for v in dict.fromkeys(renamed).keys() if v)
        ctx.warn(f"renamed {len(renamed)} repeated id(s) so that each is unique: {shown[:200]}")
    return doc


def unlink_missing_targets(doc: Document, ctx: Context) -> Document:
    """In-page links ("#x") to an id nothing in the document has become their words, with one warning."""
    ids = {v for n in iter_nodes(doc) if isinstance(getattr(n, "attr", None), Attr)
           for v in (n.attr.id, n.attr.get("author-id")) if v}
    ids |= {n.id for n in iter_nodes(doc) if isinstance(n, Note)}
    lost = []

    def fix(node):
        if isinstance(node, Link) and node.url.startswith("#") and node.url[1:] not in ids:
            lost.append(node.url)
            return list(node.children)
        return None

    doc = walk(doc, fix)
    if lost:
        shown = ", ".join(repr(v) for v in list(dict.fromkeys(lost))[:3])
        ctx.warn(f"unlinked {len(lost)} in-page link(s) to a place the article does not have: {shown}")
    return doc
