"""Labels the blocks of scraped page text: page furniture, or the article's body, headings and lists.

Each blank-line-separated block gets a prose score; the body is the densest run of prose (a
maximum-sum window over the scores, as in boilerplate detectors such as BTE). Repeated lines,
menu words, tag clouds with post counts, cookie and subscription notices (a cookie notice of any
length) score low; a repeated line is a teaser, unless it is a table of contents entry that the
text repeats as a heading (then it scores as a short repeat). Headings and list items inside the
run are kept by their shape; a list of headlines or of teaser cards with their dates after most of the
run's prose (related links) ends the run. Every label carries its reason for ``toolkit inspect --explain``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

TERMINAL = (".", "!", "?", "\u201d", '"', "\u2019", "'", ")", "\u2026", ":")
FURNITURE_WORDS = re.compile(
    r"^(?:share(?: (?:this|on) .*)?|tweet|e-?mail|print|subscribe.*|sign (?:up|in|out).*|log ?(?:in|out)|register|"
    r"menu|main menu|search.*|home|advertisement|advert|sponsored.*|related(?: \w+)?|read (?:more|next).*|more|"
    r"comments?|\d+ comments?|leave a (?:comment|reply)|cookies?(?: settings| policy)?|accept(?: all)?(?: cookies)?|"
    r"reject all|manage (?:cookies|preferences|consent)|close|skip to .*|follow us.*|newsletters?|"
    r"recent (?:features|posts|articles|stories)|popular(?: \w+)?|trending(?: \w+)?|most (?:read|popular)|next|"
    r"previous|back to top|join the (?:conversation|discussion)|all rights reserved.*|copyright.*|©.*|privacy(?: policy)?|terms(?: of (?:use|service))?|"
    r"contact(?: us)?|about(?: us)?|table of contents|contents|on this page|in this article|listen(?: to .*)?|"
    r"save|copy link|link copied|bookmark|facebook|twitter|linkedin|instagram|youtube|pinterest|whatsapp|reddit|x|"
    r"toggle .*|open menu|close menu|go to .*|view all|see all|load more|show more|back|top|tags?:?.*|"
    r"categories:?|filed under.*|you may also like|recommended(?: for you)?|more from .*|latest(?: news)?|"
    r"\d+ min(?:ute)?s? read|advertisement - scroll to continue|story continues below.*|up next|next up|"
    r"watch(?: next| more| now| video)?|more videos|play video|continue reading|read full (?:story|article))$", re.I)
NOTICE = re.compile(
    r"\b(?:we use cookies|use of cookies|this (?:site|website) uses cookies|accept (?:all )?cookies|cookie (?:policy|settings)|"
    r"by continuing to (?:use|browse)|privacy policy|terms of (?:use|service)|subscribe (?:to|now|today)|"
    r"sign up (?:for|to)|newsletter|unsubscribe|download (?:our|the) app|all rights reserved|"
    r"javascript (?:is )?(?:disabled|required)|enable javascript|ad blocker|disable your ad|"
    r"this (?:article|story|post) is (?:more than|over) \d+|view it in your browser|"
    r"(?:using|use) (?:internet explorer|an? (?:outdated|unsupported|older) (?:web )?browser)|update your browser)", re.I)
COOKIES = re.compile(r"\b(?:we use cookies|use of cookies|this (?:site|website) uses cookies|cookie (?:policy|settings)|"
                     r"store and/or access information on a device)", re.I)
COUNTS = re.compile(r"\(\d+\)")  # "Repairs (1) Tooltips (4)": a tag cloud or category list, not prose
BULLET = re.compile(r"^(?:[-•*·▪◦–]\s+|\d{1,2}[.)]\s+)")


# icon-font glyphs (private use area): a line of only these is blank (a zero-width spacer line is not:
# page builders put it between sections)
ICON_ONLY = re.compile("[\ue000-\uf8ff]")


@dataclass
class Block:
    """One blank-line-separated block of the input with its label and the reason for it."""

    index: int
    line: int
    text: str
    label: str = "furniture"
    reason: str = ""
    score: float = 0.0
    rows: tuple[tuple[str, ...], ...] = ()  # a table's cells, when the block's lines have evident columns

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def sentence(self) -> bool:
        return self.text.rstrip().endswith(TERMINAL) and bool(re.search(r"[a-z]", self.text))


def split_blocks(text: str) -> list[Block]:
    """Blocks separated by blank lines (a line of only icon glyphs counts as blank); a block's lines are
    joined with spaces, except a run of lines with evident columns: that is a block of its own, a table."""
    from toolkit.readers.text.columns import split_tables

    blocks: list[Block] = []
    buf: list[str] = []
    start = 0
    for n, line in enumerate([*text.split("\n"), ""], start=1):
        if ICON_ONLY.sub("", line).strip():
            if not buf:
                start = n
            buf.append(line.strip())
        elif buf:
            at = start
            for lines, rows in split_tables(buf):
                text_of = " ".join(" ".join(r) for r in rows) if rows else " ".join(lines)
                blocks.append(Block(len(blocks), at, text_of, rows=tuple(tuple(r) for r in rows)))
                at += len(lines)
            buf = []
    return blocks


def key(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def is_furniture_line(text: str) -> bool:
    return bool(FURNITURE_WORDS.match(text.strip().rstrip(":").strip()))


def headline_like(text: str) -> bool:
    """A short line that could be a heading or list item: starts like a word, no menu word."""
    words = text.split()
    return 1 <= len(words) <= 16 and bool(re.match(r"^[\w\"“‘'(¿¡#-]", text)) and not is_furniture_line(text)


def prose_score(b: Block, repeats: int) -> float:
    """Positive for article prose, negative for furniture; the maximum-sum window runs over these."""
    if repeats > 1 and b.words <= 30:
        # a repeated headline or teaser is page furniture; short repeats (dates, shop names) may be content
        return -40.0 if b.words >= 5 else -6.0 - b.words * 0.5
    if b.label in ("caption", "credit") or b.rows:
        return 0.0  # a table is neither prose nor furniture: the text around it decides
    if is_furniture_line(b.text):
        return -15.0
    if NOTICE.search(b.text) and (b.words <= 60 or COOKIES.search(b.text)):
        return -20.0  # a long notice too if it is about cookies (a consent text is no article)
    counts = len(COUNTS.findall(b.text))
    if counts >= 3 and counts * 6 >= b.words:
        return -6.0 - b.words * 0.5  # a tag cloud or category list with post counts
    if b.sentence and b.words >= 8:
        return float(min(b.words, 60))
    if b.sentence and b.words >= 4:
        return b.words * 0.5
    if headline_like(b.text) and b.words >= 2:
        return -3.0
    if b.words >= 15 and _function_share(b.text) >= 0.15:
        return b.words * 0.5  # prose without a closing stop (a list run into one line, "Date: ... Focus: ...")
    return -6.0 - b.words * 0.5


_FUNCTION = frozenset("the of and to in a an is are was for on with as by at from that this it or be".split())


def _function_share(text: str) -> float:
    words = re.findall(r"[a-z]+", text.lower())
    return sum(w in _FUNCTION for w in words) / len(words) if words else 0.0


def max_window(scores: list[float]) -> tuple[int, int]:
    """The span with the largest sum of scores (Kadane's algorithm)."""
    best, best_span, cur, cur_start = float("-inf"), (0, -1), 0.0, 0
    for i, s in enumerate(scores):
        if cur <= 0:
            cur, cur_start = s, i
        else:
            cur += s
        if cur > best:
            best, best_span = cur, (cur_start, i)
    return best_span


def label_body(blocks: list[Block], counts: Counter) -> tuple[int, int]:
    """Label the main text run's blocks body/heading/item; return its (start, end) indexes."""
    scores = [prose_score(b, counts[key(b.text)]) for b in blocks]
    contents = contents_lines(blocks, counts)
    for i in contents:  # a heading listed in a table of contents: no teaser, whatever its length
        scores[i] = max(scores[i], -6.0 - blocks[i].words * 0.5)
    for b, s in zip(blocks, scores, strict=True):
        b.score = s
    start, end = max_window(scores)
    above = Counter(key(b.text) for b in blocks[:start])
    for b in blocks[start:end + 1]:
        if b.label in ("caption", "credit"):
            continue
        k = key(b.text)
        if b.rows and start < b.index < end:
            b.label, b.reason = "table", f"{len(b.rows)} lines of {len(b.rows[0])} columns inside the main text run"
        elif b.index in contents and start < b.index < end and above[k] == 0:
            if any(key(x.text) == k for x in blocks[start:b.index]):
                b.label, b.reason = "heading", "heading of the text, listed in the table of contents above it"
            else:
                b.reason = "table of contents entry (the text repeats it as a heading)"
        elif scores[b.index] > 0:
            b.label, b.reason = "body", f"prose in the main text run (score {scores[b.index]:.0f})"
        elif counts[k] == 2 and above[k] == 1 and headline_like(b.text) and start < b.index < end and not (
                is_furniture_line(b.text)):
            b.label, b.reason = "heading", "short line inside the main text run, also listed above it (contents)"
        elif counts[k] == 1 and headline_like(b.text) and start < b.index < end:
            if BULLET.match(b.text) or _in_run_of_short(blocks, b.index):
                b.label, b.reason = "item", "short line among short lines inside the main text run"
            else:
                b.label, b.reason = "heading", "short line inside the main text run"
        else:
            b.reason = f"furniture inside the text run (score {scores[b.index]:.0f})"
    _heading_before_list(blocks[start:end + 1])
    return start, cut_cards(blocks, start, cut_teasers(blocks, start, end))


TEASER_RUN = 4  # this many headline lines in a row (no closing stop) after most of the prose: related links


def _unstopped(b: Block) -> bool:
    """A headline line: 6-35 words, not a bullet, not closed by a full stop or a colon (a question or
    exclamation may close it: "Can you really get a cheaper fare?")."""
    text = b.text.rstrip(" \"'\u201d\u2019)]")
    return 6 <= b.words <= 35 and not BULLET.match(b.text) and not text.endswith((".", ":", ";", ",", "\u2026"))


AGO = re.compile(r"^\W*\d+\s*(?:min(?:ute)?s?|h|hrs?|hours?|days?|weeks?|months?)\s+ago\W*$", re.I)
CARD_DATES = 3  # this many date lines among the run's last lines, close together: teaser cards


def _card_date(b: Block) -> bool:
    """A short line that is only a date or a time ago ("8 hours ago", "May 4, 2024"): a teaser card's date."""
    from toolkit.readers.text.dates import is_date_line

    return b.words <= 6 and (bool(AGO.match(b.text)) or is_date_line(b.text, strict=True))


def cut_cards(blocks: list[Block], start: int, end: int) -> int:
    """End the run before teaser cards after most of its prose: CARD_DATES or more date lines ("8 hours ago")
    at most eight lines apart; the first card starts at the short lines (headline, author) right above its
    date. Returns the run's new last index."""
    run = [b for b in blocks[start:end + 1] if b.label not in ("caption", "credit")]
    total = sum(b.words for b in run if b.label == "body" and not _unstopped(b))
    seen = 0
    for n, b in enumerate(run):
        if b.label == "body" and not _unstopped(b):
            seen += b.words
        if not _card_date(b) or seen * 10 < total * 6:
            continue
        dates = [n]
        for m in range(n + 1, len(run)):
            if m - dates[-1] > 8:
                break
            if _card_date(run[m]):
                dates.append(m)
        if len(dates) < CARD_DATES:
            continue
        first = n
        while first > 0 and n - first < 3 and run[first - 1].words <= 16 and not run[first - 1].sentence:
            first -= 1
        for x in blocks[run[first].index:end + 1]:
            x.label, x.reason = "furniture", (f"after the article: teaser cards ({len(dates)} date lines such as "
                                              f"{run[n].text[:20]!r} close together) after most of its prose")
        return max(start, run[first].index - 1)
    return end


def cut_teasers(blocks: list[Block], start: int, end: int) -> int:
    """End the run before a list of headlines that comes after most of its prose (60% of the words of its
    paragraphs closed by a stop): TEASER_RUN or more lines
    of eight words or more in a row without a closing stop (short labels between them aside), with no
    paragraph of 25 words or more closed by a stop after them, are related links, not the article.
    Returns the run's new last index."""
    run = [b for b in blocks[start:end + 1] if b.label not in ("caption", "credit")]
    total = sum(b.words for b in run if b.label == "body" and not _unstopped(b))  # the stopped prose
    seen = 0
    for n, b in enumerate(run):
        if _unstopped(b):
            lines = [x for x in run[n:n + 2 * TEASER_RUN] if x.words > 3]
            resumes = any(x.sentence and x.words >= 25 and not _unstopped(x) for x in run[n:])
            if len(lines) >= TEASER_RUN and all(_unstopped(x) and x.words >= 8 for x in lines[:TEASER_RUN]) and (
                    seen * 10 >= total * 6) and not resumes:
                for x in blocks[b.index:end + 1]:
                    x.label, x.reason = "furniture", (f"after the article: a list of headlines ({TEASER_RUN} or more "
                                                      "lines in a row without a closing stop) after most of its prose")
                return max(start, b.index - 1)
        if b.label == "body" and not _unstopped(b):
            seen += b.words
    return end


def contents_lines(blocks: list[Block], counts: Counter) -> set[int]:
    """Lines of a table of contents and the headings it lists: neighbouring short lines that come back
    later in the same order, each copy with prose between them (a repeated teaser list comes back as
    a block)."""
    keys = [key(b.text) for b in blocks]
    later: dict[str, list[int]] = {}
    for b in blocks:
        if counts[keys[b.index]] == 2 and b.words <= 16:
            later.setdefault(keys[b.index], []).append(b.index)
    found: set[int] = set()
    for b in blocks[:-1]:
        i = b.index
        a, n = later.get(keys[i]), later.get(keys[i + 1])
        if not a or not n or len(a) != 2 or len(n) != 2 or a[0] != i or n[0] != i + 1 or not (a[1] < n[1]):
            continue
        if a[1] > i + 1 and any(x.sentence and x.words >= 8 for x in blocks[a[1] + 1:n[1]]):
            found.update((i, i + 1, a[1], n[1]))
    return found


def _heading_before_list(run: list[Block]) -> None:
    """A run of short lines not introduced by a colon starts with its own heading."""
    i = 0
    while i < len(run):
        if run[i].label != "item":
            i += 1
            continue
        j = i
        while j < len(run) and run[j].label == "item":
            j += 1
        before = run[i - 1] if i else None
        if j - i >= 3 and not BULLET.match(run[i].text) and (before is None or not before.text.rstrip().endswith(":")):
            run[i].label, run[i].reason = "heading", "short line heading a list of short lines"
        i = j


def _in_run_of_short(blocks: list[Block], i: int) -> bool:
    """True if a neighbour is also a short non-sentence line (a list rather than a heading)."""
    def short(j: int) -> bool:
        return 0 <= j < len(blocks) and not blocks[j].sentence and blocks[j].words <= 16 and headline_like(
            blocks[j].text) and blocks[j].label not in ("caption", "credit")
    return short(i - 1) or short(i + 1)
