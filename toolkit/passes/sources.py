"""Finds the sources an article cites ("NWS reported", "told The Courier", "according to X", "a statement
from the Transport Ministry") and links each citing mention to one Source record through a Cite node.

Organisations that speak in quotations (the ``speakers`` pass) are sources too. Abbreviations are
merged with their expansions, so "Northwind Wire Service (NWS)" and "NWS" are one source.

An epigraph (a quotation set before the article's first paragraph, its author on a dash line) is the
author's choice of words to open with, not reporting: nothing in it is a source.

Each source carries the ``rule`` that found it (the strongest: "reported-by", "told-x", ...) and its
``confidence`` (``RULES``, capped by what the name's shape says); the editions list a source at or above
``SHOW_SOURCE``, the JSON tree keeps every one.
"""

from __future__ import annotations

import dataclasses
import re

from toolkit.language.names import ORG_WORDS
from toolkit.options import Context
from toolkit.passes.abbreviations import find_abbreviations
from toolkit.passes.inline_spans import iter_paragraphs, map_paragraphs, wrap_range
from toolkit.passes.mentions import classify
from toolkit.tree.nodes import Block, BlockQuote, Cite, Document, Figure, Heading, Para, Quote, Source
from toolkit.tree.walk import iter_nodes, plain_text

# A name: capitalised words with small words between. Bounded (nine words of up to 41 characters, each
# taken whole) and possessive where nothing is given back, so that a name can start at every capital of
# a long run of capitals and still cost a bounded amount per start: the patterns scan in linear time.
NAME = (r"(?:The\s++)?[A-Z][\w’'&.\-]{0,40}+(?:(?:\s++|/)(?:(?:of|and|for|the|on)\s++)*+[A-Z][\w’'&.\-]{0,40}+){0,8}"
        r"(?:\s+\([A-Z/&]{2,}\))?")
