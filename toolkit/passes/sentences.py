"""Splits a paragraph into sentences by character offsets, treating quoted spans as unbreakable."""

from __future__ import annotations

import re

from toolkit.passes.speech.marks import Marked

# Words ending in a full stop that do not end a sentence.
ABBREVIATIONS = set("""
mr mrs ms dr prof sen rep gov gen lt col capt sgt cpl const det insp supt st jr sr no vs etc rev hon
jan feb mar apr jun jul aug sep sept oct nov dec ont que alta sask man calif fla mass wash ill inc corp co ltd
fig dept univ approx lbs lb oz kg km cm mm ft est mt ft ave blvd rd u.s u.k u.n e.g i.e a.m p.m b.c n.s n.b p.e.i nfld
""".split())

_END = re.compile(r"[.!?…]+[”\"’')\]]*(?=\s+[\"“‘'(\[]?\s?[A-Z0-9À-Þ])")


def split_sentences(text: str, marked: list[Marked] = ()) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence; a boundary inside a quotation counts only at its close."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        if any(q.start < m.start() and m.end() < q.end - 0 and q.close for q in marked):
            continue  # inside a closed quotation
        if any(q.start < m.start() and not q.close for q in marked):
            continue
        word = re.search(r"([\w.]+)\.$", text[start:m.start() + 1])
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
