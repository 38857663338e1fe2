"""Extends the shared HTML rendering with the annotation layers of the screen edition.

Quotes carry their speaker and a lettered sidenote (speaker, role, cue) placed after the block;
citations point at the numbered source; footnote calls alone are superscript numbers, so that the
three kinds of reference never read as one sequence; the first use of an abbreviation or term is a ``<dfn>``;
dates become ``<time>``; entity mentions keep their name and kind. Every annotated element gets
an id so that the panels, the Web Annotation export and the reader can point at it.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from toolkit.passes.dates import event_shown
from toolkit.passes.entities import entity_shown
from toolkit.passes.sources import source_shown
from toolkit.tree.nodes import Abbr, Cite, Document, Heading, Para, Quote, Span, Term
from toolkit.tree.walk import iter_nodes, plain_text, walk
from toolkit.writers.html.kinds import attr_html
from toolkit.writers.html.render import Renderer, esc

ID_PREFIX = {"quote": "q", "cite": "c", "term": "t", "entity": "e", "date": "d"}
DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def note_letter(number: int) -> str:
    """The mark of sidenote ``number``: a, b, ..., z, aa, ab, ... (footnote calls keep the numbers)."""
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


CREDIT_DASHES = ("\u2014", "\u2015", "\u2013 ", "-- ")


def with_credit_line(n, html: str) -> str:
    """A block quotation's last paragraph that opens with a dash ("— Ana Petrova (@handle) March 3")
    is its credit line: marked ``attribution`` so that it is set small and close under the words."""
    last = n.blocks[-1] if len(n.blocks) > 1 else None
    if not isinstance(last, Para) or not plain_text(last.children).lstrip().startswith(CREDIT_DASHES):
        return html
    at = html.rfind("<p", 0, html.rfind("</blockquote>"))
    if at < 0:
        return html
    end = html.index(">", at)
    tag = html[at:end]
    tag = tag.replace('class="', 'class="attribution ', 1) if 'class="' in tag else tag + ' class="attribution"'
    return html[:at] + tag + html[end:]


def slug(text: str) -> str:
    """An id-safe slug of ``text`` (ASCII letters, digits, hyphens)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _kind(node) -> str | None:
    if isinstance(node, Quote):
        return "quote" if node.direct else None
    if isinstance(node, Cite):
        return "cite"
    if isinstance(node, Term):
        return "term"
    if isinstance(node, Span):
        for cls in ("date", "entity"):
            if cls in node.attr.classes:
                return cls
    return None


def number_annotations(doc: Document) -> Document:
    """Give every quote, citation, term, date and entity mention without an id a fresh one."""
    used = {n.attr.id for n in iter_nodes(doc) if getattr(n, "attr", None) is not None and n.attr.id}
    counters = dict.fromkeys(ID_PREFIX, 0)

    def fresh(kind: str) -> str:
        while True:
            counters[kind] += 1
            cand = f"{ID_PREFIX[kind]}{counters[kind]}"
            if cand not in used:
                used.add(cand)
                return cand

    def visit(node):
        kind = _kind(node)
        if kind is None or node.attr.id:
            return None
        return dataclasses.replace(node, attr=node.attr.with_id(fresh(kind)))

    return walk(doc, visit)


def shown_registries(doc: Document) -> Document:
    """The document as the annotated edition shows its entities, sources and events: those below their
    pass's threshold (``entity_shown``, ``source_shown``, ``event_shown``) are left out of the panels,
    and their places in the text (citations, entity spans) become plain words. The JSON tree keeps them."""
    entities = tuple(e for e in doc.entities if entity_shown(e))
    sources = tuple(s for s in doc.sources if source_shown(s))
    events = tuple(e for e in doc.events if event_shown(e))
    if (len(entities), len(sources), len(events)) == (len(doc.entities), len(doc.sources), len(doc.events)):
        return doc
    kept_sources = {s.id for s in sources}
    held_entities = {(e.name, e.kind) for e in doc.entities} - {(e.name, e.kind) for e in entities}

    def unwrap(node):
        if isinstance(node, Cite) and node.source not in kept_sources and doc.source(node.source) is not None:
            return list(node.children)
        if isinstance(node, Span) and "entity" in node.attr.classes \
                and (node.attr.get("name"), node.attr.get("kind")) in held_entities:
            return list(node.children)
        return None

    doc = walk(doc, unwrap)
    return dataclasses.replace(doc, entities=entities, sources=sources, events=events)


