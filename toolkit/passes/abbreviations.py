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
# A capitalised phrase: capitalised words joined by spaces, slashes or hyphens, with small words between
# ("Ferry Operators of the North"). Matched without backtracking: a word takes its hyphens whole
# (possessive), so "Aa-Bb-Cc-…" has one reading instead of 2^n, and a run of spaces is taken whole;
# a hyphenated word counts as two words ("Austro-Hungarian"), which ``_two_words`` checks.
WORD_RUN = r"[A-Z][\w’'\-]*+"
PHRASE_RUN = re.compile(rf"{WORD_RUN}(?:(?:\s++|/)(?:(?:of|and|the|for|on|in|to|at|&|de)\s++)*+{WORD_RUN})*+")
PAREN_SHORT = re.compile(rf"\((?P<short>{ACRONYM})\)")
PAREN_BEFORE = re.compile(rf"\b(?P<short>{ACRONYM})\s*+\((?P<long>{PHRASE_RUN.pattern})\)")
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


def _two_words(phrase: str) -> bool:
    """At least two capitalised words, as a phrase needs ("Austro-Hungarian" is two)."""
    return len(re.findall(r"(?:^|[\s/-])[A-Z]", phrase)) >= 2


def match_expansion(long: str, short: str) -> str | None:
    """The tail of ``long`` whose initials spell ``short`` ("… the Baltic Ferry Operators Association").

    The longest such tail; only the last words are tried, as far as they have no more initials than
    ``short`` has letters (a phrase of thousands of capitalised words costs no more than a short one)."""
    letters = _letters(short)
    words = long.split()
    best, tail = None, ""
    for k in range(len(words) - 1, -1, -1):
        tail = _initials(_words(words[k])) + tail
        if len(tail) > len(letters):
            break
        if words[k].lower() not in SMALL and tail == letters:
            best = " ".join(words[k:])
    return best


def _phrases(whole: str) -> list[re.Match]:
    """The capitalised phrases of ``whole`` (of two words or more), in one pass without backtracking."""
    return [m for m in PHRASE_RUN.finditer(whole) if _two_words(m.group(0))]


def _paren_after(whole: str, phrases: list[re.Match]):
    """(long, short) for each "Long Phrase (LP)": a phrase, spaces at most, then an acronym in brackets."""
    by_end = {m.end(): m.group(0) for m in phrases}
    for m in PAREN_SHORT.finditer(whole):
        q = m.start()
        while q > 0 and whole[q - 1].isspace():
            q -= 1
        if q in by_end:
            yield by_end[q], m.group("short")


def _by_initials(phrases: list[str]) -> dict[str, str]:
    """{initials: expansion}: for each phrase in order (a leading article dropped), its longest opening
    words ending in a word that is not small, keyed by their initials (up to six letters, as tokens)."""
    index: dict[str, str] = {}
    for p in phrases:
        words = p.split()
        if words[0] in ("The", "A", "An", "In", "On", "At", "By", "For", "From", "As", "When", "While"):
            words = words[1:]
        prefix, keys = "", []
        for k, w in enumerate(words, 1):
            prefix += _initials(_words(w))
            if len(prefix) > 6:
                break
            if k >= 2 and w.lower() not in SMALL:
                keys.append((prefix, k))
        seen: set[str] = set()
        for key, k in reversed(keys):  # the longest opening with these initials
            if key not in seen:
                seen.add(key)
                index.setdefault(key, " ".join(words[:k]))
    return index


def find_abbreviations(texts: list[str]) -> dict[str, str]:
    """{abbreviation: expansion}, from parentheses first, then from phrases elsewhere in the text.

    Linear in the text: phrases are found once, without backtracking, and each acronym in brackets
    looks back over spaces for a phrase ending there (long runs of spaces or capitals cost no more)."""
    found: dict[str, str] = {}
    whole = "\n\n".join(texts)
    matches = _phrases(whole)
    for long, short in _paren_after(whole, matches):
        exp = match_expansion(long, short)
        if exp:
            found.setdefault(short, exp)
    for m in PAREN_BEFORE.finditer(whole):
        if _two_words(m.group("long")) and _initials(_words(m.group("long"))) == _letters(m.group("short")):
            found.setdefault(m.group("short"), m.group("long"))
    index = _by_initials(list(dict.fromkeys(m.group(0) for m in matches)))  # distinct, in order
    for m in TOKEN.finditer(whole):
        short = m.group(0)
        if short in found or short in COMMON or len(_letters(short)) < 2 or len(_letters(short)) > 6:
            continue
        if _letters(short) in index:
            found[short] = index[_letters(short)]
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
