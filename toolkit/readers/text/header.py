"""Finds the article's header in scraped text: headline, dek, kicker, breadcrumb tags, byline and dateline.

The header lies around the start of the main text run. The headline is chosen first (text_title).
Authors: the nearest byline line under the headline, else above the body, else a name on its own
line under the headline (next to its date or role), else a "By ..." line or byline label early in
the text run, just after it or on a short line inside it, else "by Jane Doe" ending the headline.
Date: a date line (or a byline's date) under the headline, just above it, nearest above the body,
else a labelled date line ("Posted on ...") in or after the body; a publication date wins over an
update date. Breadcrumbs give the tags, a breadcrumb item above the headline the kicker, the first
sentence between headline and body the dek. A whole header that the text run swallowed after a short
notice is moved out of it first (peel_header).
"""

from __future__ import annotations

import re
from collections import Counter

from toolkit.language.names import FIRST_NAMES
from toolkit.readers.text.blocks import NOTICE, Block, key
from toolkit.readers.text.byline import (
    BY_PREFIX,
    TRAILING_BYLINE,
    byline_names,
    is_byline_label,
    lowercase_words,
    name_line,
)
from toolkit.readers.text.dates import dates_in, is_date_line, is_update_only, line_date, unglue
from toolkit.readers.text.figures import caption_shaped
from toolkit.readers.text.lines import CALL_TO_ACTION, is_aside, is_author_name, is_meta, title_shaped
from toolkit.readers.text.title import HEAD_WINDOW, find_title, strip_site_name

CRUMB_SPLIT = re.compile(r"\s+(?:\||›|»|>|/|·|•|❯)\s+")
HEADLINE_BY = re.compile(r"\s[Bb]y ([A-Z][a-z]+) ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)$")  # "Headline ... by Jane Doe"
BELOW_TITLE = 8  # byline and dateline are looked for this many lines under the headline
DATE_AFTER = 40  # a labelled date line ("Posted July 10, 2004") may follow the article by this many lines,
# up to the copyright line


def peel_header(blocks: list[Block], start: int, counts: Counter | None = None) -> int:
    """Move the body's start past a dek, byline and dateline that the text run swallowed (at most two
    paragraphs of unrepeated prose, a dek and a notice, may come before them). Further down the run's
    first lines, a whole header (a headline with its byline under it) is peeled too when no more than
    two short notices (SWALLOW_WORDS together) come before it."""
    head = _swallowed_headline(blocks, start)
    last = _header_end(blocks, start, head, counts) if head is not None else None
    if last is None:
        head, last = None, _header_end(blocks, start, None, counts)
    if last is None:
        return start
    why = "header line above the article" if head is None else (
        "header swallowed by the text run (a headline with its byline under it, after a short notice)")
    for b in blocks[start:last + 1]:
        if head is None or b.label not in ("caption", "credit"):
            b.label, b.reason = "furniture", why
    return last + 1


def _header_end(blocks: list[Block], start: int, head: int | None, counts: Counter | None) -> int | None:
    """The last byline or date line of the header the run swallowed (under the headline at head, if
    given), or None if too much prose comes before it."""
    reach = 5 if head is None else head - start + BELOW_TITLE
    last = None
    for b in blocks[start:start + reach]:
        if head is not None and b.index > head and b.words > 45:
            break  # the header ends where the article's prose begins
        if (b.words <= 14 and is_meta(b) and not name_line(b.text)) or TRAILING_BYLINE.search(b.text) or (
                b.words <= 30 and not b.sentence and byline_names(b.text)) or (
                b.index < start + 3 and b.words <= 8 and not b.sentence and is_author_name(blocks, b.index)):
            last = b.index
    if last is None or (head is not None and last < head):
        return None
    prose = [b for b in blocks[start:last] if b.sentence and b.words >= 8 and (counts is None or counts[key(
        b.text)] == 1) and not (head is not None and b.index > head)]
    if len(prose) > 2 or any(b.words > 45 for b in prose) or (
            head is not None and sum(b.words for b in prose) > SWALLOW_WORDS):
        return None
    return last


