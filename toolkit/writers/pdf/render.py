"""The print flavour of the shared HTML rendering: notes, citations and pull quotes for paged media."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from toolkit.tree.nodes import Cite, ListBlock, Math, Note, NoteRef, Para, Quote, Source, Text
from toolkit.tree.walk import plain_text
from toolkit.writers.html.render import Renderer, esc, safe_url
from toolkit.writers.pdf.math import math_img
from toolkit.writers.pdf.pullquotes import PullQuote

KEEP_LIST_ITEMS = 10
DROPCAP_MIN_CHARS = 280  # a three-line initial needs a paragraph of at least four lines
# where a deferred citation call goes: after the next clause punctuation that ends a word
_CLAUSE_END = re.compile(r"(?<!\b\w)[.,;:!?…](?=\s|$)")
_OPENING = re.compile(r"^((?:[\"'(\[“‘«„]|&quot;|&#x27;)*)(\w)", re.UNICODE)


def with_dropcap(html: str) -> str:
    """Open a paragraph's HTML with a drop cap: its first letter (and any opening quotation mark)
    drawn large as a decoration (``aria-hidden``, an artifact in the PDF) while the letter itself
    stays in the text, invisible, so that the words read and extract whole ("The", not "T he").
    The HTML comes back unchanged when it does not start with a letter."""
    pos = 0
    while html.startswith("<", pos):  # opening tags such as <em> or <span class="quote" ...>
        end = html.find(">", pos)
        if end < 0 or html.startswith("</", pos):
            return html
        pos = end + 1
    m = _OPENING.match(html[pos:])
    if not m:
        return html
    cut = pos + m.end()
    initial = html[pos:cut]
    return (f'{html[:pos]}<span class="dropcap" aria-hidden="true">{initial}</span>'
            f'<span class="dropcap-text"><span>{initial}</span></span>{html[cut:]}')


def _with_class(tag: str, name: str) -> str:
    """An opening tag (``<p ...>``) with one more class."""
    if ' class="' in tag:
        return tag.replace(' class="', f' class="{name} ', 1)
    return tag[:-1] + f' class="{name}">'


def running_head(text: str, limit: int) -> str:
    """``text`` as a running head of at most ``limit`` characters: cut after a whole word, with an ellipsis
    ("Harbour Lights Return to the Old…", never "… to the Old Qu…")."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:.–—-") + "…"


def source_label(src: Source) -> str:
    """How a source is named in a footnote or the sources list (escaped HTML)."""
    if src.reference:
        return esc(src.reference)
    return esc(src.name) + (f" ({esc(src.abbrev)})" if src.abbrev and src.abbrev != src.name else "")


