"""Finds the headline of scraped page text among the lines above (and just inside) the main text run.

Every headline-shaped line from 150 lines above the body to the body's first lines is scored; the
score's parts are named so ``toolkit inspect --explain`` shows why a line won:
- words the opening paragraphs repeat (overlap), length, capitalised words;
- a byline or date right under it (or a date right above it that is not another headline's
  dateline), a paragraph of prose right under it;
- the page repeats it: whole (share text, a second headline; not as one entry of a menu printed
  twice), as the end of a breadcrumb, or shortened as a breadcrumb's last item just below;
- closeness to the body, not counting a table of contents, share buttons or byline lines in between,
  or closeness to its own opening paragraph when the main run starts later;
minus: an entry of a table of contents (a list whose lines come back in the body) or a heading it
lists (even a list of two: lines that come back one by one with prose between them), a line inside a
list of similar short lines (menu), the site's name (also in the copyright line), a call to action
("Start your free trial"), a line right under another headline (a dek or subhead), a short label
right above a headline (a kicker), a line under a byline, one of several bylined teasers (related
posts), a breadcrumb that ends in a line nearby.
When no line near the run has a byline under it and the run starts far down, the nearest headline
with a "By ..." line under it further up is taken (a header above a long box of product lists).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from toolkit.readers.text.blocks import Block, contents_lines, is_furniture_line, key
from toolkit.readers.text.byline import byline_names, is_byline_label
from toolkit.readers.text.dates import is_date_line
from toolkit.readers.text.lines import CALL_TO_ACTION, is_aside, is_notice, meta_flags, title_shaped

STOP = frozenset("the a an of and or to in on for with at by from is are was be as it its this that your you our we "
                 "how what why when who which".split())
TITLE_REACH = 150  # a headline may sit far above a main text run that starts late (boxes, lists, teasers)
NEAR_REACH = 40  # beyond this, a growing cost
HEAD_WINDOW = 15
IN_RUN_WORDS = 15  # a headline inside the run may follow at most this many words of it (a notice, a label)
W_OVER, W_META, W_LIST, W_TOC, W_PROSE = 2.0, 1.0, 0.8, 1.2, 0.5
META_BY_GAP = {0: 0.0, 1: 1.0, 2: 0.7, 3: 0.4, 4: 0.2}


def content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", text.lower()) if w not in STOP and len(w) > 2]


@dataclass
class Page:
    """What the headline scoring needs to know about the page, computed once."""

    blocks: list[Block]
    start: int
    end: int
    counts: Counter
    common: frozenset[str]
    keyed: list[str] = field(default_factory=list)
    flags: dict[int, bool] = field(default_factory=dict)
    toc_keys: set[str] = field(default_factory=set)
    toc: set[int] = field(default_factory=set)
    copyright_text: str = ""
    positions: dict[str, list[int]] = field(default_factory=dict)  # where each line's key occurs, on demand

    def __post_init__(self) -> None:
        lo = max(0, self.start - TITLE_REACH)
        hi = min(len(self.blocks), self.start + 4)
        self.keyed = [key(b.text) for b in self.blocks]
        self.flags = meta_flags(self.blocks, max(0, lo - 2), min(len(self.blocks), self.start + 12), self.common)
        self.toc = self._toc_entries(lo, hi) | {i for i in contents_lines(self.blocks, self.counts) if lo <= i < hi}
        self.toc_keys = {self.keyed[i] for i in self.toc}
        self.copyright_text = " ".join(k for b, k in zip(self.blocks, self.keyed, strict=True)
                                       if re.search(r"©|\bcopyright\b", b.text, re.I))

    def _toc_entries(self, lo: int, hi: int) -> set[int]:
        """Table-of-contents lines in [lo, hi): short lines that come back in the body (as its headings),
        next to other such lines."""
        later: dict[str, list[int]] = {self.keyed[b.index]: [] for b in self.blocks[lo:hi]}
        for b in self.blocks[max(lo, self.start - 3):max(self.end + 1, hi)]:
            later.setdefault(self.keyed[b.index], []).append(b.index)
        back = {b.index for b in self.blocks[lo:hi]
                if b.words <= 16 and any(j > b.index + 1 for j in later[self.keyed[b.index]])}
        return {i for i in back if sum(j in back for j in (i - 2, i - 1, i + 1, i + 2)) >= 2}

    def counted(self, b: Block) -> bool:
        """A line that puts distance between a headline and the body (not a TOC, byline, aside or repeat)."""
        return (b.index not in self.toc and not self.flags.get(b.index) and not is_aside(b)
                and self.counts[self.keyed[b.index]] == 1)


def score_candidates(blocks: list[Block], start: int, counts: Counter, end: int,
                     common: frozenset[str] = frozenset()) -> list[tuple[float, Block, dict[str, float]]]:
    """Every headline candidate with its score and the score's named parts, best first."""
    page = Page(blocks, start, end, counts, common)
    scored: list[tuple[float, Block, dict[str, float]]] = []
    in_run_words = 0
    for b in blocks[max(0, start - TITLE_REACH):start + 4]:
        if b.index >= start:  # the run's first lines: a headline after a notice or label the run swallowed
            in_run_words += blocks[b.index - 1].words if b.index > start else 0
            if in_run_words > IN_RUN_WORDS or b.label not in ("body", "heading", "item") or b.words > 25 or (
                    not title_shaped(b)) or b.index + 1 >= len(blocks):
                continue
        elif b.label not in ("furniture", "tags") or not title_shaped(b):
            continue
        parts = _features(page, b)
        scored.append((sum(parts.values()), b, parts))
    scored.sort(key=lambda x: -x[0])
    return scored


