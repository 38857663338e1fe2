"""Builds the EPUB's XHTML documents: cover page, title page, article, colophon and navigation."""

from __future__ import annotations

from collections.abc import Callable
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


def heading_entries(doc: Document, href_of: Callable[[str], str]) -> tuple[NavEntry, ...]:
    """Every heading of the article, nested by level, for the table of contents (``href_of``: id -> href).

    A deeper heading belongs to the nearest shallower one before it, so a skipped level (h2 then h4)
    still nests under its section.
    """
    heads = [b for b in doc.blocks if isinstance(b, Heading) and b.attr.id and plain_text(b.children).strip()]
    return _nest(heads, href_of)


def _nest(heads: list[Heading], href_of: Callable[[str], str]) -> tuple[NavEntry, ...]:
    out, i = [], 0
    while i < len(heads):
        head, j = heads[i], i + 1
        while j < len(heads) and heads[j].level > head.level:
            j += 1
        out.append(NavEntry(href_of(head.attr.id), plain_text(head.children).strip(), _nest(heads[i + 1:j], href_of)))
        i = j
    return tuple(out)


def nav_depth(entries: tuple[NavEntry, ...]) -> int:
    """How many levels the table of contents has (the NCX's ``dtb:depth``)."""
    return 1 + max(nav_depth(e.children) for e in entries) if entries else 0


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



# ---------------------------------------------------------------- one content document per chapter
# A long article is split at its top-level sections, as e-book producers do (reading systems open
# small documents faster and start each one on a new page). "Long": at least SPLIT_SECTIONS
# top-level sections and SPLIT_CHARACTERS characters of body text (about 6 500 words, twenty
# printed pages); a shorter article reads better as one document.
SPLIT_SECTIONS = 3
SPLIT_CHARACTERS = 40_000
XHTML_NS = "http://www.w3.org/1999/xhtml"
OPS_NS = "http://www.idpf.org/2007/ops"
_X = f"{{{XHTML_NS}}}"


@dataclass(frozen=True)
class ArticleDocuments:
    """The article's content documents in reading order, and which of them holds each id."""

    documents: dict[str, bytes]
    where: dict[str, str]

    def href(self, anchor: str) -> str:
        return f"{self.where.get(anchor, 'article.xhtml')}#{anchor}"


def _is_marker(el) -> bool:
    return el.tag == f"{_X}span" and "pagebreak" in (el.get(f"{{{OPS_NS}}}type") or "").split()


def _serialize(root) -> bytes:
    from lxml import etree

    out = etree.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n' + out + b"\n"


def _chapters(div) -> list[list]:
    """The body's children cut before each top-level heading (a page break marker just before one goes with it)."""
    cuts: list[list] = [[]]
    for child in list(div):
        if child.tag == f"{_X}h2":
            moved = []
            while cuts[-1] and _is_marker(cuts[-1][-1]) and not (cuts[-1][-1].tail or "").strip():
                moved.insert(0, cuts[-1].pop())
            cuts.append(moved)
        cuts[-1].append(child)
    return cuts


def _new_document(title: str, lang: str, body_type: str, section: str):
    from lxml import etree

    return etree.fromstring(xhtml(title, lang, section, body_type=body_type).encode())


def _chapter_document(elements: list, lang: str):
    """A chapter: its heading (at the level the tree gives it) and its text, in the article's body class."""
    head = next(e for e in elements if e.tag == f"{_X}h2")
    title = " ".join("".join(head.itertext()).split())
    hid = head.get("id")
    labelled = f' aria-labelledby="{esc(hid)}"' if hid else f' aria-label="{esc(title)}"'
    root = _new_document(title, lang, "bodymatter", f'<section class="chapter" epub:type="chapter" '
                                                    f'role="doc-chapter"{labelled}><div class="article-body">'
                                                    f"</div></section>")
    div = root.find(f"{_X}body/{_X}section/{_X}div")
    div.text = "\n"
    for el in elements:
        div.append(el)
    return root


def split_article(article: bytes, lang: str) -> ArticleDocuments:
    """The article page as it is, or for a long article: the opening (title and any text before the first
    chapter), one document per top-level section, then the notes and sources; links between them rewritten."""
    from lxml import etree

    root = etree.fromstring(article)
    body = root.find(f"{_X}body")
    div = body.find(f"{_X}section/{_X}div[@class='article-body']")
    cuts = _chapters(div) if div is not None else [[]]
    long_text = div is not None and len("".join(div.itertext())) >= SPLIT_CHARACTERS
    if len(cuts) - 1 < SPLIT_SECTIONS or not long_text:
        return ArticleDocuments({"article.xhtml": article}, _ids({"article.xhtml": root}))
    opening, chapters = cuts[0], cuts[1:]
    trees = {"article.xhtml": root}
    first = 1
    if all(_is_marker(e) for e in opening):  # no text before the first chapter: it follows the title
        first = 2
    for number, elements in enumerate(chapters[first - 1:], first):
        trees[f"chapter-{number:03d}.xhtml"] = _chapter_document(elements, lang)
    back = [s for s in body if s.tag == f"{_X}section" and s.get("id") in ("notes", "sources")]
    if back:
        labels = labels_for(lang)[0]
        title = labels.word("notes") if back[0].get("id") == "notes" else "".join(back[0].find(f"{_X}h2").itertext())
        notes = _new_document(title, lang, "backmatter", "")
        notes_body = notes.find(f"{_X}body")
        notes_body.text = "\n"
        for section in back:
            notes_body.append(section)
        trees["notes.xhtml"] = notes
    where = _ids(trees)
    for name, tree in trees.items():
        for el in tree.iter(f"{_X}a"):
            href = el.get("href") or ""
            if href.startswith("#") and where.get(href[1:], name) != name:
                el.set("href", f"{where[href[1:]]}{href}")
    return ArticleDocuments({name: _serialize(tree) for name, tree in trees.items()}, where)


def _ids(trees: dict) -> dict[str, str]:
    from lxml import etree

    return {el.get("id"): name for name, tree in trees.items() for el in tree.iter(etree.Element) if el.get("id")}
