"""Writes the print edition: the shared HTML rendering plus print CSS, laid out by WeasyPrint."""

from __future__ import annotations

import logging
import mimetypes
import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import SimpleNamespace

from toolkit.errors import RenderError, UsageError
from toolkit.guard.files import Resources
from toolkit.guard.images import IMAGE_TYPES
from toolkit.options import Context, Options
from toolkit.tree.nodes import Document
from toolkit.writers.html.render import byline, esc, labels_of, warn_once
from toolkit.writers.html.themes import styles_dir
from toolkit.writers.pdf.page import columns, head_room
from toolkit.writers.pdf.pullquotes import PullQuote, choose
from toolkit.writers.pdf.render import PrintRenderer
from toolkit.writers.pdf.sheets import _stylesheet, print_css

# WeasyPrint (Pango, fontconfig, HarfBuzz) is not safe to call from several threads at once: concurrent layouts
# corrupt memory (GLib-CRITICAL, "corrupted double-linked list"). One edition at a time per process; a service
# that wants more PDFs at once uses processes (the batch's workers do).
LAYOUT_LOCK = threading.RLock()

FONT_TYPES = {".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2"}
MAX_FILE_BYTES = 30 * 1024 * 1024  # fonts and colour profiles
PROFILE_TYPES = (".icc", ".icm")
# what WeasyPrint logs for accessibility errors (no alt text, no language); with a variant they fail the build
ACCESSIBILITY_MARKERS = ("alt description", '"lang"', "lang attribute", "alternate text")


