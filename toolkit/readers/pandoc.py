"""Reads DOCX, ODT, EPUB, RST, LaTeX (and Markdown) through pandoc's JSON AST into a Document."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import struct
import zipfile
import zlib
from collections import Counter

from toolkit.errors import InputError
from toolkit.options import Context
from toolkit.pandoc.from_ast import convert
from toolkit.pandoc.registries import apply_toolkit_meta
from toolkit.pandoc.run import run_pandoc
from toolkit.readers.archive_images import embed_archive_images
from toolkit.tree.nodes import Document, Heading, Meta
from toolkit.tree.walk import plain_text

ZIP_FORMATS = ("docx", "odt", "epub")
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ENTRIES = 10_000


def check_zip(data: bytes, fmt: str, path: str | None) -> None:
    """Refuse non-zips, path-traversal names and zip bombs before pandoc sees the file."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError(f"not a valid {fmt.upper()} file (it is not a zip archive); save it again as "
                         f"{fmt.upper()} from the program that made it", path) from None
    total = 0
    if len(zf.infolist()) > MAX_ENTRIES:
        raise InputError(f"{fmt.upper()} file has over {MAX_ENTRIES} entries; refused (save it again from "
                         "the program that made it)", path)
    for info in zf.infolist():
        name = info.filename
        if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/"):
            raise InputError(f"unsafe {fmt.upper()} file: entry {name!r} points outside the archive; refused "
                             "(save it again from the program that made it)", path)
        total += info.file_size
    if total > MAX_UNCOMPRESSED:
        raise InputError(f"{fmt.upper()} file unpacks to over {MAX_UNCOMPRESSED // 2**20} MB; refused (a zip "
                         "bomb, or images too large: make them smaller)", path)
    budget = MAX_UNCOMPRESSED
    for info in zf.infolist():  # the sizes above are what the archive claims; inflate to check them
        real = inflated_size(data, info, budget)
        if real < 0:
            raise InputError(f"damaged {fmt.upper()} file: entry {info.filename!r} cannot be unpacked; save it "
                             "again from the program that made it", path)
        if real != info.file_size:
            raise InputError(f"unsafe {fmt.upper()} file: entry {info.filename!r} unpacks to "
                             f"{'over ' if real > budget else ''}{real:,} bytes, not the {info.file_size:,} it "
                             "declares; refused (save it again from the program that made it)", path)
        budget -= real


