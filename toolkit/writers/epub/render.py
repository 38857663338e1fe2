"""The EPUB flavour of the shared HTML rendering: XHTML with EPUB semantics (noterefs, bibliography refs)."""

from __future__ import annotations

from dataclasses import dataclass, field

from toolkit.tree.nodes import BlockQuote, Cite, Heading, Note, NoteRef, Quote, Source
from toolkit.writers.html.render import Renderer, esc, safe_url

BACK_ARROW = "\u2191"  # ↑: in the text face (Charis SIL has no ↩) and never drawn as an emoji


@dataclass
class EpubRenderer(Renderer):
    """Notes and cited sources become EPUB footnotes (pop-ups in the readers that support them).

    Headings start at h2 under the article's h1; quotes name their speaker without dangling links.
    A note referenced twice is one footnote: the second call links to it without a second id; a
    source's footnote links back to its first citation.
    """

    top_level: int = 1
    first_cite: dict[str, str] = field(default_factory=dict)
    cite_count: int = 0

    def __post_init__(self) -> None:
        self.flavour = "epub"
        levels = [b.level for b in self.doc.blocks if isinstance(b, Heading)]
        self.top_level = min(levels) if levels else 1

    def b_Heading(self, n: Heading) -> str:
        level = min(max(n.level - self.top_level + 2, 2), 6)
        return f"<h{level}{self._attrs(n.attr)}>{self.inlines(n.children)}</h{level}>"

    def i_Quote(self, n: Quote) -> str:
        html = super().i_Quote(n)
        # the people registry is not part of the book, so ``cite="#person-…"`` would point nowhere
        if n.speaker and ' cite="#person-' in html:
            start = html.index(' cite="#person-')
            html = html[:start] + html[html.index('"', start + 8) + 1:]
        return html

    def b_BlockQuote(self, n: BlockQuote) -> str:
        return f"<blockquote{self._attrs(n.attr)}>\n{self.blocks(n.blocks)}\n</blockquote>"

    def i_Cite(self, n: Cite) -> str:
        inner = self.inlines(n.children)
        src = self.doc.source(n.source)
        if not self.annotate or src is None:
            return inner
        self.cite_count += 1
        cid = n.attr.id or f"cite-{self.cite_count}"
        self.first_cite.setdefault(src.id, cid)
        return (f'<a class="cite" epub:type="noteref" role="doc-noteref" '
                f'href="#source-{esc(src.id)}" id="{esc(cid)}">{inner}</a>')

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

    # ------------------------------------------------------------ notes and sources
    def notes_section(self) -> str:
        """The article's notes as footnotes: number, text, and a link back to the call."""
        if not self.notes:
            return ""
        items = []
        for number, (nid, body) in enumerate(self.notes, 1):
            back = (f'<a class="backlink" href="#ref-{esc(nid)}" role="doc-backlink" '
                    f'aria-label="Back to note {number} in the text">{BACK_ARROW}</a>')
            mark = f'<span class="note-number">{number}.</span>'
            if body.startswith("<p>") and body.endswith("</p>") and body.count("<p>") == 1:
                body = "<p>" + mark + body[3:-4] + "\u00a0" + back + "</p>"
            else:
                body = f"<p>{mark}</p>{body}<p>{back}</p>"
            items.append(f'<aside class="footnote" epub:type="footnote" role="doc-footnote" id="fn-{esc(nid)}">'
                         f"{body}</aside>")
        return ('<section class="notes" id="notes" epub:type="footnotes" aria-labelledby="notes-title">\n'
                '<h2 id="notes-title">Notes</h2>\n' + "\n".join(items) + "\n</section>")

    def source_label(self, s: Source) -> str:
        label = esc(s.reference) if s.reference else (
            esc(s.name) + (f" ({esc(s.abbrev)})" if s.abbrev and s.abbrev != s.name else ""))
        url = safe_url(s.url) if s.url else None
        return f'<a href="{esc(url)}">{label}</a>' if url and not url.startswith("#") else label

    def sources_section(self) -> str:
        """The sources as footnotes that citations pop up, each linking back to its first citation."""
        if not self.doc.sources:
            return ""
        items = []
        for s in self.doc.sources:  # the print edition's order, so page breaks fall in the same places
            first = self.first_cite.get(s.id)
            back = (f'\u00a0<a class="backlink" href="#{esc(first)}" role="doc-backlink" '
                    f'aria-label="Back to the first citation">{BACK_ARROW}</a>' if first else "")
            items.append(f'<aside class="footnote source" epub:type="footnote" role="doc-footnote" '
                         f'id="source-{esc(s.id)}"><p>{self.source_label(s)}{back}</p></aside>')
        return ('<section class="sources" id="sources" epub:type="bibliography" role="doc-bibliography" '
                f'aria-labelledby="sources-title">\n<h2 id="sources-title">{esc(self.sources_title())}</h2>\n'
                + "\n".join(items) + "\n</section>")
