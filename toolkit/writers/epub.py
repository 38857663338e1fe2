"""Writes the e-reader edition: EPUB 3 through ebooklib, from the shared HTML rendering.

ebooklib's known defects are mended here: ``xml:lang`` on ``<package>``, no bogus page list
(``epub3_pages`` off), and a deterministic zip (fixed timestamps, stable order, mimetype first).
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import uuid
import zipfile
from datetime import UTC, datetime

from toolkit.options import Context, Options
from toolkit.resources import Resources
from toolkit.styles import edition_css
from toolkit.tree.json import dumps
from toolkit.tree.nodes import Document, Figure
from toolkit.tree.walk import iter_nodes
from toolkit.writers.html_render import Renderer, byline, esc, format_date

ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def build_time(ctx: Context, options: Options) -> datetime:
    """SOURCE_DATE_EPOCH, else the input file's mtime: the same input gives the same book."""
    epoch = options.source_date_epoch
    if epoch is None and os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        epoch = int(os.environ["SOURCE_DATE_EPOCH"])
    if epoch is None and ctx.input_path and ctx.input_path.exists():
        epoch = int(ctx.input_path.stat().st_mtime)
    return datetime.fromtimestamp(epoch or 946684800, tz=UTC)


def identifier(doc: Document) -> str:
    """A stable UUID derived from the document's content."""
    digest = hashlib.sha256(dumps(doc, indent=None).encode()).digest()
    return f"urn:uuid:{uuid.UUID(bytes=digest[:16], version=5)}"


def normalize_zip(data: bytes, lang: str) -> bytes:
    """Re-pack: mimetype first and stored, fixed timestamps, sorted entries, xml:lang on package."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    names = [n for n in src.namelist() if n != "mimetype"]
    names.sort(key=lambda n: (not n.startswith("META-INF"), n))
    with zipfile.ZipFile(out, "w") as dst:
        info = zipfile.ZipInfo("mimetype", ZIP_TIME)
        info.compress_type = zipfile.ZIP_STORED
        dst.writestr(info, b"application/epub+zip")
        for name in names:
            content = src.read(name)
            if name.endswith(".opf"):
                content = re.sub(rb"<package\b(?![^>]*xml:lang)", b'<package xml:lang="' + lang.encode() + b'"',
                                 content, count=1)
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, content)
    return out.getvalue()


def xhtml_page(title: str, lang: str, body: str, css_href: str = "style.css") -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
            f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
            f'lang="{lang}" xml:lang="{lang}"><head><meta charset="utf-8"/><title>{esc(title)}</title>'
            f'<link rel="stylesheet" type="text/css" href="{css_href}"/></head><body>{body}</body></html>')


def render_epub(doc: Document, options: Options, ctx: Context) -> bytes:
    from ebooklib import epub

    m = doc.meta
    lang = m.language or "en"
    title = m.title or "Untitled"
    book = epub.EpubBook()
    book.set_identifier(identifier(doc))
    book.set_title(title)
    book.set_language(lang)
    for a in m.authors:
        book.add_author(a)
    if m.subtitle:
        book.add_metadata("DC", "description", m.subtitle)
    if m.date:
        book.add_metadata("DC", "date", m.date)
    for tag in m.tags:
        book.add_metadata("DC", "subject", tag)
    if m.publisher or m.site_name:
        book.add_metadata("DC", "publisher", m.publisher or m.site_name)
    if m.rights:
        book.add_metadata("DC", "rights", m.rights)

    css = epub.EpubItem(uid="style", file_name="style.css", media_type="text/css",
                        content=edition_css("epub", options.style, options.css).encode())
    book.add_item(css)

    res = Resources(ctx.base_dir)
    images: dict[str, str] = {}

    def image_url(src: str) -> str | None:
        if src in images:
            return images[src]
        got = res.read(src)
        if got is None:
            return None
        data, mime = got
        ext = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/svg+xml": "svg",
               "image/webp": "webp"}[mime]
        name = f"images/img{len(images) + 1}.{ext}"
        book.add_item(epub.EpubItem(uid=f"img{len(images) + 1}", file_name=name, media_type=mime, content=data))
        images[src] = name
        return name

    r = Renderer(doc, "epub", image_url=image_url, warn=ctx.warn, annotate=options.annotations)
    meta_line = " · ".join(x for x in (byline(doc), format_date(m.date)) if x)
    title_body = ('<section class="titlepage" epub:type="titlepage" aria-label="Title page">'
                  + (f'<p class="kicker">{esc(m.kicker)}</p>' if m.kicker else "")
                  + f"<h1>{esc(title)}</h1>"
                  + (f'<p class="dek">{esc(m.subtitle)}</p>' if m.subtitle else "")
                  + (f'<p class="meta-line">{esc(meta_line)}</p>' if meta_line else "")
                  + "</section>")
    titlepage = epub.EpubHtml(title="Title page", file_name="titlepage.xhtml", lang=lang)
    titlepage.content = xhtml_page(title, lang, title_body).encode()
    titlepage.add_item(css)

    article_html = r.article().replace("<article ", '<article epub:type="bodymatter chapter" ', 1)
    chapter = epub.EpubHtml(title=title, file_name="article.xhtml", lang=lang)
    chapter.content = xhtml_page(title, lang, article_html).encode()
    chapter.add_item(css)
    for item in (titlepage, chapter):
        book.add_item(item)

    book.toc = [epub.Link("titlepage.xhtml", "Title page", "titlepage"),
                epub.Link("article.xhtml", title, "article")]
    if doc.sources:
        book.toc.append(epub.Link("article.xhtml#sources", "Sources", "sources"))
    book.add_item(epub.EpubNcx())
    nav = epub.EpubNav()
    book.add_item(nav)
    book.spine = ["nav", titlepage, chapter]
    has_images = any(isinstance(n, Figure) and n.src for n in iter_nodes(doc)) and bool(images)
    for prop, value in accessibility(has_images):
        book.add_metadata(None, "meta", value, {"property": prop})

    buf = io.BytesIO()
    epub.write_epub(buf, book, {"epub3_pages": False, "mtime": build_time(ctx, options)})
    return normalize_zip(buf.getvalue(), lang)


def accessibility(has_images: bool) -> list[tuple[str, str]]:
    """Accessibility metadata derived from the content (images need alt text to be sufficient)."""
    modes = [("schema:accessMode", "textual")]
    if has_images:
        modes.append(("schema:accessMode", "visual"))
    features = ["structuralNavigation", "tableOfContents", "readingOrder"]
    if has_images:
        features.append("alternativeText")
    return [*modes, ("schema:accessModeSufficient", "textual"),
            *[("schema:accessibilityFeature", f) for f in features],
            ("schema:accessibilityHazard", "none"),
            ("schema:accessibilitySummary",
             "A single article with headings, a table of contents and text alternatives for every image.")]
