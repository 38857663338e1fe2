"""Lists the named people, organisations and places of an article with canonical names and mention counts.

A surname alone ("Petrova") counts for the full name given elsewhere ("Ana Petrova"); an
abbreviation counts for its expansion; speakers resolved by the ``speakers`` pass are included.

Each entity carries the ``rule`` (the strongest evidence that it is what its kind says: a quoted
speaker, a title before the name, a known given name, the surname used alone later, an organisation
word, an acronym the text expands, a gazetteer place) and its ``confidence`` (``RULES``); the editions
show an entity at or above ``SHOW_ENTITY``, the JSON tree keeps every one.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from toolkit.language.names import FIRST_NAMES, ORG_WORDS, PLACES
from toolkit.language.nicknames import forms, same_person
from toolkit.options import Context
from toolkit.passes.abbreviations import COMMON
from toolkit.passes.inline_spans import iter_paragraphs
from toolkit.passes.mentions import ACRONYM, LINKS, PERSON_TITLES, Mention, find_mentions
from toolkit.tree.nodes import Document, Entity, Para
from toolkit.tree.walk import plain_text

# Prepositions after which a name is where something is or happens ("in Ruritania", "from Zembla to Vor").
_AT_PLACE = re.compile(r"\b(?:in|into|to|from|across|near|bordering|throughout|within|outside|inside|towards?|"
                       r"via)\s+$")


# How sure each kind of evidence makes an entry. Chosen by reasoning about what each rule can confuse
# (a bare capitalised pair is as often a party, a show or a place as a person), then checked on the
# judged sample of bench/panels.py (bench/panel_judgments.json): not fitted to it.
RULES: dict[str, float] = {
    "speaker": 0.9,            # quoted by this name (the speakers pass)
    "title": 0.9,              # "Dr Ana Petrova", "Minister Tomasz Wójcik"
    "abbreviation": 0.9,       # an acronym the text expands, or its expansion
    "first-name": 0.85,        # a known given name opens it
    "surname-reused": 0.8,     # the article goes on to call the person by the surname alone
    "gazetteer": 0.85,         # a place the gazetteer lists
    "org-word": 0.8,           # "… Commission", "… Ministry"
    "acronym": 0.7,            # "NWS": an organisation the text does not expand
    "place-by-use": 0.7,       # "in Ruritania", twice
    "capitalised": 0.5,        # a capitalised run, nothing more
    "single-word": 0.4,        # one word that is a common noun's plural or an organisation word alone
    "with-person-name": 0.4,   # an "organisation" that holds a person's title and name ("Harbour Court Judge Ana Petrova")
    "description": 0.3,        # small words or figures in it: a phrase ("After their defeat the Ramblers")
    "caps-word": 0.3,          # a word set in capitals ("VELDMARK" in a dateline), not an acronym
}
SHOW_ENTITY = 0.6  # the editions' threshold (the index panel, the JSON-LD mentions)


def _shape_rule(name: str, kind: str) -> str:
    """What the name's own shape says: the evidence every mention of it shares."""
    words = name.split()
    if any((w[:1].islower() and w not in LINKS) or w[:1].isdigit() for w in words):
        return "description"
    if kind == "place":
        return "gazetteer" if name in PLACES or all(w in PLACES for w in words) else "place-by-use"
    if kind == "person":
        if len(words) >= 2 and len(words[0]) >= 3 and words[0] in FIRST_NAMES:
            return "first-name"  # "Al", "El", "Abu" open family names too: two letters prove nothing
        return "capitalised"
    if ACRONYM.match(name):
        return "caps-word" if name.capitalize() in PLACES else "acronym"  # "VELDMARK —" opening a dateline
    if len(words) >= 3 and any(w in PERSON_TITLES for w in words[:-2]) and words[-2] in FIRST_NAMES:
        return "with-person-name"
    if len(words) == 1:
        return "single-word" if name in ORG_WORDS or name.endswith("s") else "capitalised"
    if any(w.strip(".,") in ORG_WORDS for w in words):
        return "org-word"
    return "capitalised"


def entity_confidence(rules: set[str]) -> tuple[str, float]:
    """The strongest rule among the evidence, and its confidence; a name shaped like something else
    ("with-person-name", "caps-word") is held whatever else is said of it."""
    for weak in ("description", "caps-word", "with-person-name"):
        if weak in rules:
            return weak, RULES[weak]
    best = max(rules, key=lambda r: RULES.get(r, 0.5), default="capitalised")
    return best, RULES.get(best, 0.5)


def entity_shown(entity: Entity, threshold: float = SHOW_ENTITY) -> bool:
    """Whether an edition lists ``entity``: its confidence at or above ``threshold``; an entity with no
    confidence (a tree from an older toolkit or written by hand) is shown."""
    try:
        return not entity.confidence or float(entity.confidence) >= threshold
    except ValueError:
        return False


