"""Finds the article's header in scraped text: headline, dek, kicker, breadcrumb tags, byline and dateline.

The header lies just above the main text run. The headline is scored among the lines there: a
headline-shaped line whose words the opening paragraphs repeat, close to the body, often repeated
on the page (breadcrumb, share text); bylines, datelines and menu words are never headlines.
"""

from __future__ import annotations

import re
from collections import Counter

from toolkit.datetext import is_dateline, parse_date
from toolkit.readers.text_blocks import NOTICE, Block, is_furniture_line, key

CRUMB_SPLIT = re.compile(r"\s+(?:\||›|»|>|/|·|•)\s+")
BYLINE_RE = re.compile(r"^(?:by|written by|words by|author[s]?:|story by|posted by|reporting by)\s*:?\s+(?P<names>.+)$",
                       re.I)
BYLINE_LABEL = re.compile(r"^(?:by|written by|author|authors|posted by|words by|story by)\s*:?$", re.I)
NOT_TITLE = re.compile(r"\b(?:min(?:ute)?s? read|updated|published|posted|reviewed by|fact[- ]checked|"
                       r"written by|tags?:|filed under|last updated)\b|^(?:by|photo|image|credit)\b", re.I)
STOP = frozenset("the a an of and or to in on for with at by from is are was be as it its this that your you our we "
                 "how what why when who which".split())
HEAD_WINDOW = 15
TITLE_REACH = 40  # a headline may sit above a long header (byline box, table of contents)
FAR_COST = 0.05  # per line beyond HEAD_WINDOW
# Lines that follow a headline: byline, dateline, "Posted in ...", reading time.
META_LINE = re.compile(r"^(?:by\b|written by|posted (?:in|by|on)|published|updated|last updated|reviewed by|"
                       r"\d+ min(?:ute)?s? read)", re.I)


def _content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", text.lower()) if w not in STOP and len(w) > 2]


def _title_shaped(b: Block) -> bool:
    text = b.text.strip()
    return (b.label == "furniture" and 3 <= b.words <= 30 and not text.endswith((".", ",", ";", ":"))
            and not is_dateline(text) and not BYLINE_RE.match(text) and not NOT_TITLE.search(text)
            and not is_furniture_line(text) and not NOTICE.search(text)
            and not (re.search(r"\w/\w", text) and "," in text))  # "Jane Doe, Agency/Pool": a photo credit


def find_title(blocks: list[Block], start: int, counts: Counter) -> Block | None:
    """The headline among the lines above the body (see the module docstring)."""
    lo = max(0, start - TITLE_REACH)
    opening = set(_content_words(" ".join(b.text for b in blocks[start:start + 15] if b.label == "body")))
    best, best_score = None, float("-inf")
    for b in blocks[lo:start + 1]:
        if b.index == start:
            # a question headline ("Is it worth it?") can open the main text run itself
            if not (b.text.rstrip().endswith("?") and 3 <= b.words <= 20 and start + 1 < len(blocks)):
                continue
        elif not _title_shaped(b):
            continue
        words = b.text.split()
        content = _content_words(b.text)
        overlap = sum(w in opening for w in content) / len(content) if content else 0.0
        capitals = sum(1 for w in words if w[:1].isupper()) / len(words)
        meta_after = any(META_LINE.match(x.text) or is_dateline(x.text) or BYLINE_LABEL.match(x.text)
                         for x in blocks[b.index + 1:b.index + 4])
        in_list = _short(blocks, b.index - 1) and _short(blocks, b.index + 1) and (
            _short(blocks, b.index - 2) or _short(blocks, b.index + 2))
        score = (W_OVER * overlap + 0.6 * min(len(words), 10) / 10 + 0.3 * capitals
                 + 0.4 * (counts[key(b.text)] > 1) + W_META * meta_after - 0.04 * min(start - b.index, HEAD_WINDOW)
                 - FAR_COST * max(0, start - b.index - HEAD_WINDOW) - W_LIST * (in_list and not meta_after)
                 - 0.5 * (b.text.isupper() and len(words) >= 3))
        if score > best_score:
            best, best_score = b, score
    if best is not None:
        best.reason = f"headline: headline-shaped line above the body (score {best_score:.2f})"
    return best


def _short(blocks: list[Block], i: int) -> bool:
    """A short non-sentence line (a menu or table-of-contents entry), by index."""
    return 0 <= i < len(blocks) and blocks[i].words <= 12 and not blocks[i].sentence and blocks[i].label in (
        "furniture", "title")


# Headline score weights: word overlap with the opening paragraphs, a byline or date under the
# line, and sitting inside a list of short lines (a menu or a table of contents).
W_OVER, W_META, W_LIST = 2.0, 1.0, 0.8


