"""Finds who speaks in a stretch of prose: the reporting verb (cue) and the speaker's noun phrase.

Works on plain strings with character offsets. A speaker phrase is a pronoun, a capitalised name
(with any title before it), or a short noun phrase whose head names a person or an institution
("a spokeswoman for the ministry", "police"), optionally followed by an appositive role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit.language import speech
from toolkit.language.names import STOP_CAPS
from toolkit.language.speech import DOC_NOUNS, ORG_NOUNS, PERSON_NOUNS, SUBJECT_PRONOUNS, is_english
from toolkit.passes.sentences import ABBREVIATIONS

TOKEN = re.compile(r"[\w’'\-./&]+|[^\w\s]")
DETERMINERS = {"the", "a", "an", "one", "another", "some", "several", "many", "most", "two", "three", "four",
               "five", "his", "her", "their", "its", "our", "this", "that", "these", "those", "other", "both",
               "each", "few", "no", "any"}
NP_LINKS = {"of", "for", "at", "with", "from", "in", "on", "and", "to", "&"}
STOP_WORDS = {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would", "can",
              "could", "should", "may", "might", "must", "do", "does", "did", "not", "that", "which", "who",
              "whom", "whose", "when", "while", "after", "before", "because", "if", "as", "since", "although",
              "though", "but", "so", "then", "than", "where", "how", "what", "why", "there", "also", "just",
              "only", "even", "still", "yet", "now", "once", "by", "into", "about", "over", "against", "said", "says", "told", "until", "unless", "whether", "however", "meanwhile", "instead", "it"}
ADVERBS = {"doesn’t", "doesn't", "don’t", "don't", "didn’t", "didn't", "won’t", "won't", "can’t", "can't",
           "wouldn’t", "wouldn't", "couldn’t", "couldn't", "isn’t", "isn't", "wasn’t", "wasn't", "has", "had",
           "also", "later", "previously", "recently", "then", "once", "subsequently", "repeatedly", "reportedly",
           "simply", "again", "further", "have", "would", "will", "often", "frequently", "quickly",
           "first", "finally", "earlier", "last", "today", "yesterday", "publicly", "privately", "flatly",
           "matter-of-factly", "bluntly", "openly", "tearfully", "proudly", "angrily", "calmly", "candidly",
           "quietly", "firmly", "curtly", "emphatically", "frankly", "recalls", "cheerfully", "did",
           "does", "do", "is", "was", "may", "could", "might", "can", "not", "never", "always", "already",
           "even", "still", "just", "only", "confidently", "clearly", "tersely", "jokingly", "happily"}


SENTENCE_ADVERBS = {"Somehow", "However", "Still", "Meanwhile", "Also", "Instead", "Today", "Yesterday", "Now",
                    "Then", "Later", "Earlier", "Indeed", "Moreover", "Furthermore", "Nonetheless", "Nevertheless",
                    "Otherwise", "Finally", "Together", "Again", "Anyway", "Besides", "Ultimately", "Overall",
                    "Sometimes", "Often", "Recently", "Previously", "Currently", "Eventually", "Initially"}


@dataclass(frozen=True)
class Speaker:
    """A speaker found in text: its words, offsets and role."""

    text: str      # the phrase as written ("Petrova", "he", "the water board")
    start: int     # offsets in the paragraph text
    end: int
    role: str = ""  # an appositive right after a name ("an associate professor at ...")


@dataclass(frozen=True)
class Cue:
    """A reporting verb or phrase found in text, with its offsets and lemma."""

    text: str
    start: int
    end: int
    lemma: str


# How far a speaker phrase, its role or a clause's subject is looked for from where it starts or ends
# (characters): a phrase is a dozen words at most, and a bounded look keeps each quotation's cost bounded
# however long its paragraph (the whole rest of the paragraph was tokenized for each one).
REACH = 600
SPACE = re.compile(r"\s")


def reach_back(text: str, lo: int, end: int) -> int:
    """Where to start looking back from ``end``: ``lo``, or a space at most REACH before ``end``."""
    if end - lo <= REACH:
        return lo
    m = SPACE.search(text, end - REACH, end)
    return m.start() if m else end


def reach_on(text: str, start: int, hi: int) -> int:
    """Where to stop looking on from ``start``: ``hi``, or the last space within REACH of ``start``."""
    if hi - start <= REACH:
        return hi
    cut = text.rfind(" ", start, start + REACH)
    return cut if cut > start else start + REACH


def tokens(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start() + offset, m.end() + offset) for m in TOKEN.finditer(text)]


def is_cap(word: str) -> bool:
    return bool(word) and (word[0].isupper() or (word[0].isdigit() and "-" in word))


def speech_verb(word: str, language: str | None = None) -> str | None:
    """The lemma of a reporting verb form of the document's language, or None."""
    return speech.speech_verbs(language).get(word.lower())


