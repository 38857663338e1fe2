"""Writes the e-reader edition: an EPUB 3.3 package assembled with ebooklib from the shared HTML rendering.

The book: a generated cover, a title page, the article (with its notes as EPUB footnotes and its
sources), a colophon, a navigation document (contents, landmarks, optional page list) and an NCX.
ebooklib's known defects are mended here: ``xml:lang`` on ``<package>``, no bogus page list
(``epub3_pages`` off, our own navigation document) and a deterministic zip.
"""

from __future__ import annotations

import io
import re
import zipfile

from toolkit.guard.files import Resources
from toolkit.options import Context, Options
from toolkit.tree.nodes import Document, Figure
from toolkit.tree.walk import iter_nodes, plain_text
from toolkit.writers.epub import pages
from toolkit.writers.epub.a11y import BookFacts
from toolkit.writers.epub.colophon import colophon_document
from toolkit.writers.epub.images import Images, cover_image
from toolkit.writers.epub.metadata import build_time, describe_package, identifier
from toolkit.writers.epub.render import EpubRenderer
from toolkit.writers.html.render import labels_of, says_caption, sources_title, warn_once
from toolkit.writers.html.themes import edition_css

ZIP_TIME = (2000, 1, 1, 0, 0, 0)
XHTML = "application/xhtml+xml"
APPLE_OPTIONS = "META-INF/com.apple.ibooks.display-options.xml"
APPLE_FONTS = (b'<?xml version="1.0" encoding="utf-8"?>\n<display_options>\n<platform name="*">\n'
               b'<option name="specified-fonts">true</option>\n</platform>\n</display_options>\n')


def normalize_zip(data: bytes, lang: str, ncx_depth: int = 0, extra: dict[str, bytes] | None = None) -> bytes:
    """Re-pack: mimetype first and stored, fixed timestamps, sorted entries, xml:lang on package.

    ebooklib's NCX always says ``dtb:depth`` 0: with ``ncx_depth`` it gets the table's real depth.
    ``extra`` entries (``META-INF/...``) are added to the package.
    """
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    files = {n: src.read(n) for n in src.namelist() if n != "mimetype"}
    files.update(extra or {})
    names = sorted(files, key=lambda n: (not n.startswith("META-INF"), n))
    with zipfile.ZipFile(out, "w") as dst:
        info = zipfile.ZipInfo("mimetype", ZIP_TIME)
        info.compress_type = zipfile.ZIP_STORED
        dst.writestr(info, b"application/epub+zip")
        for name in names:
            content = files[name]
            if name.endswith(".opf"):
                content = re.sub(rb"<package\b(?![^>]*xml:lang)", b'<package xml:lang="' + lang.encode() + b'"',
                                 content, count=1)
            if name.endswith(".ncx") and ncx_depth:
                content = re.sub(rb'<meta content="0" name="dtb:depth"/>',
                                 b'<meta content="%d" name="dtb:depth"/>' % ncx_depth, content, count=1)
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, content)
    return out.getvalue()


def book_facts(doc: Document, images: Images, page_map: bool, page_source: str) -> BookFacts:
    shown = [f for f in iter_nodes(doc) if isinstance(f, Figure) and f.src and f.src in images.by_src]
    return BookFacts(images=1 + len(shown), images_with_alt=1 + sum(1 for f in shown if f.alt.strip() and not says_caption(f)),
                     images_described=1 + sum(1 for f in shown if f.alt.strip() or plain_text(f.caption).strip()),
                     animated=images.animated, language_known=bool(doc.meta.language),
                     headings=True, page_map=page_map, page_source=page_source)


def page_source_name(options: Options) -> str:
    return f"print edition (PDF, {options.paper.upper() if len(options.paper) == 2 else options.paper} paper, " \
           f"{options.style} style)"


def toc_entries(doc: Document, r: EpubRenderer, parts: pages.ArticleDocuments) -> tuple[pages.NavEntry, ...]:
    labels = labels_of(doc)
    title = doc.meta.title or labels.word("untitled")
    toc = [pages.NavEntry("titlepage.xhtml", labels.word("title-page")),
           pages.NavEntry("article.xhtml", title, pages.heading_entries(doc, parts.href))]
    if r.notes:
        toc.append(pages.NavEntry(parts.href("notes"), labels.word("notes")))
    if doc.sources:
        toc.append(pages.NavEntry(parts.href("sources"), sources_title(doc)))
    toc.append(pages.NavEntry("colophon.xhtml", labels.word("colophon")))
    return tuple(toc)


def ncx_toc(entries: tuple[pages.NavEntry, ...], prefix: str = "nav") -> list:
    """ebooklib's table of contents: a (link, children) pair for an entry with sub-entries, at every level."""
    from ebooklib import epub

    out = []
    for i, e in enumerate(entries, 1):
        link = epub.Link(e.href, e.title, f"{prefix}{i}")
        out.append((link, ncx_toc(e.children, f"{prefix}{i}-")) if e.children else link)
    return out


def text_of(documents: list[bytes]) -> str:
    from lxml import etree

    return "".join("".join(etree.fromstring(d).itertext()) for d in documents)


def add_page_map(docs: dict[str, bytes], article: bytes, doc: Document, options: Options,
                 ctx: Context) -> tuple[bytes, list[int]]:
    """Mark where the PDF edition's pages begin (page 1 opens the title page); the pages marked in the article."""
    from toolkit.writers.epub.pagemap import insert_first_page, insert_markers, page_starts, print_layout

    starts = page_starts(print_layout(doc, options, ctx))
    docs["titlepage.xhtml"] = insert_first_page(docs["titlepage.xhtml"])
    return insert_markers(article, starts[1:])


