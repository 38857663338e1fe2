"""Renders the Timeline and the entity index panels of the annotated edition.

The timeline lists the document's dated events in date order, each linked to its paragraph; the
entity index lists people, organisations and places with their mention counts and a link to
every mention.
"""

from __future__ import annotations

import re
from collections import defaultdict

from toolkit.language.dates import find_dates
from toolkit.language.labels import Labels
from toolkit.tree.nodes import Document, Entity
from toolkit.writers.annotated.index import ArticleText, Mark
from toolkit.writers.annotated.panels import empty, excerpt, panel, where
from toolkit.writers.html.render import esc, labels_of

ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
KIND_HEADINGS = (("person", "people"), ("organization", "organisations"), ("place", "places"))  # labels' keys


def date_key(value: str) -> tuple:
    """Sort key: ISO dates in order (a year before its months), anything else at the end."""
    m = ISO.match(value.strip())
    if not m:
        return (1, value)
    return (0, int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0))


def display_date(value: str, labels: Labels | None = None) -> str:
    """An event's date as the document's language writes it: a day, a month of a year, or a year."""
    labels = labels or Labels("en")
    m = ISO.match(value.strip())
    if not m:
        return value
    year, month, day = m.groups()
    if day:
        return labels.date(value)
    if month and 1 <= int(month) <= 12:
        return labels.month(int(year), int(month))
    return year


def stated(sentence: str, value: str, limit: int = 240) -> str:
    """The event's sentence (shortened around its date when long) with the date's words in bold."""
    sentence = " ".join(sentence.split())
    where_ = next(((s, e) for s, e, v in find_dates(sentence) if v == value), None)
    if where_ is None:
        return esc(excerpt(sentence, limit))
    s, e = where_
    head, tail = sentence[:s], sentence[e:]
    if len(sentence) > limit:
        room = max(40, (limit - (e - s)) // 2)
        if len(head) > room:
            head = "…" + head[-room:].split(" ", 1)[-1]
        if len(tail) > room:
            tail = tail[:room].rsplit(" ", 1)[0].rstrip(",;:—–-") + "…"
    return f"{esc(head)}<strong>{esc(sentence[s:e])}</strong>{esc(tail)}"


def timeline_panel(doc: Document, at: ArticleText) -> str:
    words_of = labels_of(doc)
    blocks = {bid for bid, _, _ in at.blocks}
    events = sorted(enumerate(doc.events), key=lambda ie: (date_key(ie[1].date), ie[0]))
    items = []
    for _, ev in events:
        when = esc(display_date(ev.date, words_of))
        if ISO.match(ev.date.strip()):
            when = f'<time datetime="{esc(ev.date.strip())}">{when}</time>'
        text = stated(ev.text, ev.date.strip())
        if ev.block in blocks:
            text = (f'<a href="#{esc(ev.block)}">{text}</a> '
                    f'<span class="at" aria-hidden="true">{where(ev.block)}</span>')
        items.append(f'<li><p class="tl-date">{when}</p><p class="tl-text">{text}</p></li>')
    if not items:
        return panel("timeline", esc(words_of.word("timeline")), empty(words_of.word("no-events")))
    first, last = display_date(events[0][1].date, words_of), display_date(events[-1][1].date, words_of)
    intro = esc(words_of.word("timeline-intro", events=words_of.count(len(items), "dated-event"),
                              first=first, last=last))
    return panel("timeline", esc(words_of.word("timeline")), f'<ol class="timeline">{"".join(items)}</ol>', intro)


def _mentions(entity: Entity, marks: list[Mark], at: ArticleText) -> list[tuple[str, str]]:
    """(href, label) of each mention: entity spans when the text marks them, else paragraphs."""
    name = entity.name.casefold()
    found = [m for m in marks
             if (m.data.get("data-name") or m.exact).casefold() == name
             and (not m.data.get("data-kind") or m.data.get("data-kind") == entity.kind)]
    if found:
        return [(m.id, where(m.block)) for m in found]
    out = []
    for bid, start, end in at.blocks:
        if bid and name in at.text[start:end].casefold():
            out.append((bid, where(bid)))
    return out


def entities_panel(doc: Document, at: ArticleText) -> str:
    words_of = labels_of(doc)
    marks = at.of_kind("entity")
    by_kind: dict[str, list[Entity]] = defaultdict(list)
    for e in doc.entities:
        by_kind[e.kind if e.kind in dict(KIND_HEADINGS) else "other"].append(e)
    groups = []
    mentions_word = esc(words_of.word("mentions"))
    for kind, key in (*KIND_HEADINGS, ("other", "other-names")):
        heading = esc(words_of.word(key))
        rows = []
        for e in sorted(by_kind.get(kind, []), key=lambda e: (-e.mentions, e.name.casefold())):
            mentions = _mentions(e, marks, at)
            count = max(e.mentions, len(mentions))
            links = []
            seen: dict[str, int] = defaultdict(int)
            for href, label in mentions:
                seen[label] += 1
                text = label if seen[label] == 1 else f"{label}.{seen[label]}"
                links.append(f'<a href="#{esc(href)}">{text}</a>')
            rows.append(f'<li class="ent" data-name="{esc(e.name)}"><span class="ent-name">{esc(e.name)}</span> '
                        f'<span class="ent-count" title="{mentions_word}">{count}</span> '
                        f'<span class="ent-where">{" ".join(links)}</span></li>')
        if rows:
            groups.append(f'<div class="ent-group ent-{kind}"><h3>{heading}</h3>\n'
                          f'<ul class="ent-list">{"".join(rows)}</ul></div>')
    if not groups:
        return panel("entities", esc(words_of.word("index")), empty(words_of.word("no-names")))
    intro = esc(words_of.word("index-intro"))
    return panel("entities", esc(words_of.word("index")), f'<div class="ent-groups">{"".join(groups)}</div>', intro)
