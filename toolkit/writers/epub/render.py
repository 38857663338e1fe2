"""The EPUB flavour of the shared HTML rendering: XHTML with EPUB semantics (noterefs, bibliography refs)."""

from __future__ import annotations

from dataclasses import dataclass, field

from toolkit.tree.nodes import BlockQuote, Cite, Heading, Note, NoteRef, Source
from toolkit.writers.html.render import Renderer, esc, safe_url

BACK_ARROW = "\u2191"  # ↑: in the text face (Charis SIL has no ↩) and never drawn as an emoji


@dataclass
class EpubRenderer(Renderer):
    """Notes and cited sources become EPUB endnotes (pop-ups in the readers that support them).

    Headings start at h2 under the article's h1; block quotes name no speaker (the people registry is not
    in the book, so a ``cite`` would point nowhere).
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
        """The article's notes as a numbered list of endnotes: text and a link back to the call.

        Never ``<aside epub:type="footnote">``: Apple Books hides such asides from the flow, so a note
        whose pop-up is not used would vanish. The list numbers itself, with or without our style sheet;
        list items carry no role of their own (a role would take them out of the list)."""
        if not self.notes:
            return ""
        items = []
        for number, (nid, body) in enumerate(self.notes, 1):
            label = esc(self.labels.word("back-to-note", n=number))
            back = f'<a class="backlink" href="#ref-{esc(nid)}" role="doc-backlink" aria-label="{label}">{BACK_ARROW}</a>'
            if body.startswith("<p>") and body.endswith("</p>") and body.count("<p>") == 1:
                body = body[:-4] + "\u00a0" + back + "</p>"
            else:
                body = f"{body}<p>{back}</p>"
            items.append(f'<li class="note" id="fn-{esc(nid)}">{body}</li>')
        return ('<section class="notes" id="notes" epub:type="endnotes" role="doc-endnotes" '
                f'aria-labelledby="notes-title">\n<h2 id="notes-title">{esc(self.labels.word("notes"))}</h2>\n'
                '<ol class="note-list">\n' + "\n".join(items) + "\n</ol>\n</section>")

    def source_label(self, s: Source) -> str:
        label = esc(s.reference) if s.reference else (
            esc(s.name) + (f" ({esc(s.abbrev)})" if s.abbrev and s.abbrev != s.name else ""))
        url = safe_url(s.url) if s.url else None
        return f'<a href="{esc(url)}">{label}</a>' if url and not url.startswith("#") else label

    def sources_section(self) -> str:
        """The sources as a list that citations pop up (in the readers that can), each linking back
        to its first citation; list items, not asides, so that every reading system shows them in the flow."""
        if not self.doc.sources:
            return ""
        items = []
        for s in self.doc.sources:  # the print edition's order, so page breaks fall in the same places
            first = self.first_cite.get(s.id)
            back = (f'\u00a0<a class="backlink" href="#{esc(first)}" role="doc-backlink" '
                    f'aria-label="Back to the first citation">{BACK_ARROW}</a>' if first else "")
            items.append(f'<li class="source" id="source-{esc(s.id)}">'
                         f"<p>{self.source_label(s)}{back}</p></li>")
        return ('<section class="sources" id="sources" epub:type="bibliography" role="doc-bibliography" '
                f'aria-labelledby="sources-title">\n<h2 id="sources-title">{esc(self.sources_title())}</h2>\n'
                '<ul class="source-list">\n' + "\n".join(items) + "\n</ul>\n</section>")
