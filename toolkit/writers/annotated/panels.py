"""Renders the Voices, Sources and Glossary panels of the annotated edition as plain sections.

Each panel is a ``<section>`` with a stable id that works without JavaScript; every entry links
back to its places in the text, and the text links forward to the entry.
"""

from __future__ import annotations

import re
from collections import defaultdict

from toolkit.tree.nodes import Document
from toolkit.writers.annotated.index import ArticleText, Mark, word_count
from toolkit.writers.annotated.render import slug
from toolkit.writers.html.render import esc, labels_of, safe_url

KINDS = ("outlet", "organization", "institution", "document", "person", "reference", "report")  # "kind-*" labels


def where(block: str) -> str:
    """A paragraph's short label: ``¶12`` for ``p12``."""
    if block.startswith("p") and block[1:].isdigit():
        return "¶" + block[1:]
    return "§"


def excerpt(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:—–-")
    return cut + "…"


def empty(sentence: str) -> str:
    """A panel's one sentence when it has nothing to list."""
    return f'<p class="empty">{esc(sentence)}</p>'


def panel(pid: str, title: str, body: str, intro: str = "", extra: str = "") -> str:
    intro_html = f'<p class="panel-intro">{intro}</p>' if intro else ""
    return (f'<section id="{pid}" class="panel panel-{pid}" aria-labelledby="{pid}-h"{extra}>\n'
            f'<h2 id="{pid}-h">{title}</h2>\n{intro_html}\n{body}\n</section>')


def share_bar(fraction: float, cls: str) -> str:
    """A horizontal bar drawn in SVG (no inline style, so it passes a strict CSP)."""
    width = max(0.0, min(100.0, fraction * 100))
    return (f'<svg class="share {cls}" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" '
            f'focusable="false"><rect class="track" width="100" height="6" rx="3"/>'
            f'<rect class="fill" width="{width:.1f}" height="6" rx="3"/></svg>')


# ------------------------------------------------------------------ voices
def _nested(marks: list[Mark]) -> set[int]:
    """ids of the marks that lie inside a longer mark: one sweep in start order (not all pairs)."""
    nested: set[int] = set()
    before = -1  # the furthest end of the marks that start strictly earlier
    ordered = sorted(marks, key=lambda m: (m.start, -m.end))
    i = 0
    while i < len(ordered):
        j = i
        while j < len(ordered) and ordered[j].start == ordered[i].start:
            j += 1
        widest = ordered[i].end  # the same start: only a longer one (a later end) contains another
        for m in ordered[i:j]:
            if before >= m.end or widest > m.end:
                nested.add(id(m))
        before = max(before, widest)
        i = j
    return nested


def quote_groups(at: ArticleText) -> list[list[Mark]]:
    """Top-level quotes in reading order; parts of one split quote form one group."""
    quotes = at.of_kind("quote")
    nested = _nested(quotes)
    top = [m for m in quotes if id(m) not in nested]
    groups: dict[str, list[Mark]] = {}
    for m in top:
        groups.setdefault(m.data.get("data-group") or m.id, []).append(m)
    return list(groups.values())


def voices_panel(doc: Document, at: ArticleText) -> str:
    words_of = labels_of(doc)
    groups = quote_groups(at)
    total_words = sum(word_count(m.exact) for g in groups for m in g) or 1
    by_speaker: dict[str, list[list[Mark]]] = defaultdict(list)
    for g in groups:
        pid = g[0].data.get("data-speaker", "")
        by_speaker[pid if doc.person(pid) else ""].append(g)
    order = sorted(by_speaker, key=lambda pid: (pid == "", -len(by_speaker[pid]),
                                                -sum(word_count(m.exact) for g in by_speaker[pid] for m in g),
                                                by_speaker[pid][0][0].start))
    items = []
    for pid in order:
        gs = by_speaker[pid]
        words = sum(word_count(m.exact) for g in gs for m in g)
        person = doc.person(pid) if pid else None
        voice = next((c for c in gs[0][0].data.get("class", "").split() if c[:1] == "v" and c[1:].isdigit()), "v0")
        name = esc(person.name) if person else esc(words_of.word("unattributed"))
        role = f'<p class="voice-role">{esc(person.role)}</p>' if person and person.role else ""
        if person and person.kind and person.kind != "person" and not person.role:
            role = f'<p class="voice-role">{esc(words_of.word("kind-" + person.kind) if person.kind in KINDS else person.kind)}</p>'
        share = words / total_words
        quotes = []
        for g in gs:
            text = " … ".join(m.exact for m in g)
            quotes.append(f'<li><a href="#{esc(g[0].id)}">“{esc(excerpt(text, 150))}” '
                          f'<span class="at">{where(g[0].block)}</span></a></li>')
        iid = f"person-{esc(pid)}" if person else "voice-unattributed"
        items.append(
            f'<li id="{iid}" class="voice {voice}">\n<h3>{name}</h3>{role}\n'
            f'<p class="voice-stats"><strong>{words_of.count(len(gs), "quote")}</strong> · '
            f'{esc(words_of.word("share-quoted", share=round(share * 100)))}</p>\n{share_bar(share, voice)}\n'
            f'<ol class="quote-list">{"".join(quotes)}</ol>\n</li>')
    if not items:
        return panel("voices", esc(words_of.word("voices")), empty(words_of.word("no-quotes")))
    speakers = len([p for p in order if p])
    intro = esc(words_of.word("voices-intro", speakers=words_of.count(speakers, "speaker"),
                              quotes=words_of.count(len(groups), "quote"),
                              words=words_of.count(total_words, "quoted-word")))
    return panel("voices", esc(words_of.word("voices")), f'<ol class="voices">{"".join(items)}</ol>', intro)


# ------------------------------------------------------------------ sources
def sources_panel(doc: Document, at: ArticleText) -> str:
    words_of = labels_of(doc)
    cites: dict[str, list[Mark]] = defaultdict(list)
    for m in at.of_kind("cite"):
        cites[m.data.get("data-source", "")].append(m)
    # an organisation quoted as a speaker is cited by its quotations (the edition shows who said them)
    speaking = {p.name: p.id for p in doc.people if p.kind == "organization"}
    for g in quote_groups(at):
        pid = g[0].data.get("data-speaker", "")
        for s in doc.sources:
            if speaking.get(s.name) == pid and pid:
                cites[s.id].append(g[0])
    items = []
    for number, s in enumerate(doc.sources, 1):
        name = esc(s.name)
        if s.abbrev and s.abbrev != s.name:
            name += f' <span class="src-abbrev">({esc(s.abbrev)})</span>'
        url = safe_url(s.url) if s.url else None
        if url and not url.startswith("#"):
            name = f'<a class="src-link" href="{esc(url)}">{name}</a>'
        kind = f'<span class="src-kind">{esc(words_of.word("kind-" + s.kind) if s.kind in KINDS else s.kind)}</span>' if s.kind else ""
        ref = f'<p class="src-ref">{esc(s.reference)}</p>' if s.reference else ""
        citing, seen = [], set()
        for m in sorted(cites.get(s.id, []), key=lambda m: m.start):
            sentence = at.sentence(m)
            if (m.block, sentence) in seen:
                continue  # one sentence that cites a source twice is listed once
            seen.add((m.block, sentence))
            citing.append(f'<li><a href="#{esc(m.id)}"><span class="at">{where(m.block)}</span> '
                          f'{esc(excerpt(sentence, 170))}</a></li>')
        count = len(cites.get(s.id, []))
        cited = esc(words_of.word("cited", times=words_of.count(count, "time")))
        uses = (f'<p class="src-uses">{cited}</p><ul class="citing">{"".join(citing)}</ul>'
                if citing else f'<p class="src-uses">{esc(words_of.word("not-cited"))}</p>')
        items.append(f'<li id="source-{esc(s.id)}" data-n="{number}">\n<p class="src-head">'
                     f'<span class="src-name">{name}</span> {kind}</p>{ref}\n{uses}\n</li>')
    if not items:
        return panel("sources", esc(words_of.word("sources")), empty(words_of.word("no-sources")))
    intro = esc(words_of.word("sources-intro", sources=words_of.count(len(items), "source")))
    return panel("sources", esc(words_of.word("sources")), f'<ol class="sources-list">{"".join(items)}</ol>', intro,
                 ' role="doc-bibliography"')


# ------------------------------------------------------------------ glossary
def term_words(text: str) -> str:
    """A term as a glossary lists it: spaces collapsed, no punctuation at its ends ("gas chamber." -> "gas chamber")."""
    return " ".join(text.split()).strip(".,;:!?…·-–— ")


def glossary_panel(doc: Document, at: ArticleText) -> str:
    words_of = labels_of(doc)
    abbrs: dict[str, list[Mark]] = defaultdict(list)
    expansions: dict[str, str] = dict(doc.abbreviations)
    for m in at.of_kind("abbr"):
        abbrs[m.exact].append(m)
        expansions.setdefault(m.exact, m.data.get("title", ""))
    rows = []
    for short in sorted(expansions, key=lambda k: (k.casefold(), k)):
        uses = abbrs.get(short, [])
        label = f'<abbr title="{esc(expansions[short])}">{esc(short)}</abbr>'
        if uses:
            label = f'<a href="#gl-{esc(slug(short))}">{label}</a>'
        # every time the text writes it, not only where it is marked (the first use)
        count = max(len(uses), len(re.findall(rf"(?<![\w/]){re.escape(short)}(?![\w/])", at.text)))
        first_in = words_of.word("first-in", uses=words_of.count(count, "use"), where=where(uses[0].block)) if uses else ""
        where_ = f' <span class="uses">{esc(first_in)}</span>' if uses else ""
        rows.append(f'<div class="gl-item"><dt>{label}</dt><dd>{esc(expansions[short])}{where_}</dd></div>')
    # a term is listed only with the definition the text gives it; its words without end punctuation
    terms: dict[str, list[Mark]] = {}
    for m in at.of_kind("term"):
        terms.setdefault(term_words(m.exact).casefold(), []).append(m)
    term_rows = []
    for _key, ms in sorted(terms.items()):
        first = next((m for m in ms if m.data.get("title")), None)
        if first is None or not term_words(first.exact):
            continue
        term_rows.append(
            f'<div class="gl-item"><dt><a href="#{esc(first.id)}">{esc(term_words(first.exact))}</a></dt>'
            f'<dd>{esc(first.data["title"])} <span class="uses">'
            f'{esc(words_of.word("in-marks", uses=words_of.count(len(ms), "use"), where=where(ms[0].block)))}'
            f'</span></dd></div>')
    body = []
    if rows:
        body.append(f'<h3>{esc(words_of.word("abbreviations"))}</h3>\n<dl class="glossary-list">{"".join(rows)}</dl>')
    if term_rows:
        body.append(f'<h3>{esc(words_of.word("terms"))}</h3>\n<dl class="glossary-list terms">{"".join(term_rows)}</dl>')
    if not body:
        return panel("glossary", esc(words_of.word("glossary")), empty(words_of.word("no-glossary")))
    intro = esc(words_of.word("glossary-intro"))
    return panel("glossary", esc(words_of.word("glossary")), "\n".join(body), intro)
