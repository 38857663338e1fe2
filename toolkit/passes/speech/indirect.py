"""Finds indirect (reported) speech in a sentence: "X said (that) …", "…, X said.", "according to X, …"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit.language.speech import DIRECT_ONLY, LISTENER_VERBS, OPINION_VERBS, is_english
from toolkit.passes.speech import attribution
from toolkit.passes.speech.attribution import Cue, Speaker, cues_in, np_left, sentence_subject, speaker_after
from toolkit.passes.speech.marks import Covering, Marked

# Verbs that take a reported clause without "that" ("she said the plan failed").
SAY_LIKE = {"say", "tell", "write", "claim", "insist", "warn", "argue", "explain", "note", "add", "believe",
            "think", "estimate", "predict", "testify", "allege", "assert", "contend", "maintain", "agree", "hope",
            "fear", "worry", "feel", "concede", "acknowledge", "admit", "suggest", "stress", "emphasize",
            "emphasise", "reiterate", "confirm", "report", "state", "assure", "remind", "inform", "promise",
            "vow", "pledge", "complain", "recall", "observe", "caution", "speculate"}

# Phrases that may stand between a reporting verb and the reported clause.
# ADJUNCT and LISTENER take a run of spaces, and each capitalised word of a name, whole (possessive): the
# nested "(?:[A-Z]…*\s*)+" could split "ABCD…" in 2^n ways when the rest of the pattern fails.
ADJUNCT = re.compile(
    r"\s*+(?:,\s*+)?(?:(?:in|on|at|during|via|through|over|by|after|before|from|with|to|earlier|last|this|on)\s+"
    r"(?:a|an|the|his|her|their|its|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|email|e-mail|"
    r"phone|telephone|twitter|Twitter|Facebook|social|week|month|year|morning|afternoon|evening|night|"
    r"[A-Z][\w’'.-]*)(?:\s+[\w’'.-]+){0,7}?(?=\s*(?:,|\bthat\b|$))"
    r"|(?:in|on|at|during|via|through|over|by|with|to)\s+[a-z][\w’'-]*(?:\s+[\w’'.-]+){0,3}?(?=\s*(?:,|\bthat\b))"
    r"|(?:in\s+(?:retrospect|response|part|turn|fact|particular|person|general|recent\s+\w+|total)|"
    r"at\s+(?:the\s+time|one\s+point|first|least|times)|on\s+(?:camera|air|background|Twitter)|"
    r"off\s+camera|for\s+(?:example|instance|his\s+part|her\s+part|their\s+part|now)|"
    r"(?:this|last|next)\s+(?:week|month|year|weekend|spring|summer|fall|autumn|winter)|"
    r"(?:on|by)\s+\w+day|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|recently|earlier|"
    r"later|again|previously|repeatedly|also|publicly|then|however|though|nonetheless|too|last\s+\w+))\s*,?")
LISTENER = re.compile(
    r"\s*+(?:(?:the\s+|a\s+|an\s+)?(?:[A-Z][\w’'.&/-]*+\s*+)+|reporters|journalists|the\s+\w+(?:\s+\w+)?|"
    r"him|her|them|us|me|you|lawmakers|MPs|supporters|members|parliament|council|listeners|viewers|"
    r"the\s+(?:court|jury|judge|committee|crowd|audience|inquiry|hearing|commission)|a\s+\w+(?:\s+\w+)?)\s*,?")
# Verbs that often take a plain object ("added a premium"): a clause after them needs a finite verb.
OBJECT_VERBS = {"add", "suggest", "acknowledge", "announce", "report", "propose", "recommend", "reveal", "confirm",
                "claim", "write", "state"}
# "Years before X wrote …", "after she said …": a reporting verb in a time clause tells when, not what was said.
TIME_CLAUSE = re.compile(r"\b(?:before|after|until|till|since|once)\s+(?:[\w’'.-]+\s+){0,5}$", re.I)
FINITE = re.compile(r"\b(?:that|is|are|was|were|will|would|has|have|had|can|could|should|may|might|must|did|does|do|"
                    r"isn’t|isn't|wasn’t|wasn't|won’t|won't|doesn’t|doesn't|didn’t|didn't)\b")
CLAUSE_START_BAD = re.compile(r"^(?:(?:to|for|of|in|on|at|with|by|so|and|or|but|as|about|from|over|into|what|whether|"
                              r"how|why|"
                              r"during|after|before|goodbye|hello|yes|no|sorry|thanks|more|much|little|nothing|"
                              r"something|anything|otherwise|so|too|the same|this|it\.|inside|outside|near|"
                              r"along|via|without|upon|amid|despite|following|extensively|his\s+voice|her\s+voice|"
                              r"eyes|tears|repeatedly)\b|[,.;:!?)]|$)", re.I)
PARTICIPLE = re.compile(r"^\s*(?:(?:while|when|after|before)\s+)?(?!adding|noting|saying|arguing|explaining)"
                        r"[a-z]+ing\b(?!\s+(?:is|are|was|were|has|had|will|would|can|could)\b)")
SUBJECT_START = re.compile(r"^(?:he|she|they|it|we|i|you|there|this|that|these|those|the|a|an|his|her|their|its|"
                           r"our|my|some|many|most|all|no|[A-Z][\w’'.-]*|\d[\d,.]*)\b")
WORD = re.compile(r"[\w’']+")


@dataclass(frozen=True)
class Reported:
    """Reported (indirect) speech found in text: offsets, speaker and cue."""

    start: int
    end: int
    speaker: Speaker
    cue: Cue


def _inside(pos: int, marked: list[Marked]) -> bool:
    return _covering(marked).covers(pos)


_COVERING: list[tuple[list[Marked], Covering]] = []


def _covering(marked: list[Marked]) -> Covering:
    """The index of a paragraph's quotations, made once per list (the last few lists are kept)."""
    for lst, cov in _COVERING:
        if lst is marked and len(cov.starts) == len(marked):
            return cov
    cov = Covering(marked)
    _COVERING[:] = [*_COVERING[-3:], (marked, cov)]
    return cov


