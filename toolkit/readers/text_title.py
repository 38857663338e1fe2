"""Finds the headline of scraped page text among the lines around the start of the main text run.

Every headline-shaped line from 40 lines above the body to the first lines of the body is scored;
the score's parts are named so ``--explain`` can show why a line won:
- words the opening paragraphs repeat (overlap), length, capitalised words;
- a byline or date right under it (or a date right above), a dek under it;
- the page repeats it: whole (share text, a second headline) or as the end of a breadcrumb;
- closeness to the body, not counting a table of contents in between;
minus: an entry of a table of contents (a list whose lines come back as the body's headings),
a line inside a list of short lines (menu), the site's name (also in the copyright line), a call
to action ("Start your free trial"), a line right under another headline (a dek or subhead).
"""

from __future__ import annotations

import re
from collections import Counter

from toolkit.lexicons.names import FIRST_NAMES, STOP_CAPS
from toolkit.readers.text_blocks import NOTICE, Block, is_furniture_line, key
from toolkit.readers.text_byline import ROLE, byline_names, is_byline_label, name_line
from toolkit.readers.text_dates import is_date_line

STOP = frozenset("the a an of and or to in on for with at by from is are was be as it its this that your you our we "
                 "how what why when who which".split())
TITLE_REACH = 40  # a headline may sit above a long header (byline box, table of contents)
HEAD_WINDOW = 15
NOT_TITLE = re.compile(r"\b(?:min(?:ute)?s? read|updated|published|posted|reviewed by|fact[- ]checked|"
                       r"written by|tags?:|filed under|last updated)\b|^(?:by|photo|image|credit)\b|"
                       r"^\W*(?:back|return)\s+to\b|^\W*(?:home|menu)\W*$", re.I)
CALL_TO_ACTION = re.compile(
    r"^\W*(?:add|start|get|try|enter|join|sign|subscribe|download|request|book|claim|unlock|shop|buy|create|"
    r"explore|discover|contact|call|schedule|see|view|watch|listen|follow|save)\b.*\b(?:your|you|us|our|free|"
    r"now|today|trial|quote|demo|here)\b", re.I)
# Lines that follow a headline: "Posted in ...", reading time, "Updated ..."
META_LINE = re.compile(r"^(?:posted (?:in|by|on)|published|updated|last updated|reviewed by|"
                       r"\d+ min(?:ute)?s? read)", re.I)
W_OVER, W_META, W_LIST, W_TOC = 2.0, 1.0, 0.8, 1.2


def content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", text.lower()) if w not in STOP and len(w) > 2]


def is_meta(b: Block, common: frozenset[str] = frozenset()) -> bool:
    """A byline, byline label, dateline or "Posted in ..." line; a "By ..." line must name someone whose
    name is not made of the page's common words ("By State" in a menu is no byline)."""
    text = b.text.strip()
    if b.words > 30:
        return False
    names = byline_names(text)
    if names and not all(w.lower() in common for n in names for w in n.split()):
        return True
    return is_byline_label(text) or (b.words <= 14 and bool(META_LINE.match(text) or is_date_line(text)))


def is_author_name(blocks: list[Block], i: int, common: frozenset[str]) -> bool:
    """A line that is only a person's name: a known first name, or a name next to a date or over a role line."""
    names = name_line(blocks[i].text, common)
    if not names or names[0].split()[0] in STOP_CAPS:
        return False
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    prev = blocks[i - 1] if i else None
    with_role = len(blocks[i].text.split()) > len(names[0].split()) + 1  # "Jane DoeFounder at Example"
    return names[0].split()[0] in FIRST_NAMES or with_role or (nxt is not None and (is_meta(nxt, common) or bool(
        ROLE.search(nxt.text) and 2 <= nxt.words <= 8))) or (prev is not None and is_date_line(prev.text))


def meta_flags(blocks: list[Block], lo: int, hi: int, common: frozenset[str]) -> dict[int, bool]:
    """For each block in [lo, hi): is it a byline, dateline or author name line."""
    return {b.index: is_meta(b, common) or is_author_name(blocks, b.index, common) for b in blocks[lo:hi]}


SHARE = re.compile(r"^\W*(?:share|post|pin|email|e-mail|copy|print|save|send)\b.{0,30}$", re.I)
TAG_LIST = re.compile(r"^[A-Z][\w&'’-]*(?: [\w&'’-]+){0,2}(?:, [A-Z][\w&'’-]*(?: [\w&'’-]+){0,2}){2,}$")


CRUMB_SPLIT = re.compile(r"\s*(?:›|»|>|❯)\s*|\s+(?:\||/|·|•)\s+")