def make_fetcher(resources: Resources):
    """A WeasyPrint ``URLFetcher`` that serves only allowed local files; everything else is refused.

    Images and ICC colour profiles come from the input's folder or the toolkit's styles (images
    validated by ``Resources``); fonts and style sheets only from the toolkit's ``toolkit/styles/`` folder;
    ``data:`` URLs are inline.
    Network URLs (unless ``--allow-network``: then images only, through ``toolkit.guard.fetch``), other
    schemes and files elsewhere on disk raise ``URLFetchingError``.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

    own = styles_dir().resolve()

    class RestrictedFetcher(URLFetcher):
        def __init__(self):
            super().__init__(timeout=1, allowed_protocols=("file", "data"), allow_redirects=False)

        def fetch(self, url, headers=None):
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            if scheme == "data":
                return super().fetch(url, headers)
            if resources.remote(url):  # --allow-network: images only, through the restricted fetcher
                got = resources.read(url)
                if got is None:
                    raise URLFetchingError(f"remote image not fetched: {url[:80]}")
                return URLFetcherResponse(url, got[0], {"Content-Type": got[1]})
            if scheme != "file":
                raise URLFetchingError(f"not allowed (only local files): {url[:80]}")
            path = resources.local_path(url)
            if path is None:
                raise URLFetchingError(f"not allowed (outside the input's folder): {url[:80]}")
            suffix = path.suffix.lower()
            if suffix in PROFILE_TYPES:  # a colour profile for @color-profile (PDF/X output intents)
                if path.stat().st_size > MAX_FILE_BYTES:
                    raise URLFetchingError(f"not allowed (too large): {url[:80]}")
                return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": "application/vnd.iccprofile"})
            if suffix in FONT_TYPES or suffix == ".css":
                if not path.is_relative_to(own) or path.stat().st_size > MAX_FILE_BYTES:
                    raise URLFetchingError(f"not allowed (fonts and styles come from the toolkit): {url[:80]}")
                mime = FONT_TYPES.get(suffix, "text/css")
                return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})
            if (mimetypes.guess_type(path.name)[0] or "") not in IMAGE_TYPES:
                raise URLFetchingError(f"not allowed (not an image): {url[:80]}")
            got = resources.read(str(path))
            if got is None:
                raise URLFetchingError(f"not a readable image: {url[:80]}")
            data, mime = got
            return URLFetcherResponse(path.as_uri(), data, {"Content-Type": mime})

    return RestrictedFetcher()


class _Capture(logging.Filter):
    """Collects what WeasyPrint logs while one edition is laid out and written.

    A filter on the ``weasyprint`` logger that keeps each warning and lets no record through: the logger's
    level, handlers and propagation (the host application's) are never changed, and it is removed after.
    """

    def __init__(self):
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def filter(self, record) -> bool:
        if record.levelno >= logging.WARNING:
            self.records.append(record)
        return False

    def messages(self, level: int = logging.WARNING) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= level]

    def accessibility_errors(self) -> list[str]:
        return [msg for msg in self.messages(logging.ERROR)
                if any(marker in msg for marker in ACCESSIBILITY_MARKERS)]


@contextmanager
def captured_log() -> Iterator[_Capture]:
    """Capture WeasyPrint's warnings and errors (kept from the console; we report them)."""
    capture = _Capture()
    wlog = logging.getLogger("weasyprint")
    wlog.addFilter(capture)
    try:
        yield capture
    finally:
        wlog.removeFilter(capture)


def check_variant(variant: str | None) -> str | None:
    if not variant:
        return None
    from weasyprint.pdf import VARIANTS

    name = variant.strip().lower()
    if name not in VARIANTS or name == "debug":
        known = ", ".join(sorted(v for v in VARIANTS if v != "debug"))
        raise UsageError(f"unknown PDF variant {variant!r} (known: {known})")
    return name


def print_html(doc: Document, options: Options, resources: Resources, pullquotes: list[PullQuote],
               warn=lambda msg: None) -> str:
    """The print edition's HTML: head metadata plus the print rendering of the tree."""
    title_chars, section_chars = head_room(options)
    renderer = PrintRenderer(doc, "print", image_url=lambda src: src if resources.available(src) else None,
                             warn=warn, annotate=options.annotations, notes_mode=options.notes,
                             missing_images=options.missing_images,
                             pullquotes=pullquotes, title_chars=title_chars, section_chars=section_chars)
    m = doc.meta
    lang = esc(m.language or "en")
    head = [f"<title>{esc(m.title or renderer.labels.word('untitled'))}</title>"]
    if m.authors:
        head.append(f'<meta name="author" content="{esc(byline(doc))}">')
    if m.subtitle:
        head.append(f'<meta name="description" content="{esc(m.subtitle)}">')
    if m.tags:
        head.append(f'<meta name="keywords" content="{esc(", ".join(m.tags))}">')
    theme = esc(options.style if options.style.replace("-", "").isalnum() else "custom")
    return (f'<!DOCTYPE html><html lang="{lang}" class="theme-{theme} paper-{esc(options.paper)}">'
            f'<head><meta charset="utf-8">{"".join(head)}</head><body>{renderer.article()}</body></html>')


@dataclass
class LayoutLog:
    """What the last print edition cost: its layouts, why each extra one was made, and each stage's time.

    ``reasons`` holds one entry per extra layout: the faults the layout before it had ("pullquote",
    "footnote", "hyphen"). ``seconds`` maps a stage ("html", "layout", "checks", "metadata", "write")
    to its wall time. Read by ``bench/pdf_layouts.py``; the writer keeps only the last edition's.
    """

    layouts: int = 0
    pages: int = 0
    reasons: list[list[str]] = field(default_factory=list)
    kept_faults: dict[str, int] = field(default_factory=dict)  # only when AUDIT_KEPT_LAYOUT is set
    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, stage: str, since: float) -> float:
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - since
        return now


AUDIT_KEPT_LAYOUT = False  # bench/pdf_layouts.py: count the faults left in the kept layout (costs a check)
last_log = LayoutLog()  # replaced by each edition (under LAYOUT_LOCK)


MAX_RELAYOUTS = 3  # extra layouts to move pull quotes, keep footnotes on their calls' pages, mend hyphenation
SHORT_PAGES = 12  # beyond this many pages, one extra layout at most: the cost must not grow faster than the length


