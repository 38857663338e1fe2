"""Turns the tree into Typst markup: one method per node kind (``i_X`` inlines, ``b_X`` blocks), as the HTML
``Renderer`` does, with what the print edition adds (footnotes or endnotes, cited sources as notes, pull quotes).

The author's words reach Typst only as string literals (``#"...";``), so no character of theirs is read as
markup: ``#``, ``*``, ``$``, ``@``, ``<label>``, ``//`` and ``\\`` print as themselves, and their quotation
marks are the ones they typed (smart quotes are off in the preamble). Tables, definition lists, figures
and formulas are drawn by the mixin in ``structures.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from toolkit.language.labels import Labels
from toolkit.tree.nodes import (
    Abbr,
    Attr,
    BlockQuote,
    Cite,
    Code,
    CodeBlock,
    Div,
    Document,
    Emph,
    Heading,
    LineBreak,
    Link,
    ListBlock,
    Note,
    NoteRef,
    Para,
    Quote,
    Rule,
    Span,
    Strong,
    Styled,
    Term,
    Text,
)
from toolkit.tree.walk import iter_nodes, plain_text
from toolkit.writers.html.kinds import ABSTRACT_LABEL
from toolkit.writers.html.render import labels_of, safe_url
from toolkit.writers.pdf.page import PAPERS
from toolkit.writers.pdf.pullquotes import PullQuote
from toolkit.writers.pdf.render import KEEP_LIST_ITEMS, running_head
from toolkit.writers.typst.design import lit, with_lang, words
from toolkit.writers.typst.dropcap import dropcap_markup, first_para_index
from toolkit.writers.typst.structures import Structures

_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_CLAUSE_END = re.compile(r"(?<!\b\w)[.,;:!?…](?=\s|$)")  # where a deferred citation call goes (as in print)
STYLE_CALLS = {"strikeout": "strike", "underline": "underline", "smallcaps": "smallcaps",
               "superscript": "super", "subscript": "sub"}
KEEP_SHORT_LIST = 4  # items: a list this short moves whole to the next page rather than leave one item behind
LIST_NUMBERING = {"decimal": "1.", "lower-alpha": "a.", "upper-alpha": "A.", "lower-roman": "i.", "upper-roman": "I."}


@dataclass
class TypstMarkup(Structures):
    doc: Document
    notes_mode: str = "foot"
    annotate: bool = True
    missing_images: str = "note"
    pullquotes: list[PullQuote] = field(default_factory=list)
    image_path: Callable[[str], str | None] = lambda src: None  # a figure's image, copied into the build folder
    store: Callable[[bytes, str], str] = lambda data, ext: ""  # a drawing (formula) written there: its name
    warn: Callable[[str], None] = lambda msg: None
    section_chars: int = 28
    span_first_figure: bool = False  # two columns: an opening figure spans both (print.css column-span)
    dropcap: bool = True  # the first paragraph opens with a three-line initial (print.css .dropcap)
    image_heights: tuple[str, str] = PAPERS["a4"].image_heights  # the paper's: an image's most, the opening's
    notes: list[tuple[str, str]] = field(default_factory=list)  # (note id, body markup) in call order
    cited: set[str] = field(default_factory=set)
    pending: list[str] = field(default_factory=list)  # citation calls waiting for the end of a clause
    quote_depth: int = 0
    list_depth: int = 0
    anchored: set[str] = field(default_factory=set)
    in_note: bool = False

    @cached_property
    def labels(self) -> Labels:
        return labels_of(self.doc)

    @cached_property
    def targets(self) -> dict[str, str]:
        """The Typst label of each id the author gave (``tk-id-N``: ids may hold characters labels cannot);
        an id given twice labels its first node only, so that a link to it has one place to go."""
        found: dict[str, str] = {}
        for node in iter_nodes(self.doc):
            attr = getattr(node, "attr", None)
            if isinstance(attr, Attr) and attr.id and attr.id not in found:
                found[attr.id] = f"tk-id-{len(found) + 1}"
        return found

    def anchor(self, attr) -> str:
        """An invisible mark an in-page link can go to, for the first node with this id; else ""."""
        name = self.targets.get(attr.id) if isinstance(attr, Attr) and attr.id else None
        if name is None or name in self.anchored:
            return ""
        self.anchored.add(name)
        return f"#metadata(none)<{name}>"

    @cached_property
    def notes_by_id(self) -> dict[str, Note]:
        found: dict[str, Note] = {}
        for b in self.doc.blocks:
            if isinstance(b, Note):
                found.setdefault(b.id, b)
        return found

    # ------------------------------------------------------------ inlines
    def inlines(self, nodes) -> str:
        return "".join(self.inline(n) for n in nodes)

    def run(self, nodes) -> str:
        """A block's words, then whatever citation calls still wait for the end of a clause."""
        out = self.inlines(nodes)
        if self.pending and not self.quote_depth:
            out += "".join(self.pending)
            self.pending.clear()
        return out

    def inline(self, node) -> str:
        method = getattr(self, "i_" + type(node).__name__, None)
        if method is None:
            self.warn(f"{type(node).__name__} inline is not supported by the Typst print engine; skipped")
            return ""
        return method(node)

    def i_Text(self, n: Text) -> str:
        text = _SPACES.sub(" ", n.text)
        if not self.pending or self.quote_depth:
            return words(text)
        m = _CLAUSE_END.search(text)
        if m is None:
            return words(text)
        calls = "".join(self.pending)
        self.pending.clear()
        return words(text[:m.end()]) + calls + words(text[m.end():])

    def i_Emph(self, n: Emph) -> str:
        return f"#emph[{self.inlines(n.children)}]"

    def i_Strong(self, n: Strong) -> str:
        return f"#strong[{self.inlines(n.children)}]"

    def i_Code(self, n: Code) -> str:
        return f"#raw({lit(n.text)});"

    def i_LineBreak(self, n: LineBreak) -> str:
        return "#linebreak();"

    def i_Link(self, n: Link) -> str:
        inner = self.inlines(n.children)
        url = safe_url(n.url)
        if url is not None and url.startswith("#"):
            name = self.targets.get(url[1:])
            return f"#link(<{name}>)[{inner or words(url)}]" if name else inner
        if url is None:
            return inner
        return f"#link({lit(url)})[{inner or words(url)}]"

    def _marks(self, attr) -> tuple[str, str]:
        marks = attr.get("marks") if attr else None
        if marks is None:
            return "\u201c", "\u201d"
        return (marks[0] if marks else "", marks[1] if len(marks) > 1 else "")

    def i_Quote(self, n: Quote) -> str:
        self.quote_depth += 1
        try:
            inner = self.inlines(n.children)
        finally:
            self.quote_depth -= 1
        if not n.direct:
            return inner
        opening, closing = self._marks(n.attr)
        return words(opening) + with_lang(n.attr, inner) + words(closing)

    def i_Term(self, n: Term) -> str:
        opening, closing = self._marks(n.attr)
        return words(opening) + with_lang(n.attr, self.inlines(n.children)) + words(closing)

    def i_Abbr(self, n: Abbr) -> str:
        return words(n.text)

    def i_Span(self, n: Span) -> str:
        return self.anchor(n.attr) + with_lang(n.attr, self.inlines(n.children))

    def i_Styled(self, n: Styled) -> str:
        inner = self.inlines(n.children)
        call = STYLE_CALLS.get(n.style)
        if call is None:
            self.warn(f"{n.style!r} styled text is not known to this writer; its words are kept unstyled")
            return inner
        return f"#{call}[{inner}]"

    # ------------------------------------------------------------ notes and citations
    def _note_body(self, note: Note) -> str:
        parts = []
        self.in_note = True
        try:
            for block in note.blocks:
                parts.append(self.inlines(block.children) if isinstance(block, Para) else self.block(block))
        finally:
            self.in_note = False
        return " ".join(p for p in parts if p)

    def i_NoteRef(self, n: NoteRef) -> str:
        note = self.notes_by_id.get(n.note)
        if note is None:
            self.warn(f"note {n.note!r} is referenced but missing; skipped")
            return ""
        if self.in_note:
            self.warn(f"note {n.note!r} is called inside another note; its call is left out there")
            return ""
        done = next((i for i, (nid, _) in enumerate(self.notes, 1) if nid == n.note), 0)
        if done:
            return f"#footnote(<tk-fn-{done}>)" if self.notes_mode == "foot" else self.endnote_call(done, first=False)
        body = self._note_body(note)
        self.notes.append((n.note, body))
        number = len(self.notes)
        if self.notes_mode == "foot":
            return f"#footnote[{body}]<tk-fn-{number}>"
        return self.endnote_call(number)

    def endnote_call(self, number: int, first: bool = True) -> str:
        back = f"#metadata(none)<tk-ref-{number}>" if first else ""  # where the note's link back goes
        return back + f"#super(typographic: false, text(font: tk-sans, fill: tk-accent, weight: 600, link(<tk-note-{number}>)[{number}]))"

    def i_Cite(self, n: Cite) -> str:
        inner = self.inlines(n.children)
        src = self.doc.source(n.source)
        if not self.annotate or src is None or self.in_note:
            return inner
        first = src.id not in self.cited
        self.cited.add(src.id)
        number = next(i for i, s in enumerate(self.doc.sources, 1) if s.id == src.id)
        if self.notes_mode == "foot":
            if first:
                url = safe_url(src.url) if src.url else None
                more = (f" #text(font: tk-sans, size: .92em, fill: tk-muted, {lit(url)})"
                        if url and not url.startswith("#") else "")
                self.pending.append(f"#footnote[{words(self.source_label(src))}{more}]")
            return inner
        self.pending.append(f"#super(typographic: false, text(font: tk-sans, fill: tk-accent, weight: 600, "
                            f"link(<tk-src-{number}>)[{number}]))")
        return inner

    @staticmethod
    def source_label(src) -> str:
        if src.reference:
            return src.reference
        return src.name + (f" ({src.abbrev})" if src.abbrev and src.abbrev != src.name else "")

    # ------------------------------------------------------------ blocks
    def blocks(self, nodes) -> str:
        return "\n\n".join(s for s in (self.block(b) for b in nodes) if s)

    def block(self, node) -> str:
        method = getattr(self, "b_" + type(node).__name__, None)
        if method is None:
            self.warn(f"{type(node).__name__} block is not supported by the Typst print engine; skipped")
            return ""
        markup = method(node)
        mark = self.anchor(getattr(node, "attr", None)) if markup else ""
        return mark + markup

    def b_Para(self, n: Para) -> str:
        return with_lang(n.attr, self.para_content(n.children))

    def b_Heading(self, n: Heading) -> str:
        level = min(max(n.level, 2), 6)
        mark = ""
        if level == 2:
            mark = f"#metadata({lit(running_head(plain_text(n.children), self.section_chars))}) <tk-section>\n"
        return f"{mark}#heading(level: {level})[{with_lang(n.attr, self.run(n.children))}]"

    def b_BlockQuote(self, n: BlockQuote) -> str:
        return f"#quote(block: true)[{with_lang(n.attr, self.blocks(n.blocks))}]"

    def b_ListBlock(self, n: ListBlock) -> str:
        self.list_depth += 1
        try:
            items = ", ".join(f"[{self.blocks(item)}]" for item in n.items)
        finally:
            self.list_depth -= 1
        if not n.ordered:
            markup = f"#list({items})"
        else:
            numbering = LIST_NUMBERING.get(n.style, "1.")
            markup = f"#enum(start: {int(n.start)}, numbering: {lit(numbering)}, {items})"
        if not self.list_depth:  # print.css's margins around a list; a short one is not split over two pages
            keep = "false" if len(n.items) <= KEEP_SHORT_LIST else "true"
            markup = f"#block(above: .8em + .5 * tk-rem, below: .8em + .7 * tk-rem, breakable: {keep})[{markup}]"
        return with_lang(n.attr, markup)

    def b_CodeBlock(self, n: CodeBlock) -> str:
        return f"#raw(block: true, {lit(n.text)})"

    def b_Rule(self, n: Rule) -> str:
        return "#tk-rule-line()"

    def b_Note(self, n: Note) -> str:
        return ""  # set where it is called

    def b_Div(self, n: Div) -> str:
        inner = self.blocks(n.blocks)
        return f"#block(width: 100%)[{with_lang(n.attr, inner)}]" if inner else ""

    # ------------------------------------------------------------ the article
    def pullquote(self, quote: PullQuote) -> str:
        by = f"[{words(quote.speaker)}]" if quote.speaker else "none"
        return f"#tk-pullquote([{words(quote.text)}], {by})"

    def body(self) -> str:
        slots = {q.slot: q for q in self.pullquotes}
        out = []
        if self.doc.abstract:
            out.append(f"#tk-label-heading({lit(ABSTRACT_LABEL)})")
            out.append(f"#block(below: 1.2 * tk-rem, {{ set par(first-line-indent: 0pt); [{self.blocks(self.doc.abstract)}] }})")
        opening = first_para_index(self.doc.blocks) if self.dropcap else -1
        for index, block in enumerate(self.doc.blocks):
            if index in slots:
                out.append(self.pullquote(slots[index]))
            self.first_block = index == 0
            markup = None
            if index == opening:
                markup = dropcap_markup(self, block)
                markup = markup and self.anchor(block.attr) + with_lang(block.attr, markup)
            markup = markup or self.block(block)
            if markup and index == 0 and self.span_first_figure and type(block).__name__ == "Figure":
                markup = f"#place(top, scope: \"parent\", float: true, block(width: 100%)[{markup}])"
            if markup:
                out.append(markup)
        return "\n\n".join(out)

    def notes_section(self) -> str:
        if self.notes_mode == "foot" or not self.notes:
            return ""
        items = ", ".join(f"[{body}#metadata(none) <tk-note-{i}> #link(<tk-ref-{i}>, text(font: tk-sans, "
                          f"fill: tk-accent, \"\\u{{2191}}\"))]" for i, (_, body) in enumerate(self.notes, 1))
        keep = "true" if len(self.notes) <= KEEP_LIST_ITEMS else "false"
        return f"#tk-list-section({lit(self.labels.word('notes'))}, enum({items}), keep: {keep})"

    def sources_section(self) -> str:
        if not self.doc.sources:
            return ""
        items = []
        for i, s in enumerate(self.doc.sources, 1):
            label = words(self.source_label(s))
            url = safe_url(s.url) if s.url else None
            if url and not url.startswith("#"):
                label = f"#link({lit(url)})[{label}]"
            items.append(f"[{label}#metadata(none) <tk-src-{i}>]")
        title = dict(self.doc.meta.extra).get("references-title") or self.labels.word("sources")
        keep = "true" if len(items) <= KEEP_LIST_ITEMS else "false"
        return f"#tk-list-section({lit(title)}, enum({', '.join(items)}), keep: {keep})"

    def article(self) -> str:
        body = self.body()
        return "\n\n".join(s for s in (body, self.notes_section(), self.sources_section()) if s) + "\n"
