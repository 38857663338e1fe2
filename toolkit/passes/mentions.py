"""Finds capitalised name mentions in prose and guesses whether each is a person, organisation or place."""

from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit.language.names import (
    ADJECTIVES,
    COMMON_NOUNS,
    FIRST_NAMES,
    NOUN_ENDINGS,
    ORG_WORDS,
    PLACE_PHRASES,
    PLACES,
    STOP_CAPS,
    TITLES,
    UNITS,
)

# Capital letters of the Latin scripts (Vietnamese, Yoruba and Turkish ones too), Greek and Cyrillic; the
# Latin extension blocks interleave capitals and small letters, so a few small ones are let in as well.
_UP = r"[A-ZÀ-ÖØ-ÞĀ-ɏḀ-ỿΑ-ΩЀ-Я]"
_WORD = rf"(?:{_UP}\.(?:{_UP}\.)+|{_UP}[\w’'\-/]*\.?|Mc{_UP}\w+|O’{_UP}\w+|O'{_UP}\w+)"
_LINK = r"(?:\s+(?:of|the|for|and|de|del|da|di|van|von|der|den|la|le|al|bin|ibn|du|dos|das)\s+(?=[A-ZÀ-ÞĀ-ɏḀ-ỿ]))"
LINKS = {"of", "the", "for", "and", "de", "del", "da", "di", "van", "von", "der", "den", "la", "le", "al", "bin",
         "ibn", "du", "dos", "das"}
_DOTTED_OK = re.compile(r"^(?:[A-Z]\.|(?:[A-Z]\.)+[A-Z]?\.?|Mr\.|Mrs\.|Ms\.|Dr\.|St\.|Sen\.|Rep\.|Gov\.|Gen\.|"
                        r"Lt\.|Col\.|Capt\.|Sgt\.|Const\.|Det\.|Insp\.|Supt\.|Prof\.|Rev\.|Jr\.|Sr\.|Inc\.|"
                        r"Corp\.|Co\.|Ltd\.|Coun\.|Ont\.|Que\.|Alta\.|Sask\.|Man\.|Calif\.|Fla\.|Mass\.|Wash\.)$")
RUN = re.compile(rf"(?<![\w’']){_WORD}(?:(?:\s+|{_LINK}(?:the\s+)?|/){_WORD})*")
ACRONYM = re.compile(r"^(?:[A-Z]{2,}|[A-Z](?:\.[A-Z])+\.?|[A-Z]+/[A-Z]+)$")


PLACE_HEADS = {"District", "Region", "Prefecture", "County", "Township", "Municipality", "Province", "Valley",
               "River", "Lake", "Mountains", "Island", "Islands", "Sea", "Ocean", "Bay", "Peninsula", "Street",
               "Avenue", "Road", "Park", "Square"}
DOCUMENT_HEADS = {"Concept", "Policy", "Act", "Plan", "Code", "Strategy", "Agreement", "Compact", "Treaty", "Accord",
                  "Convention", "Law", "Bill", "Charter", "Report", "Day", "Week", "Month", "Year", "Award", "Prize",
                  "Cup", "Games", "Championship", "Open", "Festival"}
PERSON_TITLES = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Professor", "Sen", "Senator", "Rep", "Gov", "Governor",
                 "President", "Minister", "Secretary", "Ambassador", "Premier", "Mayor", "Councillor", "Judge",
                 "Justice", "Pope", "King", "Queen", "Prince", "Princess", "Rev", "Chairman", "Chairwoman", "CEO",
                 "Director", "Leader", "MP", "MPP", "MLA", "Chief", "Officer", "Commissioner", "Gen", "Lt", "Col",
                 "Capt", "Sgt", "Const", "Det", "Insp", "Supt", "Coach", "Dean", "Chancellor", "Sheriff", "Speaker",
                 "Detective", "Inspector", "Sergeant", "Constable", "Captain", "Lieutenant", "Sir", "Dame", "Lord",
                 "Lady", "Rabbi", "Imam", "Bishop", "Cardinal", "Archbishop", "Councilman", "Councilwoman"}


@dataclass(frozen=True)
class Mention:
    """A run of capitalised words in text: offsets, words, kind and any title before it."""

    start: int
    end: int
    text: str
    kind: str  # person | organization | place | other
    title: str = ""  # title words before a person's name ("Sen.", "Foreign Minister")


def _strip_possessive(text: str) -> str:
    return re.sub(r"(?:’s|'s|’|')$", "", text)


_NAME_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[’'](?=[^\W\d_]))+(?:-[^\W\d_](?:[^\W\d_]|[’'](?=[^\W\d_]))+)*")


def _name_word(w: str) -> bool:
    """A word shaped like part of a name in any alphabet: a capital, then small letters (apostrophes and
    hyphens inside: "Fa’alogo", "Adebayo-Okafor", "Nguyễn"); or an initial ("J.")."""
    return bool(re.fullmatch(r"[A-Z]\.", w)) or (
        w[:1].isupper() and bool(_NAME_WORD.fullmatch(w)) and not w[1:].replace("-", "").isupper())


