"""The EPUB's colophon: where the article came from, how and when the book was made, its identifier."""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.language.labels import labels_for
from toolkit.options import Context, Options
from toolkit.tree.nodes import Document
from toolkit.version import __version__
from toolkit.writers.epub.pages import xhtml
from toolkit.writers.html.render import esc


@dataclass(frozen=True)
class Colophon:
    version: str
    built: str
    identifier: str
    fonts: str
    page_source: str = ""


def colophon_page(doc: Document, lang: str, info: Colophon) -> str:
    m, labels = doc.meta, labels_for(lang)[0]
    title = esc(m.title or labels.word("untitled"))
    origin = f"<p><cite>{title}</cite>"
    if m.authors:
        origin += f" {esc(labels.word('by-lower'))} {esc(labels.names(m.authors))}"
    where = m.publisher or m.site_name
    if where or m.date:
        origin += " " + esc(labels.word("first-published"))
        if where:
            origin += f" {esc(labels.word('by-publisher'))} {esc(where)}"
        if m.date:
            origin += (f' {esc(labels.word("on-date"))} <time datetime="{esc(m.date)}">'
                       f'{esc(labels.date(m.date))}</time>').replace("  ", " ")
    origin += ".</p>"
    lines = [origin]
    if m.url:
        from toolkit.writers.html.render import safe_url

        url = safe_url(m.url)
        if url:
            lines.append(f'<p>{esc(labels.word("source-label"))} <a href="{esc(url)}">{esc(url)}</a></p>')
    if m.rights:  # only what the input said: the toolkit asserts no rights of its own
        lines.append(f"<p>{esc(labels.word('rights-label'))} {esc(m.rights)}</p>")
    built = f'<time datetime="{esc(info.built)}">{esc(labels.date(info.built))}</time>'
    lines.append(f"<p>{esc(labels.word('built-by', version=info.version)).replace('{date}', built)}</p>")
    if info.page_source:
        lines.append(f"<p>Its page numbers are those of the {esc(info.page_source)}.</p>")
    lines.append(f"<p>{esc(info.fonts)}</p>")
    lines.append(f'<p class="identifier">{esc(labels.word("identifier-label"))} {esc(info.identifier)}</p>')
    heading = labels.word("colophon")
    body = ('<section class="colophon" epub:type="colophon" role="doc-colophon" aria-labelledby="colophon-title">'
            f'<h1 id="colophon-title">{esc(heading)}</h1>\n' + "\n".join(lines) + "</section>")
    return xhtml(heading, lang, body, body_type="backmatter")


def colophon_document(doc: Document, lang: str, options: Options, ctx: Context, book_id: str,
                      page_source: str) -> str:
    """The colophon page of this build: version, date, fonts line, identifier, paginated print edition."""
    from toolkit.writers.epub.metadata import build_time

    labels = labels_for(lang)[0]
    fonts_line = labels.word("fonts-embedded" if options.embed_fonts else "fonts-cover")
    built = build_time(ctx, options)
    return colophon_page(doc, lang, Colophon(__version__, built.date().isoformat(), book_id, fonts_line,
                                             page_source))
