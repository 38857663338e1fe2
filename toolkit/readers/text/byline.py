"""Bylines in scraped text: which header lines name the article's authors, and the names in them.

A byline line is one of:
- a "By" line: "By Jane Doe", "ByJane Doe" (glued), "Written by: ...", "Author: ...", "Posted by ...";
- a date followed by "by": "03/01/2017 by Jane Doe, Staff Writer", "Published: Mar 8, 2024 by Jane Doe";
- a name with a date, split by a separator: "Jane Doe | Senior Writer | July 2, 2025", "Jane Doe • May 4, 2024";
- a name run straight into a date: "Jane Doe 02 Feb 2026 Reviews 7 Comments".
A name alone on a line ("Jane Doe") is a byline only next to the headline (see text_header).
"""

from __future__ import annotations

import re

from toolkit.language.names import FIRST_NAMES, is_collective_byline, is_label_word
from toolkit.readers.bylines import ROLE_TAIL, names_in
from toolkit.readers.text.blocks import is_furniture_line
from toolkit.readers.text.dates import dates_in, unglue

BY_PREFIX = re.compile(
    r"^\W{0,3}(?:(?:(?:written|words|story|reporting|posted|article|text|published|compiled|created)\s+)?by\s*:?|"
    r"(?:authors?|author\(s\)|writer|posted\s+by)\s*:)\s*(?=\S)|^\W{0,3}By(?=[A-Z][a-z])", re.I)
BY_AFTER_DATE = re.compile(r"^\W{0,3}(?:by|written by|posted by)\s*:?\s*(?=\S)", re.I)
BYLINE_LABEL = re.compile(r"^(?:by|written by|article by|words by|story by|posted by|author|authors|author\(s\)|"
                          r"about the author|written by the|contributors?)\s*:?$", re.I)
SEPARATORS = re.compile(r"\s+[|•·⋅/]\s+|\s+[–—]\s+|\s*\|\s*")
# what trails a name on a byline line: a role phrase ending in a role word ("Jane Doe Deputy Politics Editor",
# "Jane DoeTravel Reporter"), a follow button ("Jane Doe Follow", "Jane DoeTwitter"), "for Example News"
ROLE_END = re.compile(r"\b(?:reporter|writer|editor|correspondent|director|columnist|contributor|producer|"
                      r"journalist|photographer|analyst|manager)s?\W*$", re.I)
SOCIAL_TAIL = re.compile(r"(?:(?<=[a-z’'.])|\s+)(?:follow|twitter|facebook|instagram|linkedin|e-?mail)\W*$", re.I)
AGO_TAIL = re.compile(r"(?<=[a-z])\s+\d+\s*(?:min(?:ute)?s?|h|hrs?|hours?|days?)(?:\s+ago)?$", re.I)  # "Jane Doe 7 hours"
FOR_TAIL = re.compile(r"(?<=\S)\s+(?:for|FOR)\s+[A-Z][\w.&'’ -]*$")
_GLUED = re.compile(r"(?<=[A-Z][a-z]{3})(?=[A-Z][a-z])|(?<=[a-z]{4})(?=[A-Z][a-z])")
LABEL_AFTER = re.compile(r"^\W*(?:published|posted|updated|last updated)\b", re.I)
READING_TIME = re.compile(r"\s*[-–|•·⋅]?\s*\d+(?:\s*[–-]\s*\d+)?\s*min(?:ute)?s?(?:\s+read)?\b.*$", re.I)
NOT_A_BYLINE = re.compile(r"\b(?:reviewed|fact[- ]?checked|edited|photo(?:graph)?s?|image|illustrations?|"
                          r"video|medically)\s+by\b|^\W*(?:by (?:clicking|using|submitting|signing|continuing|"
                          r"entering|subscribing|the way|now|then|far|default|contrast|comparison)\b)", re.I)
TRAILING_BYLINE = re.compile(r"[.!?\u201d]\s+(By\s+[A-Z][^!?]{2,80}?\d{4})$")
MONTH_DAY = re.compile(r"\s*\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?!\d)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")


def _unglue_role(text: str) -> str:
    """"Jane DoeFounder at Example" -> "Jane Doe Founder at Example" (only before a role word)."""
    return _CAMEL.sub(lambda m: " " if re.match(r"[A-Za-z-]+", text[m.start():]) and re.match(
        r"[A-Za-z-]+", text[m.start():])[0].lower() in ROLE_TAIL else "", text)


