"""Renders the tree to HTML: the one rendering that the PDF, EPUB and HTML editions share.

A ``Renderer`` is a visitor (one method per node kind). ``flavour`` says which edition it
serves: ``screen`` (annotated HTML), ``print`` (PDF) or ``epub`` (XHTML). Unknown nodes are
reported as warnings and skipped.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from html import escape

from toolkit.language.labels import Labels, labels_for
from toolkit.language.speech import attribution_measured
from toolkit.passes.speech.confidence import shown_speakers, speaker_shown
from toolkit.tree.nodes import (
    Abbr,
    Attr,
    BlockQuote,
    Cite,
    Code,
    CodeBlock,
    Document,
    Emph,
    Figure,
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
    Term,
    Text,
)
from toolkit.tree.walk import iter_nodes, plain_text, walk
from toolkit.writers.html.kinds import LIST_TYPES, ContentKinds

SAFE_SCHEMES = ("http://", "https://", "mailto:", "#")
MISSING_IMAGES = ("note", "drop")  # --missing-images: what a figure whose image is not there becomes


def esc(text: str) -> str:
    return escape(text, quote=True)


def safe_url(url: str) -> str | None:
    """Only web, mail and fragment links survive; ``javascript:``, ``data:`` and the rest do not."""
    u = "".join(url.split()).lower()
    return url.strip() if u.startswith(SAFE_SCHEMES) else None


def labels_of(doc: Document, warn: Callable[[str], None] | None = None) -> Labels:
    """The added words of the document's language; ``warn`` hears (once per call) that a language
    has none of its own. Each writer calls it once with its ``ctx.warn``, the renderers without."""
    labels, warning = labels_for(doc.meta.language)
    if warning and warn is not None:
        warn(warning)
    return labels


def warn_once(ctx) -> Callable[[str], None]:
    """``ctx.warn`` that skips a message the context already holds (the editions of one build share it)."""
    def warn(message: str) -> None:
        if not any(w.endswith(message) for w in ctx.warnings):
            ctx.warn(message)
    return warn


def speaker_named(doc: Document, attr: Attr) -> bool:
    """Whether an edition names the speaker of a quotation: its attribution is confident enough
    (``speaker_shown``) and attribution was measured in the document's language (English only so far)."""
    return attribution_measured(doc.meta.language) and speaker_shown(attr)


def edition_speakers(doc: Document) -> Document:
    """The document as the editions show its speakers: a quotation whose speaker is not confident enough,
    or whose language has no measured attribution, keeps its words and marks but loses its speaker
    (kept in ``attr`` as ``held-speaker``); so does a block quotation's ``speaker``."""
    doc = shown_speakers(doc)
    if attribution_measured(doc.meta.language):
        return doc

    def hold(node):
        if isinstance(node, Quote) and node.speaker:
            return dataclasses.replace(node, speaker="", attr=node.attr.with_kv("held-speaker", node.speaker))
        if isinstance(node, BlockQuote) and node.attr.get("speaker"):
            kv = tuple((k, v) for k, v in node.attr.kv if k != "speaker")
            attr = Attr(node.attr.id, node.attr.classes, (*kv, ("held-speaker", node.attr.get("speaker") or "")))
            return dataclasses.replace(node, attr=attr)
        return None
    return walk(doc, hold)


def format_date(value: str | None, lang: str | None = None) -> str:
    """An ISO date as the language ``lang`` writes it in full ("March 17, 2024", "17 mars 2024")."""
    return labels_for(lang)[0].date(value)


def byline(doc: Document) -> str:
    """The authors' names joined as the document's language joins a list ("A, B and C", "A, B et C")."""
    return labels_of(doc).names(doc.meta.authors)


