"""Resolves each quotation's speaker phrase to a Person: full canonical name, role at first mention, kind.

"Kassenova says" and "she said" become the person first named "Nargis Kassenova"; "the commission"
becomes the commission named earlier; "police" stays an organisation called "police".
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from toolkit.lexicons.names import FIRST_NAMES, ORG_WORDS, TITLES
from toolkit.lexicons.speech import DOC_NOUNS, ORG_NOUNS, PERSON_NOUNS
from toolkit.options import Context
from toolkit.passes.attribution import DETERMINERS
from toolkit.passes.inline_spans import iter_paragraphs
from toolkit.passes.mentions import Mention, find_mentions
from toolkit.tree.nodes import Document, Para, Person, Quote
from toolkit.tree.walk import plain_text, walk

FEMALE_WORDS = re.compile(r"\b(?:she|her|hers|herself|woman|mother|wife|daughter|sister|chairwoman|spokeswoman|"
                          r"Ms\.?|Mrs\.?|Miss|girl|grandmother|aunt|niece|businesswoman|congresswoman)\b")
MALE_WORDS = re.compile(r"\b(?:he|him|his|himself|man|father|husband|son|brother|chairman|spokesman|Mr\.?|boy|"
                        r"grandfather|uncle|nephew|businessman|congressman)\b")
APPOSITIVE = re.compile(r"^,\s+((?:an?|the|who|whose|[a-z][\w’'-]*)\b[^.;:!?“”\"]{3,200}?)(?:,(?=\s)|\.?$|\.(?=\s))")


@dataclass
class Entry:
    name: str
    kind: str
    first: tuple[int, int]
    role: str = ""
    gender: str = ""
    title: str = ""


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or "speaker"


def _gender_from_text(after: str) -> str:
    """The first gendered word after a first mention ("…, who said she…")."""
    f, m = FEMALE_WORDS.search(after), MALE_WORDS.search(after)
    if f and (not m or f.start() < m.start()):
        return "f"
    if m:
        return "m"
    return ""


class People:
    """People and organisations mentioned so far, in reading order."""

    def __init__(self, texts: list[str | None]):
        self.texts = texts
        self.entries: dict[str, Entry] = {}
        self.mentions: list[tuple[int, int, str, str]] = []  # (para, pos, canonical, kind)
        surnames: dict[str, str] = {}
        for k, text in enumerate(texts):
            if not text:
                continue
            for m in find_mentions(text):
                self._add(k, text, m, surnames)

    def _add(self, k: int, text: str, m: Mention, surnames: dict[str, str]) -> None:
        words = m.text.split()
        if m.kind == "person" and len(words) >= 2:
            canon = m.text
            for existing in self.entries.values():  # "Jane Doe" after "Jane A. Doe"
                if existing.kind == "person" and existing.name.split()[-1] == words[-1] \
                        and existing.name.split()[0] == words[0]:
                    canon = existing.name
            if canon not in self.entries:
                role = ""
                am = APPOSITIVE.match(text[m.end:])
                if am and not am.group(1).startswith(("who", "whose")) \
                        and not re.match(r"[a-z]+ing\b|(?:and|but|or|as|so|then|when|while|if)\b", am.group(1)):
                    role = am.group(1).strip()
                gender = FIRST_NAMES.get(words[0], "") or _gender_title(m.title) \
                    or _gender_from_text(text[m.end:m.end + 200])
                self.entries[canon] = Entry(canon, "person", (k, m.start), role or m.title, gender, m.title)
            surnames.setdefault(words[-1], canon)
            self.mentions.append((k, m.start, canon, "person"))
        elif m.kind == "organization":
            self.entries.setdefault(m.text, Entry(m.text, "organization", (k, m.start)))
            self.mentions.append((k, m.start, m.text, "organization"))
        elif len(words) == 1 and words[0] in surnames:
            self.mentions.append((k, m.start, surnames[words[0]], "person"))

    def canonical(self, phrase: str, at: tuple[int, int]) -> str | None:
        """A full name for a name as written ("Kassenova" -> "Nargis Kassenova")."""
        words = [w for w in phrase.split() if w.rstrip(".") not in TITLES and w not in TITLES]
        if not words:
            return None
        name = " ".join(words)
        if name in self.entries:
            return name
        people = [e for e in self.entries.values() if e.kind == "person"]
        for e in sorted(people, key=lambda e: (e.first > at, abs(e.first[0] - at[0]))):
            parts = e.name.split()
            if parts[-1] == words[-1] or (len(words) == 1 and parts[0] == words[0]):
                return e.name
        return None

    def recent(self, at: tuple[int, int], kind: str, gender: str = "") -> str | None:
        best = None
        for k, pos, canon, mkind in self.mentions:
            if (k, pos) >= at:
                break
            if mkind != kind or at[0] - k > 4:
                continue
            g = self.entries[canon].gender if canon in self.entries else ""
            if gender and g and g != gender:
                continue
            best = canon
        return best


def _gender_title(title: str) -> str:
    if re.search(r"\b(?:Ms|Mrs|Miss)\b", title):
        return "f"
    if re.search(r"\bMr\b", title):
        return "m"
    return ""


def resolve(people: People, phrase: str, at: tuple[int, int], last_speaker: str | None) -> tuple[str, str]:
    """(canonical name, kind) for a speaker phrase as written at paragraph/offset ``at``."""
    low = phrase.lower()
    if low in ("he", "she"):
        who = people.recent(at, "person", "m" if low == "he" else "f")
        if last_speaker and last_speaker in people.entries and people.entries[last_speaker].kind == "person":
            g = people.entries[last_speaker].gender
            if (not g or g == ("m" if low == "he" else "f")) and (who is None or who == last_speaker
                                                                  or _near(people, last_speaker, at)):
                who = last_speaker
        return (who, "person") if who else (phrase, "person")
    if low in ("they", "it", "we"):
        who = people.recent(at, "organization")
        return (who, "organization") if who else (phrase, "organization")
    if re.match(r"^[Tt]he\s+[A-Z]", phrase):
        phrase = phrase[4:]  # "The Ministry of Transport" -> "Ministry of Transport"
    if phrase[:1].isupper() and phrase.split()[0].lower() not in DETERMINERS:
        pp = re.search(r"\s(?:of|for|at|from|with|in)\s", phrase)
        if pp and not any(w in ORG_WORDS for w in phrase[:pp.start()].split()):
            phrase = phrase[:pp.start()]  # "Bruce Pannier of RFE/RL" -> "Bruce Pannier"
        canon = people.canonical(phrase, at)
        if canon:
            return canon, people.entries[canon].kind
        words = phrase.split()
        head = words[-1].lower()
        kind = "organization" if head in ORG_NOUNS or (len(words) == 1 and phrase.isupper()) else "person"
        return phrase, kind
    words = [w.lower().strip(",.") for w in phrase.split()]
    core = words
    for i, w in enumerate(words):
        if w in ("of", "for", "at", "with", "from", "in", "on") and i > 0:
            core = words[:i]
            break
    head = core[-1] if core else ""
    org = _institution_in(phrase)
    if org and words[0] in ("a", "an", "one", "two", "three", "several", "some") and phrase.split()[-1].islower():
        # "a senior State Department diplomat", "a Foreign Ministry spokesperson": the institution speaks
        canon = people.canonical(org, at)
        return (canon, people.entries[canon].kind) if canon else (org, "organization")
    if head in DOC_NOUNS or head in ("spokesperson", "spokesman", "spokeswoman", "representative"):
        issuer = re.search(r"\b(?:from|by|of|for)\s+(?:the\s+)?([A-Z][\w’'./&-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w’'./&-]*)*)",
                           phrase)
        if issuer:
            canon = people.canonical(issuer.group(1), at)
            name = canon or issuer.group(1)
            kind = people.entries[canon].kind if canon else "organization"
            return name, kind
        if head in DOC_NOUNS and words[0] in ("the", "this", "that", "its"):
            if last_speaker and last_speaker in people.entries and people.entries[last_speaker].kind == "organization":
                return last_speaker, "organization"
            if last_speaker and last_speaker[:1].isupper() and _near(people, last_speaker, at, 3, True):
                return last_speaker, "organization"
            who = people.recent(at, "organization")
            if who:
                return who, "organization"
    if head in ORG_NOUNS or head.rstrip("s") in ORG_NOUNS:
        for k, pos, canon, kind in reversed(people.mentions):
            if (k, pos) < at and kind == "organization" and head in canon.lower():
                return canon, "organization"
        if words[0] == "the" and len(core) == 2 and last_speaker and last_speaker in people.entries \
                and people.entries[last_speaker].kind == "organization":
            return last_speaker, "organization"  # "the agency" after the agency spoke
        return phrase, "organization"
    if (head in PERSON_NOUNS or head.rstrip("s") in PERSON_NOUNS) and words[0] in ("the", "this", "that") \
            and not head.endswith("s"):
        if last_speaker and last_speaker in people.entries and people.entries[last_speaker].kind == "person":
            return last_speaker, "person"
        who = people.recent(at, "person")
        if who:
            return who, "person"
    return phrase, "person"


def _institution_in(phrase: str) -> str:
    """The capitalised institution name inside a role phrase ("a senior U.S. State Department diplomat")."""
    for m in re.finditer(r"[A-Z][\w.’'&/-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w.’'&/-]*)*", phrase):
        name = m.group(0)
        if any(w in ORG_WORDS for w in name.split()) or (len(name) >= 2 and name.isupper()):
            return name
    return ""


def _near(people: People, name: str, at: tuple[int, int], within: int = 2, spoke: bool = False) -> bool:
    if spoke:
        return True
    for k, pos, canon, _ in reversed(people.mentions):
        if (k, pos) < at and canon == name:
            return at[0] - k <= within
    return False


def resolve_speakers(doc: Document, ctx: Context) -> Document:
    paras = list(iter_paragraphs(doc.blocks))
    texts = [plain_text(p.children) if isinstance(p, Para) else None for p, _ in paras]
    people = People(texts)
    registry: dict[str, Person] = {p.name: p for p in doc.people}
    ids = {p.id for p in doc.people}
    state = {"last": None}

    def person_for(name: str, kind: str, role: str) -> str:
        if name not in registry:
            base = ("org-" if kind == "organization" else "person-") + _slug(name)
            pid, n = base, 1
            while pid in ids:
                n += 1
                pid = f"{base}-{n}"
            ids.add(pid)
            entry = people.entries.get(name)
            registry[name] = Person(pid, name, (entry.role if entry else "") or role, kind)
        return registry[name].id

    def fix(node):
        if not isinstance(node, Quote) or node.speaker or not node.attr.get("said-by"):
            return None
        phrase = node.attr.get("said-by") or ""
        k, _, pos = (node.attr.get("said-at") or "0:0").partition(":")
        name, kind = resolve(people, phrase, (int(k), int(pos)), state["last"])
        state["last"] = name
        pid = person_for(name, kind, node.attr.get("role") or "")
        kv = tuple((a, b) for a, b in node.attr.kv if a not in ("said-at", "role"))
        return dataclasses.replace(node, speaker=pid, attr=dataclasses.replace(node.attr, kv=kv))

    doc = walk(doc, fix)
    return dataclasses.replace(doc, people=tuple(registry.values()))