def shed_tail(text: str) -> str:
    """A byline's name without what trails it: "Jane Doe Follow", "Jane DoeTwitter", "JANE DOE FOR EXAMPLE.COM",
    "Jane DoeTravel Reporter" / "Jane Doe Deputy Politics Editor" (the name: the first two words, with any
    particles)."""
    text = AGO_TAIL.sub("", SOCIAL_TAIL.sub("", text.strip())).strip()
    text = FOR_TAIL.sub("", text).strip()
    if ROLE_END.search(text) and not SEPARATORS.search(text) and "," not in text:
        words = _GLUED.sub(" ", text).split()
        keep = 2
        while keep < len(words) - 1 and words[keep - 1].lower() in PARTICLES:
            keep += 1
        if len(words) >= 3 and all(w[:1].isupper() or w.lower() in PARTICLES for w in words[:keep]):
            return " ".join(words[:keep])
    return text


PARTICLES = frozenset(("van", "von", "der", "den", "de", "la", "da", "di", "du", "del", "bin", "al", "le"))


def _names(text: str) -> list[str]:
    """The names in the part of a byline after "By": up to a separator, a date, a reading time, a role
    ("Jane Doe Head of Product, ...") or a section ("Jane Doe in Politics")."""
    text = _unglue_role(shed_tail(text) if len(text.split()) <= 8 else text)
    text = SEPARATORS.split(text, maxsplit=1)[0]
    text = re.split(r"\s+in\s+(?=[A-Z])", text, maxsplit=1)[0]
    words = text.split()
    role = next((i for i, w in enumerate(words) if i >= 2 and w.lower().strip(".,:;") in ROLE_TAIL), None)
    if role is not None and not words[role - 1].endswith(","):
        text = " ".join(words[:role])
    found = dates_in(text)
    if found:
        text = text[:found[0][0]]
    text = MONTH_DAY.split(text, maxsplit=1)[0]  # "Jane Doe December 8": a date without its year
    text = READING_TIME.sub("", text).strip(" ,:;-–—")
    words = text.split()
    half = len(words) // 2
    if half >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]:
        words = words[:half]  # "Jane Doe Jane Doe": a name printed twice (avatar text, then link)
    while len(words) > 2 and words[-1].isupper() and len(words[-1]) > 1 and not words[0].isupper():
        words = words[:-1]  # "Jane Doe USA TODAY": the publication after the name
    text = " ".join(words)
    names = names_in(text)
    if not names and re.fullmatch(r"[\w.\-]{3,30}", text) and not is_furniture_line(text):
        names = [text]  # a user handle: "by jdoe42"
    return [n for n in names if not is_furniture_line(n) and not is_collective_byline(n)]


def byline_names(text: str) -> list[str]:
    """The authors a byline line names, or [] if the line is not a byline."""
    text = unglue(text.strip())
    trailing = TRAILING_BYLINE.search(text)
    if trailing and len(text.split()) > 12:  # "... beyond the U.S. and Canada. By Jane Doe on Dec. 19, 2025"
        text = trailing.group(1)
    if len(text.split()) > 30:
        return []
    m = BY_PREFIX.match(text)
    if m:  # "By Jane Doe, DVM. Reviewed by John Roe, DVM": the reviewer is no author
        rest = text[m.end():]
        cut = NOT_A_BYLINE.search(rest)
        return _names(rest[:cut.start()] if cut else rest)
    if NOT_A_BYLINE.search(text.split("|")[0]):
        return []
    found = dates_in(text)
    for _, end, _ in found:
        after = text[end:].lstrip(" ,.|·•")
        m = BY_AFTER_DATE.match(after)
        if m:  # "03/01/2017 by Jane Doe", "Published: May 4, 2024 · Modified: May 9, 2024 by Jane Doe"
            return _names(after[m.end():])
    parts = [p for p in SEPARATORS.split(_unglue_role(text[:found[0][0]] if found else text)) if p.strip()]
    if not parts or not 1 <= len(parts[0].split()) <= 8:
        return []
    if found and (len(parts) > 1 or SEPARATORS.search(text) or (
            _is_name(parts[0]) and _person_like(parts[0]))):
        # "Jane Doe | Senior Writer | July 2, 2025", "Jane Doe • May 4, 2024", "Jane Doe 02 Feb 2026" (a
        # person's name: not "Friday Roundup 03/14/2025")
        names = _names(parts[0])
        return names if names and (len(names) > 1 or _is_name(names[0])) else []
    if not found and len(parts) > 1 and LABEL_AFTER.match(parts[1]) and _is_name(parts[0]):
        return _names(parts[0])  # "Jane Doe | Published 4 months ago"
    if not found and len(parts) > 1 and all(ROLE.search(p) for p in parts[1:]):
        names = _names(parts[0])  # "Jane Doe and Tom Ray | Guest Columnists"
        return names if names and all(_is_name(n) for n in names) else []
    return []


