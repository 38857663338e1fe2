"""Writes the print edition with Typst (``--pdf-engine typst``): the same design from the same tree, faster.

One ``typst.Compiler`` serves the process (created on first use, guarded by a lock), so a warm worker finds
its fonts once. Each edition compiles in a fresh temporary folder that holds only its images (bytes read
through ``guard.files.Resources``) and formula drawings: Typst never sees the user's folder, and nothing
comes from the network (no packages are imported).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading

from toolkit.errors import RenderError, UsageError
from toolkit.guard.files import Resources
from toolkit.options import Context, Options
from toolkit.tree.nodes import Document
from toolkit.writers.html.render import edition_speakers, labels_of, warn_once
from toolkit.writers.html.themes import styles_dir
from toolkit.writers.pdf.metadata import source_date_epoch
from toolkit.writers.pdf.page import columns, head_room, paper
from toolkit.writers.pdf.pullquotes import choose
from toolkit.writers.pdf.render import running_head
from toolkit.writers.typst.design import header_block, preamble, theme_of
from toolkit.writers.typst.dropcap import definitions as dropcap_definitions
from toolkit.writers.typst.markup import TypstMarkup

IMAGE_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/svg+xml": "svg",
                    "image/webp": "webp"}
VARIANTS = {"pdf/ua-1": "ua-1", **{f"pdf/a-{v}": f"a-{v}" for v in
                                   ("1a", "1b", "2a", "2b", "2u", "3a", "3b", "3u", "4", "4e", "4f")}}

_LOCK = threading.RLock()  # one compilation at a time; creating the compiler takes it too
_COMPILER = None
_FAMILIES: frozenset[str] = frozenset()


def compiler():
    """The process's Typst compiler and the font families it knows: the system's faces (as fontconfig gives
    WeasyPrint: an article in a script the print faces lack falls back to an installed face that has it,
    not to empty boxes) and Typst's own."""
    global _COMPILER, _FAMILIES
    with _LOCK:
        if _COMPILER is None:
            import typst

            fonts = typst.Fonts(include_system_fonts=True, include_embedded_fonts=True)
            _FAMILIES = frozenset(f.lower() for f in fonts.families())
            _COMPILER = typst.Compiler(font_paths=fonts)
        return _COMPILER, _FAMILIES


def typst_standard(variant: str | None) -> list[str]:
    """Typst's name for a PDF variant (``pdf/ua-1`` -> ``ua-1``); one Typst cannot make is a usage error."""
    if not variant:
        return []
    name = variant.strip().lower()
    if name not in VARIANTS:
        raise UsageError(f"the Typst print engine cannot make PDF variant {variant!r} "
                         f"(it makes: {', '.join(VARIANTS)}); use --pdf-engine weasyprint")
    return [VARIANTS[name]]


class BuildFolder:
    """The fresh folder a compilation reads from: images and drawings written under names it chooses."""

    def __init__(self, root: str, resources: Resources, warn):
        self.root, self.resources, self.warn = root, resources, warn
        self.images: dict[str, str | None] = {}
        self.count = 0

    def write(self, data: bytes, ext: str) -> str:
        """``data`` as a new file of the folder (named by its content, so that the markup repeats exactly)."""
        name = f"{hashlib.sha256(data).hexdigest()[:20]}.{ext}"
        if not os.path.exists(os.path.join(self.root, name)):
            fd, tmp = tempfile.mkstemp(dir=self.root, suffix="." + ext)
            try:
                os.write(fd, data)
            finally:
                os.close(fd)
            os.replace(tmp, os.path.join(self.root, name))
        return name

    def image(self, src: str) -> str | None:
        """The folder's copy of an image the guard allows and Typst can draw, or None."""
        if src not in self.images:
            got = self.resources.read(src) if self.resources.available(src) else None
            name = None
            if got is not None:
                ext = IMAGE_EXTENSIONS.get(got[1])
                if ext is None:
                    self.warn(f"image {src!r} is {got[1]}, which the Typst print engine cannot draw")
                else:
                    name = self.write(got[0], ext)
            self.images[src] = name
        return self.images[src]


def typst_source(doc: Document, options: Options, folder: BuildFolder, warn) -> str:
    """The whole article as Typst: the design's preamble, the opening, the body, notes and sources."""
    doc = edition_speakers(doc)
    title_chars, section_chars = head_room(options)
    labels = labels_of(doc)
    _, families = compiler()
    markup = TypstMarkup(doc, notes_mode=options.notes, annotate=options.annotations,
                         missing_images=options.missing_images,
                         pullquotes=choose(doc) if options.annotations else [],
                         image_path=folder.image, store=folder.write, warn=warn, section_chars=section_chars,
                         span_first_figure=columns(options) == 2,
                         image_heights=paper(options).image_heights)
    title = running_head(doc.meta.title or labels.word("untitled"), title_chars)
    weight = theme_of(options.style)["headline"]
    opaque = (options.pdf_variant or "").strip().lower().startswith("pdf/a-1")
    return (preamble(doc, options, labels, families, title) + dropcap_definitions(weight, opaque)
            + header_block(doc, labels, columns(options))
            + "\n" + markup.article())


def unsupported(options: Options, ctx: Context) -> None:
    """Say which print options this engine leaves out (each once), instead of dropping them silently."""
    if options.css:
        ctx.warn("the Typst print engine does not read CSS: --css is left out of the PDF")
    if options.bleed or options.marks:
        ctx.warn("the Typst print engine sets no bleed or crop marks: --bleed/--marks are left out of the PDF")


def render_typst_pdf(doc: Document, options: Options, ctx: Context) -> bytes:
    """The print edition as PDF bytes laid out by Typst: tagged, in the PDF variant asked for."""
    import typst

    standards = typst_standard(options.pdf_variant)
    labels_of(doc, warn_once(ctx))
    unsupported(options, ctx)
    resources = Resources(ctx.base_dir, (styles_dir(),), allow_network=options.allow_network)
    epoch = source_date_epoch(options)
    with tempfile.TemporaryDirectory(prefix="toolkit-typst-") as root:
        folder = BuildFolder(root, resources, ctx.warn)
        source = typst_source(doc, options, folder, ctx.warn)
        with _LOCK:
            engine, _ = compiler()
            try:
                data, warnings = engine.compile_with_warnings(
                    input=source.encode("utf-8"), format="pdf", root=root, pdf_standards=standards,
                    timestamp=epoch, pdf_tags=True)
            except typst.TypstError as exc:
                message = " ".join(str(getattr(exc, "message", "") or exc).split())
                raise RenderError(f"PDF layout (Typst) failed: {message[:300]}") from None
    for w in warnings:
        ctx.warn("PDF (Typst): " + " ".join(str(getattr(w, "message", "") or w).split())[:300])
    if not isinstance(data, bytes):
        raise RenderError("PDF layout (Typst) gave no PDF")
    return data
