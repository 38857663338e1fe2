"""Finds abbreviations and their expansions ("Northwind Wire Service (NWS)", CRP for the Coastal Rail Project).

The expansions go to ``Document.abbreviations``; the first use of each abbreviation in the body
becomes ``Abbr(text, title=expansion)``.
"""

from __future__ import annotations

import dataclasses
import re

from toolkit.options import Context
from toolkit.passes.inline_spans import iter_paragraphs, map_paragraphs, wrap_range
from toolkit.tree.nodes import Abbr, Document, Para
from toolkit.tree.walk import iter_nodes, plain_text

ACRONYM = r"[A-Z][A-Za-z]*[A-Z](?:/[A-Z]+)?s?|[A-Z]{2,}(?:/[A-Z]{2,})?"
SMALL = {"of", "and", "the", "for", "in", "on", "to", "a", "an", "&", "at", "de", "du", "des", "la", "le"}
WORD = r"[A-Z][\w’'\-]*"
PHRASE = rf"{WORD}(?:(?:\s+|/|-)(?:(?:of|and|the|for|on|in|to|at|&|de)\s+)*{WORD})+"
PAREN_AFTER = re.compile(rf"(?P<long>{PHRASE})\s*\((?P<short>{ACRONYM})\)")
PAREN_BEFORE = re.compile(rf"\b(?P<short>{ACRONYM})\s*\((?P<long>{PHRASE})\)")
TOKEN = re.compile(rf"(?<![\w/])(?:{ACRONYM})(?![\w/])")
COMMON = {"OK", "TV", "CEO", "CFO", "COO", "AM", "PM", "GDP", "DNA", "USD", "CAD", "US", "UK", "ID", "PhD", "MP",
          "MPs", "MPP", "MLA", "IT", "PR", "HR", "FAQ", "PDF", "RSVP", "II", "III", "IV", "VS"}


def _letters(abbrev: str) -> str:
    return re.sub(r"[^A-Z]", "", abbrev.rstrip("s") if abbrev.endswith("s") and abbrev[:-1].isupper()
                  else abbrev)


def _initials(words: list[str]) -> str:
    out = ""
    for w in words:
        if w.lower() in SMALL:
            continue
        out += w[0].upper()
        # "Europe/Radio": both halves count
    return out


def _words(phrase: str) -> list[str]:
    return [w for w in re.split(r"[\s/\-]+", phrase) if w]


def match_expansion(long: str, short: str) -> str | None:
    """The tail of ``long`` whose initials spell ``short`` ("… the Baltic Ferry Operators Association")."""
    letters = _letters(short)
    words = long.split()
    for k in range(len(words)):
        cand = " ".join(words[k:])
        if words[k].lower() in SMALL:
            continue
        if _initials(_words(cand)) == letters:
            return cand
    return None


def find_abbreviations(texts: list[str]) -> dict[str, str]:
    """{abbreviation: expansion}, from parentheses first, then from phrases elsewhere in the text."""
    found: dict[str, str] = {}
    whole = "\n\n".join(texts)
    for m in PAREN_AFTER.finditer(whole):
        exp = match_expansion(m.group("long"), m.group("short"))
        if exp:
            found.setdefault(m.group("short"), exp)
    for m in PAREN_BEFORE.finditer(whole):
        if _initials(_words(m.group("long"))) == _letters(m.group("short")):
            found.setdefault(m.group("short"), m.group("long"))
    phrases = list(dict.fromkeys(p.group(0) for p in re.finditer(PHRASE, whole)))  # distinct, in order
    tried: set[str] = set()  # each token once: its search over the phrases ends the same way every time
    for m in TOKEN.finditer(whole):
        short = m.group(0)
        if short in found or short in tried or short in COMMON or len(_letters(short)) < 2 or len(_letters(short)) > 6:
            continue
        tried.add(short)
        letters = _letters(short)
        for p in phrases:
            words = p.split()
            if words[0] in ("The", "A", "An", "In", "On", "At", "By", "For", "From", "As", "When", "While"):
                words = words[1:]
            exp = next((" ".join(words[:k]) for k in range(len(words), 1, -1)
                        if words[k - 1].lower() not in SMALL
                        and _initials(_words(" ".join(words[:k]))) == letters), None)
            if exp:
                found[short] = exp
                break
    return found


def mark_abbreviations(doc: Document, ctx: Context) -> Document:
    paras = list(iter_paragraphs(doc.blocks))
    texts = [plain_text(p.children) for p, _ in paras if isinstance(p, Para)]
    found = find_abbreviations(texts)
    if not found or any(isinstance(n, Abbr) for n in iter_nodes(doc)):
        return doc if not found else dataclasses.replace(
            doc, abbreviations=tuple(dict.fromkeys([*doc.abbreviations, *found.items()])))
    pending = dict(found)

    def apply(para: Para, k: int) -> Para:
        if not pending:
            return para
        text = plain_text(para.children)
        children = para.children
        hits = []
        for m in TOKEN.finditer(text):
            if m.group(0) in pending:
                hits.append((m.start(), m.end(), m.group(0)))
                pending.pop(m.group(0))
        for s, e, short in sorted(hits, reverse=True):
            title = found[short]
            children = wrap_range(children, s, e, lambda ch, t=title, a=short: Abbr(a, t))
        return dataclasses.replace(para, children=children)

    doc = map_paragraphs(doc, apply)
    pairs = tuple(dict.fromkeys([*doc.abbreviations, *found.items()]))
    return dataclasses.replace(doc, abbreviations=pairs)