def _trim_end(text: str, s: int, e: int) -> int:
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".,;:!?"):
        e -= 1
    return e


def _words(text: str) -> int:
    return len(WORD.findall(text))


# The word that opens a reported clause in French, German and Spanish ("a déclaré que", "sagte, dass").
FOREIGN_THAT = re.compile(r"\s*,?\s*(?:qu’|qu'|que\b|dass\b)", re.I)


def _after_verb(text: str, cue: Cue, end: int, language: str | None = None) -> int | None:
    """Where the reported clause begins after a reporting verb, or None."""
    pos = cue.end
    if not is_english(language):  # only a clause its conjunction opens: "a déclaré que …", "sagte, dass …"
        m = FOREIGN_THAT.match(text, pos, end)
        return m.end() if m and _words(text[m.end():end]) >= 3 else None
    if cue.lemma in LISTENER_VERBS:
        m = LISTENER.match(text, pos, end)
        if m and m.end() > pos:
            pos = m.end()
    for _ in range(3):
        m = ADJUNCT.match(text, pos, end)
        if not m or m.end() == pos:
            break
        pos = m.end()
    m = re.compile(r"\s*,?\s*that\b").match(text, pos, end)
    if m:
        return m.end() - 4
    if cue.lemma in LISTENER_VERBS:
        # "told a crowd of 100 members gathered in the hall that …": a longer listener, then "that"
        m = re.compile(r"[^,;:.!?“”\"]{0,90}?\s(that)\b").match(text, pos, end)
        if m and not cues_in(text, pos, m.start(1), language):
            return m.start(1)
    rest = text[pos:end].strip()
    if CLAUSE_START_BAD.match(rest) or _words(rest) < 4 or cue.lemma in DIRECT_ONLY or (
            PARTICIPLE.match(rest) and not re.match(r"\S+(?:\s+\S+){0,7}?\s+(?:will|would|can|could|is|are|was|were|"
                                                   r"has|have|had|may|might|must|should)\b", rest)):
        return None  # "said while sitting in a church", "said, rejecting the plea": no reported clause
    if cue.lemma not in SAY_LIKE and not re.match(r"(?:he|she|they|it|we|i|there)\b", rest, re.I):
        return None
    if not SUBJECT_START.match(rest) and cue.lemma not in ("say", "tell", "add", "write", "note", "claim",
                                                           "insist", "argue", "explain"):
        return None
    if cue.lemma in OBJECT_VERBS and not re.match(r"(?:he|she|they|it|we|i|there)\b", rest, re.I) \
            and not FINITE.search(" ".join(rest.split()[:8])):
        return None  # "added three more goals", "suggested a new approach": an object, not a clause
    return pos + (len(text[pos:end]) - len(text[pos:end].lstrip()))


def _parenthetical(text: str, spk: Speaker | None) -> bool:
    """"as X said" agrees with X; it does not report X's words."""
    return spk is not None and bool(re.search(r"\b[Aa]s\s+$", text[max(0, spk.start - 4):spk.start]))


def _is_adjunct(text: str, cue: Cue, end: int) -> bool:
    """Whether what follows a closing "…, X said" is only a listener and time or place."""
    pos = cue.end
    if cue.lemma in LISTENER_VERBS:
        m = LISTENER.match(text, pos, end)
        pos = m.end() if m else pos
    for _ in range(3):
        m = ADJUNCT.match(text, pos, end)
        if not m or m.end() == pos:
            break
        pos = m.end()
    return not text[pos:end].strip(" .,!?;:\n\u201d\"")