def head_ok(word: str) -> bool:
    w = word.lower().strip(".,")
    return (w in PERSON_NOUNS or w in ORG_NOUNS or w.rstrip("s") in PERSON_NOUNS or w.rstrip("s") in ORG_NOUNS
            or w in ("unit", "agency", "people", "utility", "provider", "operator", "carrier", "airline", "retailer",
                     "manufacturer", "developer", "insurer", "broadcaster", "publisher", "coroner", "municipality", "authorities", "organizers", "organisers", "group", "residents",
                     "family", "families", "officers", "spokesperson", "rep", "representative", "representatives"))


def np_left(text: str, end: int, lo: int = 0, language: str | None = None) -> Speaker | None:
    """The speaker phrase that ends at ``end`` (right before a verb), scanning leftwards from there
    but not past ``lo``; pronouns and verbs are those of the document's ``language``."""
    lo = reach_back(text, lo, end)
    toks = tokens(text[lo:end], lo)
    while toks and toks[-1][0] in ADVERBS:
        toks.pop()
    if not toks:
        return None
    if toks[-1][0] in ("who", "which") and len(toks) > 1:  # "experts who say"
        return np_left(text, toks[-1][1], lo, language)
    last = toks[-1]
    verbs = speech.speech_verbs(language)
    if last[0].lower() in speech.subject_pronouns(language):
        if last[0].lower() == "it" and len(toks) > 1 and toks[-2][0].lower() not in (",", "and", "but"):
            return None
        return Speaker(last[0], last[1], last[2])
    if last[0] == ",":
        return _np_with_apposition(text, toks, lo, language)
    i = len(toks) - 1
    seen_head = False
    while i >= 0:
        w = toks[i][0]
        lw = w.lower()
        if w in (",", ";", ":", "(", ")", "—", "–", "“", "”", '"', "-") or (
                lw in STOP_WORDS and lw not in NP_LINKS and (w == lw or (i == len(toks) - 1 and w == "It"))):
            break
        if lw in NP_LINKS and not seen_head:
            break
        if lw == "and" and i + 1 < len(toks) and toks[i + 1][0].lower() in ADJUNCT_PREPOSITIONS:
            break  # "called it nonsense and in a statement said": two verb phrases
        if lw == "and" and i > 0 and is_cap(toks[i + 1][0]) and toks[i - 1][0].isalpha() \
                and toks[i - 1][0].islower() and not head_ok(toks[i - 1][0]):
            break  # "the schedule changed and Okafor says": two clauses, not "Smith and Jones"
        if lw in verbs and not is_cap(w) and not (
                (lw in DOC_NOUNS or lw[:-1] in DOC_NOUNS) and _after_determiner(toks, i)):
            break  # a verb ends the phrase; "the report", "her latest post" are nouns
        if not any(ch.isalnum() for ch in w):
            break  # "--", "…"
        if is_cap(w) or head_ok(w) or lw in DETERMINERS:
            seen_head = True
        i -= 1
        if len(toks) - 1 - i > 10:
            return None
    span = toks[i + 1:]
    while span and (span[0][0].lower() in NP_LINKS or (span[0][0] in STOP_CAPS and span[0][0].lower()
                                                      not in DETERMINERS and span[0][0] != "Police")):
        span = span[1:]
    if not span:
        return None
    # cut leading words before the last determiner ("Last week the board" -> "the board")
    dets = [k for k, t in enumerate(span) if t[0].lower() in DETERMINERS and k < len(span) - 1
            and not (k > 0 and span[k - 1][0].lower() in NP_LINKS)]
    if dets and not any(is_cap(t[0]) for t in span[:dets[0]]):
        span = span[dets[0]:]
    elif dets and dets[0] > 0 and span[dets[0]][0].lower() in ("the", "a", "an"):
        # "Thursday the agency said": keep from the determiner unless it is inside "X of the Y"
        if span[dets[0] - 1][0].lower() not in NP_LINKS:
            span = span[dets[0]:]
    # the phrase must be a name, or have a person/institution noun as its head; when its first
    # part has neither ("the issue with a statement from X"), try the part after each link word
    while True:
        words = [t[0] for t in span]
        links = [k for k, w in enumerate(words) if w.lower() in NP_LINKS and k > 0]
        core = words[:links[0]] if links else words
        if any((is_cap(w) and w not in STOP_CAPS) or head_ok(w) or speech.role_noun(w, language) for w in core):
            break
        if not links and _described(core):
            break  # "the school’s defenders said": a described person or group
        if not links or links[0] + 1 >= len(span):
            return None
        span = span[links[0] + 1:]
    if len(words) == 1 and words[0].lower() in DETERMINERS:
        return None
    k0 = next(k for k, t in enumerate(toks) if t[1] == span[0][1])
    if k0 > 0 and toks[k0 - 1][0].lower() in ADJUNCT_PREPOSITIONS and not is_cap(span[0][0]):
        return None  # "… and in a short statement said": an adjunct, not the subject
    return Speaker(text[span[0][1]:span[-1][2]], span[0][1], span[-1][2])


