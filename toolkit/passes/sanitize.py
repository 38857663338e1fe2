"""Turns an untrusted tree into one no writer can make dangerous: allow-listed URLs, ids and attributes.

Writers escape every string they print, so text cannot become markup; what remains are the fields
that become URLs or attribute names and values. This pass keeps, by allow-list only:

* link targets with the schemes ``http``, ``https``, ``mailto`` and ``tel`` and in-page ``#fragments``
  (relative links are resolved against the article's URL when it has one, else unlinked);
* image sources that are web URLs, raster ``data:image`` URIs, or files inside the input's folder;
* ids, classes and key-value names made of token characters, never event-handler or URL attributes;
* a language tag of the BCP 47 shape;
* at most MAX_NESTING levels of quotes, lists or inline markup (deeper ones are flattened), so no
  writer or layout engine recurses without bound.

Markup found in metadata strings (a page's JSON-LD, a sidecar) is stripped with nh3. Everything it
drops is reported as a warning, so a reader of the build log knows what the input tried.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

from toolkit.options import Context
from toolkit.passes.sanitize_structure import (
    MAX_NESTING,
    TIDY_MESSAGES,
    Flattener,
    clean_strings,
    refs_out_of_notes,
    tidy_blocks,
)
from toolkit.tree.nodes import (
    ALIGNS,
    LIST_STYLES,
    STYLES,
    Attr,
    Cite,
    Document,
    Figure,
    Link,
    ListBlock,
    Note,
    NoteRef,
    Quote,
    Span,
    Styled,
    Table,
    TableCell,
)
from toolkit.tree.walk import walk

LINK_SCHEMES = frozenset(("http", "https", "mailto", "tel"))
WEB_SCHEMES = frozenset(("http", "https"))
IMAGE_DATA = re.compile(r"^data:image/(?:png|jpeg|gif|webp)(?:;[a-z0-9=.+-]*)*,", re.I)
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# What browsers strip from URLs before parsing them (so "java\tscript:" is still javascript:).
_URL_STRIP = re.compile(r"[\x00-\x20\x7f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TOKEN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.:-]{0,99}$")
_ID_BAD = re.compile(r"[^A-Za-z0-9_.:-]+")
_TAGLIKE = re.compile(r"<[A-Za-z!/?]")
_UNQUOTED = re.compile(r"[\s\"'<>`\x00-\x1f\x7f]")
LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
TEXT_DIRECTIONS = ("ltr", "rtl", "auto")
MAX_SPAN = 1000  # the most columns or rows one table cell may span (HTML's colspan limit)
MAX_LIST_START = 10**9
# Attribute names that load or run something if a writer ever printed key-value pairs as attributes.
UNSAFE_KEYS = re.compile(r"^(?:on.*|style|src|srcset|srcdoc|href|xlink:href|action|formaction|background|"
                         r"poster|data|codebase|manifest|ping|lowsrc|dynsrc|http-equiv)$", re.I)
DROP_MESSAGES = {
    "attribute": "removed attributes that could load or run something",
    "link": "removed links with unsafe targets (only http, https, mailto and tel are kept)",
    "image": "removed image sources that are not allowed (only web addresses, raster data: URIs and files "
             "in the input's folder)",
    "language tag": "ignored a language tag that is not BCP 47",
    "article URL": "ignored an article URL that is not http or https",
    "cover image": "removed a cover image that is not allowed",
    "source URL": "removed source links that are not http or https",
}
META_TEXT = ("title", "subtitle", "kicker", "date", "site_name", "publisher", "rights")


def clean_url(url: str, base: str | None = None) -> str | None:
    """A link target that is safe to print in ``href``, or None."""
    raw = _URL_STRIP.sub("", url or "")
    if not raw:
        return None
    if raw.startswith("#"):
        return "#" + safe_id(raw[1:]) if len(raw) > 1 else None
    m = SCHEME.match(raw)
    if m is None:  # relative: only meaningful against the article's own web address
        if base and not raw.startswith("\\"):
            joined = urljoin(base, raw)
            return joined if _scheme(joined) in WEB_SCHEMES else None
        return None
    if m.group(1).lower() not in LINK_SCHEMES:
        return None
    return _quote_spaces(url.strip())


def clean_image_src(src: str, base_dir: Path | None) -> str | None:
    """An image source that is a web URL, a raster data URI, or a file inside ``base_dir``; else None."""
    raw = (src or "").strip()
    if not raw or _CONTROL.search(raw):
        return None
    if IMAGE_DATA.match(raw):
        return raw
    scheme = _scheme(raw)
    if scheme in WEB_SCHEMES:
        return _quote_spaces(raw)
    if scheme not in ("", "file") or (scheme == "" and len(raw) > 1 and raw[1] == ":"):
        return None
    path = unquote(urlsplit(raw).path) if scheme == "file" else raw
    if base_dir is None:
        return raw if scheme == "" and not Path(path).is_absolute() and ".." not in Path(path).parts else None
    root = base_dir.resolve()
    cand = (root / path).resolve() if not Path(path).is_absolute() else Path(path).resolve()
    return raw if cand.is_relative_to(root) else None


def safe_id(value: str) -> str:
    """An id made of token characters only; the same input always gives the same id."""
    return _ID_BAD.sub("-", value or "").strip("-")[:100]


def clean_attr(attr: Attr) -> Attr:
    """Token-like classes; token-like keys that are not URL or handler attributes, each once (the first,
    as ``Attr.get`` reads it: a repeated key would be a repeated attribute, which XML forbids)."""
    classes = tuple(c for c in attr.classes if _TOKEN.match(c))
    kv: dict[str, str] = {}
    for k, v in attr.kv:
        if isinstance(k, str) and _TOKEN.match(k) and not UNSAFE_KEYS.match(k) and isinstance(v, str):
            kv.setdefault(k, _CONTROL.sub("", v))
    if kv.get("dir", "ltr").lower() not in TEXT_DIRECTIONS:
        del kv["dir"]
    if "lang" in kv and not LANGUAGE.match(kv["lang"].strip().replace("_", "-")):
        del kv["lang"]
    new = Attr(safe_id(attr.id), classes, tuple(kv.items()))
    return attr if new == attr else new


def strip_markup(text: str) -> str:
    """Plain one-line text from a metadata string that may hold HTML (tags and their scripts removed
    by nh3) or stray whitespace; a string of only whitespace becomes empty."""
    if _TAGLIKE.search(text):  # html (its entity table: 5 ms) and nh3 imported only for such a string
        import html

        import nh3

        text = html.unescape(nh3.clean(text, tags=set()))
    return " ".join(text.split())


def _scheme(url: str) -> str:
    m = SCHEME.match(_URL_STRIP.sub("", url))
    return m.group(1).lower() if m else ""


def _quote_spaces(url: str) -> str:
    """Percent-encode what may not stand unencoded in a URL: whitespace, quotes, angle brackets."""
    return _UNQUOTED.sub(lambda m: quote(m.group()), url.strip())


class Sanitizer:
    """One pass over the tree; ``dropped`` collects what was removed, for the warnings."""

    def __init__(self, doc: Document, ctx: Context):
        self.base_url = doc.meta.url if doc.meta.url and _scheme(doc.meta.url) in WEB_SCHEMES else None
        self.base_dir = ctx.input_path.parent if ctx.input_path else None
        self.dropped: dict[str, list[str]] = {}

    def drop(self, kind: str, value: str) -> None:
        self.dropped.setdefault(kind, []).append(value)

    def node(self, n):
        attr = getattr(n, "attr", None)
        changes = {}
        if isinstance(attr, Attr):
            new = clean_attr(attr)
            if new != attr:
                changes["attr"] = new
                if len(new.kv) < len(attr.kv) or len(new.classes) < len(attr.classes):
                    self.drop("attribute", ", ".join(sorted({k for k, _ in attr.kv} - {k for k, _ in new.kv}
                                                            | set(attr.classes) - set(new.classes))))
        if isinstance(n, Link):
            url = clean_url(n.url, self.base_url)
            if url is None:
                if _scheme(n.url):  # relative links (which no edition can follow) go quietly
                    self.drop("link", n.url)
                return list(n.children)
            if url != n.url:
                changes["url"] = url
        elif isinstance(n, Figure) and n.src:
            src = clean_image_src(n.src, self.base_dir)
            if src is None:
                self.drop("image", n.src)
                changes["src"] = ""
        elif isinstance(n, Quote) and n.speaker != safe_id(n.speaker):
            changes["speaker"] = safe_id(n.speaker)
        elif isinstance(n, Cite) and n.source != safe_id(n.source):
            changes["source"] = safe_id(n.source)
        elif isinstance(n, NoteRef) and n.note != safe_id(n.note):
            changes["note"] = safe_id(n.note)
        elif isinstance(n, Note) and n.id != safe_id(n.id):
            changes["id"] = safe_id(n.id)
        elif isinstance(n, Styled) and n.style not in STYLES:
            return Span(n.children)  # an unknown style from a JSON tree: the words stay, plain
        elif isinstance(n, TableCell):
            changes.update(_cell_changes(n))
        elif isinstance(n, Table) and any(a not in ALIGNS for a in n.aligns):
            changes["aligns"] = tuple(a if a in ALIGNS else "" for a in n.aligns)
        elif isinstance(n, ListBlock) and (n.style not in ("", *LIST_STYLES) or not -MAX_LIST_START <= n.start <= MAX_LIST_START):
            changes["style"] = n.style if n.style in LIST_STYLES else ""
            changes["start"] = max(-MAX_LIST_START, min(MAX_LIST_START, n.start))
        return dataclasses.replace(n, **changes) if changes else None

    def meta(self, doc: Document):
        m = doc.meta
        changes: dict = {f: strip_markup(getattr(m, f)) or None for f in META_TEXT if getattr(m, f)}
        changes["authors"] = tuple(a for a in (strip_markup(x) for x in m.authors) if a)
        changes["tags"] = tuple(t for t in (strip_markup(x) for x in m.tags) if t)
        if m.language:
            lang = m.language.strip().replace("_", "-")
            if not LANGUAGE.match(lang):
                self.drop("language tag", m.language)
                lang = None
            changes["language"] = lang
        if m.url and _scheme(m.url) not in WEB_SCHEMES:
            self.drop("article URL", m.url)
            changes["url"] = None
        if m.cover and clean_image_src(m.cover, self.base_dir) is None:
            self.drop("cover image", m.cover)
            changes["cover"] = None
        changes = {k: v for k, v in changes.items() if v != getattr(m, k)}
        return dataclasses.replace(m, **changes) if changes else m

    def registries(self, doc: Document) -> dict:
        people = tuple(dataclasses.replace(p, id=safe_id(p.id), name=strip_markup(p.name)) for p in doc.people)
        sources = []
        for s in doc.sources:
            url = s.url
            if url and (_scheme(url) not in WEB_SCHEMES or clean_url(url) is None):
                self.drop("source URL", url)
                url = ""
            sources.append(dataclasses.replace(s, id=safe_id(s.id), url=url, name=strip_markup(s.name)))
        events = tuple(dataclasses.replace(e, block=safe_id(e.block)) for e in doc.events)
        return {"people": people, "sources": tuple(sources), "events": events}


def _cell_changes(cell: TableCell) -> dict:
    """A cell's alignment from the allowed ones, its spans between 1 and MAX_SPAN."""
    changes = {}
    if cell.align not in ALIGNS:
        changes["align"] = ""
    for name in ("rowspan", "colspan"):
        value = getattr(cell, name)
        if not 1 <= value <= MAX_SPAN:
            changes[name] = max(1, min(MAX_SPAN, value))
    return changes