SWALLOW_REACH = 10  # a whole header may sit this many lines into the text run
SWALLOW_WORDS = 40  # after at most this many words of notices (not an article's opening paragraphs)


def _swallowed_headline(blocks: list[Block], start: int) -> int | None:
    """A headline-shaped line among the text run's first lines with a byline under it (captions, credits
    and one more line, a dek, may come between): the run began with a notice above the article's header."""
    for b in blocks[start + 1:start + SWALLOW_REACH]:
        if b.sentence or b.words < 3 or not title_shaped(b):
            continue
        between = 0
        for x in blocks[b.index + 1:b.index + 6]:
            if x.label in ("caption", "credit"):
                continue
            if byline_names(x.text) or is_byline_label(x.text):
                return b.index
            between += 1
            if between > 1:
                break
    return None


def _breadcrumb(blocks: list[Block], start: int) -> list[str]:
    for b in blocks[:start]:
        parts = CRUMB_SPLIT.split(b.text)
        if (2 <= len(parts) <= 7 and all(1 <= len(p.split()) <= 4 for p in parts) and b.label == "furniture"
                and not dates_in(b.text) and not byline_names(b.text)):
            b.label, b.reason = "tags", "breadcrumb line (items split by a separator)"
            return [p.strip() for p in parts]
    return []


def _plausible(names: list[str], common: frozenset[str], publisher: str = "") -> list[str]:
    """Names that are not capitalised common words of the page ("Venue", "Product"), run-together menu
    words ("ChecklistsJust Engaged") or the publisher of the copyright line."""
    return [n for n in names if not all(w[:1].isupper() and w.lower() in common for w in n.split())
            and len(re.findall(r"[A-Z][a-z]{3,}[A-Z]", n)) < 2 and f" {key(n)} " not in f" {publisher} "]


def _byline_in(span: list[Block], where: str, labels: tuple[str, ...], max_words: int, need_by: bool,
               common: frozenset[str]) -> list[str]:
    """The first byline line (or byline label and the name under it) in span; labels the lines used."""
    for i, b in enumerate(span):
        if b.label not in labels or b.words > max_words or (
                need_by and not BY_PREFIX.match(b.text) and not is_byline_label(b.text)):
            continue
        names = byline_names(b.text)
        if names:
            b.label, b.reason = "byline", f"byline line {where} (By ..., name with a date)"
            return names
        if is_byline_label(b.text):
            names = _names_after_label(span[i + 1:i + 8], common)
            if names:
                b.label, b.reason = "byline", "byline label"
                return names
    return []


def _names_after_label(after: list[Block], common: frozenset[str]) -> list[str]:
    """The name under a byline label (one line of page furniture may come between), and the names on the
    lines right after it ("Authors" over one name a line); labels the lines used."""
    names: list[str] = []
    for n, b in enumerate(after):
        if names:  # a further name: a line that is only a name
            found = _plausible(name_line(b.text, common), common)
        else:
            found = _plausible(byline_names("By " + b.text), common) if b.words <= 8 else []
        if found and (len(found[0].split()) > 1 or found[0].split()[0] in FIRST_NAMES):
            b.label, b.reason = "byline", "name after a byline label"
            names += [x for x in found if x not in names]
        elif names or n >= 1:
            break
    return names


def _name_under(blocks: list[Block], title: Block, start: int, common: frozenset[str], publisher: str) -> list[str]:
    """A name on its own line under the headline: "Jane Doe" next to a date or role line, "jdoe" over a
    dateline, "Jane3/4/2025" (a name glued to the date); labels it."""
    for j, b in enumerate(blocks[title.index + 1:min(title.index + 1 + BELOW_TITLE, start + 1)]):
        if b.label != "furniture":
            continue
        names = name_line(b.text, common) if is_author_name(blocks, b.index, common) else []
        nxt = blocks[b.index + 1] if b.index + 1 < len(blocks) else None
        plain = unglue(b.text)
        found = dates_in(plain)
        if not names and j <= 1 and b.words == 1 and nxt is not None and is_date_line(nxt.text) and re.fullmatch(
                r"[\w.\-]{3,30}", b.text.strip()) and not DATE_LABEL.match(b.text.strip()):  # "Published" is no handle
            names = [b.text.strip()]
        if not names and j <= 1 and found and plain[found[0][1]:].strip() == "" and re.fullmatch(
                r"[A-Za-z][\w.\-]{2,29}", plain[:found[0][0]].strip() or "-"):
            names = [plain[:found[0][0]].strip()]
        names = _plausible(names, common, publisher)
        if names:
            b.label, b.reason = "byline", "a name on its own line under the headline, next to its date or role"
            return names
    return []


