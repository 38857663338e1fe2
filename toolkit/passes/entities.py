"""Lists the named people, organisations and places of an article with canonical names and mention counts.

A surname alone ("Petrova") counts for the full name given elsewhere ("Ana Petrova"); an
abbreviation counts for its expansion; speakers resolved by the ``speakers`` pass are included.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from toolkit.language.nicknames import forms, same_person
from toolkit.options import Context
from toolkit.passes.abbreviations import COMMON
from toolkit.passes.inline_spans import iter_paragraphs
from toolkit.passes.mentions import LINKS, Mention, find_mentions
from toolkit.tree.nodes import Document, Entity, Para
from toolkit.tree.walk import plain_text

# Prepositions after which a name is where something is or happens ("in Ruritania", "from Zembla to Vor").
_AT_PLACE = re.compile(r"\b(?:in|into|to|from|across|near|bordering|throughout|within|outside|inside|towards?|"
                       r"via)\s+$")


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
    # one person under two forms of the name ("Joshua Tan" / "Josh Tan", "John M. Ford" / "Mike Ford"):
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
    for name, kind in (speakers or {}).items():
        name = canon.get(name, abbreviations.get(name, name))
        if any(w[:1].islower() and w not in LINKS for w in name.split()):
            continue  # a description ("Several immigration lawyers", "Epstein's neighbor"), not a name
        if name[:1].isupper() and name not in COMMON and (name, kind) not in order:
            order[(name, kind)] = len(order)
            counts[(name, kind)] += 1
    # a name seen both as person and as something else keeps its most frequent kind
    best: dict[str, tuple[str, int]] = {}
    for (name, kind), n in counts.items():
        if name not in best or n > best[name][1]:
            best[name] = (kind, n)
    out = [Entity(name, kind, sum(n for (nm, _), n in counts.items() if nm == name))
           for (name, kind), _ in sorted(order.items(), key=lambda x: x[1]) if best[name][0] == kind]
    return out


def collect_entities(doc: Document, ctx: Context) -> Document:
    if doc.entities:
        return doc  # already collected (a tree read back)
    texts = [plain_text(p.children) for p, _ in iter_paragraphs(doc.blocks) if isinstance(p, Para)]
    speakers = {p.name: p.kind for p in doc.people}
    found = find_entities(texts, dict(doc.abbreviations), speakers)
    known = {(e.name, e.kind) for e in doc.entities}
    return dataclasses.replace(doc, entities=(*doc.entities, *(e for e in found if (e.name, e.kind) not in known)))