def sanitize(doc: Document, ctx: Context) -> Document:
    """The pass: the tree with everything unsafe removed, and a warning for each kind of removal."""
    flat = Flattener()
    blocks = flat.blocks(doc.blocks, 0)
    if flat.flattened:
        ctx.warn(f"the article nests quotes, lists or inline markup more than {MAX_NESTING} levels deep; "
                 f"{flat.flattened} deeper part(s) were flattened")
        doc = dataclasses.replace(doc, blocks=blocks)
    removed = [0]
    doc = clean_strings(doc, removed)  # after flattening, so the depth of this recursion is bounded
    if removed[0]:
        ctx.warn(f"dropped {removed[0]} control character(s) or noncharacter(s) that no edition can show "
                 "(C0/C1 controls, U+FFFE, U+FFFF and the like)")
    blocks, tidied = tidy_blocks(doc.blocks)
    if blocks != doc.blocks:
        doc = dataclasses.replace(doc, blocks=blocks)
    for kind, n in tidied.items():
        ctx.warn(TIDY_MESSAGES[kind].format(n=n))
    blocks, nested_refs = refs_out_of_notes(doc.blocks)
    if nested_refs:  # a note citing itself (or another) would make every writer recurse for ever
        ctx.warn(f"removed {nested_refs} note reference(s) inside notes (notes cannot contain notes)")
        doc = dataclasses.replace(doc, blocks=blocks)
    s = Sanitizer(doc, ctx)
    new = walk(doc, s.node)
    new = dataclasses.replace(new, meta=s.meta(new), **s.registries(new))
    for kind, values in s.dropped.items():
        values = [v for v in dict.fromkeys(values) if v]
        shown = ", ".join(repr(v[:60]) for v in values[:3])
        more = f" and {len(values) - 3} more" if len(values) > 3 else ""
        ctx.warn(f"{DROP_MESSAGES[kind]}: {shown}{more}")
    return new