def _find_authors(blocks: list[Block], title: Block | None, start: int, end: int,
                  common: frozenset[str]) -> list[str]:
    """The byline nearest under the headline, else the nearest above the body, else a name on its own
    line under the headline, else a "By ..." line (or a byline label over the name: "Article by") early
    in the text run, just after it or on a short line of its own inside it."""
    publisher = " ".join(key(b.text) for b in blocks if re.search(r"©|\bcopyright\b", b.text, re.I))
    near = ("furniture", "tags")
    inside = ("item", "heading", "furniture")
    if title is not None:
        below = blocks[title.index + 1:min(len(blocks), title.index + 1 + BELOW_TITLE, start + 3)]
        names = _byline_in(below, "under the headline", near, 60, False, common)
        if names:
            return names
    names = _byline_in(blocks[max(0, start - HEAD_WINDOW):start + 3], "above the body", near, 60, False, common)
    if not names and title is not None:
        names = _name_under(blocks, title, start, common, publisher)
    for span, where, labels in (
            (blocks[start:start + 12], "early in the text run", inside),
            (blocks[max(start, end - 1):end + 6], "at the end of the article", inside),
            ([b for b in blocks[start:end] if b.words <= 8], "inside the text run (a short line)", inside[:2])):
        names = names or _byline_in(span, where, labels, 20, True, common)
    return names


DATE_LABEL = re.compile(r"^\W*(?:published|posted|submitted|released|date|last updated|updated|(?:page )?last modified|modified)\b",
                        re.I)


def _find_date(blocks: list[Block], title: Block | None, start: int, end: int) -> str | None:
    """The publication date: nearest under the headline, just above it, nearest above the body, else a
    labelled date line ("Posted on ...") in or after the body (up to the copyright line); an update date
    only if none is found."""
    groups: list[tuple[list[Block], str]] = []
    if title is not None:
        groups.append((blocks[title.index + 1:min(len(blocks), title.index + 1 + BELOW_TITLE, start + 3)],
                       "date line under the headline"))
        groups.append((blocks[max(0, title.index - 2):title.index][::-1], "date line just above the headline"))
    groups.append((blocks[max(0, start - HEAD_WINDOW):start][::-1], "date line nearest above the body"))
    stop = next((b.index for b in blocks[end + 1:end + DATE_AFTER] if re.search(r"©|\bcopyright\b", b.text, re.I)),
                end + DATE_AFTER)
    groups.append(([b for b in blocks[start:stop] if DATE_LABEL.match(b.text)],
                   "labelled date line at the article's end"))
    seen: set[int] = set()
    update: tuple[Block, str, str] | None = None
    for span, why in groups:
        for b in span:
            if b.index in seen or b.label not in ("furniture", "byline", "tags", "item", "heading") or b.words > 60:
                continue
            seen.add(b.index)
            if b.label in ("item", "heading") and not is_date_line(b.text):
                continue
            if not (is_date_line(b.text) or b.label == "byline" or byline_names(b.text)):
                continue
            day = line_date(b.text)
            if not day:
                continue
            if is_update_only(b.text):
                update = update or (b, day, why)
                continue
            if b.label != "byline":
                b.label, b.reason = "dateline", why
            else:
                b.reason += "; its date is the publication date"
            return day
    if update is not None:  # only an update date: better than none
        b, day, why = update
        if b.label != "byline":
            b.label, b.reason = "dateline", why + " (last updated; no publication date found)"
        else:
            b.reason += "; its date (last updated; no publication date found) is the date"
        return day
    return None