@dataclass
class Renderer(ContentKinds):
    doc: Document
    flavour: str = "screen"
    image_url: Callable[[str], str | None] = lambda src: None
    warn: Callable[[str], None] = lambda msg: None
    annotate: bool = True
    notes: list[tuple[str, str]] = field(default_factory=list)
    first_abbr: set[str] = field(default_factory=set)
    missing_images: str = "note"

    @property
    def xhtml(self) -> bool:
        return self.flavour == "epub"

    @cached_property
    def notes_by_id(self) -> dict[str, Note]:
        """The document's notes by id (the first of a repeated id), built once: a note call looking through
        every block made 10,000 notes quadratic."""
        found: dict[str, Note] = {}
        for b in self.doc.blocks:
            if isinstance(b, Note):
                found.setdefault(b.id, b)
        return found

    @cached_property
    def labels(self) -> Labels:
        """The words this edition adds, in the document's language."""
        return labels_of(self.doc)

    @cached_property
    def author_ids(self) -> frozenset[str]:
        """Every id the tree holds (a paragraph's ``author-id`` too): the ids the edition makes avoid them."""
        attrs = [a for n in iter_nodes(self.doc) if isinstance(a := getattr(n, "attr", None), Attr)]
        return frozenset(i for a in attrs for i in (a.id, a.get("author-id")) if i)

    # ------------------------------------------------------------ inlines
    def inlines(self, nodes) -> str:
        return "".join(self.inline(n) for n in nodes)

    def inline(self, node) -> str:
        method = getattr(self, "i_" + type(node).__name__, None)
        if method is None:
            self.warn(f"{type(node).__name__} inline is not supported by this writer; skipped")
            return ""
        return method(node)

    def i_Text(self, n: Text) -> str:
        return esc(n.text)

    def i_Emph(self, n: Emph) -> str:
        return f"<em>{self.inlines(n.children)}</em>"

    def i_Strong(self, n: Strong) -> str:
        return f"<strong>{self.inlines(n.children)}</strong>"

    def i_Code(self, n: Code) -> str:
        return f"<code>{esc(n.text)}</code>"

    def i_LineBreak(self, n: LineBreak) -> str:
        return "<br/>" if self.xhtml else "<br>"

    def i_Link(self, n: Link) -> str:
        url = safe_url(n.url)
        inner = self.inlines(n.children)
        if url is None:
            return inner
        title = f' title="{esc(n.title)}"' if n.title else ""
        return f'<a href="{esc(url)}"{title}>{inner}</a>'

    def _marks(self, attr, default: str = "\u201c\u201d") -> tuple[str, str]:
        marks = attr.get("marks") if attr else None
        if marks is None:
            return default[0], default[1]
        return (marks[0] if marks else "", marks[1] if len(marks) > 1 else "")

    def i_Quote(self, n: Quote) -> str:  # never <q>: without our CSS its marks would double the typed ones
        opening, closing = self._marks(n.attr)
        inner = self.inlines(n.children)
        if not self.annotate or not n.direct:  # an indirect one has no marks of its own
            return f"{esc(opening)}{inner}{esc(closing)}" if n.direct else inner
        person = self.doc.person(n.speaker) if n.speaker and speaker_named(self.doc, n.attr) else None
        attrs = ' class="quote"'
        if n.attr.id:
            attrs += f' id="{esc(n.attr.id)}"'
        if person:
            attrs += f' data-speaker="{esc(person.id)}"'  # no ``cite``: a span may not carry one
            if self.flavour == "screen":
                attrs += f' title="{esc(person.name)}{" (" + esc(n.cue) + ")" if n.cue else ""}"'
        return f"{esc(opening)}<span{attrs}>{inner}</span>{esc(closing)}"

    def i_Term(self, n: Term) -> str:
        opening, closing = self._marks(n.attr)
        return f'{esc(opening)}<span class="term">{self.inlines(n.children)}</span>{esc(closing)}'

    def i_Cite(self, n: Cite) -> str:
        inner = self.inlines(n.children)
        src = self.doc.source(n.source)
        if not self.annotate or src is None:
            return inner
        cid = f' id="{esc(n.attr.id)}"' if n.attr.id else ""
        return f'<a class="cite" href="#source-{esc(src.id)}"{cid}>{inner}</a>'

    def i_Abbr(self, n: Abbr) -> str:
        if n.title and self.annotate:
            return f'<abbr title="{esc(n.title)}">{esc(n.text)}</abbr>'
        return esc(n.text)

    def i_NoteRef(self, n: NoteRef) -> str:
        note = self.notes_by_id.get(n.note)
        if note is None:
            self.warn(f"note {n.note!r} is referenced but missing; skipped")
            return ""
        number = len(self.notes) + 1
        body = "".join(self.block(b) for b in note.blocks)
        self.notes.append((n.note, body))
        nid = esc(n.note)
        if self.flavour == "print":
            return f'<span class="footnote" id="fn-{nid}">{body}</span>'
        return f'<a class="noteref" role="doc-noteref" id="ref-{nid}" href="#fn-{nid}"><sup>{number}</sup></a>'

    def i_Span(self, n: Span) -> str:
        inner = self.inlines(n.children)
        attrs = self._attrs(n.attr)  # the author's id, lang and dir, annotated or not
        if self.annotate and n.attr.classes:
            classes = " ".join(c for c in n.attr.classes if c.replace("-", "").isalnum())
            data = "".join(f' data-{esc(k)}="{esc(v)}"' for k, v in n.attr.kv
                           if k.isalnum() and k not in ("lang", "dir"))
            return f'<span class="{classes}"{attrs}{data}>{inner}</span>'
        return f"<span{attrs}>{inner}</span>" if attrs else inner

    # ------------------------------------------------------------ blocks
    def blocks(self, nodes) -> str:
        return "\n".join(s for s in (self.block(b) for b in nodes) if s)

    def block(self, node) -> str:
        method = getattr(self, "b_" + type(node).__name__, None)
        if method is None:
            self.warn(f"{type(node).__name__} block is not supported by this writer; skipped")
            return ""
        return method(node)

    def _id(self, attr) -> str:
        return f' id="{esc(attr.id)}"' if attr.id else ""

    def b_Para(self, n: Para) -> str:
        link = ""
        if self.flavour == "screen" and n.attr.id:
            label = esc(self.labels.word("link-to-paragraph", n=n.attr.id[1:]))
            link = f'<a class="pilcrow" href="#{esc(n.attr.id)}" aria-label="{label}">¶</a>'
        return f"<p{self._attrs(n.attr)}>{self.author_anchor(n.attr)}{self.para_content(n.children)}{link}</p>"

    def b_Heading(self, n: Heading) -> str:
        level = min(max(n.level, 2), 6)  # h1 is the article title; the outline pass starts the body at 2
        return f"<h{level}{self._attrs(n.attr)}>{self.inlines(n.children)}</h{level}>"

    def b_BlockQuote(self, n: BlockQuote) -> str:
        cite = ""
        speaker = n.attr.get("speaker")
        if speaker and self.annotate and attribution_measured(self.doc.meta.language):
            cite = f' cite="#person-{esc(speaker)}"'
        return f"<blockquote{self._attrs(n.attr)}{cite}>\n{self.blocks(n.blocks)}\n</blockquote>"

    def b_ListBlock(self, n: ListBlock) -> str:
        tag = "ol" if n.ordered else "ul"
        items = "".join(f"<li>{self.blocks(item)}</li>" for item in n.items)
        attrs = self._attrs(n.attr)
        if n.ordered:
            if n.start != 1:
                attrs += f' start="{int(n.start)}"'
            if n.style in LIST_TYPES:  # the type attribute for readers without CSS, the class for the rest
                attrs += f' type="{LIST_TYPES[n.style]}" class="list-{n.style}"'
        return f"<{tag}{attrs}>{items}</{tag}>"

    def b_CodeBlock(self, n: CodeBlock) -> str:
        return f"<pre{self._attrs(n.attr)}><code>{esc(n.text)}</code></pre>"

    def b_Rule(self, n: Rule) -> str:
        return "<hr/>" if self.xhtml else "<hr>"

    def b_Note(self, n: Note) -> str:
        return ""  # rendered where referenced

    def b_Figure(self, n: Figure) -> str:
        url = self.image_url(n.src) if n.src else None
        if n.src and url is None:
            self.warn(missing_image_warning(n, self.missing_images))
        parts = []
        if n.caption:
            parts.append(f'<span class="caption">{self.inlines(n.caption)}</span>')
        if n.credit:
            parts.append(f'<span class="credit">{self.inlines(n.credit)}</span>')
        if not url:
            return self.figure_without_image(n, " ".join(parts))
        alt = "" if says_caption(n) else esc(n.alt or plain_text(n.caption))
        end = "/>" if self.xhtml else ">"
        img = f'<img src="{esc(url)}" alt="{alt}"{end}'
        cap = f"<figcaption>{' '.join(parts)}</figcaption>" if parts else ""
        return f'<figure{self._attrs(n.attr)} class="figure">{img}{cap}</figure>'

    def figure_without_image(self, n: Figure, caption: str) -> str:
        """No empty frame: a small "Image not included" line (with the image's description) over the caption
        (``note``), or the caption alone as a paragraph (``drop``); a figure with no words at all goes."""
        if self.missing_images == "drop":
            if not caption:
                return ""
            return f'<p{self._attrs(n.attr)} class="figure-caption">{caption}</p>'
        alt = "" if says_caption(n) else " ".join(n.alt.split())  # else the caption below says it again
        note = esc(self.labels.word("image-missing")) + (f": {esc(alt)}" if alt else "")
        cap = f"<figcaption>{caption}</figcaption>" if caption else ""
        return (f'<figure{self._attrs(n.attr)} class="figure no-image"><div class="image-missing">{note}</div>'
                f"{cap}</figure>")

    # ------------------------------------------------------------ article
    def header(self) -> str:
        m = self.doc.meta
        out = ["<header class=\"article-header\">"]
        if m.kicker:
            out.append(f'<p class="kicker">{esc(m.kicker)}</p>')
        out.append(f"<h1>{esc(m.title or self.labels.word('untitled'))}</h1>")
        if m.subtitle:
            out.append(f'<p class="dek">{esc(m.subtitle)}</p>')
        line = []
        if m.authors:
            line.append(f'<span class="byline">{esc(self.labels.byline(m.authors))}</span>')
        if m.date:
            line.append(f'<time datetime="{esc(m.date)}">{esc(self.labels.date(m.date))}</time>')
        if line:
            out.append(f'<p class="meta-line">{" · ".join(line)}</p>')
        out.append("</header>")
        return "\n".join(out)

    def sources_section(self) -> str:
        if not self.doc.sources:
            return ""
        items = []
        for s in self.doc.sources:
            label = esc(s.name) + (f" ({esc(s.abbrev)})" if s.abbrev and s.abbrev != s.name else "")
            if s.reference:
                label = esc(s.reference)
            url = safe_url(s.url) if s.url else None
            if url:
                label = f'<a href="{esc(url)}">{label}</a>'
            items.append(f'<li id="source-{esc(s.id)}">{label}</li>')
        role = ' epub:type="bibliography" role="doc-bibliography"' if self.xhtml else ' role="doc-bibliography"'
        return (f'<section class="sources" id="sources"{role}>\n<h2>{esc(self.sources_title())}</h2>\n'
                f'<ol>{"".join(items)}</ol>\n</section>')

    def sources_title(self) -> str:
        return sources_title(self.doc)

    def notes_section(self) -> str:
        if not self.notes or self.flavour == "print":
            return ""
        items = []
        for nid, body in self.notes:  # the EPUB's notes: EpubRenderer.notes_section
            back = f'<a href="#ref-{esc(nid)}" role="doc-backlink">↩</a>'
            items.append(f'<li id="fn-{esc(nid)}" role="doc-endnote">{body} {back}</li>')
        return (f'<section class="notes" role="doc-endnotes"><h2>{esc(self.labels.word("notes"))}</h2><ol>'
                + "".join(items) + "</ol></section>")

    def page_words(self) -> str:
        """The running foot's words ("Page" ... "of"), for print.css to set with ``string-set``."""
        if self.flavour != "print":
            return ""
        return (f' data-page-word="{esc(self.labels.word("page"))}"'
                f' data-page-of="{esc(self.labels.word("page-of"))}"')

    def body(self) -> str:
        return "\n".join(s for s in (self.abstract_section(), self.blocks(self.doc.blocks)) if s)

    def article(self) -> str:
        body = self.body()
        return "\n".join(s for s in (
            f'<article lang="{esc(self.doc.meta.language or "en")}"{self.page_words()}>', self.header(),
            '<div class="article-body">', body, "</div>", self.notes_section(), self.sources_section(),
            "</article>") if s)


