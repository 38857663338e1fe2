"""Finds the sources an article cites ("NWS reported", "told The Courier", "according to X", "a statement
from the Transport Ministry") and links each citing mention to one Source record through a Cite node.

Organisations that speak in quotations (the ``speakers`` pass) are sources too. Abbreviations are
merged with their expansions, so "Northwind Wire Service (NWS)" and "NWS" are one source.
"""

from __future__ import annotations

import dataclasses
import re

from toolkit.language.names import ORG_WORDS
from toolkit.options import Context
from toolkit.passes.abbreviations import find_abbreviations
from toolkit.passes.inline_spans import iter_paragraphs, map_paragraphs, wrap_range
from toolkit.passes.mentions import classify
from toolkit.tree.nodes import Cite, Document, Para, Source
from toolkit.tree.walk import iter_nodes, plain_text

NAME = r"(?:The\s+)?[A-Z][\w’'&.\-]*(?:(?:\s+|/)(?:(?:of|and|for|the|on)\s+)*[A-Z][\w’'&.\-]*)*(?:\s+\([A-Z/&]{2,}\))?"
PATTERNS = [
    re.compile(rf"(?P<name>{NAME})(?:’s|'s)?(?:\s+[a-z]+){{0,2}}\s+(?:has\s+|had\s+)?(?:reported|reports|carried|"
               rf"published|revealed|broke|obtained|cited|found|estimated)\b"),
    re.compile(rf"\b(?:reported|carried|published|revealed|first reported|cited)\s+by\s+(?:the\s+)?(?P<name>{NAME})"),
    re.compile(rf"\b[Aa]ccording\s+to\s+(?:a\s+|the\s+)?(?:(?:new\s+|recent\s+)?(?:report|statement|data|figures|"
               rf"study|survey|release|analysis|documents?)\s+(?:from|by|in|of|released\s+by)\s+(?:the\s+)?)?"
               rf"(?P<name>{NAME})"),
    re.compile(rf"\b(?:told|tells|telling|speaking\s+to|spoke\s+to|said\s+to|wrote\s+in|writing\s+in|"
               rf"in\s+an?\s+interview\s+with)\s+(?P<name>{NAME})"),
    re.compile(rf"\b(?:a|the|in\s+a|in\s+the)\s+(?:statement|report|release|news\s+release|study|survey|letter|"
               rf"press\s+release)\s+(?:from|by|of|issued\s+by|released\s+by)\s+(?:the\s+)?(?P<name>{NAME})"),
    re.compile(rf"(?P<name>{NAME})\s+(?:said|says|wrote|writes)\s+in\s+(?:a|an|its)\s+(?:statement|report|"
               rf"release|news\s+release|post|blog\s+post|email)"),
]
# A full stop after a lower-case word, then a capital: two sentences, never one name ("U.S." and "J." are kept).
SENTENCE_BREAK = re.compile(r"(?<=[a-z]{2})\.\s+(?=[A-Z])")
OUTLET_WORDS = {"Press", "News", "Times", "Post", "Journal", "Herald", "Gazette", "Star", "Globe", "Mail",
                "Tribune", "Radio", "Television", "TV", "Network", "Broadcasting", "Media", "Magazine", "Review",
                "Telegraph", "Guardian", "Reuters", "Diplomat", "Economist", "Service", "Agency", "Wire", "CBC",
                "CTV", "BBC", "CNN", "AP", "AFP", "NPR", "Bloomberg"}
DOCUMENT_WORDS = {"Report", "Statement", "Study", "Survey", "Concept", "Act", "Charter", "Plan", "Strategy"}


def _kind(name: str) -> str:
    words = set(re.split(r"[\s/]+", name))
    if words & OUTLET_WORDS or (name.startswith("The ") and classify(name[4:]) != "person"):
        return "outlet"
    if words & DOCUMENT_WORDS:
        return "document"
    if words & ORG_WORDS or re.fullmatch(r"[A-Z/&]{2,}", name):
        return "institution"
    return "person" if classify(name) == "person" else "institution"


def _clean(name: str) -> str:
    name = re.sub(r"\s+\([A-Z/&]{2,}\)$", "", name)
    name = re.sub(r"(?:’s|'s)$", "", name).rstrip(".")
    return name


def find_citations(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each source named as a source in ``text``."""
    out: list[tuple[int, int, str]] = []
    for pattern in PATTERNS:
        for m in pattern.finditer(text):
            raw = m.group("name")
            base = m.start("name")
            parts = SENTENCE_BREAK.split(raw)
            if len(parts) > 1:  # "India. The World Health Organization reported": the name is one sentence's
                part = parts[-1] if m.start() == m.start("name") else parts[0]
                base += raw.rfind(part) if part is parts[-1] else 0
                raw = part
            name = _clean(raw)
            first = name.split()[0] if name.split() else ""
            if not name or first in ("It", "He", "She", "They", "We", "I", "This", "That", "In", "On", "By",
                                     "A", "An", "But", "And", "As", "When", "While", "After", "Before"):
                continue
            kind = classify(name[4:] if name.startswith("The ") else name)
            if kind == "place" or (kind == "person" and "told" in m.group(0)):
                continue
            if kind == "other" and not name.startswith("The ") and not (set(name.split()) & OUTLET_WORDS):
                continue
            s = base + (raw.find(name) if raw.find(name) >= 0 else 0)
            out.append((s, s + len(name), name))
    out.sort()
    dedup: list[tuple[int, int, str]] = []
    for s, e, n in out:
        if dedup and s < dedup[-1][1]:
            continue
        dedup.append((s, e, n))
    return dedup


def collect_sources(doc: Document, ctx: Context) -> Document:
    paras = [p for p, _ in iter_paragraphs(doc.blocks) if isinstance(p, Para)]
    texts = [plain_text(p.children) for p in paras]
    abbrevs = dict(doc.abbreviations) or find_abbreviations(texts)
    expand = {short: long for short, long in abbrevs.items()}
    shorten = {long: short for short, long in abbrevs.items()}
    records: dict[str, Source] = {s.name: s for s in doc.sources}

    def source_for(name: str) -> Source:
        full = expand.get(name, name)
        if full.startswith("The ") and classify(full[4:]) == "organization":
            full = full[4:]  # "The Northern Wire Service" is the Northern Wire Service; "The Diplomat" stays
        key = full
        if key not in records:
            sid = "src-" + (re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")[:40] or str(len(records) + 1))
            records[key] = Source(sid, key, shorten.get(key, ""), _kind(key))
        return records[key]

    def apply(para: Para, k: int) -> Para:
        if any(isinstance(n, Cite) for n in iter_nodes(para)):
            return para  # already cited (a tree read back)
        text = plain_text(para.children)
        children = para.children
        for s, e, name in reversed(find_citations(text)):
            src = source_for(name)
            children = wrap_range(children, s, e, lambda ch, sid=src.id: Cite(ch, sid))
        return dataclasses.replace(para, children=children)

    doc = map_paragraphs(doc, apply)
    for person in doc.people:  # organisations quoted as speakers are cited sources too
        if person.kind == "organization" and person.name[:1].isupper():
            source_for(person.name)
    return dataclasses.replace(doc, sources=tuple(records.values()))