def is_breadcrumb(text: str) -> bool:
    """"Home » Recipes » Bread", "News | World | Asia": two to seven short items between separators."""
    parts = [p for p in CRUMB_SPLIT.split(text) if p.strip()]
    return 2 <= len(parts) <= 7 and all(len(p.split()) <= 4 for p in parts) and bool(CRUMB_SPLIT.search(text))


def _notice(b: Block) -> bool:
    return bool(NOTICE.search(b.text)) or bool(re.search(r"\bmore than \d+ \w+ old\b", b.text))


def _aside(b: Block) -> bool:
    """A line that sits between header lines without being one: share buttons, menu words, notices."""
    return (b.words <= 1 and not b.text[:1].isalnum()) or is_furniture_line(b.text) or bool(SHARE.match(b.text)) or (
        _notice(b))


def title_shaped(b: Block) -> bool:
    text = b.text.strip()
    return (2 <= b.words <= 30 and not text.endswith((".", ",", ";", ":")) and not is_date_line(text)
            and not (b.words > 12 and re.search(r"[a-z]{3}\.\s+[A-Z]", text)) and not TAG_LIST.match(text)
            and not SHARE.match(text) and not is_breadcrumb(text)
            and not byline_names(text) and not NOT_TITLE.search(text) and not is_furniture_line(text)
            and not NOTICE.search(text) and not (re.search(r"\w/\w", text) and "," in text))


def toc_entries(blocks: list[Block], lo: int, hi: int, start: int, end: int) -> set[int]:
    """Indexes of table-of-contents lines in [lo, hi): short lines that come back in the body (as headings),
    next to other such lines."""
    later: dict[str, list[int]] = {key(b.text): [] for b in blocks[lo:hi]}
    for b in blocks[max(lo, start - 3):max(end + 1, hi)]:
        later.setdefault(key(b.text), []).append(b.index)
    back = {b.index for b in blocks[lo:hi] if b.words <= 16 and any(j > b.index + 1 for j in later[key(b.text)])}
    return {i for i in back if sum(j in back for j in (i - 2, i - 1, i + 1, i + 2)) >= 2}


def _short(blocks: list[Block], i: int, like: int = 0) -> bool:
    """A short non-sentence line (a menu or table-of-contents entry), by index; with ``like``, one of at
    least a third of that many words (a sibling in a list, not a one-word menu item next to a headline)."""
    return 0 <= i < len(blocks) and blocks[i].words <= 12 and not blocks[i].sentence and blocks[i].label in (
        "furniture", "title", "tags") and blocks[i].words * 3 >= like and not is_date_line(blocks[i].text) and not (
        like and is_furniture_line(blocks[i].text))


def _meta_gap(blocks: list[Block], i: int, step: int, flags: dict[int, bool], reach: int = 4) -> int:
    """Lines from i to the nearest byline/date line in direction step (0 if none within reach);
    share buttons, menu words and bare labels ("|", "Updated") are not counted."""
    gap, j = 0, i + step
    while 0 <= j < len(blocks) and gap < reach:
        b = blocks[j]
        j += step
        if not flags.get(b.index) and ((b.words <= 1 and not b.text[:1].isalnum()) or is_furniture_line(b.text)
                                       or SHARE.match(b.text) or b.text.strip().lower() in ("updated", "published")):
            continue
        gap += 1
        if flags.get(b.index):
            return gap
    return 0


def find_title(blocks: list[Block], start: int, counts: Counter, end: int,
               common: frozenset[str] = frozenset()) -> tuple[Block | None, str]:
    """The headline and the reason for it (see the module docstring)."""
    lo = max(0, start - TITLE_REACH)
    toc = toc_entries(blocks, lo, min(len(blocks), start + 4), start, end)
    toc_keys = {key(blocks[i].text) for i in toc}
    copyright_text = " ".join(key(b.text) for b in blocks if re.search(r"©|\bcopyright\b", b.text, re.I))
    keyed = [key(b.text) for b in blocks]
    flags = meta_flags(blocks, max(0, lo - 2), min(len(blocks), start + 12), common)
    best, best_score, best_parts = None, float("-inf"), {}
    in_run_words = 0
    for b in blocks[lo:start + 4]:
        if b.index >= start:
            if b.index > start:
                in_run_words += blocks[b.index - 1].words
            if in_run_words > 15 or b.label not in ("body", "heading", "item") or b.words > 25 or (
                    not title_shaped(b)) or b.index + 1 >= len(blocks):
                continue
        elif b.label not in ("furniture", "tags") or not title_shaped(b):
            continue
        parts = _features(blocks, b, start, counts, toc, toc_keys, copyright_text, keyed, flags)
        score = sum(parts.values())
        if score > best_score:
            best, best_score, best_parts = b, score, parts
    if best is None:
        return None, ""
    shown = ", ".join(f"{name} {value:+.2f}" for name, value in best_parts.items() if abs(value) >= 0.05)
    return best, f"headline: best-scored headline-shaped line near the body (score {best_score:.2f}: {shown})"