def _participle_speaker(text: str, s: int, c: Cue, cues: list[Cue], language: str | None = None) -> Speaker | None:
    """Who speaks in "…, saying/noting that …": the speaker of an earlier reporting verb, else the subject."""
    for prev in reversed([p for p in cues if p.end <= c.start and p.lemma != "according to"]):
        spk = np_left(text, prev.start, s, language) or speaker_after(text, prev, None, True, language)
        if spk is not None:
            return spk
    return sentence_subject(text, s, c.start)


def find_reported(text: str, s: int, e: int, marked: list[Marked], language: str | None = None) -> list[Reported]:
    """Reported clauses in the sentence ``text[s:e]``, read as the document's ``language``; a clause whose
    speaker phrase is no speaker in that language ("Pour", "Les camions de …") is none."""
    out = []
    for r in _reported(text, s, e, marked, language):
        spk = attribution.valid_speaker(r.speaker, language)
        if spk is not None:
            out.append(Reported(r.start, r.end, spk, r.cue))
    return out


def _leading_name(text: str, at: int, e: int) -> Speaker | None:
    """The name right after "laut", "según", "selon" when the clause follows with no comma ("Laut Ana
    Petrova kostet der Bau …"): a determiner at most, then capitalised words up to the first lower-case one."""
    words = list(re.finditer(r"[^\W\d_][\w’'.-]*", text[at:e]))
    k = 1 if words and words[0].group(0) in ("der", "die", "des", "dem", "den", "la", "le", "les", "el", "los",
                                             "las") else 0
    n = k
    while n < len(words) and n - k < 4 and words[n].group(0)[:1].isupper() and not re.search(
            r"[,;:]", text[at + words[k].start():at + words[n].start()]):
        n += 1
    if n == k or n >= len(words) or not words[n].group(0)[:1].islower() or "," in text[at:at + words[n].start()]:
        return None
    return Speaker(text[at + words[0].start():at + words[n - 1].end()], at + words[0].start(),
                   at + words[n - 1].end())