ADJUNCT_PREPOSITIONS = {"in", "on", "at", "during", "after", "before", "through", "via", "under", "over", "later",
                        "then"}
TIME_NOUNS = {"day", "days", "week", "weeks", "month", "months", "year", "years", "time", "times", "morning",
              "afternoon", "evening", "night", "weekend", "moment", "end", "past", "same", "rest", "other"}


def _described(words: list[str]) -> bool:
    """"the school’s defenders", "a longtime neighbour": a determiner, at most three words, a noun-like end."""
    return 2 <= len(words) <= 4 and words[0].lower() in ("the", "a", "an", "his", "her", "their", "its", "our") \
        and words[-1].isalpha() and words[-1].islower() and words[-1] not in STOP_WORDS | TIME_NOUNS \
        and not any(w.lower() in STOP_WORDS or w.lower() in DETERMINERS for w in words[1:])


def _after_determiner(toks: list[tuple[str, int, int]], i: int) -> bool:
    """Whether token ``i`` follows a determiner or possessive, with at most two lower-case words between."""
    for j in range(i - 1, max(-1, i - 4), -1):
        w = toks[j][0]
        if w.lower() in DETERMINERS or w.endswith(("’s", "'s")):
            return True
        if not (w.isalpha() and w.islower()) or w in STOP_WORDS:
            return False
    return False


def _np_with_apposition(text: str, toks: list[tuple[str, int, int]], lo: int,
                        language: str | None = None) -> Speaker | None:
    """"Jane Doe, a professor at X, said": the name before the first comma, the role between."""
    commas = [k for k, t in enumerate(toks) if t[0] == ","]
    if len(commas) < 2 and not (commas and commas[0] == len(toks) - 1):
        return None
    pronouns = speech.subject_pronouns(language)
    # try each comma as the start of the apposition, leftmost first within the clause
    for c in commas[:-1] if len(commas) > 1 else commas:
        head = np_left(text, toks[c][1], lo, language)
        if head is None:
            continue
        role = text[toks[c][2]:toks[-1][1]].strip()
        if not role or len(role.split()) > 30 or re.search(r"[;:!?]|\.\s+[A-Z]", role):
            continue
        if head.text in SENTENCE_ADVERBS or (" " not in head.text and head.text.endswith("ly")):
            continue
        name = re.fullmatch(r"(?:[A-Z][\w’'.-]+\s+){1,3}[A-Z][\w’'-]+", role)
        if name and not is_cap(head.text.split()[-1]) and head.text.lower() not in pronouns \
                and role.split()[0] not in STOP_CAPS:
            # "The agency's spokesman, Jan Novak, said": the name speaks, the phrase is the role
            at = toks[c][2] + text[toks[c][2]:].index(role)
            return Speaker(role, at, at + len(role), head.text)
        if head.text[:1].isupper() or head.text.lower() in pronouns:
            return Speaker(head.text, head.start, head.end, role)
    return None


