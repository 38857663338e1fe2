"""Splits a paragraph into sentences by character offsets, treating quoted spans as unbreakable."""

from __future__ import annotations

import re

from toolkit.passes.speech.marks import Covering, Marked

# Words ending in a full stop that do not end a sentence.
ABBREVIATIONS = set("""
mr mrs ms dr prof sen rep gov gen lt col capt sgt cpl const det insp supt st jr sr no vs etc rev hon
jan feb mar apr jun jul aug sep sept oct nov dec ont que alta sask man calif fla mass wash ill inc corp co ltd
fig dept univ approx lbs lb oz kg km cm mm ft est mt ft ave blvd rd u.s u.k u.n e.g i.e a.m p.m b.c n.s n.b p.e.i nfld
""".split())

_END = re.compile(r"[.!?…]+[”\"’')\]]*(?=\s+[\"“‘'(\[]?\s?[A-Z0-9À-Þ])")


def _last_word(text: str, start: int, end: int) -> re.Match | None:
    """``re.search(r"([\\w.]+)\\.$", text[start:end])``, looking back at most 200 characters (a search
    over the whole slice cost its length at every full stop): a longer word is no abbreviation."""
    lo = max(start, end - 200)
    word = re.search(r"([\w.]+)\.$", text[lo:end])
    return None if word is None or (word.start() == 0 and lo > start) else word


def split_sentences(text: str, marked: list[Marked] = ()) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence; a boundary inside a quotation counts only at its close."""
    spans: list[tuple[int, int]] = []
    start = 0
    closed = Covering([q for q in marked if q.close])  # each boundary asks in log time, not of every quotation
    first_open = min((q.start for q in marked if not q.close), default=len(text))
    for m in _END.finditer(text):
        end = m.end()
        if closed.encloses(m.start(), m.end()):
            continue  # inside a closed quotation
        if first_open < m.start():
            continue
        word = _last_word(text, start, m.start() + 1)
        if m.group(0).startswith(".") and word:
            w = word.group(1).lower()
            if w in ABBREVIATIONS or re.fullmatch(r"[a-z]", w) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", w):
                continue
        spans.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text.rstrip()):
        spans.append((start, len(text.rstrip())))
    return spans
