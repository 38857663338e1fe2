"""Finds figure captions and credits in scraped text: credit lines and the caption above (or holding) them."""

from __future__ import annotations

import re

from toolkit.readers.text.blocks import Block

CREDIT_RE = re.compile(
    r"^\(?\s*(?:(?:photo|image|picture|photograph|illustration|graphic|video)s?\s*(?:credit)?|credits?)"
    r"\s*(?:by\b|:|\||/)\s*(?P<who>.+?)\)?$", re.I)
# "... at the rally on Monday. (AP Photo/Jane Doe)" / "... Photo: Jane Doe/Reuters"
TRAILING_CREDIT = re.compile(
    r"^(?P<cap>.{20,}?[.!?\u201d\"])\s*(?:\((?P<paren>(?:AP |AFP |Reuters |EPA )?(?:photo|image|picture|credit)s?"
    r"\s*(?::|/|by)\s*[^()]{2,80})\)|(?P<label>(?:photo|image|picture|credit)s?\s*(?::|by)\s*[^.]{2,80}))\s*$",
    re.I)

# a line that ends in a bracketed photo credit or an agency pair, with or without a closing stop before it:
# "A crowd at the harbour (Image: Jane Doe via Example Agency)", "... at the market (stock image)",
# "... at the rally. (Courtesy of Ana Petrova)", "... the storm's track (NOAA/XYZ)", "... the quay Jane Doe/via Example"
CREDIT_TAIL = re.compile(
    r"\S\s*\((?:(?:[\w-]+ )?(?i:images?|photos?|pictures?|photograph|courtesy|credit|stock|file|screenshot|screengrab|"
    r"handout)\b[^()]{0,60}|[A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*){0,2}(?:/[A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*){0,2})+)\)\W{0,3}$|"
    r"\s[A-Z][\w'-]+/(?:via )?[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,2}$")


def caption_shaped(text: str) -> bool:
    """Six to sixty words ending in a photo credit (CREDIT_TAIL): a caption under a picture, not a headline."""
    return 6 <= len(text.split()) <= 60 and bool(CREDIT_TAIL.search(text.strip()))


def credit_of(text: str) -> str:
    """The credited names in a credit line ("Credit: AP Photo/X" -> "AP Photo/X")."""
    m = CREDIT_RE.match(text.strip())
    who = m.group("who") if m else text
    return who.strip(" ()")


def label_figures(blocks: list[Block]) -> None:
    """Label credit lines, the caption directly above each, and captions ending in their credit."""
    for i, b in enumerate(blocks):
        if CREDIT_RE.match(b.text) and b.words <= 15:
            b.label, b.reason = "credit", "credit pattern"
            prev = blocks[i - 1] if i else None
            if prev is not None and prev.sentence and prev.label == "furniture" and prev.words <= 80:
                prev.label, prev.reason = "caption", "prose directly above a credit line"
            continue
        m = TRAILING_CREDIT.match(b.text)
        if m and b.words <= 90 and b.label == "furniture":
            b.label, b.reason = "caption", "sentence ending in a photo credit"
        elif b.words <= 90 and b.label == "furniture" and caption_shaped(b.text):
            b.label, b.reason = "caption", "line ending in a bracketed photo credit or an agency pair (Name/Agency)"


def split_caption(text: str) -> tuple[str, str]:
    """("caption", "credit") of a caption that ends in its credit; else (text, "")."""
    m = TRAILING_CREDIT.match(text)
    if not m:
        return text, ""
    who = m.group("paren") or m.group("label") or ""
    return m.group("cap").strip(), credit_of(who)