def _features(blocks: list[Block], b: Block, start: int, counts: Counter, toc: set[int], toc_keys: set[str],
              copyright_text: str, keyed: list[str], flags: dict[int, bool]) -> dict[str, float]:
    words = b.text.split()
    k = keyed[b.index]
    first = max(start, b.index + 1)
    opening = set(content_words(" ".join(x.text for x in blocks[first:first + 15] if x.label == "body")))
    content = content_words(b.text)
    matched = sum(w in opening for w in content)
    overlap = 0.5 * matched / len(content) + 0.5 * min(matched, 4) / 4 if content else 0.0
    below = _meta_gap(blocks, b.index, +1, flags)
    date_above = b.index > 0 and is_date_line(blocks[b.index - 1].text)
    byline_above = any(byline_names(x.text) or is_byline_label(x.text) for x in blocks[max(0, b.index - 2):b.index])
    nxt = blocks[b.index + 1] if b.index + 1 < len(blocks) else None
    prev = next((x for x in reversed(blocks[max(0, b.index - 3):b.index]) if not _notice(x)), None)
    distance = sum(1 for x in blocks[b.index + 1:start]
                   if x.index not in toc and not flags.get(x.index) and not _aside(x) and counts[keyed[x.index]] == 1)
    n = b.words
    in_list = _short(blocks, b.index - 1, n) and _short(blocks, b.index + 1, n) and (
        _short(blocks, b.index - 2, n) or _short(blocks, b.index + 2, n))
    crumb_end = any(len(o) > len(k) + 3 and o.endswith(k) for o in keyed if o != k) if len(k) >= 12 else False
    near = keyed[max(0, b.index - 3):b.index + 4]
    crumb_of = any(len(k) > len(o) + 3 and len(o) >= 12 and k.endswith(o) for o in near)
    parts = {
        "overlap": W_OVER * overlap,
        "length": 0.6 * min(len(words), 10) / 10,
        "capitals": 0.3 * sum(1 for w in words if w[:1].isupper()) / len(words),
        "repeated": 0.4 if counts[k] > 1 and k not in toc_keys else 0.0,
        "end of a breadcrumb": 0.5 if crumb_end else 0.0,
        "a breadcrumb ending in a line nearby": -0.8 if crumb_of else 0.0,
        "byline/date below": W_META * {0: 0.0, 1: 1.0, 2: 0.7, 3: 0.4, 4: 0.2}[below],
        "date above": 0.5 if date_above else 0.0,
        "under a byline": -0.6 if byline_above else 0.0,
        "one of several bylined teasers": -0.8 if below == 1 and sum(
            bool(byline_names(x.text)) for x in blocks[max(0, b.index - 8):b.index + 9]) >= 3 else 0.0,
        "label above a headline": -0.4 if len(words) <= 3 and nxt is not None and nxt.words >= 4
        and title_shaped(nxt) and nxt.label in ("furniture", "tags") else 0.0,
        "dek below": 0.3 if nxt is not None and nxt.sentence and 8 <= nxt.words <= 60 and counts[
            key(nxt.text)] == 1 and not NOTICE.search(nxt.text) else 0.0,
        "distance": -0.04 * min(distance, HEAD_WINDOW) - 0.05 * max(0, distance - HEAD_WINDOW),
        "table of contents": -W_TOC if k in toc_keys else 0.0,
        "in a list": -W_LIST if in_list and not below and k not in toc_keys else 0.0,
        "all capitals": -0.5 if b.text.isupper() and len(words) >= 3 else 0.0,
        "site name": -1.0 if len(k) >= 4 and k in copyright_text else 0.0,
        "call to action": -0.8 if CALL_TO_ACTION.search(b.text) else 0.0,
        "under a headline": -0.6 if prev is not None and prev.words >= 4 and prev.label in ("furniture", "tags")
        and title_shaped(prev) and _is_headline_pair(blocks, prev) and not keyed[prev.index].endswith(k) else 0.0,
    }
    return parts


def _is_headline_pair(blocks: list[Block], prev: Block) -> bool:
    """The line above is itself a headline (not one entry of a list of short lines)."""
    before = blocks[prev.index - 1] if prev.index else None
    return before is None or not (before.words >= 4 and title_shaped(before))


def strip_site_name(title: str) -> str:
    """"Headline | Site" -> "Headline": a last part of at most three words after a bar is the site or section."""
    parts = re.split(r"\s+\|\s+", title)
    if len(parts) >= 2 and len(parts[-1].split()) <= 3 and len(" ".join(parts[:-1]).split()) >= 3:
        return " | ".join(parts[:-1])
    return title