def np_right(text: str, start: int, described: bool = False, language: str | None = None) -> Speaker | None:
    """The speaker phrase that starts at ``start`` (right after a verb: "said the minister, who ...")."""
    toks = tokens(text[start:reach_on(text, start, len(text))], start)
    if not toks:
        return None
    first = toks[0][0]
    if first.lower() in SUBJECT_PRONOUNS:
        return Speaker(first, toks[0][1], toks[0][2])
    if not is_english(language) and first.rstrip(".").lower() in speech.subject_pronouns(language):
        return Speaker(first.rstrip("."), toks[0][1], toks[0][1] + len(first.rstrip(".")))  # "dijo ella."
    if first.lower() in ("in", "on", "at", "to", "for", "with", "from", "by", "via", "during", "after", "before",
                         "about", "that", "this", "last", "earlier", "later", "when", "while", "as", "and", "but"):
        return None
    span = []
    for k, (w, s, e) in enumerate(toks):
        lw = w.lower()
        if w.endswith(".") and len(w) > 2 and not re.fullmatch(r"(?:[A-Z]\.)+", w) \
                and w[:-1].lower() not in ABBREVIATIONS:
            span.append((w[:-1], s, e - 1))  # "…, says Kim. It affects": the name ends the sentence
            break
        if w in (",", ".", ";", ":", "!", "?", "(", "—", "–", "“", "”", '"') or (
                lw in STOP_WORDS and lw not in NP_LINKS and (w == lw or k == 0)):
            break
        if lw in ("in", "on", "at", "to") and span and not is_cap(toks[k + 1][0] if k + 1 < len(toks) else ""):
            break
        if lw in ("on", "in", "during", "last", "this", "via", "through", "after") and span and \
                (k + 1 < len(toks) and toks[k + 1][0] in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                                          "Saturday", "Sunday", "a", "an", "the", "his", "her")):
            break
        span.append((w, s, e))
        if len(span) > 10:
            return None
    while span and span[-1][0].lower() in NP_LINKS | DETERMINERS:
        span.pop()
    if not span:
        return None
    words = [t[0] for t in span]
    core = words
    for k, w in enumerate(words):
        if w.lower() in NP_LINKS and k > 0:
            core = words[:k]
            break
    if not (any(is_cap(w) and w not in STOP_CAPS for w in words) or head_ok(core[-1])
            or any(speech.role_noun(w, language) for w in core)
            or (described and core[0].lower() in ("the", "a", "an") and 2 <= len(core) <= 4 and core[-1].isalpha()
                and not any(w.lower() in DETERMINERS or w.lower() in STOP_WORDS or (w.endswith("ed") and "-" not in w)
                            or (w.endswith("s") and k == len(core) - 1) for k, w in enumerate(core[1:], 1)))):
        return None  # "says the affable proprietor": a described person
    role = ""
    after = text[span[-1][2]:span[-1][2] + REACH]
    cut = span[-1][2] + REACH < len(text)  # the role or name must end before the window does
    m = re.match(r",\s+((?:an?|the|who|which|[a-z][\w’'-]*)\b[^.;!?]*?)(?:,|[.;!?]|$)", after)
    if m and not m.group(1).startswith(("who", "which")) \
            and not re.match(r"[a-z]+ing\b|(?:and|but|or|as|so|then|when|while|if|in|on|at|after)\b", m.group(1)):
        role = "" if cut and m.end() == len(after) else m.group(1).strip()
    phrase = text[span[0][1]:span[-1][2]]
    name = re.match(r",\s+((?:[A-Z][\w’'-]+\s+){0,2}[A-Z][\w’'-]+)(?=\s*[,.;!?]|$)", after)
    if name and not (cut and name.end() == len(after)) and not is_cap(words[-1]) \
            and name.group(1).split()[0] not in STOP_CAPS:
        # "says Okoro's partner, Tomasz Wójcik": the name speaks, the phrase is the role
        at = span[-1][2] + name.start(1)
        return Speaker(name.group(1), at, at + len(name.group(1)), phrase)
    return Speaker(phrase, span[0][1], span[-1][2], role)


