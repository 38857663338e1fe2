"""Collects dated events into a timeline: absolute dates, and relative ones resolved against the publication date.

"March 29, 2018", "In early 2017" and "By August 2017" are read as written; "last month",
"last year", "the previous August" or "on Monday" are resolved only when ``meta.date`` is known.
Each event keeps the sentence that states it and the id of its paragraph (``p1``, ``p2``, … as the
``ids`` pass numbers them).

Each event carries the ``rule`` that dated it ("day", "month", "year": how much of a date the sentence
writes; "relative": a phrase resolved against the publication date; "ahead-day", "ahead": a day, or
a vaguer time, still to come: "the ferry sails on Monday", "next year") and its ``confidence`` (``RULES``); the editions show an event at
or above ``SHOW_EVENT``, the JSON tree keeps every one.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta

from toolkit.language.dates import MONTHS, find_dates
from toolkit.options import Context
from toolkit.passes.sentences import split_sentences
from toolkit.passes.speech.marks import find_marked
from toolkit.tree.nodes import BlockQuote, Div, Document, Event, ListBlock, Para
from toolkit.tree.walk import plain_text

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_WEEKDAY = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
RELATIVE = re.compile(
    rf"\b(?:(?P<unit>last|this|next|the previous|the following)\s+(?P<what>week|month|year|{_MONTH}|spring|"
    rf"summer|fall|autumn|winter)|(?P<day>yesterday|today|tomorrow)|"
    rf"(?:on\s+|last\s+)(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    rf"(?P<ago>\w+)\s+(?P<agounit>years?|months?|weeks?|days?)\s+ago)\b", re.I)
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "a": 1, "an": 1}


def paragraph_ids(blocks) -> list[tuple[Para, str]]:
    """Paragraphs with the ids the ``ids`` pass gives them (p1, p2, … in reading order)."""
    out: list[tuple[Para, str]] = []

    def visit(block) -> None:
        if isinstance(block, Para):
            out.append((block, block.attr.id or f"p{len(out) + 1}"))
        elif isinstance(block, (BlockQuote, Div)):
            for b in block.blocks:
                visit(b)
        elif isinstance(block, ListBlock):
            for item in block.items:
                for b in item:
                    visit(b)

    for b in blocks:
        visit(b)
    return out


def _shift_month(d: date, months: int) -> tuple[int, int]:
    m = d.month - 1 + months
    return d.year + m // 12, m % 12 + 1


def resolve_relative(m: re.Match, pub: date) -> str | None:
    """A YYYY, YYYY-MM or YYYY-MM-DD value for a relative phrase, given the publication date."""
    g = {k: (v.lower() if v else v) for k, v in m.groupdict().items()}
    if g["day"]:
        return (pub + timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[g["day"]])).isoformat()
    if g["weekday"]:
        back = (pub.weekday() - _WEEKDAY.index(g["weekday"])) % 7 or 7
        return (pub - timedelta(days=back)).isoformat()
    if g["ago"]:
        n = NUMBERS.get(g["ago"]) or (int(g["ago"]) if g["ago"].isdigit() else None)
        if not n:
            return None
        unit = g["agounit"].rstrip("s")
        if unit == "year":
            return f"{pub.year - n:04d}"
        if unit == "month":
            y, mo = _shift_month(pub, -n)
            return f"{y:04d}-{mo:02d}"
        return (pub - timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
    unit, what = g["unit"], g["what"]
    step = {"last": -1, "the previous": -1, "this": 0, "next": 1, "the following": 1}[unit]
    if what == "year":
        return f"{pub.year + step:04d}"
    if what == "month":
        y, mo = _shift_month(pub, step)
        return f"{y:04d}-{mo:02d}"
    if what == "week":
        return (pub + timedelta(weeks=step)).isoformat()
    if what in MONTHS:
        mo = MONTHS[what]
        y = pub.year
        if step < 0 and mo >= pub.month:
            y -= 1
        if step > 0 and mo <= pub.month:
            y += 1
        return f"{y:04d}-{mo:02d}"
    return None


# An embedded post's signature line ("— Jane Doe (@jdoe) March 3, 2024", "7:15 PM · Mar 3, 2024"): when it
# was posted, not an event the article states.
POST_STAMP = re.compile(r"\(@\w+\)\s+\S+\s+\d{1,2},?\s+\d{4}\s*$|\b\d{1,2}:\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?\s*·|"
                        r"pic\.twitter\.com/|^—\s*[^—]{2,60}\s+\w+\s+\d{1,2},\s+\d{4}$")


# A year as a quantity, a target or a baseline is no event: "about 2000 pages", "the 2035 target",
# "42 per cent on 2005 levels by 2030".
COUNTED = re.compile(r"(?:about|nearly|almost|around|roughly|some|over|under|than|more|fewer)\s+$", re.I)
NOUN_AFTER = re.compile(r"\s+[a-z]+s\b")
GOAL_AFTER = re.compile(r"(?:\s+[\w-]+){0,3}?\s+(?:target|targets|goal|goals|deadline|levels?|baseline|benchmark)\b", re.I)
FUTURE = re.compile(r"\b(?:will|expected|due|scheduled|set\s+to|plans?\s+to|going\s+to|upcoming)\b[^,;]{0,40}$", re.I)


# How sure each way of dating makes an event: a day, month and year written out date what the sentence
# states; a relative phrase depends on the publication date being the writing date; a date to come is a
# plan, not an event. Reasoned, then checked on bench/panels.py's judged sample (not fitted to it).
RULES: dict[str, float] = {"day": 0.95, "month": 0.9, "year": 0.8, "relative": 0.75,
                           "ahead-day": 0.65,  # a day still to come, named ("the ferry sails on Monday"): announced
                           "ahead": 0.5}       # a vaguer time to come ("next year", "next month"): a horizon
SHOW_EVENT = 0.6  # the editions' threshold (the timeline panel)


def event_shown(event: Event, threshold: float = SHOW_EVENT) -> bool:
    """Whether an edition lists ``event``: at or above ``threshold``; one with no confidence (an older
    tree) always."""
    try:
        return not event.confidence or float(event.confidence) >= threshold
    except ValueError:
        return False


def _written_rule(value: str) -> str:
    return "day" if len(value) >= 10 else "month" if len(value) == 7 else "year"


def _asserted(sentence: str, start: int, end: int, value: str, pub: date | None) -> bool:
    """Whether a written date in ``sentence`` dates something the sentence states, not a count or a goal."""
    before, after = sentence[max(0, start - 20):start], sentence[end:end + 40]
    if len(value) == 4:
        if COUNTED.search(before) or NOUN_AFTER.match(after):
            return False  # "about 2000 pages"
        if GOAL_AFTER.match(after) or re.search(r"\bon\s+$", before):
            return False  # "its 2030 target", "on 2005 levels"
        if re.search(r"\b(?:by|until|before)\s+$", before, re.I) and pub is not None and int(value) > pub.year:
            return False  # "cut emissions by 2030": a goal, not an event
    return True


def _ahead(sentence: str, m: re.Match) -> bool:
    """Whether the clause around a relative date speaks of what is to come ("is expected on Monday",
    "the statement on Thursday will reveal")."""
    return bool(FUTURE.search(sentence[:m.start()])
                or re.match(r"\s+(?:will|is\s+(?:expected|due|set)|are\s+(?:expected|due|set))\b", sentence[m.end():]))


def _forward(m: re.Match, pub: date) -> str | None:
    """A weekday in a sentence about what is to come ("is expected on Monday"): the next one."""
    if m.group("weekday"):
        ahead = (_WEEKDAY.index(m.group("weekday").lower()) - pub.weekday()) % 7 or 7
        return (pub + timedelta(days=ahead)).isoformat()
    return resolve_relative(m, pub)


def _now(m: re.Match) -> bool:
    """"this week", "today", "this year": the time of writing, not a date the sentence asserts."""
    g = {k: (v.lower() if v else v) for k, v in m.groupdict().items()}
    return g["day"] == "today" or (g["unit"] == "this" and g["what"] in ("week", "month", "year"))


def find_events(text: str, block: str, pub: date | None) -> list[Event]:
    """Events stated in one paragraph: at most one per sentence, dated by the first date the sentence
    asserts (written out, else a relative one resolved against the publication date)."""
    events: list[Event] = []
    for s, e in split_sentences(text, find_marked(text)):
        sentence = text[s:e].strip()
        if POST_STAMP.search(sentence):
            continue
        dated = [(v, _written_rule(v)) for a, b, v in find_dates(sentence) if _asserted(sentence, a, b, v, pub)]
        if not dated and pub is not None:
            for m in RELATIVE.finditer(sentence):
                if _now(m):
                    continue
                ahead = _ahead(sentence, m) or (m.group("unit") or "").lower() in ("next", "the following")
                v = _forward(m, pub) if _ahead(sentence, m) else resolve_relative(m, pub)
                if v:
                    rule = "relative" if not ahead else "ahead-day" if len(v) >= 10 else "ahead"
                    dated.append((v, rule))
        if dated:
            value, rule = dated[0]
            events.append(Event(value, sentence, block, rule, f"{RULES[rule]:.2f}"))
    return events


def _pub_date(doc: Document) -> date | None:
    try:
        return date.fromisoformat((doc.meta.date or "")[:10])
    except ValueError:
        return None


def collect_events(doc: Document, ctx: Context) -> Document:
    if doc.events:
        return doc  # already collected (a tree read back)
    pub = _pub_date(doc)
    events: list[Event] = list(doc.events)
    for para, pid in paragraph_ids(doc.blocks):
        events.extend(find_events(plain_text(para.children), pid, pub))
    seen: set[str] = set()
    once = []
    for ev in events:  # a sentence repeated (a pull quote, a caption) is one event
        key = " ".join(ev.text.split())
        if key not in seen:
            seen.add(key)
            once.append(ev)
    events = sorted(once, key=lambda ev: ev.date)  # stable: same date keeps reading order
    return dataclasses.replace(doc, events=tuple(events))