def classify(name: str, known_people: set[str] | None = None) -> str:
    """person, organization, place or other for a capitalised phrase (titles already stripped)."""
    words = name.split()
    if not words or words[0] in UNITS:
        return "other"  # "512 GB", "GB RAM": a unit
    if name in PLACE_PHRASES or (len(words) == 1 and name in PLACES) or (len(words) >= 2 and words[-1] in PLACE_HEADS):
        return "place"
    if words[-1] in DOCUMENT_HEADS:
        return "other"
    if any(w.strip(".,") in ORG_WORDS for w in words) or ACRONYM.match(name):
        return "organization"
    if len(words) >= 2 and re.fullmatch(r"[A-Z]{2,}", words[0]) and words[0] not in TITLES:
        return "organization"  # "NX Power", "QF Bank": an acronym opens a company's name, not a person's
    if known_people and (name in known_people or words[-1] in known_people):
        return "person"
    if all(w in PLACES for w in words):
        return "place"
    if len(words) == 1 and (name in ADJECTIVES or name in STOP_CAPS):
        return "other"
    if words[0] in FIRST_NAMES and len(words) >= 2 and words[-1] not in ADJECTIVES:
        return "person"  # a given name first, but not "Grace Anglican" (a demonym or faith is no surname)
    if any(w.lower() in COMMON_NOUNS or (len(w) > 5 and w.lower().endswith(NOUN_ENDINGS)) for w in words) \
            or (len(words) >= 2 and words[0].lower().endswith("ing")):
        return "other"  # "Screen Size", "Monthly Cost", "Data Protection", "Getting Started": labels, not names
    if any(w.endswith(("’s", "'s")) for w in words):
        return "other"
    if 2 <= len(words) <= 4 and all(_name_word(w) for w in words) \
            and not any(w in ADJECTIVES or w in PLACES or w in STOP_CAPS for w in words):
        return "person"
    return "other"


def split_title(words: list[str]) -> tuple[list[str], list[str]]:
    """Leading title or role words ("Conservative Leader", "Sen.") and the rest."""
    i = 0
    while i < len(words) - 1 and (words[i] in TITLES or words[i] in ADJECTIVES or words[i].rstrip(".") in TITLES):
        i += 1
    return words[:i], words[i:]


def _pieces(text: str):
    """Capitalised runs, cut after a word that ends a sentence ("Peru. Ana Petrova")."""
    for m in RUN.finditer(text):
        start = None
        for w in re.finditer(r"\S+", m.group(0)):
            if start is None:
                start = w.start()
            word = w.group(0)
            if word.endswith(".") and not _DOTTED_OK.match(word):
                yield m.start() + start, m.group(0)[start:w.end() - 1]
                start = None
        if start is not None:
            yield m.start() + start, m.group(0)[start:].rstrip(".") if not _DOTTED_OK.match(
                m.group(0).split()[-1]) else m.group(0)[start:]


def find_mentions(text: str, known_people: set[str] | None = None) -> list[Mention]:
    """Capitalised runs in ``text``, sentence-initial function words and titles split off."""
    out: list[Mention] = []
    for s, raw in _pieces(text):
        raw = _strip_possessive(raw)
        words = raw.split()
        while words and words[-1] in LINKS:
            words.pop()
        while words and (words[0] in LINKS or ((words[0] in STOP_CAPS or words[0].rstrip(".") in STOP_CAPS)
                         and not (words[0] == "May" and len(words) == 1)
                         and not (words[0].rstrip(".") in PERSON_TITLES and len(words) > 1))):  # "Mr. Hale": a title
            s += len(words[0]) + 1
            words = words[1:]
        raw = " ".join(words)
        if not words or all(w in ADJECTIVES or w in LINKS for w in words):
            continue
        split_at = next((w for w in ("of", "for", "the", "and") if w in words), None)
        if split_at and not any(w in ORG_WORDS for w in words) and classify(raw, known_people) != "place":
            k = words.index(split_at)
            left, right = " ".join(words[:k]), " ".join(words[k + 1:])
            for part, at in ((left, s), (right, text.find(right, s + len(left)))):
                if part and at >= 0:
                    out.extend(m for m in find_mentions(part, known_people)
                               if True for m in [Mention(m.start + at, m.end + at, m.text, m.kind, m.title)])
            continue
        title, rest = split_title(words)
        if title and any(w in LINKS for w in rest):
            # "Vice Minister of Foreign Affairs Tomasz Wójcik": the name follows the last link word
            k = max(i for i, w in enumerate(rest) if w in LINKS)
            tail = rest[k + 1:]
            t2, tail = split_title(tail)
            if len(tail) >= 2 and classify(" ".join(tail), known_people) in ("person", "other") \
                    and not any(w in ORG_WORDS for w in tail):
                title, rest = title + rest[:k + 1] + t2, tail
        strong = any(t.rstrip(".") in PERSON_TITLES for t in title)
        if title and rest and (classify(" ".join(rest), known_people) == "person"
                               or (strong and len(rest) <= 3 and classify(" ".join(rest), known_people) == "other")) \
                and not any(w in ORG_WORDS for w in rest):
            name = " ".join(rest)
            start = text.find(name, s)
            kind = classify(name, known_people)
            if kind == "other" and strong:
                kind = "person"
            out.append(Mention(start, start + len(name), name, kind, " ".join(title)))
            continue
        name = " ".join(words)
        start = text.find(name, s)
        if start < 0:
            continue
        kind = classify(name, known_people)
        if kind == "person" and re.search(r"\bthe\s+$", text[max(0, start - 5):start]):
            kind = "organization"  # "the Red Cross": people are not "the"
        out.append(Mention(start, start + len(name), name, kind))
    return out