BASE_BEFORE = {"they", "we", "i", "you", "to", "will", "would", "could", "can", "may", "might", "should", "must",
               "did", "do", "does", "not", "never", "also", "often", "people", "experts", "officials", "police",
               "critics", "analysts", "sources", "others", "many", "some", "both", "all", "and", "who", "which",
               "that", "residents", "advocates", "authorities", "supporters", "researchers", "scientists"}
NUMBER_WORDS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen", "several", "many",
                "few", "more", "fewer", "most", "some"}
NOUN_MARKERS = {"a", "an", "the", "his", "her", "its", "their", "our", "my", "your", "this", "these", "those",
                "every", "each", "any", "no", "first", "second", "latest", "new", "recent", "annual", "final",
                "of", "in", "for", "on"}
def _last_mark(text: str, start: int, end: int) -> str:
    """The last character of ``text[start:end]`` that is not a space ("" if none); looks back over the
    spaces only, not over the whole text (a regex search on the slice cost its length for each verb)."""
    j = end
    while j > start and text[j - 1].isspace():
        j -= 1
    return text[j - 1] if j > start else " "


def cues_in(text: str, start: int = 0, end: int | None = None, language: str | None = None) -> list[Cue]:
    """Reporting verbs (and "according to", or the document language's "selon", "laut", "según") in
    ``text[start:end]``, in order. The verbs are those of the document's ``language`` only."""
    end = len(text) if end is None else end
    if not is_english(language):
        return [Cue(*c) for c in speech.foreign_cues(text, start, end, language)]
    out = []
    for m in speech.verb_pattern(language).finditer(text, start, end):
        w = m.group(1)
        if w[0].isupper() and m.start() > start and _last_mark(text, start, m.start()) not in "”\"’:—":
            continue  # a capitalised verb mid-sentence is part of a name ("Said Ahmed", "State Department")
        lemma = speech_verb(w, language) or w.lower()
        prev = re.search(r"([\w’']+)\s+$", text[max(0, m.start() - 30):m.start()])
        pw = prev.group(1) if prev else ""
        if pw and (pw.lower() in NOUN_MARKERS or pw.endswith(("’s", "'s")) or pw.isdigit()
                   or pw.lower() in NUMBER_WORDS):
            continue  # "a report", "the state", "his call": a noun, not a verb
        if pw.lower() in ("was", "were", "been", "being", "be", "is", "are", "got", "get") \
                and not w.lower().endswith(("ing", "s")) and w.lower() != lemma:
            continue  # "the tax was announced", "he was told": passive, the subject did not speak
        if w.lower() == lemma and lemma not in ("say", "tell") and not (
                pw.lower() in BASE_BEFORE or (pw.endswith("s") and not pw.endswith("ss")) or pw.endswith("n’t")
                or pw.endswith("n't")):
            continue  # a bare base form after a singular word is a noun ("a Muslim-majority state")
        s0 = m.start()
        on = re.search(r"\b(?:went|goes|go|going|gone)\s+on\s+to\s+$", text[max(start, s0 - 20):s0])
        if on:
            s0 = max(start, s0 - 20) + on.start()
            w = text[s0:m.end()]
        out.append(Cue(w, s0, m.end(), lemma))
    for m in re.finditer(r"\b[Aa]ccording to\b", text[start:end]):
        out.append(Cue(m.group(0), m.start() + start, m.end() + start, "according to"))
    return sorted(out, key=lambda c: c.start)


def inverted_pronoun(cue: Cue, language: str | None) -> Speaker | None:
    """The subject pronoun written inside a French incise ("dit-il", "a-t-elle déclaré")."""
    m = re.search(r"-(?:t-)?(il|elle|ils|elles|on)\b", cue.text, re.I)
    if m is None or (language or "").split("-")[0].lower() != "fr":
        return None
    return Speaker(m.group(1), cue.start + m.start(1), cue.start + m.end(1))