def find_title(blocks: list[Block], start: int, counts: Counter, end: int,
               common: frozenset[str] = frozenset()) -> tuple[Block | None, str]:
    """The headline and the reason for it (see the module docstring)."""
    scored = score_candidates(blocks, start, counts, end, common)
    if not scored or scored[0][2]["byline/date below"] < W_META * META_BY_GAP[2]:
        far = _far_headline(blocks, start)
        if far is not None:
            return far, ("headline far above a late text run: a headline-shaped line with a 'By ...' line under it "
                         f"(no headline near the run has a byline; {start - far.index} lines above the run)")
    if not scored:
        return None, ""
    score, best, parts = scored[0]
    shown = ", ".join(f"{name} {value:+.2f}" for name, value in parts.items() if abs(value) >= 0.05)
    reason = f"headline: best-scored headline-shaped line near the body (score {score:.2f}: {shown})"
    if len(scored) > 1:
        reason += f"; next best {scored[1][1].text[:40]!r} ({scored[1][0]:.2f})"
    return best, reason


def _copied_menu(page: Page, i: int) -> bool:
    """The line comes back with a neighbour next to it again: one entry of a menu the page prints twice
    (a repeated headline comes back alone, as share text or a second headline)."""
    keyed, n = page.keyed, len(page.keyed)
    if page.counts[keyed[i]] < 2:
        return False
    if not page.positions:
        for j, k in enumerate(keyed):
            page.positions.setdefault(k, []).append(j)
    return any(j != i and 0 <= i + d < n and 0 <= j + d < n and keyed[i + d] and keyed[i + d] == keyed[j + d]
               for j in page.positions[keyed[i]] for d in (-1, 1))


def _far_headline(blocks: list[Block], start: int) -> Block | None:
    """Beyond the reach of the scoring, the nearest headline-shaped line with a "By ..." line under it
    (captions, credits and two more lines may come between): the article's header above a long box of
    product lists or comparison tables that the main text run starts after."""
    for b in reversed(blocks[:max(0, start - TITLE_REACH)]):
        if b.label != "furniture" or b.words < 3 or not title_shaped(b):
            continue
        below = [x for x in blocks[b.index + 1:b.index + 6] if x.label not in ("caption", "credit")][:3]
        if any(byline_names(x.text) for x in below):
            return b
    return None