def label_header(blocks: list[Block], start: int, counts: Counter, end: int | None = None) -> dict:
    """Label the header blocks above the body in place; return the metadata found."""
    meta: dict = {"tags": [], "authors": []}
    end = len(blocks) - 1 if end is None else end
    crumbs = _breadcrumb(blocks, start)
    common = lowercase_words(" ".join(b.text for b in blocks))
    title_block, reason = find_title(blocks, start, counts, end, common)
    if title_block is not None:
        meta["title"] = strip_site_name(title_block.text)
        title_block.label, title_block.reason = "title", reason
        if meta["title"] != title_block.text:
            title_block.reason += "; the site name after the bar left out"
        if title_block.index >= start:
            for b in blocks[start:title_block.index]:
                b.label, b.reason = "furniture", "above the headline"
            start = title_block.index + 1
        for b in blocks[:start]:
            if b is not title_block and b.label == "furniture" and key(b.text) == key(title_block.text):
                b.reason = "repeat of the headline"
    meta["authors"] = _find_authors(blocks, title_block, start, end, common)
    signed = HEADLINE_BY.search(title_block.text) if title_block is not None and not meta["authors"] else None
    if signed and signed[1] in FIRST_NAMES:
        meta["authors"] = [f"{signed[1]} {signed[2]}"]
        title_block.reason += "; no byline found: the name after 'by' at its end is the author"
    day = _find_date(blocks, title_block, start, end)
    if day:
        meta["date"] = day
    head = blocks[:start]
    first_title = next((b for b in head if key(b.text) == key(title_block.text)), None) if title_block else None
    if crumbs:
        kicker_block = next((b for b in head if b.text.strip() in crumbs and b.label == "furniture"), None)
        if kicker_block is not None and first_title is not None and kicker_block.index < first_title.index:
            meta["kicker"] = kicker_block.text.strip()
            kicker_block.label, kicker_block.reason = "kicker", "short line above the headline, also in the breadcrumb"
        meta["tags"] = [c for c in crumbs if c != meta.get("kicker")]
    if first_title is not None:
        for b in head:
            trailing = TRAILING_BYLINE.search(b.text) if b.label == "byline" else None
            if trailing and b.index > first_title.index and len(b.text[:trailing.start() + 1].split()) >= 6:
                meta["subtitle"] = b.text[:trailing.start() + 1]  # "Dek sentence. By Jane Doe on May 4, 2024"
                b.reason += "; the sentence before it is the dek"
                break
            if b.index > first_title.index and b.label == "furniture" and b.sentence and 6 <= b.words <= 60 \
                    and not NOTICE.search(b.text) and counts[key(b.text)] == 1 and not CALL_TO_ACTION.search(
                        b.text) and not caption_shaped(b.text):
                meta["subtitle"] = b.text
                b.label, b.reason = "dek", "sentence between the headline and the body"
                break
        if "subtitle" not in meta and title_block is not None:
            dek = standfirst(blocks, title_block, start, counts)
            if dek is not None:
                meta["subtitle"] = dek.text
                dek.label, dek.reason = "dek", ("standfirst right under the headline: a longer line in sentence "
                                                "case, no byline, date, notice or credit")
    return meta


def standfirst(blocks: list[Block], title: Block, start: int, counts: Counter) -> Block | None:
    """The dek written without a closing stop: the first line under the headline (past copies of the
    headline, share buttons and bare labels) that is longer than the headline or has six words or more, in
    sentence case, unrepeated, and not a byline, date, notice, call to action or caption."""
    tk = key(title.text)
    for b in blocks[title.index + 1:min(start, title.index + 5)]:
        k = key(b.text)
        if k == tk or (len(k) >= 12 and (tk.startswith(k) or k.startswith(tk))) or is_aside(b) or b.words <= 2:
            continue
        words = b.text.split()
        if (b.label == "furniture" and 6 <= b.words <= 60 and counts[k] == 1 and not is_meta(b)
                and not byline_names(b.text) and not is_date_line(b.text) and not NOTICE.search(b.text)
                and not CALL_TO_ACTION.search(b.text) and not caption_shaped(b.text)
                and sum(w[:1].isupper() for w in words) < 0.5 * len(words) and not b.text.isupper()):
            return b
        return None
    return None