def inflated_size(data: bytes, info: zipfile.ZipInfo, budget: int) -> int:
    """How many bytes a zip entry really unpacks to (counting stops just past ``budget``).

    pandoc inflates an entry's whole stream, whatever size the archive declares for it; a small
    DOCX whose declared sizes lie can otherwise expand to gigabytes inside pandoc.
    """
    start = info.header_offset
    if data[start:start + 4] != b"PK\x03\x04":
        return -1
    name_len, extra_len = struct.unpack("<HH", data[start + 26:start + 30])
    body = memoryview(data)[start + 30 + name_len + extra_len:][:info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        return len(body)
    if info.compress_type != zipfile.ZIP_DEFLATED:
        return -1
    inflater = zlib.decompressobj(-15)
    size = 0
    for offset in range(0, len(body), 1 << 16):
        chunk = bytes(body[offset:offset + (1 << 16)])
        while chunk and size <= budget:
            try:
                size += len(inflater.decompress(chunk, 1 << 20))
            except zlib.error:
                return -1
            chunk = inflater.unconsumed_tail
        if size > budget:
            return size
    try:
        return size + len(inflater.flush())
    except zlib.error:
        return -1


def _meta_list(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list):
        out = []
        for v in value:
            out.append(v.get("name", "") if isinstance(v, dict) else str(v))
        return tuple(x for x in out if x)
    return (str(value),)


def metadata_date(value, ctx: Context, fmt: str | None = None) -> str | None:
    """The document's own ``date`` by the one date rule (``toolkit.language.dates.parse_metadata_date``).

    A date the author typed (Markdown front matter, RST, LaTeX) that is not a day is an InputError
    naming the file and the key. DOCX, ODT and EPUB carry a date from the program that saved them,
    in whatever form it chose: one that is not a day is dropped with a warning, not a failed build.
    """
    from toolkit.language.dates import metadata_date_problem, parse_metadata_date

    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return parse_metadata_date(value)
    except ValueError as exc:
        problem = metadata_date_problem("date", value, exc)
        fmt = fmt or ctx.format
        if fmt in ZIP_FORMATS:
            ctx.warn(f"the {fmt.upper()} file's {problem}; the date is left out (give it in the sidecar "
                     "or with --meta date=YYYY-MM-DD)")
            return None
        where = "front matter" if fmt in (None, "markdown") else "metadata"
        raise InputError(f"{where} {problem}", str(ctx.input_path) if ctx.input_path else None) from None


# Where pandoc's JSON puts a node's attributes (id, classes, key-values), by node kind.
_ATTR_AT = {"Header": 1, "Div": 0, "Span": 0, "Table": 0, "Figure": 0, "CodeBlock": 0, "Code": 0, "Link": 0,
            "Image": 0}
_EPUB_ID = re.compile(r"^([^#/]+?\.x?html?)_(.+)$")


def pandoc_nodes(value):
    """Every pandoc node (a dict with ``t``) inside ``value``, without recursion."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, list):
            stack.extend(v)
        elif isinstance(v, dict):
            if "t" in v:
                yield v
            stack.extend(v.values())


def epub_ids(ast: dict) -> dict:
    """An EPUB's ids as the author wrote them: pandoc prefixes each with its chapter file's name
    (``ch001.xhtml_intro``) and its links likewise; the prefix goes wherever the id stays unique.
    The empty anchors pandoc puts where each chapter file began are dropped."""
    ids: list[str] = []
    for node in pandoc_nodes(ast.get("blocks", [])):
        at = _ATTR_AT.get(node["t"])
        if at is not None and isinstance(node.get("c"), list) and node["c"][at][0]:
            ids.append(node["c"][at][0])
    files = {i for i in ids if re.fullmatch(r"[^#/]+\.x?html?", i)}
    short: dict[str, str] = {}
    for i in ids:
        m = _EPUB_ID.match(i)
        if m:
            short[i] = m.group(2)
    taken = Counter(short.get(i, i) for i in ids)
    rename = {i: s for i, s in short.items() if taken[s] == 1}

    for node in pandoc_nodes(ast.get("blocks", [])):
        at = _ATTR_AT.get(node["t"])
        if at is None or not isinstance(node.get("c"), list):
            continue
        attr = node["c"][at]
        if attr[0] in rename:
            attr[0] = rename[attr[0]]
        if node["t"] == "Link" and node["c"][2][0].startswith("#"):
            target = node["c"][2][0][1:]
            m = _EPUB_ID.match(target)
            if target in rename:
                node["c"][2][0] = "#" + rename[target]
            elif m and taken[m.group(2)] == 1:  # pandoc left some ids (tables') unprefixed
                node["c"][2][0] = "#" + m.group(2)

    def file_anchor(x: dict) -> bool:
        return x.get("t") == "Span" and x["c"][0][0] in files and not x["c"][1]

    ast["blocks"] = [b for b in ast.get("blocks", []) if not (
        b.get("t") in ("Para", "Plain") and b["c"] and all(file_anchor(x) for x in b["c"]))]
    return ast


def latex_table_heads(ast: dict) -> dict:
    """pandoc's LaTeX reader gives a ``longtable``'s head twice, the repeat (``\\endhead``, the head of
    each following page) as the first body rows; they are dropped."""
    for node in pandoc_nodes(ast.get("blocks", [])):
        if node["t"] != "Table":
            continue
        head_rows, bodies = node["c"][3][1], node["c"][4]
        if not head_rows or not bodies:
            continue
        rows = bodies[0][3]
        n = len(head_rows)
        if len(rows) > n and json.dumps([r[1] for r in rows[:n]]) == json.dumps([r[1] for r in head_rows]):
            bodies[0][3] = rows[n:]
    return ast


_PARAGRAPH = re.compile(rb"<w:p[ >].*?</w:p>|<w:p/>", re.S)
_STYLE = re.compile(rb'<w:pStyle w:val="([^"]+)"')
_DOCX_META_STYLES = (b"Title", b"Subtitle", b"Author", b"Date")


def docx_abstract(ast: dict, data: bytes) -> dict:
    """A DOCX's abstract (paragraphs in the "Abstract" style, after an "Abstract Title") moved from
    the body into pandoc's ``abstract`` metadata, as pandoc's own DOCX writer lays it out."""
    try:
        xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    except (KeyError, zipfile.BadZipFile):
        return ast
    styles = []
    for p in _PARAGRAPH.finditer(xml):
        m = _STYLE.search(p.group(0))
        styles.append(m.group(1) if m else b"")
    i = 0
    while i < len(styles) and styles[i] in _DOCX_META_STYLES:
        i += 1
    heading = i < len(styles) and styles[i] == b"AbstractTitle"
    i += heading
    count = 0
    while i + count < len(styles) and styles[i + count] == b"Abstract":
        count += 1
    blocks = ast.get("blocks", [])
    taken = blocks[:heading + count]
    if not count or len(taken) < heading + count or any(b.get("t") != "Para" for b in taken):
        return ast
    ast.setdefault("meta", {})["abstract"] = {"t": "MetaBlocks", "c": taken[heading:]}
    ast["blocks"] = blocks[heading + count:]
    return ast


def document_from_pandoc(raw: bytes | dict, ctx: Context, fmt: str | None = None, data: bytes | None = None) -> Document:
    """The Document from pandoc's JSON output (or that output parsed); ``fmt`` (else ``ctx.format``) is
    what pandoc read, ``data`` the file it read (a DOCX's styles say where its abstract is)."""
    ast = json.loads(raw) if isinstance(raw, (bytes, str)) else raw
    fmt = fmt or ctx.format
    if fmt == "epub":
        ast = epub_ids(ast)
    if fmt == "latex":
        ast = latex_table_heads(ast)
    if fmt == "docx" and data is not None and "abstract" not in ast.get("meta", {}):
        ast = docx_abstract(ast, data)
    got = convert(ast)
    for message in got.warnings:
        ctx.warn(message)
    meta, blocks = got.meta, got.blocks
    title = meta.get("title")
    if not title:
        first = next((b for b in blocks if isinstance(b, Heading) and b.level == 1), None)
        if first is not None:
            title = plain_text(first.children)
            blocks = tuple(b for b in blocks if b is not first)
    date = metadata_date(meta.get("date"), ctx, fmt)
    m = Meta(
        title=str(title) if title else None,
        subtitle=str(meta["subtitle"]) if meta.get("subtitle") else None,
        kicker=str(meta["kicker"]) if meta.get("kicker") else None,
        tags=_meta_list(meta.get("tags") or meta.get("keywords")),
        authors=_meta_list(meta.get("author") or meta.get("authors")),
        date=date,
        language=str(meta.get("lang") or meta.get("language") or "") or None,
        url=str(meta["url"]) if meta.get("url") else None,
        publisher=str(meta["publisher"]) if meta.get("publisher") else None,
        rights=str(meta["rights"]) if meta.get("rights") else None,
        cover=str(meta["cover"]) if meta.get("cover") else None,
    )
    # what the toolkit's own Markdown writer stores: site name, extra fields, registries
    doc = apply_toolkit_meta(Document(meta=m, blocks=blocks, abstract=got.abstract), meta)
    return pandoc_epub_keys(doc, meta)


def _meta_texts(value) -> list[str]:
    """A metadata value's texts: a string, a list of strings, or pandoc's ``{text: ..., scheme: ...}`` maps."""
    items = value if isinstance(value, list) else [value]
    out = [str(v.get("text") or "") if isinstance(v, dict) else str(v) for v in items if v is not None]
    return [t.strip() for t in out if t.strip()]


def pandoc_epub_keys(doc: Document, meta: dict) -> Document:
    """The keys pandoc users write for their e-books, read alongside ours: ``cover-image`` (when there is
    no ``cover``), ``subject`` (with the tags), ``description`` and ``identifier`` (kept in ``Meta.extra``;
    of several identifiers, the first)."""
    m, changes = doc.meta, {}
    if not m.cover and _meta_texts(meta.get("cover-image")):
        changes["cover"] = _meta_texts(meta["cover-image"])[0]
    subjects = [s for s in dict.fromkeys(_meta_texts(meta.get("subject"))) if s not in m.tags]
    if subjects:
        changes["tags"] = (*m.tags, *subjects)
    have = dict(m.extra)
    extra = tuple((key, _meta_texts(meta.get(key))[0]) for key in ("description", "identifier")
                  if key not in have and _meta_texts(meta.get(key)))
    if extra:
        changes["extra"] = (*m.extra, *extra)
    return dataclasses.replace(doc, meta=dataclasses.replace(m, **changes)) if changes else doc


def read_with_pandoc(data: bytes, ctx: Context, fmt: str) -> Document:
    path = str(ctx.input_path) if ctx.input_path else None
    if fmt in ZIP_FORMATS:
        check_zip(data, fmt, path)
    try:
        raw = run_pandoc(["--from", fmt, "--to", "json"], data, path)
    except InputError as exc:
        msg = str(exc).removeprefix(f"{path}: " if path else "")
        if ";" in msg:
            raise
        raise InputError(f"{msg}; check that it opens in the program that made it and save it again",
                         path) from None
    doc = document_from_pandoc(raw, ctx, fmt, data)
    if fmt in ZIP_FORMATS:
        doc = embed_archive_images(doc, data, ctx)
    if not doc.blocks and not doc.abstract:
        raise InputError("no article text found; check that the file holds the article's paragraphs", path)
    return doc


def read_docx(data: bytes, ctx: Context) -> Document:
    return read_with_pandoc(data, ctx, "docx")


def read_odt(data: bytes, ctx: Context) -> Document:
    return read_with_pandoc(data, ctx, "odt")


def read_rst(data: bytes, ctx: Context) -> Document:
    return read_with_pandoc(data, ctx, "rst")


def read_latex(data: bytes, ctx: Context) -> Document:
    return read_with_pandoc(data, ctx, "latex")


def read_epub(data: bytes, ctx: Context) -> Document:
    return read_with_pandoc(data, ctx, "epub")