def _features(page: Page, b: Block) -> dict[str, float]:
    blocks, start, keyed, counts = page.blocks, page.start, page.keyed, page.counts
    words = b.text.split()
    k = keyed[b.index]
    first = max(start, b.index + 1)
    opening = set(content_words(" ".join(x.text for x in blocks[first:first + 15] if x.label == "body")))
    content = content_words(b.text)
    matched = sum(w in opening for w in content)
    overlap = 0.5 * matched / len(content) + 0.5 * min(matched, 4) / 4 if content else 0.0
    below = _meta_gap(page, b.index)
    nxt = blocks[b.index + 1] if b.index + 1 < len(blocks) else None
    opens = next((x for x in blocks[b.index + 1:b.index + 6] if not page.flags.get(x.index) and not is_aside(x)
                  and not (x.index == b.index + 1 and _dek(x, b)) and not k.startswith(keyed[x.index])), None)
    prev = next((x for x in reversed(blocks[max(0, b.index - 3):b.index]) if not is_notice(x)), None)
    around = keyed[max(0, start - TITLE_REACH - 30):start + 60]
    near = keyed[max(0, b.index - 3):b.index + 4]
    return {
        "overlap": W_OVER * overlap,
        "length": 0.6 * min(len(words), 10) / 10,
        "capitals": 0.3 * sum(1 for w in words if w[:1].isupper()) / len(words),
        "repeated": 0.4 if counts[k] > 1 and k not in page.toc_keys and not _copied_menu(page, b.index) else 0.0,
        "end of a breadcrumb": 0.5 if len(k) >= 12 and any(len(o) > len(k) + 3 and o.endswith(k)
                                                            for o in around) else 0.0,
        "a breadcrumb ending in a line nearby": -0.8 if any(len(k) > len(o) + 3 and len(o) >= 12 and k.endswith(o)
                                                             for o in near) else 0.0,
        "a shortened copy of a line nearby": -0.5 if len(k) >= 12 and any(
            len(o) > len(k) + 3 and o.startswith(k + " ") for o in keyed[max(0, b.index - 6):b.index + 7]) else 0.0,
        "shortened nearby (a breadcrumb's last item)": 0.4 if any(
            len(k) > len(o) + 3 and len(o) >= 12 and k.startswith(o + " ") and is_crumb_end(blocks, j)
            for j, o in enumerate(keyed[b.index + 1:b.index + 7], start=b.index + 1)) else 0.0,
        "byline/date below": W_META * META_BY_GAP[below],
        "date above": 0.5 if b.index > 0 and is_date_line(blocks[b.index - 1].text) and not byline_names(
            blocks[b.index - 1].text) and not _dateline_of_headline_above(page, b.index - 1) else 0.0,
        "under a byline": -0.6 if any(byline_names(x.text) or is_byline_label(x.text)
                                      for x in blocks[max(0, b.index - 2):b.index]) else 0.0,
        "one of several bylined teasers": -1.2 if below == 1 and _teaser(blocks, b) else 0.0,
        "label above a headline": -0.4 if len(words) <= 3 and nxt is not None and nxt.words >= 4
        and title_shaped(nxt) and nxt.label in ("furniture", "tags") else 0.0,
        "prose below": W_PROSE if opens is not None and opens.sentence and opens.words >= 8 and counts[
            keyed[opens.index]] == 1 and not is_notice(opens) else 0.0,
        "distance": _distance_cost(page, b),
        "table of contents": -W_TOC if k in page.toc_keys else 0.0,
        "in a list": -W_LIST if _in_list(blocks, b) and not below and k not in page.toc_keys else 0.0,
        "all capitals": -0.5 if b.text.isupper() and len(words) >= 3 else 0.0,
        "site name": -1.0 if len(k) >= 4 and k in page.copyright_text else 0.0,
        "call to action": -0.8 if CALL_TO_ACTION.search(b.text) else 0.0,
        "under a headline": -0.6 if prev is not None and prev.words >= 4 and prev.label in ("furniture", "tags")
        and title_shaped(prev) and _headline_above(blocks, prev) and not keyed[prev.index].endswith(k) else 0.0,
    }


def _dateline_of_headline_above(page: Page, i: int) -> bool:
    """The date line at i closes another headline's header: a headline-shaped line sits above the
    author's name line over it ("Headline / Jane Doe / May 5, 2025 / Subhead")."""
    j = i - 1
    while j >= 0 and i - j <= 2 and page.flags.get(j) and not is_date_line(page.blocks[j].text):
        j -= 1
    return j >= 0 and j < i - 1 and title_shaped(page.blocks[j]) and page.blocks[j].words >= 3


def is_crumb_end(blocks: list[Block], j: int) -> bool:
    """The line at j ends a breadcrumb: the line above it is a short menu word or a breadcrumb item
    ("Home", "Blogs") rather than prose."""
    return j > 0 and blocks[j - 1].words <= 3 and not blocks[j - 1].sentence


