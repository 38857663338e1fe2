"""What kind of header line a block of scraped text is: byline or dateline, an author's name, a headline
shape, a breadcrumb, share buttons, a notice, a call to action.

Shared by the headline scoring (text_title) and the header labelling (text_header).
"""

from __future__ import annotations

import re

from toolkit.language.names import FIRST_NAMES, STOP_CAPS, is_collective_byline, is_label_word
from toolkit.readers.text.blocks import NOTICE, Block, is_furniture_line
from toolkit.readers.text.byline import GROUP_WORDS, ROLE, byline_names, is_byline_label, name_line
from toolkit.readers.text.dates import is_date_line

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
SHARE = re.compile(r"^\W*(?:share|post|pin|email|e-mail|copy|print|save|send)\b.{0,30}$", re.I)
# "Best Of, Japan, Travel Guides": a list of categories, not a headline
TAG_LIST = re.compile(r"^[^,:;]{1,40}(?:, [^,:;]{1,40}){2,}$")
CRUMB_SPLIT = re.compile(r"\s*(?:›|»|>|❯)\s*|\s+(?:\||/|·|•)\s+")


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


def is_author_name(blocks: list[Block], i: int, common: frozenset[str] = frozenset()) -> bool:
    """A line that is only a person's name: a known first name, a name with its role glued on, or a name
    next to a date or over a role line."""
    names = name_line(blocks[i].text, common)
    if not names or (names[0].split()[0] in STOP_CAPS and names[0].split()[-1].lower() not in GROUP_WORDS):
        return False  # "The Times", but "The Example Team"
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    prev = blocks[i - 1] if i else None
    with_role = len(blocks[i].text.split()) > len(names[0].split()) + 1  # "Jane DoeFounder at Example"
    if is_collective_byline(names[0]) or any(is_label_word(w) and w.lower() not in GROUP_WORDS
                                             for w in names[0].split()):
        return False  # "Staff Writers", "Ferry Prices": role words or a label noun, no person
    return (names[0].split()[0] in FIRST_NAMES or with_role
            or (nxt is not None and (is_meta(nxt, common) or bool(ROLE.search(nxt.text) and 2 <= nxt.words <= 8)))
            or (prev is not None and is_date_line(prev.text)))


def meta_flags(blocks: list[Block], lo: int, hi: int, common: frozenset[str]) -> dict[int, bool]:
    """For each block in [lo, hi): is it a byline, dateline or author name line."""
    return {b.index: is_meta(b, common) or is_author_name(blocks, b.index, common) for b in blocks[lo:hi]}


def is_breadcrumb(text: str) -> bool:
    """"Home » Recipes » Bread", "News | World | Asia": two to seven short items between separators."""
    parts = [p for p in CRUMB_SPLIT.split(text) if p.strip()]
    return 2 <= len(parts) <= 7 and all(len(p.split()) <= 4 for p in parts) and bool(CRUMB_SPLIT.search(text))


def is_notice(b: Block) -> bool:
    """A cookie, subscription or age notice ("This article is more than 3 months old")."""
    return bool(NOTICE.search(b.text)) or bool(re.search(r"\bmore than \d+ \w+ old\b", b.text))


def _tag_list(text: str) -> bool:
    """Three or more items of one to four words between commas, no verb-like connective: categories."""
    return bool(TAG_LIST.match(text)) and all(len(p.split()) <= 4 for p in text.split(", ")) and not re.search(
        r"\b(?:and|or|is|are|was|were|will|has|have)\b", text)


def _hashtags(text: str) -> bool:
    return all(w.startswith("#") for w in text.split())


def is_aside(b: Block) -> bool:
    """A line that sits between header lines without being one: share buttons, menu words, notices, tags."""
    return ((b.words <= 1 and not b.text[:1].isalnum()) or is_furniture_line(b.text) or bool(SHARE.match(b.text))
            or is_notice(b) or _hashtags(b.text))


def title_shaped(b: Block) -> bool:
    """Could be a headline: 2-30 words, no closing stop, not a date, byline, breadcrumb, tag list, menu word,
    share button, notice or photo credit, not two sentences."""
    text = b.text.strip()
    return (2 <= b.words <= 30 and not text.endswith((".", ",", ";", ":")) and not is_date_line(text, strict=True)
            and not (b.words > 12 and re.search(r"[a-z]{3}\.\s+[A-Z]", text)) and not _tag_list(text)
            and not SHARE.match(text) and not is_breadcrumb(text) and not _hashtags(text)
            and not byline_names(text) and not NOT_TITLE.search(text) and not is_furniture_line(text)
            and not NOTICE.search(text) and not (re.search(r"\w/\w", text) and "," in text))
