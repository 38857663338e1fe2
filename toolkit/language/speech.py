"""Reporting verbs and the words around them: what marks a sentence as someone's speech."""

from __future__ import annotations

# Base forms of verbs that introduce speech or writing; inflections are generated below.
_SPEECH_BASES = """
say tell add explain state note write ask warn argue claim insist recall recount comment conclude
acknowledge admit announce suggest urge continue reply respond confirm declare report testify allege
describe remark point observe caution predict promise vow assert maintain contend emphasize emphasise
stress complain concede recount reveal disclose mention shout tweet post blog chant lament
muse joke quip boast agree disagree reiterate repeat deny counter retort answer inform assure remind
advise estimate believe think feel hope worry fear question wonder add tell write call
propose recommend demand plead pledge guarantee speculate surmise hint signal concur beg
blurt exclaim yell scream whisper mutter murmur bark gush marvel groan
""".split()

_IRREGULAR = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "writing", "written"),
    "think": ("thinks", "thought", "thinking"),
    "feel": ("feels", "felt", "feeling"),
}

# Verbs whose object is the listener ("told reporters that"), not the words said.
LISTENER_VERBS = {"tell", "inform", "assure", "remind", "advise", "warn", "ask", "urge", "promise", "caution",
                  "beg"}
# Verbs that report an opinion rather than words; used for indirect speech only with a named speaker.
OPINION_VERBS = {"believe", "think", "feel", "hope", "worry", "fear", "wonder", "agree", "disagree",
                 "estimate", "speculate", "surmise"}
# Verbs that rarely introduce indirect speech without quotation marks.
DIRECT_ONLY = {"call", "chant", "shout", "joke", "quip", "muse", "question", "continue", "post", "blog",
               "counter", "retort", "answer", "reply", "respond", "repeat", "mention", "describe", "remark",
               "comment", "recount", "recall", "tweet", "ask", "plead", "beg", "lament", "boast", "signal"}


def _inflect(base: str) -> tuple[str, ...]:
    if base in _IRREGULAR:
        return (base, *_IRREGULAR[base])
    if base.endswith("e"):
        return base, base + "s", base + "d", base[:-1] + "ing"
    if base.endswith("y") and base[-2] not in "aeiou":
        return base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"
    if base.endswith(("sh", "ch", "ss", "x")):
        return base, base + "es", base + "ed", base + "ing"
    if base in ("admit", "commit", "concur", "regret"):
        return base, base + "s", base + base[-1] + "ed", base + base[-1] + "ing"
    return base, base + "s", base + "ed", base + "ing"


VERB_FORMS: dict[str, str] = {}
for _b in _SPEECH_BASES:
    for _f in _inflect(_b):
        VERB_FORMS.setdefault(_f, _b)

SPEECH_VERBS = frozenset(VERB_FORMS)

# Multi-word cues that stand where a verb would.
PHRASE_CUES = ("according to", "went on to say", "goes on to say", "points out", "pointed out",
               "went on", "goes on", "wrote in", "said in", "added in")

PRONOUNS = {"he": "male", "she": "female", "they": "plural", "it": "neuter", "we": "plural", "i": "self",
            "him": "male", "her": "female", "them": "plural"}
SUBJECT_PRONOUNS = {"he", "she", "they", "it", "we", "i"}

# Nouns that name people by their role: "the spokeswoman said".
PERSON_NOUNS = set("""
spokesperson spokesman spokeswoman spokespeople official officials minister premier president chair chairman
chairwoman chairperson director founder owner proprietor resident father mother dad mom son daughter wife husband
brother sister man woman boy girl teacher professor lawyer attorney doctor nurse analyst economist expert experts
researcher scientist author writer officer constable sergeant chief mayor councillor senator mp mla mpp leader
manager ceo executive coordinator organizer organiser activist advocate student students parent parents worker
workers victim witness neighbour neighbor friend source sources member members critic critics candidate judge
justice lawmaker politician diplomat ambassador secretary commissioner inspector detective coach player captain
partner colleague co-founder cofounder host singer actor artist designer cartoonist creator founders mayor-elect
veteran farmer herder detainee prisoner refugee immigrant migrant physician surgeon psychologist historian
observer observers economists analysts scholars residents officials politicians leaders lawyers doctors
people person voter voters driver passenger customer customers employee employees staff
protesters protestors demonstrators marchers crowd fans opponents neighbours neighbors teachers nurses
investigators firefighters paramedics witnesses activists organizers organisers participants users viewers
readers listeners shoppers tenants landlords homeowners drivers farmers researchers scientists advocates
aides allies insiders colleagues friends relatives neighbours legislators senators lawmakers backers defenders
opponents proponents supporters organizers owners executives managers players coaches students teachers
""".split())

# Documents that "say" on behalf of whoever issued them.
DOC_NOUNS = {"statement", "report", "release", "letter", "post", "blog", "study", "survey", "memo", "document",
             "filing", "ruling", "tweet", "email", "notice", "order", "decision", "lawsuit", "complaint",
             "website", "site", "poll", "paper", "analysis", "review"}

# Nouns that name institutions or documents that can "say" something.
ORG_NOUNS = set("""
ministry department government agency commission committee council board company firm corporation police
force service court tribunal union association party office bureau authority university college school
hospital group organization organisation institute foundation network station newspaper paper outlet agency
statement report release letter post blog study survey document memo filing lawsuit ruling decision
website site poll campaign team club league city province state country administration embassy consulate
cabinet parliament legislature senate house military army navy coalition alliance charity bank fund
regulator watchdog media press unit agency prosecutor prosecutors prosecution defence defense crown
utility diocese district carrier airline retailer manufacturer automaker developer insurer broadcaster
publisher brewery airport church chain operator provider startup business brand label studio tribe
""".split())