GROUP_WORDS = frozenset(("team", "staff", "editors", "desk", "newsroom", "writers", "reporters"))
ROLE = re.compile(r"\b(?:writer|editor|columnist|contributor|reporter|correspondent|staff|founder|analyst|"
                  r"journalist|author|producer|photographer)s?\b", re.I)


def _is_name(text: str) -> bool:
    """"Jane Doe" / "Jane van der Berg": two to four capitalised words and nothing else."""
    words = text.strip(" ,").split()
    particles = {"van", "von", "der", "de", "la", "da", "di", "du", "del", "bin", "al"}
    return (2 <= len(words) <= 4 and not re.search(r"[\d@|:/]", text) and not is_furniture_line(text)
            and all((w[:1].isupper() and not w.isupper()) or w in particles or re.fullmatch(r"[A-Z]\.?", w)
                    for w in words))


def _person_like(name: str) -> bool:
    """Whether a capitalised phrase with nothing but a date beside it reads as a person's name: a given
    name first (gender-guesser's table), no label noun ("Prices", "Management") and not only role words
    ("Staff Writers"). With a separator, a role line or a "By" the structure says it instead."""
    words = name.split()
    return words[0] in FIRST_NAMES and not any(is_label_word(w) for w in words) and not is_collective_byline(name)


def name_line(text: str, common: frozenset[str] = frozenset()) -> list[str]:
    """The name on a line that is only a name or two ("Jane Doe", "Jane Doe, PhD", "Jane Doe Jane Doe",
    "Jane Doe and AP",
    "Jane Doe USA TODAY", "Jane DoeFounder at Example"), else [].

    ``common`` holds the words the page writes in lower case: a line most of whose words are among
    them is a capitalised phrase ("Web Courses Defined", "Our Team"), not a name."""
    if BY_PREFIX.match(text.strip()):
        return []
    head = re.split(r",\s*", _unglue_role(shed_tail(text) if len(text.split()) <= 8 else text.strip()), maxsplit=1)[0]
    parts = re.split(r"\s+(?:and|&)\s+", head)
    if len(parts) == 2 and _is_name(parts[0]) and (_is_name(parts[1]) or re.fullmatch(r"[A-Z]{2,5}", parts[1])) and (
            sum(w.lower() in common for w in head.split() if w not in ("and", "&")) == 0):
        return parts  # "Jane Doe and Tom Ray", "Jane Doe and AP" (a news agency's initials)
    words = head.split()
    half = len(words) // 2
    if half >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]:
        words = words[:half]
    while len(words) > 2 and words[-1].isupper() and len(words[-1]) > 1:
        words = words[:-1]
    head = " ".join(words)
    if is_collective_byline(head):
        return []  # "Staff Writers", "Editorial Board": no person
    core = [w for w in words if w.lower() not in GROUP_WORDS and w.lower() != "the"]
    if sum(w.lower() in common for w in core) * 2 > len(core):
        return []
    if _is_name(head):
        return names_in(head)[:1]
    names = names_in(head)
    if names and _is_name(names[0]) and head.startswith(names[0]):
        rest = head[len(names[0]):].split()
        if rest and rest[0].lower().strip(",.") in ROLE_TAIL:
            return names[:1]
    return []


def lowercase_words(text: str) -> frozenset[str]:
    """The words a page writes in lower case somewhere (common words, not names; web addresses aside)."""
    return frozenset(re.findall(r"(?<![\w'’@/.-])[a-z][a-z'’-]+(?![\w@]|\.[a-z])", text))  # not in "site.com"


def is_byline_label(text: str) -> bool:
    """"By" / "Written by" / "Author:" on a line of its own, with the name on the next line."""
    return bool(BYLINE_LABEL.match(text.strip()))
