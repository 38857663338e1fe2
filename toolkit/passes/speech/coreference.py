"""Who is who in an article: people and organisations in reading order, their genders, and what a pronoun or a surname points at."""

from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit.language.names import FIRST_NAMES, STOP_CAPS, TITLES
from toolkit.language.nicknames import same_given_name, same_person
from toolkit.passes.mentions import Mention, find_mentions

APPOSITIVE = re.compile(r"^,\s+((?:an?|the|who|whose|[a-z][\w’'-]*)\b[^.;:!?“”\"]{3,200}?)(?:,(?=\s)|\.?$|\.(?=\s))")
FEMALE = re.compile(r"\b(?:[Ss]he|her|hers|herself|Her)\b")
MALE = re.compile(r"\b(?:[Hh]e|him|his|himself|His)\b")
# The word before a plural group is bounded (41 characters): a group may start at every hyphen of a
# long run like "Ab-Ab-Ab-…", and an unbounded word made each start cost the whole run.
PLURAL_GROUP = re.compile(
    r"\b(?:[Tt]he\s+)?(?:([A-Z][a-z]+(?:ans|als|ives|ats|ists|ers|ics))\b(?!’|')"
    r"|(?<![’'])(?:[A-Z][\w-]{0,40}(?:’s|'s)?\s+|[a-z-]{1,40}\s+)?(?:senators|executives|officials|lawmakers|legislators|leaders|members|"
    r"protesters|demonstrators|residents|workers|employees|experts|critics|analysts|researchers|scientists|"
    r"authorities|officers|investigators|prosecutors|doctors|nurses|parents|students|teachers|players|fans|"
    r"activists|advocates|supporters|opponents|voters|farmers|owners|organizers|organisers|negotiators)\b)")
SENTENCE_END = re.compile(r"[.!?][”\"’']?\s+(?=[“\"‘']?[A-Z])")
QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")
# How much of the next paragraph is read as its first sentence: QUOTED on a paragraph of unclosed marks
# costs the square of its length.
FIRST_SENTENCE = 2000
# a paragraph that is a photo caption: it ends with a parenthesised credit "( Jane Doe / The Paper )"
CAPTION = re.compile(r"\(\s*[^()]{2,80}(?:/|\b(?:PHOTO|Photo|photo|FILE|File|Press|PRESS)\b)[^()]*\)\s*$")


@dataclass
class Entry:
    """One person or organisation known in the article, as the passes resolve names to it."""

    name: str
    kind: str
    first: tuple[int, int]
    role: str = ""
    gender: str = ""
    title: str = ""
    by_surname: int = 0  # later mentions by the last name alone: a sign of a real person


def _gender_title(title: str) -> str:
    if re.search(r"\b(?:Ms|Mrs|Miss|Madam|Dame|Lady|Queen|Princess)\b", title):
        return "f"
    if re.search(r"\b(?:Mr|Sir|Lord|King|Prince)\b", title):
        return "m"
    return ""