def speaker_after(text: str, cue: Cue, at: int | None = None, described: bool = False,
                  language: str | None = None) -> Speaker | None:
    """Who speaks after a cue: the pronoun inside a French incise, else the phrase from ``at``
    (the cue's end unless given)."""
    return inverted_pronoun(cue, language) or np_right(text, cue.end if at is None else at, described, language)


def valid_speaker(spk: Speaker | None, language: str | None) -> Speaker | None:
    """A speaker phrase as a document in another language than English may have it: a pronoun, a name
    (leading function words such as "Pour" cut off), or a role phrase ("le maire de la ville"); None for
    anything else ("Les camions de livraison arrivent"). English phrases pass unchanged."""
    if spk is None or is_english(language):
        return spk
    toks = tokens(spk.text, spk.start)
    keep = speech.foreign_speaker_start([t[0] for t in toks], language)
    if keep is None:
        return None
    if keep == 0:
        return spk
    return Speaker(spk.text[toks[keep][1] - spk.start:], toks[keep][1], spk.end, spk.role)


LEAD_ADJUNCT = re.compile(r"(?:(?:In|On|At|By|During|Since|After|Before|Last|Earlier|Later|Then|Now|Still|"
                          r"Meanwhile|However|Also)\b[^,“”\"]{0,50},\s*)+")


def sentence_subject(text: str, lo: int, hi: int) -> Speaker | None:
    """The subject of the clause ``text[lo:hi]`` when it names a person or institution and a verb
    follows it ("In June a senior Treasury official put the figure at “…”")."""
    m = LEAD_ADJUNCT.match(text, lo, hi)
    start = m.end() if m else lo
    toks = tokens(text[start:reach_on(text, start, hi)], start)
    if not toks:
        return None
    if toks[0][0].lower() in SUBJECT_PRONOUNS - {"it", "i", "we"} and len(toks) > 1 and toks[1][0].islower():
        return Speaker(toks[0][0], toks[0][1], toks[0][2])
    span: list[tuple[str, int, int]] = []
    skip_to = -1
    for k, (w, s, e) in enumerate(toks):
        lw = w.lower()
        if k <= skip_to:
            continue
        if w == "," and span:  # "Jane Doe, the mayor, spoke": step over the apposition
            close = next((j for j in range(k + 1, min(len(toks), k + 16)) if toks[j][0] == ","), None)
            if close is None or close + 1 >= len(toks) or not toks[close + 1][0][:1].islower():
                return None
            skip_to = close
            continue
        head = bool(span) and not span[-1][0].endswith(("’s", "'s")) and span[-1][0].lower() not in DETERMINERS
        if w[:1].islower() and head and lw not in DETERMINERS and lw not in NP_LINKS:
            if lw in STOP_WORDS or lw in ADVERBS or lw.endswith("ly") or not w.isalpha():
                break  # "has", "was", "often": the verb phrase begins
            nxt = toks[k + 1][0] if k + 1 < len(toks) else ""
            if not (nxt[:1].islower() and nxt.isalpha() and nxt.lower() not in DETERMINERS | NP_LINKS | STOP_WORDS
                    and not nxt.endswith("ly")):
                break  # a word followed by its object or a preposition is the verb
        if not w[:1].isalnum() or (lw in STOP_WORDS and lw not in DETERMINERS) or lw in NP_LINKS:
            return None
        span.append((w, s, e))
        if len(span) > 8:
            return None
    else:
        return None
    if not span or (len(span) == 1 and (span[0][0] in STOP_CAPS or span[0][0].lower() in DETERMINERS)):
        return None
    if span[0][0] in STOP_CAPS and span[0][0].lower() not in DETERMINERS:
        return None
    if not (head_ok(span[-1][0]) or any(is_cap(t[0]) and t[0] not in STOP_CAPS for t in span)):
        return None
    return Speaker(text[span[0][1]:span[-1][2]], span[0][1], span[-1][2])
