"""Finds the tables in scraped text: runs of lines with the same number of evident columns.

A column is evident when short cells are separated by a tab or by two or more spaces; three or
more consecutive lines with the same number (two or more) of such cells are a table's rows. Two
spaces after a full stop (as typists write) separate sentences, not cells.
"""

from __future__ import annotations

import re

CELL_SEPARATOR = re.compile(r"\t+\s*| {2,}")
MIN_ROWS = 3
MAX_CELL_WORDS = 12
SENTENCE_END = re.compile(r"[.!?:;,]$")


def cells(line: str) -> list[str]:
    """The line's cells; one cell when it has no evident columns."""
    return [c.strip() for c in CELL_SEPARATOR.split(line.strip()) if c.strip()]


def width(line: str) -> int:
    """How many columns the line has: its cells if they are short and not sentences, else 1."""
    found = cells(line)
    if len(found) < 2 or any(len(c.split()) > MAX_CELL_WORDS for c in found):
        return 1
    if "\t" not in line and any(SENTENCE_END.search(c) for c in found[:-1]):
        return 1
    return len(found)


def split_tables(lines: list[str]) -> list[tuple[list[str], list[list[str]]]]:
    """The lines cut into runs: (lines, rows) where ``rows`` is the table the run makes, or [] for text."""
    widths = [width(ln) for ln in lines]
    out: list[tuple[list[str], list[list[str]]]] = []
    text: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while widths[i] >= 2 and j < len(lines) and widths[j] == widths[i]:
            j += 1
        if j - i >= MIN_ROWS:
            if text:
                out.append((text, []))
                text = []
            out.append((lines[i:j], [cells(ln) for ln in lines[i:j]]))
            i = j
            continue
        text.append(lines[i])
        i += 1
    if text:
        out.append((text, []))
    return out