def _relayouts_allowed(pages: int) -> int:
    """How many extra layouts a document of ``pages`` pages may have.

    A short article gets up to ``MAX_RELAYOUTS`` (a fix may strand the next quote); a long one gets
    one, which fixes every page found wrong in the first layout at once, so a long article costs
    at most twice its layout, whatever its length.
    """
    return MAX_RELAYOUTS if pages <= SHORT_PAGES else 1


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while WeasyPrint lays out: its millions of boxes make every
    full collection walk the whole document (the later layouts of a long article ran 1.2-1.7x
    slower for it); what it leaves is collected once at the end."""
    import gc

    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _layout(doc: Document, options: Options, ctx: Context, log: LayoutLog):
    import weasyprint

    from toolkit.writers.pdf.metadata import apply_metadata
    from toolkit.writers.pdf.placement import (
        displacing_paragraphs,
        hyphen_faults,
        keep_css,
        layout_faults,
        notes_kept_home,
        shifted,
        stranded,
        unhyphenated_css,
    )

    resources = Resources(ctx.base_dir, (styles_dir(),), allow_network=options.allow_network)
    fetcher = make_fetcher(resources)
    base = str(ctx.base_dir.resolve()) + os.sep
    quotes = choose(doc) if options.annotations else []
    labels_of(doc, warn_once(ctx))  # a language without its own words: one warning for the build
    warn = ctx.warn
    stylesheet = print_css(options)  # usage errors (a bad --bleed, an unknown --style) surface as such
    variant = check_variant(options.pdf_variant)
    try:
        fonts, profiles, css = _stylesheet(stylesheet, base, fetcher)
        keep: list[str] = []  # paragraphs that must break earlier so that footnotes stay with their calls
        plain: list[str] = []  # paragraphs set again without hyphenation (ladders, a word across pages)
        attempt, allowed = 0, MAX_RELAYOUTS
        while True:
            clock = time.perf_counter()
            html = print_html(doc, options, resources, quotes, warn)
            warn = lambda msg: None  # noqa: E731 - the first rendering has reported everything
            extra = keep_css(keep, columns(options) == 2) + unhyphenated_css(plain)
            sheets = [css, weasyprint.CSS(string=extra)] if extra else [css]
            clock = log.add("html", clock)
            with _collector_paused(), notes_kept_home():
                document = weasyprint.HTML(string=html, base_url=base, url_fetcher=fetcher).render(
                    stylesheets=sheets, font_config=fonts, color_profiles=profiles, pdf_variant=variant)
            clock = log.add("layout", clock)
            log.layouts, log.pages = log.layouts + 1, len(document.pages)
            if attempt == 0:
                allowed = _relayouts_allowed(len(document.pages))
            if attempt >= allowed:
                break
            moved = shifted(doc, quotes, stranded(document)) if quotes else quotes
            more = [pid for pid in displacing_paragraphs(document) if pid not in keep]
            hyphens = [pid for pid in hyphen_faults(document) if pid not in plain]
            log.add("checks", clock)
            if moved == quotes and not more and not hyphens:
                break
            log.reasons.append([name for name, found in (("pullquote", moved != quotes), ("footnote", more),
                                                         ("hyphen", hyphens)) if found])
            quotes, keep, plain, attempt = moved, keep + more, plain + hyphens, attempt + 1
            document = None  # drop this layout before the next one is made
    except Exception as exc:  # WeasyPrint raises many kinds; report one line
        raise RenderError(f"PDF layout failed: {exc.__class__.__name__}: {exc}") from exc
    if AUDIT_KEPT_LAYOUT:
        log.kept_faults = layout_faults(document)
    clock = time.perf_counter()
    apply_metadata(document, doc, options)
    log.add("metadata", clock)
    return document


def _report(capture: _Capture, ctx: Context) -> None:
    """Pass on what a reader of the warnings can act on: refused files, accessibility gaps."""
    a11y = set(capture.accessibility_errors())
    for msg in dict.fromkeys(capture.messages()):
        shown = _DATA_URI.sub(lambda m: m.group(1) + "…", msg)  # an embedded image's bytes are no message
        if msg in a11y:
            ctx.warn(f"PDF accessibility: {shown}")
        elif msg.startswith(("Failed to load", "Unsupported stylesheet")):
            ctx.warn(f"PDF: {shown}")


_DATA_URI = re.compile(r"(data:[\w/+.-]+;base64,)[A-Za-z0-9+/=]{16,}")


def layout_pdf(doc: Document, options: Options, ctx: Context):
    """Lay out the print edition; returns the paginated ``weasyprint.Document`` that render_pdf writes.

    Its ``pages[i]`` hold the boxes of page ``i + 1`` (the EPUB page map looks up paragraph ids there).
    """
    global last_log
    with LAYOUT_LOCK, captured_log() as capture:
        last_log = LayoutLog()
        document = _layout(doc, options, ctx, last_log)
    _report(capture, ctx)
    return document


def render_pdf(doc: Document, options: Options, ctx: Context) -> bytes:
    """The print edition as PDF bytes: tagged by default, in the PDF variant asked for.

    ``options.pdf_engine == "typst"`` sets the same design with Typst instead (``toolkit.writers.typst``)."""
    if options.pdf_engine == "typst":
        from toolkit.writers.typst.writer import render_typst_pdf

        return render_typst_pdf(doc, options, ctx)
    with LAYOUT_LOCK:  # the whole edition: its layout, and the writing that walks the laid-out boxes
        return _render_pdf(doc, options, ctx)


@contextmanager
def _deflate_level(level: int) -> Iterator[None]:
    """pydyf deflates streams at level 9; at 6 the seed is written 20 ms (12 %) sooner, 0.8 % larger.
    Swapped in while one edition is written (under LAYOUT_LOCK); another pydyf is left as it is."""
    import zlib

    import pydyf

    swap = getattr(pydyf, "zlib", None) is zlib
    if swap:
        pydyf.zlib = SimpleNamespace(compress=lambda data, *_: zlib.compress(data, level),
                                     compressobj=lambda *_, **__: zlib.compressobj(level))
    try:
        yield
    finally:
        if swap:
            pydyf.zlib = zlib


def _render_pdf(doc: Document, options: Options, ctx: Context) -> bytes:
    from toolkit.writers.pdf.artifacts import hidden_as_artifacts

    variant = check_variant(options.pdf_variant)
    document = layout_pdf(doc, options, ctx)
    kwargs = {"pdf_tags": True, "uncompressed_pdf": False}
    if variant:
        kwargs["pdf_variant"] = variant
    if variant and variant.startswith("pdf/x") and document.output_intent not in document.color_profiles:
        raise RenderError(f"{variant} needs a CMYK output profile: add '@color-profile device-cmyk "
                          "{ src: url(PROFILE.icc) }' to a --css file, with the profile beside the input")
    with captured_log() as capture:  # the tagging step logs missing alt text and language
        try:
            clock = time.perf_counter()
            with hidden_as_artifacts(document) as artifacts, _deflate_level(6):
                data = document.write_pdf(**kwargs)
            last_log.add("write", clock)
            if not artifacts:
                ctx.warn("PDF: this WeasyPrint cannot draw pull quotes and running heads as artifacts; "
                         "screen readers may read them")
        except Exception as exc:  # WeasyPrint raises many kinds; report one line
            raise RenderError(f"PDF writing failed: {exc.__class__.__name__}: {exc}") from exc
    errors = capture.accessibility_errors()
    if variant and errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise RenderError(f"{variant}: accessibility error: {errors[0]}{more}")
    _report(capture, ctx)
    return data
