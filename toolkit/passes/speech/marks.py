"""Finds the spans of a paragraph that stand in quotation marks (curly, straight, guillemets, single).

Only the outermost level is returned; marks nested inside (‘…’ within “…”) stay part of the
inner text. A quotation left open at the end of the paragraph runs to its end (the convention
for quotations spanning several paragraphs).
"""

from __future__ import annotations

from dataclasses import dataclass

OPEN_DOUBLE = "“«„‟"
CLOSE_DOUBLE = "”»"
PAIRS = {"“": "”", "«": "»", "„": "“", "‟": "”", '"': '"', "‘": "’", "'": "'", "‘‘": "’’", "``": "''", "‹": "›"}


@dataclass(frozen=True)
class Marked:
    start: int        # first character of the opening mark
    end: int          # one past the closing mark (or the paragraph end when left open)
    inner: tuple[int, int]
    open: str
    close: str        # "" when the quotation runs past the paragraph

    @property
    def marks(self) -> str:
        return self.open + self.close if len(self.open) == 1 and len(self.close) == 1 else ""


def _space(ch: str) -> bool:
    return ch == "" or ch.isspace() or ch in "([{—–-/"


def _after_ok(ch: str) -> bool:
    return ch == "" or ch.isspace() or ch in ".,;:!?)]}—–-…'’\"”"


def _double_tokens(text: str) -> list[tuple[int, str]]:
    out, i = [], 0
    while i < len(text):
        two = text[i:i + 2]
        if two in ("’’", "‘‘", "``", "''"):
            out.append((i, two))
            i += 2
            continue
        if text[i] in OPEN_DOUBLE + CLOSE_DOUBLE + '"':
            out.append((i, text[i]))
        i += 1
    return out


def find_double(text: str) -> list[Marked]:
    spans: list[Marked] = []
    open_at: tuple[int, str] | None = None
    for pos, tok in _double_tokens(text):
        before = text[pos - 1] if pos else ""
        after = text[pos + len(tok)] if pos + len(tok) < len(text) else ""
        looks_open = _space(before) and not after.isspace() and after != ""
        looks_close = not _space(before) or _after_ok(after)
        if open_at is None:
            if tok in ("”", "»", "’’", "''") and not looks_open:
                continue  # a stray closing mark
            if tok == '"' and not looks_open and not (pos == 0 or _space(before)):
                continue
            open_at = (pos, tok)
            continue
        start, otok = open_at
        if tok in ("“", "„", "«", "‘‘", "``") and looks_open and not looks_close:
            # a new quotation opens: the previous one never closed
            spans.append(Marked(start, pos, (start + len(otok), pos), otok, ""))
            open_at = (pos, tok)
            continue
        if tok in ("“", "„") and otok == "„":
            spans.append(Marked(start, pos + 1, (start + 1, pos), otok, tok))
            open_at = None
            continue
        if looks_close or tok in CLOSE_DOUBLE or tok in ("’’", "''"):
            spans.append(Marked(start, pos + len(tok), (start + len(otok), pos), otok, tok))
            open_at = None
    if open_at is not None:
        start, otok = open_at
        end = len(text.rstrip())
        if end > start + len(otok):
            spans.append(Marked(start, end, (start + len(otok), end), otok, ""))
    return spans


def find_single(text: str, taken: list[Marked]) -> list[Marked]:
    """Top-level ‘single’ quotations outside the double-quoted spans; apostrophes are skipped."""
    def inside(p: int) -> bool:
        return any(m.start <= p < m.end for m in taken)

    spans: list[Marked] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "‘'" and not inside(i) and _space(text[i - 1] if i else "") and i + 1 < len(text) \
                and (text[i + 1].isalnum()):
            close = "’" if ch == "‘" else "'"
            j = i + 1
            found = None
            while j < len(text) and j - i < 400:
                c = text[j]
                if c in "“”\"" or inside(j):
                    break
                if c in (close, "’") and not (j + 1 < len(text) and text[j + 1].isalnum()) \
                        and not text[j - 1].isspace():
                    found = j
                    break
                j += 1
            if found is not None:
                spans.append(Marked(i, found + 1, (i + 1, found), ch, text[found]))
                i = found + 1
                continue
        i += 1
    return spans


def find_marked(text: str) -> list[Marked]:
    """All top-level quoted spans of ``text`` in order."""
    doubles = find_double(text)
    return sorted([*doubles, *find_single(text, doubles)], key=lambda m: m.start)