def _places_by_use(found: list[tuple[str, list[Mention]]]) -> set[str]:
    """One-word names no gazetteer lists that the article writes as places: at least twice right after a
    preposition of place ("in Ruritania", "returned to Ruritania"), and never as part of a person's name."""
    in_people = {w for _, ms in found for m in ms if m.kind == "person" for w in m.text.split()}
    at_place: Counter = Counter()
    for text, ms in found:
        for m in ms:
            if m.kind == "other" and " " not in m.text and _AT_PLACE.search(text[max(0, m.start - 12):m.start]):
                at_place[m.text] += 1
    return {name for name, n in at_place.items() if n >= 2 and name not in in_people}


def find_entities(texts: list[str], abbreviations: dict[str, str] | None = None,
                  speakers: dict[str, str] | None = None) -> list[Entity]:
    """Entities in order of first mention; ``speakers`` maps known names to person/organization."""
    abbreviations = abbreviations or {}
    found = [(text, find_mentions(text)) for text in texts]
    mentions = [m for _, ms in found for m in ms]
    places = _places_by_use(found)
    mentions = [dataclasses.replace(m, kind="place") if m.kind == "other" and m.text in places else m
                for m in mentions]
    full_names = [m.text for m in mentions if m.kind == "person" and len(m.text.split()) >= 2]
    full_names += [n for n, k in (speakers or {}).items() if k == "person" and len(n.split()) >= 2]
    # one person under two forms of the name ("Joshua Tan" / "Josh Tan", "John M. Varga" / "Mike Varga"):
    # the first form written stands for both
    canon: dict[str, str] = {}
    for name in full_names:
        canon.setdefault(name, next((c for c in canon.values() if same_person(c, name)), name))
    by_part: dict[str, str] = {}
    for name in full_names:
        by_part.setdefault(name.split()[-1], canon[name])
    for name in full_names:
        by_part.setdefault(name.split()[0], canon[name])
        for form in forms(name.split()[0]):  # "Josh" alone for "Joshua Tan"
            by_part.setdefault(form[:1].upper() + form[1:], canon[name])
    order: dict[tuple[str, str], int] = {}
    counts: Counter = Counter()
    evidence: dict[tuple[str, str], set[str]] = {}
    alone = {m.text for m in mentions if " " not in m.text}  # names also written as one word
    small = {w for text in texts for w in re.findall(r"\b[a-z][a-z’']+\b", text)}  # words written in small letters
    for m in mentions:
        name, kind = m.text, m.kind
        if kind == "organization" and name in abbreviations:
            name = abbreviations[name]
        if kind in ("person", "other") and name in by_part and name not in full_names:
            name, kind = by_part[name], "person"
        elif kind == "person" and name in canon:
            name = canon[name]
        elif kind == "person" and len(name.split()) == 1:
            continue  # a lone first or last name nobody introduced
        if kind == "other" or name in COMMON or (kind == "organization" and name in ("Party", "Government")):
            continue
        key = (name, kind)
        order.setdefault(key, len(order))
        counts[key] += 1
        rules = evidence.setdefault(key, set())
        if kind == "person" and any(t.rstrip(".") in PERSON_TITLES for t in m.title.split()):
            rules.add("title")
        if kind == "person" and len(name.split()) >= 2 and name.split()[-1] in alone \
                and name.split()[0].lower() not in small:  # "Whether Petrova": a sentence's first word
            rules.add("surname-reused")
        if kind == "organization" and (name in abbreviations.values() or m.text in abbreviations):
            rules.add("abbreviation")
    for name, kind in (speakers or {}).items():
        name = canon.get(name, abbreviations.get(name, name))
        if any(w[:1].islower() and w not in LINKS for w in name.split()):
            continue  # a description ("Several immigration lawyers", "Epstein's neighbor"), not a name
        if name[:1].isupper() and name not in COMMON and (name, kind) not in order:
            order[(name, kind)] = len(order)
            counts[(name, kind)] += 1
        if (name, kind) in order and (kind != "person" or len(name.split()) >= 2):
            evidence.setdefault((name, kind), set()).add("speaker")  # one word ("Ramblers") proves little
    # a name seen both as person and as something else keeps its most frequent kind
    best: dict[str, tuple[str, int]] = {}
    for (name, kind), n in counts.items():
        if name not in best or n > best[name][1]:
            best[name] = (kind, n)
    out = []
    for (name, kind), _ in sorted(order.items(), key=lambda x: x[1]):
        if best[name][0] != kind:
            continue
        rule, conf = entity_confidence({_shape_rule(name, kind), *evidence.get((name, kind), ())})
        out.append(Entity(name, kind, sum(n for (nm, _), n in counts.items() if nm == name), rule, f"{conf:.2f}"))
    return out


def collect_entities(doc: Document, ctx: Context) -> Document:
    if doc.entities:
        return doc  # already collected (a tree read back)
    texts = [plain_text(p.children) for p, _ in iter_paragraphs(doc.blocks) if isinstance(p, Para)]
    speakers = {p.name: p.kind for p in doc.people}
    found = find_entities(texts, dict(doc.abbreviations), speakers)
    known = {(e.name, e.kind) for e in doc.entities}
    return dataclasses.replace(doc, entities=(*doc.entities, *(e for e in found if (e.name, e.kind) not in known)))