def speaker_order(doc: Document) -> list[str]:
    """Speaker ids, most quoted first (then by words, then by first appearance)."""
    stats: dict[str, list] = {}
    seen_groups: set[str] = set()
    for pos, node in enumerate(iter_nodes(doc)):
        if not isinstance(node, Quote) or not node.direct or not doc.person(node.speaker or ""):
            continue
        entry = stats.setdefault(node.speaker, [0, 0, pos])
        group = node.attr.get("group")
        if not group or group not in seen_groups:
            entry[0] += 1
        if group:
            seen_groups.add(group)
        entry[1] += len(plain_text(node.children).split())
    return sorted(stats, key=lambda pid: (-stats[pid][0], -stats[pid][1], stats[pid][2]))


@dataclass
class AnnotatedRenderer(Renderer):
    """The ``screen`` flavour with annotation layers; with ``annotate=False`` it is the plain page."""

    pending: list[str] = field(default_factory=list)
    sidenote_count: int = 0
    abbr_count: int = 0
    seen_speakers: set[str] = field(default_factory=set)
    seen_groups: set[str] = field(default_factory=set)
    seen_terms: set[str] = field(default_factory=set)
    source_numbers: dict[str, int] = field(default_factory=dict)
    voice_class: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        if self.annotate:
            self.doc = shown_registries(self.doc)
        self.source_numbers = {s.id: i for i, s in enumerate(self.doc.sources, 1)}
        self.voice_class = {pid: f"v{i % 8 + 1}" for i, pid in enumerate(speaker_order(self.doc))}
        self.abbreviations = dict(self.doc.abbreviations)
        self.top_heading = min((n.level for n in iter_nodes(self.doc) if isinstance(n, Heading)), default=1)

    # ------------------------------------------------------------ blocks: flush sidenotes
    def block(self, node) -> str:
        html = super().block(node)
        if self.pending:
            html += "\n" + "\n".join(self.pending)
            self.pending.clear()
        return html

    def i_NoteRef(self, n) -> str:
        # the note's body is rendered here, inside the paragraph: the paragraph's sidenotes must wait
        saved, self.pending = self.pending, []
        try:
            return super().i_NoteRef(n)
        finally:
            self.pending = saved + self.pending

    def b_Para(self, n) -> str:
        pid = n.attr.id
        if not pid:
            return super().b_Para(n)
        number = pid[1:] if pid[:1] == "p" and pid[1:].isdigit() else ""
        label = esc(self.labels.word("paragraph-link", n=number) if number else self.labels.word("link-paragraph"))
        link = (f'<a class="pilcrow" href="#{esc(pid)}" aria-label="{label}" data-n="{number}">¶</a>')
        return f'<p{self._attrs(n.attr)}>{self.author_anchor(n.attr)}{self.para_content(n.children)}{link}</p>'

    def b_Heading(self, n: Heading) -> str:
        # the article's top heading level becomes h2 (h1 is the title), so no level is skipped
        level = min(max(n.level - self.top_heading + 2, 2), 6)
        return f"<h{level}{self._attrs(n.attr)}>{self.inlines(n.children)}</h{level}>"

    def notes_section(self) -> str:
        if not self.notes:
            return ""
        items = "".join(
            f'<li id="fn-{esc(nid)}">{body} <a href="#ref-{esc(nid)}" role="doc-backlink" '
            f'aria-label="{esc(self.labels.word("back-to-note", n=i))}">↩</a></li>'
            for i, (nid, body) in enumerate(self.notes, 1))
        heading = esc(self.labels.word("notes"))
        return (f'<section class="notes" role="doc-endnotes" aria-labelledby="notes-h"><h2 id="notes-h">{heading}</h2>'
                f"<ol>{items}</ol></section>")

    def b_BlockQuote(self, n) -> str:
        return with_credit_line(n, self._block_quote(n))

    def _block_quote(self, n) -> str:
        speaker = n.attr.get("speaker")
        person = self.doc.person(speaker) if speaker and self.annotate else None
        if person is None:
            return super().b_BlockQuote(n)
        bid = n.attr.id or f"bq-{len(self.seen_groups) + 1}"
        note = self._sidenote(person, n.attr.get("cue") or "", bid)
        voice = self.voice_class.get(person.id, "v0")
        inner = self.blocks(n.blocks)
        return (f'<blockquote id="{esc(bid)}"{attr_html(n.attr, with_id=False)} class="quote {voice}" cite="#person-{esc(person.id)}" '
                f'data-speaker="{esc(person.id)}">\n{inner}\n</blockquote>\n{note}')

    # ------------------------------------------------------------ inlines
    def i_Quote(self, n: Quote) -> str:
        if not self.annotate or not n.direct:
            return super().i_Quote(n)
        opening, closing = self._marks(n.attr)
        inner = self.inlines(n.children)
        person = self.doc.person(n.speaker) if n.speaker else None
        group = n.attr.get("group") or n.attr.id
        voice = self.voice_class.get(person.id, "v0") if person else "v0"
        attrs = f' class="quote {voice}"'
        if n.attr.id:
            attrs += f' id="{esc(n.attr.id)}"'
        if group:
            attrs += f' data-group="{esc(group)}"'
        ref = ""
        if person:
            attrs += f' data-speaker="{esc(person.id)}"'  # the sidenote links to the person; a span has no cite
            if group not in self.seen_groups:
                self.seen_groups.add(group)
                number = self.sidenote_count + 1
                self.pending.append(self._sidenote(person, n.cue, n.attr.id))
                label = esc(self.labels.word("who-said", n=number))
                ref = (f'<a class="sn-ref {voice}" href="#sn-{number}" id="snr-{number}" '
                       f'data-n="{number}" data-mark="{note_letter(number)}" aria-label="{label}"></a>')
        return f"{esc(opening)}<span{attrs}>{inner}</span>{esc(closing)}{ref}"

    def _sidenote(self, person, cue: str, anchor: str) -> str:
        self.sidenote_count += 1
        number = self.sidenote_count
        voice = self.voice_class.get(person.id, "v0")
        parts = [f'<a class="sn-speaker" href="#person-{esc(person.id)}">{esc(person.name)}</a>']
        if person.role and person.id not in self.seen_speakers:
            parts.append(f'<span class="sn-role">{esc(person.role)}</span>')
        self.seen_speakers.add(person.id)
        if cue:
            parts.append(f'<span class="sn-cue">{esc(cue)}</span>')
        return (f'<div class="sidenote {voice}" role="note" id="sn-{number}" data-for="{esc(anchor)}" '
                f'data-n="{number}" data-mark="{note_letter(number)}">{" ".join(parts)}</div>')

    def i_Cite(self, n: Cite) -> str:
        src = self.doc.source(n.source)
        if not self.annotate or src is None:
            return self.inlines(n.children)
        inner = self.inlines(n.children)
        number = self.source_numbers.get(src.id, 0)
        cid = f' id="{esc(n.attr.id)}"' if n.attr.id else ""
        label = esc(self.labels.word("source-n", n=number))
        if "<a " in inner:  # a citation that holds a link cannot itself be a link
            return (f'<span class="cite" data-source="{esc(src.id)}"{cid}>{inner}</span>'
                    f'<a class="cite-n" href="#source-{esc(src.id)}" data-n="{number}" '
                    f'aria-label="{label}"></a>')
        return (f'<a class="cite" href="#source-{esc(src.id)}" data-source="{esc(src.id)}" '
                f'data-n="{number}"{cid}>{inner}</a>')

    def i_Abbr(self, n: Abbr) -> str:
        title = n.title or self.abbreviations.get(n.text, "")
        if not self.annotate or not title:
            return super().i_Abbr(n)
        self.abbr_count += 1
        abbr = f'<abbr id="ab{self.abbr_count}" title="{esc(title)}">{esc(n.text)}</abbr>'
        key = "abbr:" + n.text
        if key in self.seen_terms:
            return abbr
        self.seen_terms.add(key)
        return f'<dfn class="gloss" id="gl-{esc(slug(n.text))}">{abbr}</dfn>'

    def i_Term(self, n: Term) -> str:
        if not self.annotate:
            return super().i_Term(n)
        opening, closing = self._marks(n.attr)
        inner = self.inlines(n.children)
        tid = f' id="{esc(n.attr.id)}"' if n.attr.id else ""
        key = "term:" + plain_text(n.children).strip().casefold()
        gloss = n.attr.get("gloss") or n.attr.get("title") or ""
        title = f' title="{esc(gloss)}"' if gloss else ""
        if gloss and key not in self.seen_terms and "<dfn" not in inner:  # a definition only where the text gives one
            self.seen_terms.add(key)
            return f'{esc(opening)}<dfn class="term"{tid}{title}>{inner}</dfn>{esc(closing)}'
        return f'{esc(opening)}<span class="term"{tid}{title}>{inner}</span>{esc(closing)}'

    def i_Span(self, n: Span) -> str:
        if not self.annotate or "date" not in n.attr.classes:
            return super().i_Span(n)
        value = n.attr.get("value") or n.attr.get("date") or ""
        inner = self.inlines(n.children)
        sid = f' id="{esc(n.attr.id)}"' if n.attr.id else ""
        if DATE_VALUE.match(value):
            return f'<time class="date"{sid} datetime="{esc(value)}">{inner}</time>'
        data = f' data-value="{esc(value)}"' if value else ""
        return f'<span class="date"{sid}{data}>{inner}</span>'
