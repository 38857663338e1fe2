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


# The simple past of the verbs not in -er, which a narrative incise uses ("répondit-il"); -er verbs are regular.
_FRENCH_SIMPLE_PAST = {"dire": "dit", "répondre": "répondit", "avertir": "avertit", "poursuivre": "poursuivit",
                       "écrire": "écrivit", "reconnaître": "reconnut", "admettre": "admit", "conclure": "conclut"}


def _simple_past(lemma: str) -> str:
    if lemma in _FRENCH_SIMPLE_PAST:
        return _FRENCH_SIMPLE_PAST[lemma]
    stem = lemma[:-2]
    return stem[:-1] + "ça" if stem.endswith("c") else stem + "a"  # "déclara", "lança"


def _french_forms() -> dict[str, str]:
    """Present, simple past, perfect and the inverted forms of an incise: "déclare", "déclara", "a déclaré",
    "a-t-elle déclaré", "dit-il", "ajouta-t-elle"."""
    out: dict[str, str] = {}
    for lemma, (present, participle) in _FRENCH.items():
        forms = [present, f"a {participle}", f"ont {participle}", f"avait {participle}"]
        for tense in dict.fromkeys((present, _simple_past(lemma))):
            t = "-t" if tense[-1] in "aeiou" else ""
            forms += [tense] + [f"{tense}{t}-{who}" for who in ("il", "elle", "ils", "elles", "on")]
        for who in ("il", "elle", "ils", "elles", "on"):
            forms += [f"a-t-{who} {participle}", f"ont-{who} {participle}"]
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
    """A compiled pattern that finds the reporting verbs of the document's language, longest form first.
    English keeps the plain word boundaries its attribution was measured with; the other languages'
    forms may not touch a hyphen or an apostrophe ("dit-il" is one form, "l’annonce" is a noun)."""
    key = _base(language) if _base(language) in FOREIGN_VERB_FORMS else "en"
    if key not in _PATTERNS:
        forms = "|".join(sorted((re.escape(v) for v in speech_verbs(key)), key=len, reverse=True))
        _PATTERNS[key] = re.compile(r"\b(" + forms + r")\b" if key == "en"
                                    else r"(?<![\w’'-])(" + forms + r")(?![\w’'-])", re.IGNORECASE)
    return _PATTERNS[key]


def is_english(language: str | None) -> bool:
    """Whether a document's speech is read with English's tables (English, untagged, or a language without
    its own tables)."""
    return _base(language) not in FOREIGN_VERB_FORMS


# Subject pronouns of each language, with the English pronoun the speakers pass resolves them as.
FOREIGN_PRONOUNS: dict[str, dict[str, str]] = {
    "fr": {"il": "he", "elle": "she", "ils": "they", "elles": "they", "on": "they"},
    "de": {"er": "he", "sie": "she"},  # "sagte sie": singular after a singular verb, the usual case
    "es": {"él": "he", "ella": "she", "ellos": "they", "ellas": "they"},
}
# Determiners that may open a role phrase ("le maire", "die Polizei", "la portavoz").
FOREIGN_DETERMINERS: dict[str, frozenset[str]] = {
    "fr": frozenset("le la les l’ l' un une des du son sa ses leur leurs ce cet cette ces notre".split()),
    "de": frozenset("der die das den dem des ein eine einer eines einem einen sein seine ihr ihre dieser diese "
                    "dieses unser unsere".split()),
    "es": frozenset("el la los las un una unos unas su sus este esta estos estas ese esa nuestro nuestra".split()),
}
# Function words that a sentence may open with, capitalised, and that never begin a speaker's name
# ("Pour", "Selon", "Mit", "Según"): prepositions, conjunctions, adverbs of time and place.
FOREIGN_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "fr": frozenset("""pour selon d’après d'après mais et ou donc car dans avec sur sous par en après avant
        depuis pendant chez entre sans quand si comme lorsque puis ainsi alors aussi enfin toutefois pourtant
        cependant au aux de à hier aujourd’hui aujourd'hui demain là ici qui que qu’ qu' où dont oui non nous
        vous je tu me se ne pas plus moins très déjà encore toujours jamais tout tous toute toutes certes or
        voici voilà face malgré contre vers parmi lors dès""".split()),
    "de": frozenset("""und aber oder doch denn wenn als weil dass ob nach vor mit für bei von zu zum zur im am
        auf in an aus über unter seit während es wir ich du man auch noch schon so dann jetzt heute gestern
        morgen hier dort nun da wie was wer wo ja nein laut zufolge gegen ohne durch um bis trotz wegen sogar
        nur bereits immer nie""".split()),
    "es": frozenset("""para según pero y o e u porque pues en con sobre bajo por tras antes después desde
        durante entre sin cuando si como mientras luego así entonces también además ayer hoy mañana allí aquí
        que quien donde dónde sí no nosotros yo tú se ya aún todavía nunca siempre todo todos toda todas
        contra hacia hasta de del al a ante""".split()),
}
# Nouns that name a person or an institution by role, for a speaker phrase without a name ("le maire de
# Valmorin", "die Polizei", "la portavoz del ministerio").
FOREIGN_ROLE_NOUNS: dict[str, frozenset[str]] = {
    "fr": frozenset("""maire ministre porte-parole président présidente directeur directrice police
        gendarmerie préfet préfète préfecture mairie gouvernement syndicat avocat avocate procureur procureure
        habitant habitante habitants responsable responsables élu élue élus député députée sénateur sénatrice
        adjoint adjointe conseiller conseillère ministère entreprise association expert experte experts
        chercheur chercheuse médecin professeur professeure enseignant enseignante témoin témoins secrétaire
        patron patronne fondateur fondatrice dirigeant dirigeante commune ville parquet tribunal""".split()),
    "de": frozenset("""bürgermeister bürgermeisterin sprecher sprecherin minister ministerin polizei regierung
        präsident präsidentin direktor direktorin anwalt anwältin staatsanwaltschaft gewerkschaft experte
        expertin experten forscher forscherin arzt ärztin lehrer lehrerin zeuge zeugin stadt ministerium
        unternehmen verband vorsitzende vorsitzender chef chefin gericht behörde leiter leiterin
        gründer gründerin""".split()),
    "es": frozenset("""alcalde alcaldesa portavoz ministro ministra presidente presidenta director directora
        policía gobierno sindicato abogado abogada fiscal fiscalía experto experta expertos investigador
        investigadora médico médica profesor profesora testigo vecino vecina vecinos ayuntamiento ministerio
        empresa asociación concejal concejala diputado diputada senador senadora secretario secretaria
        responsable fundador fundadora jefe jefa tribunal""".split()),
}


