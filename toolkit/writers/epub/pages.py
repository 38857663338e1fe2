"""Builds the EPUB's XHTML documents: cover page, title page, article, colophon and navigation."""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.language.labels import labels_for
from toolkit.tree.nodes import Document, Heading
from toolkit.tree.walk import plain_text
from toolkit.writers.html.render import Renderer, esc


@dataclass(frozen=True)
class NavEntry:
    href: str
    title: str
    children: tuple[NavEntry, ...] = ()


RTL_LANGUAGES = {"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "syr", "ug", "ur", "yi"}


def direction(lang: str) -> str:
    """``rtl`` for languages written right to left (by the primary subtag), else ``ltr``."""
    return "rtl" if lang.split("-")[0].lower() in RTL_LANGUAGES else "ltr"


def xhtml(title: str, lang: str, body: str, *, body_type: str = "", body_class: str = "") -> str:
    """One XHTML content document: the book's style sheet, language and direction on the root, ``epub:type`` on body."""
    attrs = (f' epub:type="{body_type}"' if body_type else "") + (f' class="{body_class}"' if body_class else "")
    rtl = ' dir="rtl"' if direction(lang) == "rtl" else ""
    return ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
            f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
            f'lang="{esc(lang)}" xml:lang="{esc(lang)}"{rtl}>\n<head>\n<meta charset="utf-8"/>\n'
            f'<title>{esc(title)}</title>\n<link rel="stylesheet" type="text/css" href="style.css"/>\n</head>\n'
            f"<body{attrs}>\n{body}\n</body>\n</html>\n")


def cover_page(lang: str, image_href: str, alt: str) -> str:
    cover = labels_for(lang)[0].word("cover")
    body = (f'<section class="cover" epub:type="cover" aria-label="{esc(cover)}">'
            f'<img src="{esc(image_href)}" alt="{esc(alt)}" role="doc-cover"/></section>')
    return xhtml(cover, lang, body, body_type="cover", body_class="cover-page")


def title_page(doc: Document, lang: str) -> str:
    m, labels = doc.meta, labels_for(lang)[0]
    title = m.title or labels.word("untitled")
    parts = ['<section class="titlepage" epub:type="titlepage" aria-labelledby="book-title">']
    if m.kicker:
        parts.append(f'<p class="kicker">{esc(m.kicker)}</p>')
    parts.append(f'<h1 class="title" id="book-title">{esc(title)}</h1>')
    if m.subtitle:
        parts.append(f'<p class="dek" epub:type="subtitle" role="doc-subtitle">{esc(m.subtitle)}</p>')
    parts.append('<div class="imprint">')
    if m.authors:
        parts.append(f'<p class="byline">{esc(labels.byline(m.authors))}</p>')
    if m.date:
        parts.append(f'<p class="date"><time datetime="{esc(m.date)}">{esc(labels.date(m.date))}</time></p>')
    if m.publisher or m.site_name:
        parts.append(f'<p class="publisher">{esc(m.publisher or m.site_name or "")}</p>')
    parts.append("</div></section>")
    return xhtml(title, lang, "\n".join(parts), body_type="frontmatter", body_class="titlepage-page")


def article_page(doc: Document, r: Renderer, lang: str) -> str:
    """The article: its title, the body, then the notes and the sources it cites."""
    plain_title = doc.meta.title or labels_for(lang)[0].word("untitled")
    title = esc(plain_title)
    body = r.body()
    parts = ['<section class="chapter" epub:type="chapter" role="doc-chapter" aria-labelledby="article-title">',
             f'<h1 class="article-title" id="article-title">{title}</h1>',
             f'<div class="article-body">\n{body}\n</div>', "</section>"]
    parts += [x for x in (r.notes_section(), r.sources_section()) if x]
    return xhtml(plain_title, lang, "\n".join(parts), body_type="bodymatter")


def heading_entries(doc: Document, href: str) -> tuple[NavEntry, ...]:
    """Top-level headings of the article (the shallowest level used), for the table of contents."""
    heads = [b for b in doc.blocks if isinstance(b, Heading) and b.attr.id]
    if not heads:
        return ()
    top = min(h.level for h in heads)
    return tuple(NavEntry(f"{href}#{h.attr.id}", plain_text(h.children)) for h in heads if h.level == top)


def _entries(items: tuple[NavEntry, ...]) -> str:
    out = []
    for e in items:
        sub = f"<ol>{_entries(e.children)}</ol>" if e.children else ""
        out.append(f'<li><a href="{esc(e.href)}">{esc(e.title)}</a>{sub}</li>')
    return "".join(out)


def nav_document(lang: str, toc: tuple[NavEntry, ...], landmarks: tuple[tuple[str, str, str], ...],
                 pages: tuple[tuple[str, str], ...]) -> str:
    """The EPUB 3 navigation document: table of contents, landmarks and (with a page map) the page list."""
    labels = labels_for(lang)[0]
    contents = labels.word("contents")
    parts = ['<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">'
             f'<h1 id="toc-title">{esc(contents)}</h1><ol>{_entries(toc)}</ol></nav>']
    marks = "".join(f'<li><a epub:type="{t}" href="{esc(h)}">{esc(label)}</a></li>' for t, h, label in landmarks)
    parts.append(f'<nav epub:type="landmarks" id="landmarks" aria-labelledby="landmarks-title" hidden="hidden">'
                 f'<h2 id="landmarks-title">{esc(labels.word("landmarks"))}</h2><ol>{marks}</ol></nav>')
    if pages:
        items = "".join(f'<li><a href="{esc(h)}">{esc(label)}</a></li>' for label, h in pages)
        parts.append(f'<nav epub:type="page-list" role="doc-pagelist" id="page-list" '
                     f'aria-labelledby="page-list-title" hidden="hidden">'
                     f'<h2 id="page-list-title">{esc(labels.word("pages"))}</h2><ol>{items}</ol></nav>')
    return xhtml(contents, lang, "\n".join(parts), body_class="nav-page")