@dataclass
class PrintRenderer(Renderer):
    """Footnotes (``float: footnote``) or endnotes, cited sources as notes, pull quotes as asides.

    Pull quotes carry ``aria-hidden="true"`` on every element: the PDF writer draws them as
    artifacts, so assistive technology reads each quotation once, where it stands in the text.
    """

    notes_mode: str = "foot"
    pullquotes: list[PullQuote] = field(default_factory=list)
    cited: set[str] = field(default_factory=set)
    pending: list[str] = field(default_factory=list)  # citation calls waiting for the end of a clause
    quote_depth: int = 0
    in_note: bool = False
    dropcap: bool = True  # the article's first paragraph opens with a three-line initial
    title_chars: int = 60  # the running heads' room (characters): the title's, and the section's
    section_chars: int = 28

    def __post_init__(self) -> None:
        self.flavour = "print"

    # ------------------------------------------------------------ running heads: whole words that fit
    def header(self) -> str:
        html = super().header()
        head = running_head(self.doc.meta.title or self.labels.word("untitled"), self.title_chars)
        return html.replace("<h1>", f'<h1 data-running="{esc(head)}">', 1)

    def b_Heading(self, n) -> str:
        html = super().b_Heading(n)
        if html.startswith("<h2"):
            head = running_head(plain_text(n.children), self.section_chars)
            html = f'<h2 data-running="{esc(head)}"' + html[3:]
        return html

    # ------------------------------------------------------------ notes
    def _note_body(self, note: Note) -> str:
        """A note's text as inline HTML: paragraphs may not nest inside a footnote span, nor notes."""
        parts = []
        self.in_note = True
        try:
            for block in note.blocks:
                if isinstance(block, Para):
                    parts.append(self.inlines(block.children))
                else:
                    parts.append(self.block(block))
        finally:
            self.in_note = False
        return " ".join(p for p in parts if p)

    def i_NoteRef(self, n: NoteRef) -> str:
        note = next((b for b in self.doc.blocks if isinstance(b, Note) and b.id == n.note), None)
        if note is None:
            self.warn(f"note {n.note!r} is referenced but missing; skipped")
            return ""
        nid = esc(n.note)
        if any(done == n.note for done, _ in self.notes):  # a second call of the same note
            number = next(i for i, (done, _) in enumerate(self.notes, 1) if done == n.note)
            return f'<a class="noteref" href="#fn-{nid}"><sup>{number}</sup></a>'
        body = self._note_body(note)
        self.notes.append((n.note, body))
        if self.notes_mode == "foot":
            return f'<span class="footnote" id="fn-{nid}">{body}</span>'
        return (f'<a class="noteref" id="ref-{nid}" href="#fn-{nid}" role="doc-noteref">'
                f"<sup>{len(self.notes)}</sup></a>")

    def i_Cite(self, n: Cite) -> str:
        inner = self.inlines(n.children)
        src = self.doc.source(n.source)
        if not self.annotate or src is None:
            return inner
        sid = esc(src.id)
        cid = f' id="{esc(n.attr.id)}"' if n.attr.id else ""
        link = f'<a class="cite" href="#source-{sid}"{cid}>{inner}</a>'
        if self.in_note:  # a citation inside a note links to the sources list, no note of its own
            return link
        first = src.id not in self.cited
        self.cited.add(src.id)
        if self.notes_mode == "foot":
            if not first:
                return link
            url = safe_url(src.url) if src.url else None
            more = f' <span class="url">{esc(url)}</span>' if url and not url.startswith("#") else ""
            self.pending.append(f'<span class="footnote source-note" id="note-{sid}">{source_label(src)}{more}</span>')
            return link
        number = next(i for i, s in enumerate(self.doc.sources, 1) if s.id == src.id)
        self.pending.append(f'<a class="noteref" href="#source-{sid}"><sup>{number}</sup></a>')
        return link

    # A citation's note call goes after the punctuation that ends its clause (as in print
    # style guides), not in the middle of a name; whatever is still waiting ends its block.
    def i_Text(self, n: Text) -> str:
        if not self.pending or self.quote_depth:
            return esc(n.text)
        m = _CLAUSE_END.search(n.text)
        if m is None:
            return esc(n.text)
        calls = "".join(self.pending)
        self.pending.clear()
        return esc(n.text[:m.end()]) + calls + esc(n.text[m.end():])

    def i_Quote(self, n: Quote) -> str:
        self.quote_depth += 1
        try:
            return super().i_Quote(n)
        finally:
            self.quote_depth -= 1

    def block(self, node) -> str:
        html = super().block(node)
        if self.pending and not self.quote_depth:
            calls = "".join(self.pending)
            self.pending.clear()
            cut = html.rfind("</")
            html = html[:cut] + calls + html[cut:] if cut > 0 else html + calls
        return html

    def notes_section(self) -> str:
        if self.notes_mode == "foot" or not self.notes:
            return ""
        back, heading = esc(self.labels.word("back-to-text")), esc(self.labels.word("notes"))
        items = "".join(f'<li id="fn-{esc(nid)}" role="doc-endnote">{body} '
                        f'<a class="backlink" href="#ref-{esc(nid)}" role="doc-backlink" aria-label="{back}">'
                        f"↑</a></li>" for nid, body in self.notes)
        keep = " keep" if len(self.notes) <= KEEP_LIST_ITEMS else ""
        return (f'<section class="notes{keep}" id="notes" role="doc-endnotes"><h2>{heading}</h2><ol>{items}</ol>'
                "</section>")

    def sources_section(self) -> str:
        html = super().sources_section()
        if 0 < len(self.doc.sources) <= KEEP_LIST_ITEMS:  # a short list is not split over two pages
            html = html.replace('<section class="sources"', '<section class="sources keep"', 1)
        return html

    # ------------------------------------------------------------ pull quotes
    def pullquote(self, quote: PullQuote) -> str:
        hide = ' aria-hidden="true"'
        who = f'<p class="pullquote-by"{hide}>{esc(quote.speaker)}</p>' if quote.speaker else ""
        return (f'<aside class="pullquote"{hide}><p class="pullquote-text"{hide}>{esc(quote.text)}</p>'
                f"{who}</aside>")

    def b_ListBlock(self, n: ListBlock) -> str:
        """WeasyPrint reads ``start`` only as a presentational hint (off here): the list counter says it instead."""
        html = super().b_ListBlock(n)
        if n.ordered and n.start != 1:
            html = html.replace("<ol", f'<ol style="counter-reset: list-item {int(n.start) - 1}"', 1)
        return html

    # ------------------------------------------------------------ formulas: WeasyPrint has no MathML
    def i_Math(self, n: Math) -> str:
        html = math_img(n.text, n.display)
        return html if html is not None else self.math_fallback(n)

    def body(self) -> str:
        slots = {q.slot: q for q in self.pullquotes}
        out = [self.abstract_section()] if self.doc.abstract else []
        first = next((i for i, b in enumerate(self.doc.blocks) if isinstance(b, Para)), -1)
        for index, block in enumerate(self.doc.blocks):
            if index in slots:
                out.append(self.pullquote(slots[index]))
            html = self.block(block)
            if index == first and self.dropcap and len(plain_text(block.children)) >= DROPCAP_MIN_CHARS:
                start = html.index(">") + 1
                opened = with_dropcap(html[start:])
                if opened != html[start:]:
                    html = _with_class(html[:start], "has-dropcap") + opened
            if html:
                out.append(html)
        return "\n".join(out)
