"""Names in a byline's text, whatever the input's format: "By Jo Lee and Al Roe, Staff Writers" -> [Jo Lee, Al Roe].

Shared by the web-page reader (``html.byline``, ``html.authors``) and the scraped-text reader
(``text.byline``): the prefixes, trailing dates, roles, credentials and particles a name is cut
from are the same in both.
"""

from __future__ import annotations

import re

from toolkit.readers.html.dom import collapse

BY_PREFIX = re.compile(r"^\s*(?:(?:written|words|story|reporting|posted|published|article|text|reviewed|"
                       r"edited|updated)\s+)?(?:by|from)\s*[:\-]?\s*|^\s*(?:authors?|writers?|byline)\s*[:\-]\s*",
                       re.I)
TRAILERS = re.compile(
    r"\s*(?:[|•·,–—-]\s*)?(?:\b(?:published|updated|posted|last updated|on)\b.*|\d+\s*min(?:ute)?s?\s+read.*|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b.*|\d{1,2}/\d{1,2}/\d{2,4}.*|"
    r"\d{4}-\d{2}-\d{2}.*)$", re.I)
ROLE_WORDS = frozenset((
    "author", "authors", "name", "writer", "editor", "senior", "staff", "contributor", "contributing",
    "associate", "reporter", "correspondent", "columnist", "founder", "ceo", "expert", "reviewer",
    "sign", "in", "login", "follow", "about", "more", "read", "view", "posts", "profile", "email",
    "twitter", "facebook", "linkedin", "bio", "by", "the", "articles", "all", "see", "share", "full",
))
ROLE_TAIL = frozenset((
    "co-founder", "cofounder", "founder", "executive", "director", "manager", "head", "chief", "president",
    "specialist", "mvp", "researched", "reviewed", "edited", "updated", "fact-checked", "checked", "guidelines",
    "editorial", "gardener", "astrologer", "veterinarian", "dvm", "md", "phd", "ph.d", "rn", "rd", "cpa",
    "lead", "principal", "partner", "analyst", "producer", "photographer", "illustrator", "journalist",
    "writer", "associate", "editor", "contributor", "columnist", "senior",
))
CONNECTORS = frozenset(("of", "the", "in", "and", "for", "with", "at", "on"))
CREDENTIAL = re.compile(r"^(?:ph\.?\s?d|m\.?d|jr|sr|ii|iii|rn|rd|mba|mph|dvm|cpa|esq|ms|ma|bsc|msc)\.?$", re.I)
GROUP_WORDS = frozenset(("staff", "team", "reporter", "reporters", "correspondent", "writers", "editors",
                         "desk", "newsroom"))
NOT_AUTHOR = re.compile(r"\b(?:(?:medically\s+)?reviewed|fact[- ]?checked|edited|updated|illustrated|"
                        r"photographed|researched|produced)\s+by\b.*$|"
                        r"\b(?:with\s+)?(?:contributions?|additional\s+reporting)\s+(?:from|by)\b.*$", re.I)
NAME_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\|)\s*", re.I)


def clean_name(text: str) -> str | None:
    """A person's or organisation's name, or None for labels, roles and junk."""
    text = collapse(text)
    text = BY_PREFIX.sub("", text)
    text = TRAILERS.sub("", text).strip(" .:,-–—|•·")
    text = BY_PREFIX.sub("", text).strip()
    if not text or len(text) > 60 or re.search(r"\d|@|https?:|www\.|\{|\}", text):
        return None
    words = _name_words(text.split())
    if not 1 <= len(words) <= 5:
        return None
    if all(w.lower().strip(".,:") in ROLE_WORDS for w in words):
        return None
    if not any(w[:1].isupper() for w in words):
        return None
    return " ".join(words)


PARTICLES = frozenset(("van", "von", "der", "den", "de", "la", "le", "da", "di", "du", "dos", "del", "bin", "al",
                       "ibn", "st.", "mc", "ter", "ten", "y", "e"))


def _name_words(words: list[str]) -> list[str]:
    """The leading words that can belong to a name; a role or sentence after it is cut off."""
    out: list[str] = []
    for i, w in enumerate(words):
        bare = w.strip(".,:;")
        if out and bare.lower() in ROLE_TAIL:
            break
        rest = [x for x in words[i + 1:] if x.lower() not in CONNECTORS]
        connector = out and bare.lower() in CONNECTORS and bool(rest) and rest[0][:1].isupper()
        if bare[:1].isupper() or bare.lower() in PARTICLES or bare.lower() in GROUP_WORDS or connector or (
                out and re.fullmatch(r"[A-Z]\.?", bare)):
            out.append(w)
        elif out:
            break
        else:
            out.append(w)
    return out


def names_in(text: str) -> list[str]:
    text = NOT_AUTHOR.sub("", BY_PREFIX.sub("", collapse(text)))
    text = TRAILERS.sub("", text)
    parts = NAME_SPLIT.split(text)
    if any(w.lower().strip(".,") in ROLE_TAIL for part in parts[1:] for w in part.split()):
        parts = parts[:1]  # "Jane Doe, Executive Editor, The Gazette": a name with its role and employer
    out: list[str] = []
    for part in parts:
        name = clean_name(part)
        if name and name.lower() not in (n.lower() for n in out):
            if out and ((name.isupper() and len(name) <= 5) or CREDENTIAL.match(name)):
                continue  # credentials such as "MD" or "Ph.D."
            out.append(name)
    return out
