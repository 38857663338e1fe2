"""Writes the Kobo edition (``.kepub.epub``): the EPUB edition with Kobo's sentence spans in every content page.

Kobo's reader keys highlights, reading position and statistics to ``<span class="koboSpan"
id="kobo.N.M">`` elements: N counts the text blocks of a page, M the sentences (and images) of a
block. Everything else is the EPUB edition unchanged, so the book still passes EPUBCheck.
"""

from __future__ import annotations

import io
import re
import zipfile

from toolkit.errors import RenderError
from toolkit.options import Context, Options
from toolkit.tree.nodes import Document

XHTML = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
# Elements whose text is one Kobo "paragraph"; nested ones count on their own.
BLOCKS = {f"{{{XHTML}}}{t}" for t in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "figcaption",
                                      "th", "td", "caption", "pre")}
SKIP = {f"{{{XHTML}}}{t}" for t in ("script", "style", "svg", "math", "textarea")} | {
    "{http://www.w3.org/2000/svg}svg", "{http://www.w3.org/1998/Math/MathML}math"}
IMG = f"{{{XHTML}}}img"
SPAN = f"{{{XHTML}}}span"
# A sentence ends at . ! ? or … (closing quotes and brackets stay with it) followed by white space.
_SENTENCE_END = re.compile(r"([.!?\u2026]+)([\"'\u201d\u2019\u00bb)\]]*)\s+")
# Abbreviations that stand before a name or a clause and so never end a sentence, in the four languages the
# editions label (English, French, German, Spanish), lower case, without their last full stop.
BEFORE_A_NAME = frozenset("""
mr mrs ms dr prof st mt sr jr gen col lt capt sgt gov sen rep rev hon vs cf e.g i.e
mme mlle mgr pr ste hr fr vgl bzw z.b d.h sra srta dra lic ud uds
""".split())
_WORD_BEFORE = re.compile(r"[\w.]*$")


def ends_sentence(text: str, m: re.Match) -> bool:
    """Whether the full stop (or ! ? …) matched at ``m`` ends a sentence. A full stop does not when a
    lowercase word or a digit follows ("5 p.m. on Monday", "p. 17"), nor after an initial ("J. R. Wójcik"),
    an abbreviation in capitals ("a U.N. report") or a title ("Dr. Ana Petrova")."""
    marks, closers = m.group(1), m.group(2)
    if set(marks) != {"."}:
        return True
    after = text[m.end():m.end() + 1]
    if after.islower() or after.isdigit():
        return False
    if closers or len(marks) > 1:
        return True
    word = _WORD_BEFORE.search(text, 0, m.start()).group()
    letters = word.replace(".", "")
    if letters.isalpha() and letters.isupper() and (len(letters) == 1 or "." in word):
        return False
    return word.lower() not in BEFORE_A_NAME


def sentences(text: str) -> list[str]:
    """``text`` cut after each sentence end; the pieces join back to ``text`` exactly."""
    pieces, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if not ends_sentence(text, m):
            continue
        pieces.append(text[start:m.end()])
        start = m.end()
    if start < len(text):
        pieces.append(text[start:])
    return pieces


class _Page:
    """Numbers and inserts the spans of one XHTML page."""

    def __init__(self):
        self.block = 0
        self.segment = 0

    def span(self, text: str | None = None):
        from lxml import etree

        self.segment += 1
        el = etree.Element(SPAN, {"class": "koboSpan", "id": f"kobo.{self.block}.{self.segment}"})
        el.text = text
        return el

    def _spans(self, text: str) -> list:
        return [self.span(piece) for piece in sentences(text)]

    def fill(self, node) -> None:
        """Wrap the text (and images) of ``node`` in spans, in document order; nested blocks are skipped."""
        if node.text and node.text.strip():
            spans = self._spans(node.text)
            node.text = None
            for i, s in enumerate(spans):
                node.insert(i, s)
        for child in list(node):
            if not isinstance(child.tag, str) or (child.tag == SPAN and child.get("class") == "koboSpan"):
                continue
            anchor = child
            if child.tag == IMG:
                anchor = self.wrap_image(child)
            elif child.tag not in BLOCKS and child.tag not in SKIP:
                self.fill(child)
            if anchor.tail and anchor.tail.strip():
                spans = self._spans(anchor.tail)
                anchor.tail = None
                at = node.index(anchor)
                for j, s in enumerate(spans):
                    node.insert(at + 1 + j, s)

    def wrap_image(self, img):
        parent = img.getparent()
        wrapper = self.span()
        wrapper.tail, img.tail = img.tail, None
        parent.replace(img, wrapper)
        wrapper.append(img)
        return wrapper

    def run(self, body) -> None:
        """Every text block, and every image outside one, in document order."""
        for el in list(body.iter()):
            if any(a.tag in SKIP for a in el.iterancestors()):
                continue
            if el.tag in BLOCKS:
                self.block += 1
                self.segment = 0
                self.fill(el)
                if self.segment == 0:
                    self.block -= 1
            elif el.tag == IMG and el.getparent().get("class") != "koboSpan":
                self.block += 1
                self.segment = 0
                self.wrap_image(el)


def kobo_page(data: bytes) -> bytes:
    """One XHTML page with Kobo spans and the ``book-columns``/``book-inner`` wrappers Kobo expects."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)
    root = etree.fromstring(data, parser)
    body = root.find(f"{{{XHTML}}}body")
    if body is None:
        return data
    _Page().run(body)
    inner = etree.Element(f"{{{XHTML}}}div", {"id": "book-inner"})
    inner.text, body.text = body.text, None
    for child in list(body):
        inner.append(child)
    columns = etree.SubElement(body, f"{{{XHTML}}}div", {"id": "book-columns"})
    columns.append(inner)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", doctype="<!DOCTYPE html>")


def _is_nav(data: bytes) -> bool:
    return b'epub:type="toc"' in data or b"epub:type='toc'" in data


def kepub_from_epub(epub: bytes) -> bytes:
    """Re-pack an EPUB with Kobo spans in its content pages (entry order and timestamps kept)."""
    src = zipfile.ZipFile(io.BytesIO(epub))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename.endswith((".xhtml", ".html")) and not _is_nav(content):
                try:
                    content = kobo_page(content)
                except Exception as exc:  # lxml's XMLSyntaxError and friends: the EPUB writer's bug, reported
                    raise RenderError(f"cannot add Kobo spans to {info.filename}: {exc}") from None
            dst.writestr(info, content, compress_type=info.compress_type)
    return out.getvalue()


def render_kepub(doc: Document, options: Options, ctx: Context) -> bytes:
    """The EPUB edition (``toolkit.writers.epub.writer.render_epub``) with Kobo's span markup."""
    from toolkit.writers.epub.writer import render_epub

    return kepub_from_epub(render_epub(doc, options, ctx))