class People:
    """People and organisations mentioned in an article's paragraphs, in reading order."""

    def __init__(self, texts: list[str | None], quoted: list[list[tuple[int, int]]] | None = None):
        self.texts = texts
        self.quoted = quoted or [[] for _ in texts]  # quotations' character ranges, paragraph by paragraph
        self.entries: dict[str, Entry] = {}
        self.mentions: list[tuple[int, int, str, str]] = []  # (para, pos, canonical, kind)
        self.spoken: list[tuple[int, int, str, str]] = []  # quotations resolved so far: (para, pos, name, kind)
        self.abbreviations: dict[str, str] = {}  # "NWS" -> "Northwind Wire Service", when the article expands it
        self.captions = {k for k, t in enumerate(texts) if t and CAPTION.search(t)}
        surnames: dict[str, str] = {}
        for k, text in enumerate(texts):
            if not text:
                continue
            for m in find_mentions(text):
                self._add(k, text, m, surnames)
        self._estimate_genders()

    def _add(self, k: int, text: str, m: Mention, surnames: dict[str, str]) -> None:
        words = m.text.split()
        if m.kind == "person" and len(words) >= 2:
            canon = m.text
            for existing in self.entries.values():  # "Jane Doe" after "Jane A. Doe"; "El Amrani" after "Lina El Amrani"
                if existing.kind == "person" and existing.name.split()[-1] == words[-1] \
                        and (existing.name.split()[0] == words[0] or existing.name.endswith(" " + m.text)
                             or same_person(existing.name, m.text)):  # "Josh Tan" after "Joshua Tan"
                    canon = existing.name
                    existing.by_surname += existing.name != m.text
            if canon not in self.entries:
                role = ""
                am = APPOSITIVE.match(text[m.end:])
                if am and not am.group(1).startswith(("who", "whose")) \
                        and not re.match(r"[a-z]+ing\b|(?:and|but|or|as|so|then|when|while|if)\b", am.group(1)):
                    role = am.group(1).strip()
                gender = _gender_title(m.title)
                self.entries[canon] = Entry(canon, "person", (k, m.start), role or m.title, gender, m.title)
            surnames.setdefault(words[-1], canon)
            self.mentions.append((k, m.start, canon, "person"))
        elif m.kind == "organization":
            self.entries.setdefault(m.text, Entry(m.text, "organization", (k, m.start)))
            self.mentions.append((k, m.start, m.text, "organization"))
        elif len(words) == 1 and words[0] in surnames:
            self.mentions.append((k, m.start, surnames[words[0]], "person"))
            self.entries[surnames[words[0]]].by_surname += 1

    def _estimate_genders(self) -> None:
        """A person's gender from a title, else from the pronouns that follow their mentions (up to the
        next person's mention, within the sentence after), else from a common first name."""
        votes: dict[str, list[int]] = {}
        people = [m for m in self.mentions if m[3] == "person"]
        for i, (k, pos, canon, _) in enumerate(people):
            text = self.texts[k] or ""
            end = min(len(text), pos + 260)
            nxt = next((p for kk, p, c, _ in people[i + 1:i + 2] if kk == k and c != canon), None)
            if nxt is not None:
                end = min(end, nxt)
            window = QUOTED.sub(" ", text[pos:end])
            later = [c for kk, _, c, _ in people[i + 1:i + 2] if kk == k + 1]
            if nxt is None and end == len(text) and k + 1 < len(self.texts) and self.texts[k + 1] and not later:
                # the last one named in a paragraph, nobody named in the next: its first sentence's
                # pronouns ("His daughter runs the shop now.") are this person's too
                following = self.texts[k + 1]
                stop = next((m.end() for m in SENTENCE_END.finditer(following)), len(following))
                rest = QUOTED.sub(" ", following[:min(stop, FIRST_SENTENCE)])
                # only "his", "her", "him": a "he" or "she" there is what the gender is wanted for
                extra = [len(re.findall(r"\b(?:[Hh]er|hers|herself)\b", rest)),
                         len(re.findall(r"\b(?:[Hh]is|him|himself)\b", rest))]
            else:
                extra = [0, 0]
            v = votes.setdefault(canon, [0, 0])
            v[0] += len(FEMALE.findall(window)) + extra[0]
            v[1] += len(MALE.findall(window)) + extra[1]
        for canon, e in self.entries.items():
            if e.kind != "person" or e.gender:
                continue
            f, m = votes.get(canon, [0, 0])
            prior = FIRST_NAMES.get(e.name.split()[0], "")
            f += 1.5 * (prior == "f")
            m += 1.5 * (prior == "m")
            if f > m:
                e.gender = "f"
            elif m > f:
                e.gender = "m"

    def canonical(self, phrase: str, at: tuple[int, int]) -> str | None:
        """A full name for a name as written ("Petrova" -> "Ana Petrova")."""
        words = [w for w in phrase.split() if w.rstrip(".") not in TITLES and w not in TITLES]
        if not words:
            return None
        name = " ".join(words)
        if name in self.entries:
            return name
        people = [e for e in self.entries.values() if e.kind == "person"]
        for e in sorted(people, key=lambda e: (e.first > at, abs(e.first[0] - at[0]))):
            parts = e.name.split()
            if parts[-1] == words[-1] or (len(words) == 1 and same_given_name(parts[0], words[0])) \
                    or (len(words) >= 2 and " ".join(parts[-len(words):]) == name):
                return e.name
        return None

    def gender(self, name: str) -> str:
        e = self.entries.get(name)
        return e.gender if e else ""

    def recent(self, at: tuple[int, int], kind: str, gender: str = "", window: int = 4) -> str | None:
        """The last one of ``kind`` mentioned before ``at`` (within ``window`` paragraphs)."""
        best = None
        for k, pos, canon, mkind in self.mentions:
            if (k, pos) >= at:
                break
            if mkind != kind or at[0] - k > window or (k in self.captions and k != at[0]):
                continue
            g = self.gender(canon)
            if gender and g and g != gender:
                continue
            best = canon
        return best

    def said(self, at: tuple[int, int], name: str, kind: str) -> None:
        self.spoken.append((at[0], at[1], name, kind))

    def pronoun(self, at: tuple[int, int], gender: str) -> str | None:
        """The person "he" or "she" at ``at`` refers to: the most recent one known to be of that gender
        mentioned or quoted before it, else the most recent one of no known gender; captions left aside."""
        voices = {name for _, _, name, kind in self.spoken if kind == "person"}
        events = [(k, pos, name) for k, pos, name, kind in self.mentions if kind == "person"]
        events += [(k, pos, name) for k, pos, name, kind in self.spoken
                   if kind == "person" and (name in self.entries or re.fullmatch(r"(?:[A-Z][\w’'.-]+\s?)+", name))]
        best: dict[int, tuple[tuple[int, int], str]] = {}
        for k, pos, name in events:
            if (k, pos) >= at or at[0] - k > 6 or (k in self.captions and k != at[0]):
                continue
            if any(s <= pos < e for s, e in self.quoted[k]):
                continue  # named inside someone's words: not who "he" or "she" is
            g = self.gender(name)
            if g and g != gender:
                continue
            rank = int(name in voices or self.is_real(name))
            if rank not in best or (k, pos) > best[rank][0]:
                best[rank] = ((k, pos), name)
        if best:
            return best[max(best)][1]
        # nobody of that gender lately (a long "she … she …" stretch): the one of that gender named most so far
        counts: dict[str, int] = {}
        for k, pos, name in events:
            if (k, pos) < at and self.gender(name) == gender:
                counts[name] = counts.get(name, 0) + 1
        return max(counts, key=lambda n: counts[n]) if counts else None

    def topic(self, at: tuple[int, int], window: int = 3) -> str | None:
        """Who an epithet ("the 32-year-old labourer") names: the first person in the last sentence
        before ``at`` that names someone outside quotation marks (real people first)."""
        people = [(k, pos, name) for k, pos, name, kind in self.mentions
                  if kind == "person" and (k, pos) < at and at[0] - k <= window and (k not in self.captions or k == at[0])
                  and not any(s <= pos < e for s, e in self.quoted[k])]
        for real_only in (True, False):
            cands = [m for m in people if not real_only or self.is_real(m[2])]
            if not cands:
                continue
            k, pos, _ = cands[-1]
            text = self.texts[k] or ""
            start = max((m.end() for m in SENTENCE_END.finditer(text, 0, pos)), default=0)
            return next(name for kk, p, name in cands if kk == k and p >= start)
        return None

    def is_real(self, name: str) -> bool:
        """Named by surname alone, titled, or a common first name: a person, not a stray capitalised phrase."""
        e = self.entries.get(name)
        return any(n == name for _, _, n, kind in self.spoken if kind == "person") or (
            e is not None and bool(e.by_surname or e.title or e.name.split()[0] in FIRST_NAMES
                                   or sum(1 for m in self.mentions if m[2] == name) > 1))

    def plural(self, at: tuple[int, int], window: int = 2) -> str | None:
        """Who "they" are: the last plural group named before ``at`` outside quotation marks ("the Liberals",
        "Republican senators", "auto executives"), photo captions left aside."""
        best = None
        for k in range(max(0, at[0] - window), at[0] + 1):
            text = self.texts[k] or ""
            if k in self.captions and k != at[0]:
                continue
            stop = at[1] if k == at[0] else len(text)
            for m in PLURAL_GROUP.finditer(text, 0, stop):
                if any(s <= m.start() < e for s, e in self.quoted[k]) or m.group(1) in STOP_CAPS:
                    continue
                best = m.group(0)
        if best:
            best = re.sub(r"^(?:the|The)\s+", "", best)
        return best
