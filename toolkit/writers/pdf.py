"""Writes the print edition: the shared HTML rendering plus print CSS, laid out by WeasyPrint."""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime

from toolkit.errors import RenderError
from toolkit.options import Context, Options
from toolkit.resources import Resources
from toolkit.styles import edition_css, styles_dir
from toolkit.tree.nodes import Document
from toolkit.writers.html_render import Renderer, byline, esc

PAPER_SIZES = {"a4": ("A4", "22mm 20mm 24mm 20mm"), "letter": ("letter", "0.85in 0.8in 0.95in 0.8in"),
               "a5": ("A5", "16mm 14mm 18mm 14mm"), "trade": ("6in 9in", "0.7in 0.6in 0.8in 0.65in")}
ACCESSIBILITY_VARIANTS = ("pdf/ua-1", "pdf/ua-2")


def make_fetcher(resources: Resources):
    """A URLFetcher that serves only allowed local files; everything else is refused."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

    class RestrictedFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            got = resources.read(url)
            if got is None:
                raise URLFetchingError(f"not allowed: {url[:80]}")
            data, mime = got
            return URLFetcherResponse(url, data, {"Content-Type": mime})

    return RestrictedFetcher()


def page_css(options: Options) -> str:
    size, margin = PAPER_SIZES.get(options.paper, PAPER_SIZES["a4"])
    css = f"@page {{ size: {size}; margin: {margin}; }}\n"
    if options.bleed:
        css += f"@page {{ bleed: {options.bleed}; }}\n"
    if options.marks:
        css += "@page { marks: crop cross; }\n"
    if options.columns == 2 and options.paper in ("a4", "letter"):
        css += ".article-body { column-count: 2; column-gap: 7mm; }\n"
    return css


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record):
        self.records.append(record.getMessage())


def render_pdf(doc: Document, options: Options, ctx: Context) -> bytes:
    import weasyprint

    res = Resources(ctx.base_dir, (styles_dir(),), allow_network=False)
    r = Renderer(doc, "print", image_url=lambda src: src if res.local_path(src) else None, warn=ctx.warn,
                 annotate=options.annotations)
    m = doc.meta
    head = [f"<title>{esc(m.title or 'Untitled')}</title>"]
    if m.authors:
        head.append(f'<meta name="author" content="{esc(byline(doc))}">')
    if m.subtitle:
        head.append(f'<meta name="description" content="{esc(m.subtitle)}">')
    if m.tags:
        head.append(f'<meta name="keywords" content="{esc(", ".join(m.tags))}">')
    epoch = options.source_date_epoch or (int(os.environ["SOURCE_DATE_EPOCH"])
                                          if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit() else None)
    if epoch is not None:
        stamp = datetime.fromtimestamp(epoch, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        head.append(f'<meta name="dcterms.created" content="{stamp}">')
        head.append(f'<meta name="dcterms.modified" content="{stamp}">')
    html = (f'<!DOCTYPE html><html lang="{esc(m.language or "en")}"><head><meta charset="utf-8">'
            f'{"".join(head)}</head><body>{r.article()}</body></html>')
    css = edition_css("print", options.style, options.css) + page_css(options)
    capture = _Capture()
    wlog = logging.getLogger("weasyprint")
    wlog.addHandler(capture)
    try:
        document = weasyprint.HTML(string=html, base_url=str(ctx.base_dir) + os.sep,
                                   url_fetcher=make_fetcher(res))
        kwargs = {"stylesheets": [weasyprint.CSS(string=css, url_fetcher=make_fetcher(res))],
                  "pdf_tags": True, "uncompressed_pdf": False}
        if options.pdf_variant:
            kwargs["pdf_variant"] = options.pdf_variant
        if epoch is not None:
            kwargs["pdf_identifier"] = f"{epoch}".encode()
        data = document.write_pdf(**kwargs)
    except Exception as exc:  # WeasyPrint raises many kinds; report one line
        raise RenderError(f"PDF layout failed: {exc.__class__.__name__}: {exc}") from exc
    finally:
        wlog.removeHandler(capture)
    if options.pdf_variant in ACCESSIBILITY_VARIANTS:
        errors = [msg for msg in capture.records if "alt" in msg.lower() or "lang" in msg.lower()]
        if errors:
            raise RenderError(f"{options.pdf_variant}: {errors[0]}")
    return data
