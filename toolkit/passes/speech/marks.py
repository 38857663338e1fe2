"""Finds the spans of a paragraph that stand in quotation marks (curly, straight, guillemets, single).

The marks of English, French (« … », ‹ … ›, spaced or not), German („ … “, ‚ … ‘ and the reversed
» … « / › … ‹), Spanish (« … », “ … ”) and Japanese and Chinese (「 … 」, 『 … 』) are recognised.
Only the outermost level is returned; marks nested inside (‘…’ within “…”, « … » within « … »)
stay part of the inner text. A quotation left open at the end of the paragraph runs to its end (the
convention for quotations spanning several paragraphs).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

OPEN_DOUBLE = "“«„‟"
CLOSE_DOUBLE = "”»"
PAIRS = {"“": "”", "«": "»", "„": "“", "‟": "”", '"': '"', "‘": "’", "'": "'", "‘‘": "’’", "``": "''", "‹": "›",
         "»": "«", "‚": "‘", "›": "‹", "「": "」", "『": "』"}
# Corner brackets (Japanese, Chinese) never stand for anything else: they pair by nesting alone.
CORNERS = {"「": "」", "『": "』"}
# Guillemets pair with each other only: inside « … » a straight or curly mark is nested speech.
GUILLEMETS = {"«": "»", "»": "«"}
# Single marks that open a quotation, and what closes each (an apostrophe is never one of them).
SINGLE_CLOSE = {"‘": "’", "'": "'", "‚": "‘", "‹": "›", "›": "‹"}


@dataclass(frozen=True)
class Marked:
    """A quoted span found by its quotation marks: offsets, inner text and the marks."""

    start: int        # first character of the opening mark
    end: int          # one past the closing mark (or the paragraph end when left open)
    inner: tuple[int, int]
    open: str
    close: str        # "" when the quotation runs past the paragraph

    @property
    def marks(self) -> str:
        return self.open + self.close if len(self.open) == 1 and len(self.close) == 1 else ""


class Covering:
    """Which spans cover a position, in logarithmic time: spans sorted by start, with the furthest end
    reached by any span starting up to each one (asking every span for every position was quadratic)."""

    def __init__(self, spans: list[Marked]) -> None:
        ordered = sorted(spans, key=lambda m: m.start)
        self.spans = ordered
        self.starts = [m.start for m in ordered]
        self.reach: list[int] = []
        for m in ordered:
            self.reach.append(max(m.end, self.reach[-1]) if self.reach else m.end)

    def covers(self, pos: int) -> bool:
        """Whether some span has ``start <= pos < end``."""
        k = bisect_right(self.starts, pos)
        return k > 0 and self.reach[k - 1] > pos

    def encloses(self, lo: int, hi: int) -> bool:
        """Whether some span has ``start < lo`` and ``end > hi``."""
        k = bisect_left(self.starts, lo)
        return k > 0 and self.reach[k - 1] > hi

    def starting_in(self, lo: int, hi: int) -> list[Marked]:
        """The spans that start in ``[lo, hi)``, in order."""
        return self.spans[bisect_left(self.starts, lo):max(bisect_left(self.starts, lo), bisect_left(self.starts, hi))]


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


def find_corners(text: str) -> list[Marked]:
    """Top-level 「…」 and 『…』 quotations: each closes at its own bracket, counting those nested inside."""
    spans: list[Marked] = []
    start, opener, depth = -1, "", 0
    for pos, ch in enumerate(text):
        if start < 0:
            if ch in CORNERS:
                start, opener, depth = pos, ch, 1
            continue
        if ch == opener:
            depth += 1
        elif ch == CORNERS[opener]:
            depth -= 1
            if depth == 0:
                spans.append(Marked(start, pos + 1, (start + 1, pos), opener, ch))
                start = -1
    if start >= 0 and len(text.rstrip()) > start + 1:
        end = len(text.rstrip())
        spans.append(Marked(start, end, (start + 1, end), opener, ""))
    return spans


def _guillemet(text: str, start: int, otok: str, pos: int, tok: str, depth: int) -> tuple[Marked | None, int]:
    """Inside a quotation opened by a guillemet: (the quotation, if ``tok`` closes it; the nesting depth)."""
    if tok == otok:
        return None, depth + 1
    if tok != GUILLEMETS[otok]:
        return None, depth  # another kind of mark inside guillemets is nested speech
    if depth:
        return None, depth - 1
    return Marked(start, pos + 1, (start + 1, pos), otok, tok), 0


def find_double(text: str) -> list[Marked]:
    spans: list[Marked] = []
    open_at: tuple[int, str] | None = None
    depth = 0  # guillemets opened inside an open guillemet quotation
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
            open_at, depth = (pos, tok), 0
            if tok == "»" and not looks_open:
                open_at = None  # a closing guillemet with no quotation open
            continue
        start, otok = open_at
        if otok in GUILLEMETS:
            closed, depth = _guillemet(text, start, otok, pos, tok, depth)
            if closed is not None:
                spans.append(closed)
                open_at = None
            continue
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
    inside = Covering(taken).covers

    spans: list[Marked] = []
    i = 0
    while i < len(text):
        ch = text[i]
        guillemet = ch in "‹›"
        after = text[i + 1] if i + 1 < len(text) else ""
        if ch in SINGLE_CLOSE and not inside(i) and _space(text[i - 1] if i else "") \
                and (after.isalnum() or (guillemet and after.isspace())):
            close = SINGLE_CLOSE[ch]
            closers = (close,) if guillemet else (close, "’")
            j = i + 1
            found = None
            while j < len(text) and j - i < 400:
                c = text[j]
                if c in "“”\"" or inside(j):
                    break
                if c in closers and not (j + 1 < len(text) and text[j + 1].isalnum()) \
                        and (guillemet or not text[j - 1].isspace()):
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
    """All top-level quoted spans of ``text`` in order. The quotes pass and the dates pass both ask for
    each paragraph's: the spans (frozen) are kept for the last paragraphs seen."""
    return list(_find_marked(text))


def forget_marked() -> None:
    """Drop the spans kept: a new article starts (its passes then share its paragraphs' spans)."""
    _find_marked.cache_clear()


@lru_cache(maxsize=1024)
def _find_marked(text: str) -> tuple[Marked, ...]:
    corners = find_corners(text) if any(c in text for c in CORNERS) else []
    doubles = [m for m in find_double(text) if not any(c.start <= m.start < c.end for c in corners)]
    taken = [*corners, *doubles]
    return tuple(sorted([*taken, *find_single(text, taken)], key=lambda m: m.start))
