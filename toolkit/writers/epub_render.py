"""The EPUB flavour of the shared HTML rendering: XHTML with EPUB semantics (noterefs, bibliography refs)."""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.tree.nodes import BlockQuote, Cite, Heading, Note, NoteRef, Quote
from toolkit.writers.html_render import Renderer, esc


@dataclass
class EpubRenderer(Renderer):
    """Headings start at h2 under the article's h1; quotes name their speaker without dangling links.

    A note referenced twice is one footnote: the second call links to it without a second id.
    """

    top_level: int = 1

    def __post_init__(self) -> None:
        self.flavour = "epub"
        levels = [b.level for b in self.doc.blocks if isinstance(b, Heading)]
        self.top_level = min(levels) if levels else 1

    def b_Heading(self, n: Heading) -> str:
        level = min(max(n.level - self.top_level + 2, 2), 6)
        return f"<h{level}{self._id(n.attr)}>{self.inlines(n.children)}</h{level}>"

    def i_Quote(self, n: Quote) -> str:
        html = super().i_Quote(n)
        # the people registry is not part of the book, so ``cite="#person-…"`` would point nowhere
        if n.speaker and ' cite="#person-' in html:
            start = html.index(' cite="#person-')
            html = html[:start] + html[html.index('"', start + 8) + 1:]
        return html

    def b_BlockQuote(self, n: BlockQuote) -> str:
        return f"<blockquote{self._id(n.attr)}>\n{self.blocks(n.blocks)}\n</blockquote>"

    def i_Cite(self, n: Cite) -> str:
        inner = self.inlines(n.children)
        src = self.doc.source(n.source)
        if not self.annotate or src is None:
            return inner
        cid = f' id="{esc(n.attr.id)}"' if n.attr.id else ""
        return (f'<a class="cite" epub:type="biblioref" role="doc-biblioref" '
                f'href="#source-{esc(src.id)}"{cid}>{inner}</a>')

    def i_NoteRef(self, n: NoteRef) -> str:
        note = next((b for b in self.doc.blocks if isinstance(b, Note) and b.id == n.note), None)
        if note is None:
            self.warn(f"note {n.note!r} is referenced but missing; skipped")
            return ""
        nid = esc(n.note)
        done = [i for i, (seen, _) in enumerate(self.notes, 1) if seen == n.note]
        if done:
            return f'<a class="noteref" epub:type="noteref" role="doc-noteref" href="#fn-{nid}"><sup>{done[0]}</sup></a>'
        self.notes.append((n.note, "".join(self.block(b) for b in note.blocks)))
        return (f'<a class="noteref" epub:type="noteref" role="doc-noteref" id="ref-{nid}" href="#fn-{nid}">'
                f"<sup>{len(self.notes)}</sup></a>")