def _reported(text: str, s: int, e: int, marked: list[Marked], language: str | None) -> list[Reported]:
    def np_right(at: int, described: bool = False, cue: Cue | None = None) -> Speaker | None:
        if cue is not None:
            return speaker_after(text, cue, at, described, language)
        return attribution.np_right(text, at, described, language)

    cues = [c for c in cues_in(text, s, e, language) if not _inside(c.start, marked)]
    out: list[Reported] = []
    # "According to X, clause." / "Clause, according to X."
    for c in cues:
        if c.lemma != "according to":
            continue
        lead = _leading_name(text, c.end, e) if not is_english(language) and c.start - s <= 3 else None
        if lead is not None and _words(text[lead.end:e]) >= 3:  # "Laut Ana Petrova kostet der Bau …"
            cs = lead.end + len(text[lead.end:e]) - len(text[lead.end:e].lstrip())
            return [Reported(cs, _trim_end(text, cs, e), lead, c)]
        spk = np_right(c.end)
        if spk is None:
            continue
        if re.match(r"\s*,", text[spk.end:e]) and c.start - s <= 3:
            cs = spk.end + len(re.match(r"\s*,\s*", text[spk.end:e]).group(0))
            ce = _trim_end(text, cs, e)
            if _words(text[cs:ce]) >= 3:
                return [Reported(cs, ce, spk, c)]
        if (_words(text[spk.end:e]) <= 1 or re.match(r"\s*(?:,|who\b|which\b|that\b)", text[spk.end:e])) \
                and re.search(r",\s*$", text[s:c.start]):
            ce = _trim_end(text, s, c.start)
            if _words(text[s:ce]) >= 3:
                return [Reported(s, ce, spk, c)]
    verbs = [c for c in cues if c.lemma != "according to" and c.lemma not in OPINION_VERBS
             and (c.lemma not in DIRECT_ONLY or re.match(r"\s+that\b", text[c.end:e]))]
    for c in verbs:
        before = text[s:c.start]
        # "Clause, X said." / "Clause, said X, a role." (the speaker and verb close the sentence)
        tail = text[c.end:e]
        comma = before.rfind(",")
        quoted = sum(_words(text[m.start:m.end]) for m in _covering(marked).starting_in(s, s + comma))
        if comma > 0 and c.lemma not in DIRECT_ONLY and quoted * 2 < _words(before[:comma]):
            who = None
            semi = text.find(";", c.end, e)  # "Clause, Wójcik writes; clause2"
            stop = semi if semi > 0 else e
            if _is_adjunct(text, c, stop):
                who = np_left(text, c.start, s + comma + 1, language)
            if who is None and not before[comma + 1:].strip() and c.lemma not in LISTENER_VERBS:
                # "Clause, said the minister, who …"; after "told" the phrase is the listener, never the speaker
                inv = np_right(c.end, cue=c)
                if inv is not None:
                    rest = text[max(inv.end, c.end):e]  # "dit-il": the pronoun is inside the cue
                    if inv.role:
                        rest = rest[rest.find(inv.role) + len(inv.role):] if inv.role in rest else rest
                    if not rest.strip(" .,!?;:\n\u201d\"") or (ADJUNCT.match(rest) and \
                            not ADJUNCT.sub("", rest, count=1).strip(" .,!?;:\n")):
                        who = inv
            if who is not None and not _parenthetical(text, who) and _words(text[s:s + comma]) >= 3:
                out = [Reported(s, _trim_end(text, s, s + comma), who, c)]
                c2 = semi + 1 + len(text[semi + 1:e]) - len(text[semi + 1:e].lstrip()) if semi > 0 else e
                if semi > 0 and _words(text[c2:e]) >= 4 and not _covering(marked).starting_in(c2, e):
                    out.append(Reported(c2, _trim_end(text, c2, e), who, c))
                return out
        # "Clause1, X said, clause2." (split by the attribution)
        m = re.match(r"\s*,\s*", tail)
        if comma > 0 and m and _words(text[c.end + m.end():e]) >= 3 \
                and not PARTICIPLE.match(text[c.end + m.end():e]):
            spk = np_left(text, c.start, s + comma + 1, language)
            if spk is not None and _words(before[:comma]) >= 1 and not _parenthetical(text, spk):
                c2 = c.end + m.end()
                first = Reported(s, _trim_end(text, s, s + comma), spk, c)
                if re.match(r"(?:(?:and|but|or|so)\s+(?:he|she|they|it|we|i|as|while|when|then)|as|while|when)\b"
                            r"|[a-z]+\s+[a-z]+ing\b", text[c2:e], re.I):
                    # "…, he says, and he was upset": the narrator goes on; "…, she said, eyes welling up"
                    return [first] if _words(text[s:s + comma]) >= 3 else []
                return [first, Reported(c2, _trim_end(text, c2, e), spk, c)]
        # "Clause1, insists X, clause2."
        if comma > 0 and not before[comma + 1:].strip() and _words(before[:comma]) >= 3 \
                and c.lemma not in DIRECT_ONLY and c.lemma not in LISTENER_VERBS:
            inv = np_right(c.end, cue=c)
            iend = max(inv.end, c.end) if inv is not None else e
            after = re.match(r"\s*,\s*", text[iend:e]) if inv is not None else None
            if inv is not None and after and not inv.role and _words(text[iend + after.end():e]) >= 3 \
                    and not PARTICIPLE.match(text[iend + after.end():e]) \
                    and not _inside(iend + after.end() + 1, marked):
                c2 = iend + after.end()
                return [Reported(s, _trim_end(text, s, s + comma), inv, c),
                        Reported(c2, _trim_end(text, c2, e), inv, c)]
        # "X said (that) clause."
        spk = np_left(text, c.start, s, language)
        if spk is None and c.text.endswith("ing") and re.search(r",\s*$", text[s:c.start]):
            spk = _participle_speaker(text, s, c, cues, language)  # "…, saying (that) clause": the sentence's speaker
        elif spk is None and re.search(r"\band\b", text[s:c.start]) \
                and not re.search(r"\b(?:was|were|been|being|is|are)\s+\w+(?:ed|en)\b", text[s:c.start]):
            spk = sentence_subject(text, s, c.start)  # "Wójcik called it false and later said …"
        if spk is None or _parenthetical(text, spk):
            continue
        if TIME_CLAUSE.search(text[max(s, spk.start - 60):spk.start]):
            continue
        cs = _after_verb(text, c, e, language)
        if cs is None:
            continue
        ce = _trim_end(text, cs, e)
        if _words(text[cs:ce]) >= 4:
            more = re.search(r",?\s+(?:and\s+)?(?:added|adding|noted|noting|said|saying|explained|explaining)"
                             r"(?:\s+that)?\s+", text[cs:ce])
            if more and _words(text[cs:cs + more.start()]) >= 3 and _words(text[cs + more.end():ce]) >= 3:
                c2 = cs + more.end()
                verb = re.search(r"(?:added|adding|noted|noting|said|saying|explained|explaining)", more.group(0))
                cue2 = Cue(verb.group(0), cs + more.start() + verb.start(), cs + more.start() + verb.end(),
                           verb.group(0))
                return [Reported(cs, _trim_end(text, cs, cs + more.start()), spk, c), Reported(c2, ce, spk, cue2)]
            return [Reported(cs, ce, spk, c)]
    return out