def subject_pronouns(language: str | None) -> frozenset[str] | set[str]:
    """The subject pronouns a speaker phrase may be in the document's language."""
    table = FOREIGN_PRONOUNS.get(_base(language))
    return frozenset(table) if table is not None else SUBJECT_PRONOUNS


def pronoun_in_english(word: str, language: str | None) -> str:
    """A foreign subject pronoun as the English one the speakers pass resolves ("elle" -> "she"); any
    other word unchanged."""
    return FOREIGN_PRONOUNS.get(_base(language), {}).get(word.lower(), word)


# Small words inside a name ("Amélie de La Tour", "Ursula von der Brück", "Lucía del Río").
_NAME_PARTICLES = frozenset("de du des la le von van der den zu zum del los y i da di dos das".split())


def foreign_speaker_start(words: list[str], language: str | None) -> int | None:
    """Where a speaker phrase of a French, German or Spanish document begins once the function words a
    sentence opens with are cut off ("Pour Ana Petrova" -> 1), or None when it is no speaker: a speaker
    is a subject pronoun, a name (capitalised words and name particles, at most six), or a role phrase
    (a determiner or a name, then words, one of them a role noun: "le maire de la ville")."""
    base = _base(language)
    pronouns = FOREIGN_PRONOUNS.get(base, {})
    function = FOREIGN_FUNCTION_WORDS.get(base, frozenset())
    determiners = FOREIGN_DETERMINERS.get(base, frozenset())
    if len(words) == 1 and words[0].lower() in pronouns:
        return 0
    k = 0
    while k < len(words) and (words[k].lower() in function or words[k].lower() in pronouns) \
            and words[k].lower() not in determiners:
        k += 1
    rest = [w for w in words[k:] if any(ch.isalnum() for ch in w)]
    if not rest:
        return None
    name = len(rest) <= 6 and rest[0][:1].isupper() and rest[0].lower() not in determiners \
        and all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in rest) and rest[-1][:1].isupper()
    role = len(rest) <= 10 and any(w.lower().strip(".,") in FOREIGN_ROLE_NOUNS.get(base, ()) for w in rest)
    return k if name or role else None


def role_noun(word: str, language: str | None) -> bool:
    """A noun of French, German or Spanish that names a person or institution by role ("maire")."""
    return word.lower().strip(".,") in FOREIGN_ROLE_NOUNS.get(_base(language), ())


CLOSING_MARK = re.compile(r"[”“\"’‘»«›‹」』]\s*,?\s*$")


def foreign_cues(text: str, start: int, end: int, language: str | None) -> list[tuple[str, int, int, str]]:
    """(form, start, end, lemma) of the cues of a French, German or Spanish document in ``text[start:end]``:
    its verbs (not after a determiner: "une annonce", "la cuenta"; capitalised only where a sentence or a
    quotation ends before), its words for "according to" ("selon X", "laut X"; "X zufolge" has the speaker
    before it), and the words that attribute only straight after a closing mark (German "„…“, so X")."""
    base = _base(language)
    out = []
    for m in verb_pattern(language).finditer(text, start, end):
        w = m.group(1)
        prev = re.search(r"([\w’']+)\s+$", text[max(0, m.start() - 30):m.start()])
        if prev and prev.group(1).lower() in FOREIGN_DETERMINERS.get(base, ()):
            continue
        if w[0].isupper() and m.start() > start and not CLOSING_MARK.search(text[start:m.start()]) \
                and not re.search(r"[.!?:]\s*$", text[start:m.start()]):
            continue
        out.append((w, m.start(), m.end(), speech_verbs(language).get(w.lower(), w.lower())))
    for phrase in phrase_cues(language):
        for m in re.finditer(r"(?<![\w’'-])" + re.escape(phrase) + r"(?![\w’'-])", text[start:end], re.I):
            lemma = "zufolge" if phrase == "zufolge" else "according to"
            out.append((m.group(0), m.start() + start, m.end() + start, lemma))
    for word in AFTER_QUOTE_CUES.get(base, ()):
        for m in re.finditer(r"(?<![\w’'-])" + re.escape(word) + r"(?![\w’'-])", text[start:end]):
            if CLOSING_MARK.search(text[:m.start() + start]):
                out.append((m.group(0), m.start() + start, m.end() + start, word))
    return sorted(out, key=lambda c: c[1])
