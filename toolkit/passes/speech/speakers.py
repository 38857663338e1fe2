"""Resolves each quotation's speaker phrase to a Person: full canonical name, role at first mention, kind.

"Petrova says" and "she said" become the person first named "Ana Petrova"; "the commission"
becomes the commission named earlier; "police" stays an organisation called "police".
"""

from __future__ import annotations

import dataclasses
import re

from toolkit.language import speech
from toolkit.language.names import ADJECTIVES, ORG_WORDS, PLACES, TITLES
from toolkit.language.speech import DOC_NOUNS, ORG_NOUNS, PERSON_NOUNS, attribution_measured, pronoun_in_english
from toolkit.options import Context
from toolkit.passes.abbreviations import find_abbreviations
from toolkit.passes.inline_spans import iter_paragraphs
from toolkit.passes.speech.attribution import DETERMINERS
from toolkit.passes.speech.confidence import DEFAULT, SHOW_SPEAKER, confidence
from toolkit.passes.speech.coreference import SENTENCE_END, People
from toolkit.tree.nodes import Document, Para, Person, Quote
from toolkit.tree.walk import plain_text, walk


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or "speaker"


TRAILING_TIME = re.compile(r"(?:,?\s+(?:earlier|later|also|again|then|once))*(?:\s+(?:this|last|next|that)\s+(?:week|month|"
                           r"year|morning|afternoon|evening|night|weekend|spring|summer|fall|autumn|winter)|\s+(?:on\s+)?"
                           r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|\s+(?:yesterday|today|"
                           r"tonight|recently|previously|earlier|later))+$")


def resolve(people: People, phrase: str, at: tuple[int, int], last_speaker: str | None) -> tuple[str | None, str]:
    """(canonical name, kind) for a speaker phrase as written at paragraph/offset ``at``; the name is None
    for a pronoun that points at nobody."""
    phrase = TRAILING_TIME.sub("", phrase) or phrase  # "Ana Petrova earlier this week" -> "Ana Petrova"
    words = phrase.split()
    titled = [i for i, w in enumerate(words[:-1]) if w in TITLES and w[:1].isupper()]
    if titled and len(words) - titled[-1] - 1 >= 2 and all(w[:1].isupper() for w in words[titled[-1] + 1:]) \
            and all(w[:1].isupper() for w in words[:titled[-1]]):
        phrase = " ".join(words[titled[-1] + 1:])  # "Lakeside MP Ana Petrova": the name after the title
    low = phrase.lower()
    if low in ("he", "she"):
        who = people.pronoun(at, "m" if low == "he" else "f")
        return (who, "person") if who else (None, "person")
    if low == "they":
        group = people.plural(at)  # "the Liberals … they say": the group named last
        if group:
            return group, "organization"
    if low in ("they", "it", "we", "i"):
        who = people.recent(at, "organization") if low != "i" else None
        return (who, "organization") if who else (None, "organization")
    named = re.fullmatch(r"(?:(?!(?:the|a|an|of|for|at|from|in|on|with|and)\s)[a-z0-9][\w’'-]*\s+){1,4}"
                         r"((?:[A-Z][\w’'-]+\s+)+[A-Z][\w’'-]+)", phrase)
    if named and named.group(1).split()[0] not in PLACES and named.group(1).split()[0] not in ADJECTIVES:
        phrase = named.group(1)  # "16-year-old Tomasz Wójcik", "cartoonist Ana Petrova"
    definite = bool(re.match(r"^[Tt]he\s+[A-Z]", phrase))
    if definite:
        phrase = phrase[4:]  # "The Ministry of Transport" -> "Ministry of Transport"
    if definite and people.canonical(phrase, at) is None and all(
            w in PLACES or w in ADJECTIVES or w.rstrip(".") in TITLES for w in phrase.split()) \
            and any(w in PLACES or w in ADJECTIVES for w in phrase.split()):
        who = people.topic(at)  # "the Ohio Democrat said": an epithet for someone just named
        if who:
            return who, "person"
    head = phrase.split()[-1]
    if definite and head.islower() and head not in ORG_NOUNS | DOC_NOUNS and "’" not in phrase and "'" not in phrase \
            and (head in PERSON_NOUNS or head.endswith(("er", "or", "ist", "ian", "ant", "ent"))):
        who = people.topic(at)  # "the retired ferry pilot": an epithet, its head a common noun
        if who and not _named_beside(people, who, at):
            return who, "person"
    runs = re.findall(r"(?:[A-Z][\w’'.-]+\s+)*[A-Z][\w’'.-]+", phrase)
    between = phrase[phrase.find(runs[0]) + len(runs[0]):phrase.find(runs[1])].split() if len(runs) >= 2 else []
    if between and all(w.islower() and w not in PERSON_NOUNS for w in between) and runs[0].lower() not in DETERMINERS \
            and people.canonical(runs[0], at) and people.entries[people.canonical(runs[0], at)].kind == "person":
        phrase = runs[0]  # "Ana Petrova often quotes Tomasz Wójcik": the first name is the subject
    if phrase[:1].isupper() and phrase.split()[0].lower() not in DETERMINERS:
        pp = re.search(r"\s(?:of|for|at|from|with|in)\s", phrase)
        if pp and not any(w in ORG_WORDS for w in phrase[:pp.start()].split()):
            phrase = phrase[:pp.start()]  # "Ana Petrova of NWS" -> "Ana Petrova"
        if phrase in people.abbreviations:  # "NWS reported" -> "Northwind Wire Service"
            return people.abbreviations[phrase], "organization"
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
        # "a senior Treasury official", "a Transport Ministry spokesperson": the institution speaks
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
        if head in DOC_NOUNS and words[0] in ("his", "her"):  # "her statement said"
            who = people.pronoun(at, "m" if words[0] == "his" else "f")
            if who:
                return who, "person"
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
        if words[0] == "the" and not head.endswith("s"):
            spoke = [n for k, p, n, kind in people.spoken if kind == "organization" and (k, p) < at and at[0] - k <= 3
                     and n[:1].isupper()]
            who = spoke[-1] if spoke else people.recent(at, "organization", window=3)  # "the utility said"
            if who:
                return who, "organization"
        return phrase, "organization"
    if words[0] in ("the", "this", "that") and not head.endswith("s") and head not in DOC_NOUNS \
            and len(core) >= 2:
        who = people.topic(at)  # "the 32-year-old labourer says": the person the text is about
        if who and not _named_beside(people, who, at):
            return who, "person"
        if last_speaker and last_speaker in people.entries and people.entries[last_speaker].kind == "person":
            return last_speaker, "person"
    return phrase, "person"


def _named_beside(people: People, name: str, at: tuple[int, int]) -> bool:
    """Whether ``name`` is named earlier in the sentence whose speaker is described at ``at``
    ("In an email to Sarah Quinn, the contractor wrote": the contractor is someone else)."""
    text = people.texts[at[0]] or ""
    start = max((m.end() for m in SENTENCE_END.finditer(text) if m.end() <= at[1]), default=0)
    return any(k == at[0] and start <= pos < at[1] and canon == name for k, pos, canon, _ in people.mentions)


def resolution(people: People, phrase: str, name: str, kind: str) -> str:
    """How a speaker phrase became a name: "name" (written in full), "surname" (a short form of a
    name given earlier), "pronoun-agrees" / "pronoun-unknown" (a pronoun whose person is or is not
    known to be of its gender), "epithet" (a description of someone named before), "group"."""
    low = phrase.lower()
    if low in ("he", "she"):
        g = people.gender(name)
        return "pronoun-agrees" if g == ("m" if low == "he" else "f") else "pronoun-unknown"
    if low in ("they", "it", "we", "i"):
        return "pronoun-group"
    if kind == "organization":
        return "organization"
    words = set(re.findall(r"[\w’'-]+", phrase))
    parts = name.split()
    if name in phrase:
        return "name" if len(parts) > 1 else "single-name"
    if words & set(parts):
        return "surname"
    return "epithet"


def _institution_in(phrase: str) -> str:
    """The capitalised institution name inside a role phrase ("a senior U.S. Treasury official")."""
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


def _foreign_name(people: People, phrase: str, name: str, language: str | None) -> str | None:
    """A resolved speaker in French, German or Spanish, where the name finder knows no function words and
    German capitalises every noun: a name without the words a sentence opened with ("Según Ana Petrova"
    -> "Ana Petrova"); a pronoun only for someone already quoted, never for any capitalised phrase."""
    if phrase.lower() in ("he", "she") and not any(n == name for *_, n, kind in people.spoken if kind == "person"):
        return None
    words = name.split()
    k = speech.foreign_speaker_start(words, language)
    return " ".join(words[k:]) if k else name


def _quote_spans(children) -> list[tuple[int, int]]:
    """Character ranges of a paragraph's quotations (with their marks) in its plain text."""
    spans, pos = [], 0
    for c in children:
        n = len(plain_text((c,)))
        if isinstance(c, Quote):
            spans.append((pos, pos + n))
        pos += n
    return spans


# The confidence of a speaker found in a language whose attribution was never measured: that of a rule
# never measured, below the editions' threshold, so that the speaker is held (kept in the tree, not shown).
UNMEASURED = min(DEFAULT, SHOW_SPEAKER - 0.01)


def resolve_speakers(doc: Document, ctx: Context) -> Document:
    """Each quotation's speaker phrase resolved to a Person, with the rule and its confidence; in a language
    whose attribution was not measured the speaker is held (``held`` = ``unmeasured-language``)."""
    language = doc.meta.language
    measured = attribution_measured(language)
    paras = list(iter_paragraphs(doc.blocks))
    texts = [plain_text(p.children) if isinstance(p, Para) else None for p, _ in paras]
    people = People(texts, [_quote_spans(p.children) if isinstance(p, Para) else [] for p, _ in paras])
    people.abbreviations = find_abbreviations([t for t in texts if t])
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
        phrase = pronoun_in_english(node.attr.get("said-by") or "", language)  # "elle" -> "she"
        k, _, pos = (node.attr.get("said-at") or "0:0").partition(":")
        name, kind = resolve(people, phrase, (int(k), int(pos)), state["last"])
        if name is not None and not speech.is_english(language):
            name = _foreign_name(people, phrase, name, language)
        if name is None:  # a pronoun with nobody to point at: no speaker rather than "she"
            kv = tuple((a, b) for a, b in node.attr.kv if a not in ("said-at", "role", "pull-quote"))
            return dataclasses.replace(node, attr=dataclasses.replace(node.attr, kv=kv))
        state["last"] = name
        how = resolution(people, phrase, name, kind)
        rule = f'{node.attr.get("rule") or "unknown"}+{how}'
        if not node.attr.get("pull-quote"):  # a pull quote repeats words from elsewhere, out of the flow
            people.said((int(k), int(pos)), name, kind)
        pid = person_for(name, kind, node.attr.get("role") or "")
        kv = tuple((a, b) for a, b in node.attr.kv if a not in ("said-at", "role", "pull-quote", "rule"))
        score = confidence(rule) if measured else min(confidence(rule), UNMEASURED)
        kv += (("rule", rule), ("confidence", f"{score:.2f}"))
        if not measured:
            kv += (("held", "unmeasured-language"),)
        return dataclasses.replace(node, speaker=pid, attr=dataclasses.replace(node.attr, kv=kv))

    doc = walk(doc, fix)
    return dataclasses.replace(doc, people=tuple(registry.values()))