def _name_line(text: str) -> bool:
    """"Jane Doe" / "Jane van der Berg, PhD": two to four capitalised words and nothing else."""
    name = re.split(r",\s*", text.strip(), maxsplit=1)[0]
    words = name.split()
    particles = {"van", "von", "der", "de", "la", "da", "di", "du", "del", "bin", "al"}
    return (2 <= len(words) <= 4 and not re.search(r"[\d@|:/]", name) and not is_furniture_line(text)
            and all((w[:1].isupper() and not w.isupper()) or w in particles for w in words))


def split_names(text: str) -> list[str]:
    from toolkit.readers.html_byline import names_in

    return names_in(text)


def is_meta_line(b: Block) -> bool:
    """A byline, byline label, dateline or "Posted in ..." line."""
    text = b.text.strip()
    return b.words <= 14 and bool(BYLINE_RE.match(text) or BYLINE_LABEL.match(text) or META_LINE.match(text)
                                  or is_dateline(text))


def peel_header(blocks: list[Block], start: int) -> int:
    """Move the body's start past a dek, byline and dateline that the text run swallowed."""
    last = None
    for b in blocks[start:start + 5]:
        if is_meta_line(b):
            last = b.index
    if last is None or any(b.sentence and b.words > 45 for b in blocks[start:last]):
        return start
    for b in blocks[start:last + 1]:
        b.label, b.reason = "furniture", "header line above the article"
    return last + 1


def label_header(blocks: list[Block], start: int, counts: Counter) -> dict:
    """Label the header blocks above the body in place; return the metadata found."""
    meta: dict = {"tags": [], "authors": []}
    head = blocks[:start]
    crumbs: list[str] = []
    for b in head:
        parts = CRUMB_SPLIT.split(b.text)
        if 2 <= len(parts) <= 7 and all(1 <= len(p.split()) <= 4 for p in parts) and b.label == "furniture":
            crumbs = [p.strip() for p in parts]
            b.label, b.reason = "tags", "breadcrumb line (items split by a separator)"
            break
    near = blocks[max(0, start - HEAD_WINDOW):start + 3]
    for i, b in enumerate(near):
        if b.label not in ("furniture",):
            continue
        m = BYLINE_RE.match(b.text)
        if m and b.words <= 14 and not meta["authors"]:
            names = split_names(m.group("names"))
            if names:
                meta["authors"] = names
                b.label, b.reason = "byline", "line starting with By"
                if "date" not in meta and parse_date(b.text):
                    meta["date"] = parse_date(b.text)
        elif BYLINE_LABEL.match(b.text) and i + 1 < len(near) and not meta["authors"]:
            names = split_names(near[i + 1].text) if near[i + 1].words <= 6 else []
            if names:
                meta["authors"] = names
                b.label, b.reason = "byline", "byline label"
                near[i + 1].label, near[i + 1].reason = "byline", "name after a byline label"
        elif is_dateline(b.text) and "date" not in meta and b.index < start:
            day = parse_date(b.text)
            if day:
                meta["date"] = day
                b.label, b.reason = "dateline", "short line that is a date"
    if "date" not in meta:  # the dateline nearest above the body, anywhere in the header
        for b in reversed(blocks[:start]):
            if b.label == "furniture" and is_dateline(b.text) and parse_date(b.text):
                meta["date"] = parse_date(b.text)
                b.label, b.reason = "dateline", "short line that is a date, nearest above the body"
                break
    title_block = find_title(blocks, start, counts)
    if title_block is not None:
        meta["title"] = title_block.text
        title_block.label = "title"
        if title_block.index == start:
            start += 1
            head = blocks[:start]
        for b in head:
            if b is not title_block and b.label == "furniture" and key(b.text) == key(title_block.text):
                b.reason = "repeat of the headline"
    if title_block is not None and not meta["authors"]:
        for b in blocks[title_block.index + 1:start]:
            if b.label == "furniture" and _name_line(b.text):
                meta["authors"] = split_names(b.text)[:1]
                b.label, b.reason = "byline", "a name on its own line under the headline"
                break
    first_title = next((b for b in head if key(b.text) == key(meta.get("title", "\0"))), None)
    if crumbs:
        kicker_block = next((b for b in head if b.text.strip() in crumbs and b.label == "furniture"), None)
        if kicker_block is not None and first_title is not None and kicker_block.index < first_title.index:
            meta["kicker"] = kicker_block.text.strip()
            kicker_block.label, kicker_block.reason = "kicker", "short line above the headline, also in the breadcrumb"
        meta["tags"] = [c for c in crumbs if c != meta.get("kicker")]
    if first_title is not None:
        for b in head:
            if b.index > first_title.index and b.label == "furniture" and b.sentence and 6 <= b.words <= 60 \
                    and not NOTICE.search(b.text) and counts[key(b.text)] == 1:
                meta["subtitle"] = b.text
                b.label, b.reason = "dek", "sentence between the headline and the body"
                break
    return meta