def missing_image_warning(n: Figure, missing_images: str) -> str:
    """What a build says of a figure whose image is not there, and what the figure keeps (``--missing-images``)."""
    keeps = "a note and its caption"
    if missing_images == "drop":
        keeps = "its caption only" if n.caption or n.credit else "nothing: it is dropped (it has no caption)"
    if n.src.lower().startswith(("http://", "https://")):
        return (f"image {n.src!r} was not fetched (web images need --allow-network, and come only from "
                f"public addresses); the figure keeps {keeps}")
    return f"image {n.src!r} not found or not allowed; the figure keeps {keeps}"


def says_caption(n: Figure) -> bool:
    """Whether the caption already says what the alt text would (none, or the same words, credit or not):
    the image then gets ``alt=""`` and the figure its name from the figcaption, so it is read once."""
    cap, credit, alt = ("".join(c for c in plain_text(t).casefold() if c.isalnum())
                        for t in (n.caption, n.credit, (Text(n.alt or ""),)))
    return bool(cap) and alt in ("", cap, cap + credit)


def sources_title(doc: Document) -> str:
    """The reference list's heading: the author's own ("References", set by the reader), else "Sources"
    in the document's language."""
    return dict(doc.meta.extra).get("references-title") or labels_of(doc).word("sources")