PATTERNS = [  # (the rule's name, its pattern)
    ("x-reported", re.compile(rf"(?P<name>{NAME})(?:’s|'s)?(?:\s++[a-z]++){{0,2}}\s++(?:has\s++|had\s++)?(?:reported|reports|carried|"
               rf"published|revealed|broke|obtained|cited|found|estimated)\b")),
    ("reported-by", re.compile(rf"\b(?:reported|carried|published|revealed|first reported|cited)\s+by\s+(?:the\s+)?(?P<name>{NAME})")),
    ("according-to", re.compile(rf"\b[Aa]ccording\s+to\s+(?:a\s+|the\s+)?(?:(?:new\s+|recent\s+)?(?:report|statement|data|figures|"
               rf"study|survey|release|analysis|documents?)\s+(?:from|by|in|of|released\s+by)\s+(?:the\s+)?)?"
               rf"(?P<name>{NAME})")),
    ("told-x", re.compile(rf"\b(?:told|tells|telling|speaking\s+to|spoke\s+to|said\s+to|wrote\s+in|writing\s+in|"
               rf"in\s+an?\s+interview\s+with)\s+(?P<name>{NAME})")),
    ("statement-from", re.compile(rf"\b(?:a|the|in\s+a|in\s+the)\s+(?:statement|report|release|news\s+release|study|survey|letter|"
               rf"press\s+release)\s+(?:from|by|of|issued\s+by|released\s+by)\s+(?:the\s+)?(?P<name>{NAME})")),
    ("x-said-in-statement", re.compile(rf"(?P<name>{NAME})\s+(?:said|says|wrote|writes)\s+in\s+(?:a|an|its)\s+(?:statement|report|"
               rf"release|news\s+release|post|blog\s+post|email)")),
]
# How sure each rule makes a source: reasoned from what each pattern can catch by mistake (a subject
# before "found" or "estimated" is often no source; an organisation quoted is one, but the speakers pass
# names groups too), checked on bench/panels.py's judged sample, not fitted to it.
RULES: dict[str, float] = {
    "reported-by": 0.9, "according-to": 0.85, "told-x": 0.85, "statement-from": 0.85,
    "x-said-in-statement": 0.85, "x-reported": 0.75, "speaker": 0.7,
    "single-word": 0.4,   # one plain word, neither an acronym nor an outlet's or organisation's word
    "description": 0.3,   # only small words after the first: a description ("The regional council"), not a name
}
SHOW_SOURCE = 0.6  # the editions' threshold (the sources panel, the numbered citations, the JSON-LD)
# A dash line that signs an epigraph or a block quotation: "— Ana Petrova, Winter Notes", "-- Tomasz Wójcik".
SIGNATURE = re.compile(r"(?:^|\s)(?:—|―|–|-{2,3})\s*(?P<who>[A-Z][^—―–\n]{1,150})$")
# A full stop after a lower-case word, then a capital: two sentences, never one name ("U.S." and "J." are kept).
SENTENCE_BREAK = re.compile(r"(?<=[a-z]{2})\.\s+(?=[A-Z])")
OUTLET_WORDS = {"Press", "News", "Times", "Post", "Journal", "Herald", "Gazette", "Star", "Globe", "Mail",
                "Tribune", "Radio", "Television", "TV", "Network", "Broadcasting", "Media", "Magazine", "Review",
                "Telegraph", "Guardian", "Reuters", "Economist", "Service", "Agency", "Wire", "CBC",
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


def _shape_cap(name: str) -> str:
    """A weak rule the name's own shape imposes, or ""."""
    words = re.split(r"[\s/]+", name)
    if not any(w[:1].isupper() for w in words[1:]) and any(w[:1].islower() for w in words):
        return "description"  # "The regional council": no capital after the first word
    if len(words) == 1 and not re.fullmatch(r"[A-Z/&]{2,}", name) and name not in OUTLET_WORDS \
            and (name.endswith("s") or name in ORG_WORDS):
        return "single-word"  # "Police", "Residents": who, unnamed
    return ""


def source_confidence(rules: set[str], name: str) -> tuple[str, float]:
    """The strongest rule that found the source and its confidence, capped by the name's shape."""
    best = max(rules, key=lambda r: RULES.get(r, 0.5), default="speaker")
    cap = _shape_cap(name)
    if cap and RULES[cap] < RULES.get(best, 0.5):
        return cap, RULES[cap]
    return best, RULES.get(best, 0.5)


def source_shown(source: Source, threshold: float = SHOW_SOURCE) -> bool:
    """Whether an edition lists ``source``: at or above ``threshold``; one with no confidence (an older tree,
    a bibliography reference) always."""
    try:
        return not source.confidence or float(source.confidence) >= threshold
    except ValueError:
        return False


def _signed(block: Block) -> bool:
    """A block that ends with a dash line naming its author ("— Ana Petrova, *Winter Notes*")."""
    if isinstance(block, BlockQuote):
        return bool(block.blocks) and _signed(block.blocks[-1])
    if isinstance(block, Para):
        text = plain_text(block.children).strip()
        return bool(SIGNATURE.search(text)) and len(text.split()) <= 80
    return False


def epigraph_paragraphs(blocks: tuple[Block, ...]) -> set[int]:
    """Indices (as ``map_paragraphs`` counts them) of the paragraphs of the article's epigraphs: a block
    quotation marked ``epigraph``, or the quotations and signed paragraphs set before the first paragraph
    of the text (headings and figures may come first)."""
    out: set[int] = set()
    k = 0
    opening = True
    for b in blocks:
        n = sum(1 for _ in iter_paragraphs((b,)))
        if (isinstance(b, BlockQuote) and ("epigraph" in b.attr.classes or opening)) \
                or (opening and isinstance(b, Para) and _signed(b)):
            out.update(range(k, k + n))
        elif not isinstance(b, (Heading, Figure)):
            opening = False
        k += n
    return out


def find_citations(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each source named as a source in ``text``."""
    return [(s, e, name) for s, e, name, _ in find_cited(text)]


def find_cited(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, name, rule) of each source named as a source in ``text``."""
    out: list[tuple[int, int, str, str]] = []
    for rule, pattern in PATTERNS:
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
            out.append((s, s + len(name), name, rule))
    out.sort()
    dedup: list[tuple[int, int, str, str]] = []
    for found in out:
        if dedup and found[0] < dedup[-1][1]:
            continue
        dedup.append(found)
    return dedup


def collect_sources(doc: Document, ctx: Context) -> Document:
    paras = [p for p, _ in iter_paragraphs(doc.blocks) if isinstance(p, Para)]
    texts = [plain_text(p.children) for p in paras]
    abbrevs = dict(doc.abbreviations) or find_abbreviations(texts)
    expand = {short: long for short, long in abbrevs.items()}
    shorten = {long: short for short, long in abbrevs.items()}
    records: dict[str, Source] = {s.name: s for s in doc.sources}
    evidence: dict[str, set[str]] = {}
    epigraph = epigraph_paragraphs(doc.blocks)

    def source_for(name: str, rule: str) -> Source:
        full = expand.get(name, name)
        if full.startswith("The ") and classify(full[4:]) == "organization":
            full = full[4:]  # "The Northern Wire Service" is the Northern Wire Service; "The Harbourer" stays
        key = full
        if key not in records:
            sid = "src-" + (re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")[:40] or str(len(records) + 1))
            records[key] = Source(sid, key, shorten.get(key, ""), _kind(key))
        evidence.setdefault(key, set()).add(rule)
        return records[key]

    def apply(para: Para, k: int) -> Para:
        if k in epigraph or any(isinstance(n, Cite) for n in iter_nodes(para)):
            return para  # an epigraph cites nothing; a Cite: already cited (a tree read back)
        text = plain_text(para.children)
        children = para.children
        for s, e, name, rule in reversed(find_cited(text)):
            src = source_for(name, rule)
            children = wrap_range(children, s, e, lambda ch, sid=src.id: Cite(ch, sid))
        return dataclasses.replace(para, children=children)

    doc = map_paragraphs(doc, apply)
    only_in_epigraph = _epigraph_speakers(doc.blocks, epigraph)
    for person in doc.people:  # organisations quoted as speakers (not only in an epigraph) are cited sources too
        if person.kind == "organization" and person.name[:1].isupper() and person.id not in only_in_epigraph:
            source_for(person.name, "speaker")
    sources = []
    for s in records.values():
        if s.confidence or s.kind == "reference":
            sources.append(s)  # a tree read back, or a bibliography's reference: as it was
            continue
        rule, conf = source_confidence(evidence.get(s.name, set()), s.name)
        sources.append(dataclasses.replace(s, rule=rule, confidence=f"{conf:.2f}"))
    return dataclasses.replace(doc, sources=tuple(sources))


def _epigraph_speakers(blocks: tuple[Block, ...], epigraph: set[int]) -> set[str]:
    """Ids of the speakers quoted in an epigraph and nowhere else."""
    inside: set[str] = set()
    outside: set[str] = set()
    for k, (para, _) in enumerate(iter_paragraphs(blocks)):
        (inside if k in epigraph else outside).update(
            n.speaker for n in iter_nodes(para) if isinstance(n, Quote) and n.speaker)
    return inside - outside