def _distance_cost(page: Page, b: Block) -> float:
    """Lines between the line and the body (only those that count), or to its own opening paragraph."""
    blocks, start = page.blocks, page.start
    distance = sum(1 for x in blocks[b.index + 1:start] if page.counted(x))
    if distance > 3:  # a headline right above its own opening paragraph, before the main text run starts
        lines = 0
        for x in blocks[b.index + 1:min(start, b.index + 12)]:
            if x.sentence and x.words >= 12 and page.counts[page.keyed[x.index]] == 1 and not is_notice(x):
                distance = min(distance, lines + 2)
                break
            lines += page.counted(x)
    return (-0.04 * min(distance, HEAD_WINDOW) - 0.05 * max(0, distance - HEAD_WINDOW)
            - 0.005 * max(0, start - b.index - NEAR_REACH))


def _short(blocks: list[Block], i: int, like: int = 0) -> bool:
    """A short non-sentence line (a menu or table-of-contents entry), by index; with ``like``, one of at
    least a third of that many words (a sibling in a list, not a one-word menu item next to a headline)."""
    return (0 <= i < len(blocks) and blocks[i].words <= 12 and not blocks[i].sentence
            and blocks[i].label in ("furniture", "title", "tags") and blocks[i].words * 3 >= like
            and not is_date_line(blocks[i].text) and not (like and is_furniture_line(blocks[i].text)))


def _in_list(blocks: list[Block], b: Block) -> bool:
    i, n = b.index, b.words
    return _short(blocks, i - 1, n) and _short(blocks, i + 1, n) and (_short(blocks, i - 2, n) or _short(
        blocks, i + 2, n))


def _meta_gap(page: Page, i: int, reach: int = 4) -> int:
    """Lines from i down to the nearest byline/date line (0 if none within reach); share buttons, menu
    words and bare labels ("|", "Updated") are not counted."""
    gap = 0
    for b in page.blocks[i + 1:i + 20]:
        if gap >= reach:
            break
        if page.flags.get(b.index):
            return gap + 1
        if (b.words <= 1 and not b.text[:1].isalnum()) or is_aside(b) or b.text.strip().lower() in (
                "updated", "published") or (b.index == i + 1 and _dek(b, page.blocks[i])):
            continue
        gap += 1
    return 0


def _skeleton(text: str) -> str:
    return re.sub(r"\w+", "w", text)


def _teaser(blocks: list[Block], b: Block) -> bool:
    """A headline whose byline line has the same shape as two more bylines close by: related posts."""
    own = next((x for x in blocks[b.index + 1:b.index + 3] if byline_names(x.text)), None)
    if own is None:
        return False
    shape = _skeleton(own.text)
    return sum(_skeleton(x.text) == shape and bool(byline_names(x.text))
               for x in blocks[max(0, b.index - 8):b.index + 10]) >= 3


def _dek(b: Block, head: Block) -> bool:
    """A standfirst right under a headline, written without a closing stop: longer than the headline,
    in sentence case."""
    words = b.text.split()
    return (8 <= b.words <= 40 and b.words > head.words and title_shaped(b)
            and sum(w[:1].isupper() for w in words) < 0.4 * len(words))


def _headline_above(blocks: list[Block], prev: Block) -> bool:
    """The line above is itself a headline (not one entry of a list of headline-like lines or of a menu)."""
    before = blocks[prev.index - 1] if prev.index else None
    return before is None or not ((before.words >= 4 and title_shaped(before)) or (
        _short(blocks, before.index, prev.words) and _short(blocks, before.index - 1, prev.words)))


KICKER_CAPS = re.compile(r"^(?:[A-Z][A-Z'’&-]{3,} ){2,4}(?=[A-Z][a-z’']*\b(?: \S+){3,})")


def strip_site_name(title: str) -> str:
    """"Headline | Site" -> "Headline": a last part of at most three words after a bar is the site or section.
    "RIVER RESCUE Who saved the ferry?" -> "Who saved the ferry?": two to four words in capitals (four letters or
    more each) glued before a headline in sentence or title case are its kicker."""
    parts = re.split(r"\s+\|\s+", title)
    if len(parts) >= 2 and len(parts[-1].split()) <= 3 and len(" ".join(parts[:-1]).split()) >= 3:
        return " | ".join(parts[:-1])
    kicker = KICKER_CAPS.match(title)
    if kicker and not title.isupper():
        return title[kicker.end():]
    return title