def page_list(placed: list[int], parts: pages.ArticleDocuments) -> tuple[tuple[str, str], ...]:
    from toolkit.writers.epub.pagemap import marker_id

    return (("1", f"titlepage.xhtml#{marker_id(1)}"), *((str(n), parts.href(marker_id(n))) for n in placed))


def stylesheet(docs: dict[str, bytes], options: Options, ctx: Context) -> tuple[str, list]:
    """The edition's CSS and, with ``--embed-fonts``, the text face subset to the book's characters."""
    css = edition_css("epub", options.style, options.css)
    if not options.embed_fonts:
        return css, []
    from toolkit.writers.epub.fonts import embedded_fonts, font_face_css, uncovered

    text = text_of(list(docs.values()))
    fonts = embedded_fonts(text)
    missing = uncovered(text)
    if missing:
        ctx.warn(f"--embed-fonts: Charis SIL has no glyph for {len(missing)} character(s) of this text "
                 f"(e.g. {missing[:8]!r}); reading systems will show them in their own fonts")
    return font_face_css(fonts) + css, fonts


def render_epub(doc: Document, options: Options, ctx: Context) -> bytes:
    """The e-reader edition as EPUB bytes (the same input and options give the same bytes)."""
    from ebooklib import epub

    m = doc.meta
    lang = m.language or "en"
    labels = labels_of(doc, warn_once(ctx))  # a language without its own words: one warning for the build
    book_id = identifier(doc, ctx)
    built = build_time(ctx, options)
    res = Resources(ctx.base_dir, allow_network=options.allow_network)
    images = Images(res)
    r = EpubRenderer(doc, "epub", image_url=images.url, warn=ctx.warn, annotate=options.annotations,
                     missing_images=options.missing_images)

    cover_name, cover_mime, cover_data, cover_alt = cover_image(doc, res)
    page_source = page_source_name(options) if options.page_map else ""
    docs = {"cover.xhtml": pages.cover_page(lang, cover_name, cover_alt).encode(),
            "titlepage.xhtml": pages.title_page(doc, lang).encode()}
    article = pages.article_page(doc, r, lang).encode()
    placed: list[int] = []
    if options.page_map:
        article, placed = add_page_map(docs, article, doc, options, ctx)
    parts = pages.split_article(article, lang)  # one document, or one per chapter for a long article
    docs.update(parts.documents)
    docs["colophon.xhtml"] = colophon_document(doc, lang, options, ctx, book_id, page_source).encode()
    toc = toc_entries(doc, r, parts)
    landmarks = [("cover", "cover.xhtml", labels.word("cover")), ("titlepage", "titlepage.xhtml", labels.word("title-page")),
                 ("toc", "nav.xhtml#toc", labels.word("contents")), ("bodymatter", "article.xhtml", labels.word("start"))]
    if doc.sources:
        landmarks.append(("bibliography", parts.href("sources"), sources_title(doc)))
    pagelist = page_list(placed, parts) if options.page_map else ()
    docs["nav.xhtml"] = pages.nav_document(lang, toc, tuple(landmarks), pagelist).encode()
    css, fonts = stylesheet(docs, options, ctx)

    book = epub.EpubBook()
    describe_package(book, doc, options, book_id, book_facts(doc, images, options.page_map, page_source))
    if pages.direction(lang) == "rtl":
        book.set_direction("rtl")  # spine page-progression-direction

    cover_item = epub.EpubItem(uid="cover-image", file_name=cover_name, media_type=cover_mime, content=cover_data)
    cover_item.properties = ["cover-image"]
    book.add_item(cover_item)
    book.add_item(epub.EpubItem(uid="style", file_name="style.css", media_type="text/css", content=css.encode()))
    for i, (name, mime, data) in enumerate(images.items, 1):
        book.add_item(epub.EpubItem(uid=f"figure{i}", file_name=name, media_type=mime, content=data))
    for f in fonts:
        book.add_item(epub.EpubItem(uid=f"font-{f.style}-{f.weight}", file_name=f.file_name,
                                    media_type="font/ttf", content=f.data))
    items = {}
    for name, content in docs.items():
        item = epub.EpubItem(uid=name.split(".")[0], file_name=name, media_type=XHTML, content=content)
        if name == "nav.xhtml":
            item.properties = ["nav"]
        elif b"<math " in content:  # EPUBCheck requires the manifest to say a document holds MathML
            item.properties = ["mathml"]
        items[name] = book.add_item(item)
    book.add_item(epub.EpubNcx())
    book.toc = ncx_toc(toc)
    book.spine = [*(items[n] for n in ("cover.xhtml", "titlepage.xhtml", *parts.documents, "colophon.xhtml")),
                  (items["nav.xhtml"], "no")]  # reachable from the landmarks, outside the reading order
    # the EPUB 2 guide: older readers and Kindle's converter find the cover and the start of the text there
    book.guide = [{"type": "cover", "href": "cover.xhtml", "title": "Cover"},
                  {"type": "title-page", "href": "titlepage.xhtml", "title": "Title page"},
                  {"type": "toc", "href": "nav.xhtml", "title": "Contents"},
                  {"type": "text", "href": "article.xhtml", "title": "Start of the article"}]

    buf = io.BytesIO()
    epub.write_epub(buf, book, {"epub3_pages": False, "epub3_landmark": False, "mtime": built,
                                "raise_exceptions": True})
    extra = {APPLE_OPTIONS: APPLE_FONTS} if fonts else {}  # Apple Books uses embedded fonts only when told
    return normalize_zip(buf.getvalue(), lang, ncx_depth=pages.nav_depth(toc), extra=extra)
