"""Reporting verbs and the words around them: what marks a sentence as someone's speech."""

from __future__ import annotations

import re

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

# Languages whose attributions were measured against human truth (bench/speakers.py, ggt-dev: English news).
# Elsewhere the quotations stay marked but no edition names their speakers: an unmeasured speaker is not shown.
ATTRIBUTION_MEASURED = frozenset({"en"})


def attribution_measured(language: str | None) -> bool:
    """Whether speakers found in a document tagged ``language`` may be shown (untagged counts as English)."""
    base = (language or "en").strip().replace("_", "-").split("-", 1)[0].lower()
    return base in ATTRIBUTION_MEASURED


# ---------------------------------------------------------------- other languages
# Reporting verbs of French, German and Spanish, as (infinitive, forms a report writes). They are for a
# document in that language only: ``speech_verbs(language)`` gives English's table to an English document
# (or one whose language is unknown) and never mixes the tables.
_FRENCH = {  # infinitive: (present 3rd person, past participle)
    "déclarer": ("déclare", "déclaré"), "dire": ("dit", "dit"), "affirmer": ("affirme", "affirmé"),
    "expliquer": ("explique", "expliqué"), "ajouter": ("ajoute", "ajouté"), "souligner": ("souligne", "souligné"),
    "estimer": ("estime", "estimé"), "préciser": ("précise", "précisé"), "indiquer": ("indique", "indiqué"),
    "assurer": ("assure", "assuré"), "raconter": ("raconte", "raconté"), "confier": ("confie", "confié"),
    "répondre": ("répond", "répondu"), "insister": ("insiste", "insisté"), "rappeler": ("rappelle", "rappelé"),
    "annoncer": ("annonce", "annoncé"), "avertir": ("avertit", "averti"), "lancer": ("lance", "lancé"),
    "poursuivre": ("poursuit", "poursuivi"), "témoigner": ("témoigne", "témoigné"), "écrire": ("écrit", "écrit"),
    "reconnaître": ("reconnaît", "reconnu"), "admettre": ("admet", "admis"), "commenter": ("commente", "commenté"),
    "conclure": ("conclut", "conclu"), "regretter": ("regrette", "regretté"),
}
_GERMAN = {
    "sagen": ("sagt", "sagte", "sagten", "gesagt"), "erklären": ("erklärt", "erklärte", "erklärten"),
    "betonen": ("betont", "betonte", "betonten"), "meinen": ("meint", "meinte", "gemeint"),
    "berichten": ("berichtet", "berichtete", "berichteten"), "ergänzen": ("ergänzt", "ergänzte"),
    "erzählen": ("erzählt", "erzählte", "erzählten"), "warnen": ("warnt", "warnte", "gewarnt"),
    "fordern": ("fordert", "forderte", "gefordert"), "kritisieren": ("kritisiert", "kritisierte"),
    "antworten": ("antwortet", "antwortete", "geantwortet"), "schreiben": ("schreibt", "schrieb", "geschrieben"),
    "bestätigen": ("bestätigt", "bestätigte"), "versichern": ("versichert", "versicherte"),
    "hinzufügen": ("fügt hinzu", "fügte hinzu", "hinzugefügt"), "unterstreichen": ("unterstreicht", "unterstrich"),
}
_SPANISH = {
    "decir": ("dijo", "dice", "dijeron", "dicho"), "afirmar": ("afirmó", "afirma", "afirmado"),
    "explicar": ("explicó", "explica", "explicado"), "señalar": ("señaló", "señala", "señalado"),
    "añadir": ("añadió", "añade", "añadido"), "asegurar": ("aseguró", "asegura", "asegurado"),
    "declarar": ("declaró", "declara", "declarado"), "indicar": ("indicó", "indica", "indicado"),
    "agregar": ("agregó", "agrega", "agregado"), "comentar": ("comentó", "comenta", "comentado"),
    "sostener": ("sostuvo", "sostiene"), "advertir": ("advirtió", "advierte", "advertido"),
    "subrayar": ("subrayó", "subraya"), "destacar": ("destacó", "destaca"), "reconocer": ("reconoció", "reconoce"),
    "contar": ("contó", "cuenta"), "escribir": ("escribió", "escribe", "escrito"),
    "responder": ("respondió", "responde"), "insistir": ("insistió", "insiste"), "manifestar": ("manifestó",),
}


def _french_forms() -> dict[str, str]:
    """Present, perfect and the inverted forms of an incise: "déclare", "a déclaré", "a-t-elle déclaré", "dit-il"."""
    out: dict[str, str] = {}
    for lemma, (present, participle) in _FRENCH.items():
        t = "-t" if present[-1] in "aeiou" else ""
        forms = [present, f"a {participle}", f"ont {participle}", f"avait {participle}"]
        for who in ("il", "elle", "ils", "elles", "on"):
            forms += [f"{present}{t}-{who}", f"a-t-{who} {participle}", f"ont-{who} {participle}"]
        for form in forms:
            out.setdefault(form, lemma)
    return out


def _table(verbs: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {form: lemma for lemma, forms in verbs.items() for form in forms}


FOREIGN_VERB_FORMS: dict[str, dict[str, str]] = {"fr": _french_forms(), "de": _table(_GERMAN),
                                                 "es": _table(_SPANISH)}
# Words that stand where a verb would: "selon elle", "laut Angaben", "según dijo".
FOREIGN_PHRASE_CUES: dict[str, tuple[str, ...]] = {
    "fr": ("selon", "d’après", "d'après"),
    "de": ("laut", "zufolge", "nach Angaben"),
    "es": ("según", "de acuerdo con"),
}
# Cues that attribute only right after a closing quotation mark: German "„…“, so Ana Petrova."
AFTER_QUOTE_CUES: dict[str, tuple[str, ...]] = {"de": ("so",), "fr": (), "es": ()}


def _base(language: str | None) -> str:
    return (language or "en").strip().replace("_", "-").split("-", 1)[0].lower()


def speech_verbs(language: str | None) -> dict[str, str]:
    """Form -> lemma of the reporting verbs of a document tagged ``language``: French, German and Spanish
    have their own table; English, an unknown language and an untagged document get English's."""
    return FOREIGN_VERB_FORMS.get(_base(language), VERB_FORMS)


def phrase_cues(language: str | None) -> tuple[str, ...]:
    """The multi-word cues of the document's language ("according to", "selon", "laut", "según")."""
    return FOREIGN_PHRASE_CUES.get(_base(language), PHRASE_CUES)


_PATTERNS: dict[str, re.Pattern] = {}


def verb_pattern(language: str | None) -> re.Pattern:
    """A compiled pattern that finds the reporting verbs of the document's language, longest form first."""
    key = _base(language) if _base(language) in FOREIGN_VERB_FORMS else "en"
    if key not in _PATTERNS:
        forms = sorted((re.escape(v) for v in speech_verbs(key)), key=len, reverse=True)
        _PATTERNS[key] = re.compile(r"(?<![\w’'-])(" + "|".join(forms) + r")(?![\w’'-])", re.IGNORECASE)
    return _PATTERNS[key]
