"""The words the toolkit adds to an edition ("Page 2 of 5", "Sources", "By A and B", the date), per language.

A document's language (a BCP 47 tag in its metadata) picks the table: English, French, German and
Spanish are written here; any other language gets the English words and one warning. Writers only
look words up (``labels_for(doc.meta.language)``); they never hold a word of their own.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

# One table per language. A noun counted by the edition is written "singular|plural".
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "cover-alt": "Cover: {text}.", "by-publisher": "by", "by-lower": "by", "first-published": "was first published", "on-date": "on", "source-label": "Source:", "rights-label": "Rights:", "identifier-label": "Identifier:", "built-by": "This e-book edition was built by toolkit {version} on {{date}}.",
        "colophon-paragraphs": "Paragraph numbers (¶) are the same in the PDF and EPUB editions.", "colophon-highlights": "Highlights can be switched on and off at the top; their state is kept in the address, so a link shares the view.", "made-with": "Made with toolkit {version}.",
        "kind-outlet": "news outlet", "kind-organization": "organisation", "kind-institution": "institution", "kind-document": "document", "kind-person": "person", "kind-reference": "reference", "kind-report": "report",
        "back-to-note": "Back to note {n} in the text", "who-said": "Who said it: note {n}", "source-n": "Source {n}", "back-to-text": "Back to text", "link-to-paragraph": "Link to paragraph {n}", "page": "Page", "page-of": "of", "by": "By", "and": "and", "untitled": "Untitled",
        "sources": "Sources", "notes": "Notes", "contents": "Contents", "landmarks": "Landmarks",
        "pages": "Pages", "cover": "Cover", "cover-of": "Cover of {title}", "title-page": "Title page",
        "start": "Start of the article", "colophon": "Colophon", "image-missing": "Image not included",
        "fonts-embedded": "Text set in Article Serif, a subset of Charis SIL by SIL International; the cover in Charis SIL and Inter. All three are under the SIL Open Font License 1.1.",
        "fonts-cover": "Cover set in Charis SIL and Inter, under the SIL Open Font License 1.1.",
        "min-read": "min read|min read", "word": "word|words", "quote": "quote|quotes", "source": "source|sources",
        "speaker": "speaker|speakers", "quoted-word": "quoted word|quoted words", "time": "time|times",
        "use": "use|uses", "dated-event": "dated event|dated events",
        "quotes": "Quotes", "terms": "Terms", "dates": "Dates", "names": "Names", "voices": "Voices",
        "glossary": "Glossary", "timeline": "Timeline", "index": "Index", "abbreviations": "Abbreviations",
        "people": "People", "organisations": "Organisations", "places": "Places", "other-names": "Other names",
        "unattributed": "Unattributed", "annotations": "Annotations", "highlight": "Highlight",
        "annotation-panels": "Annotation panels", "about-article": "About this article",
        "panels-kicker": "How this article is built", "annotated-edition": "Annotated edition",
        "skip": "Skip to the article", "link-paragraph": "Link to this paragraph",
        "paragraph-link": "Paragraph {n}: link to it", "share-quoted": "{share}% of quoted words",
        "no-quotes": "No one is quoted directly.", "voices-intro": "{speakers}, {quotes}, {words}. Most quoted first.",
        "no-sources": "The article names no sources.", "cited": "Cited {times}",
        "not-cited": "Listed by the article, not cited in its text",
        "sources-intro": "{sources}, numbered as in the text; each sentence that cites one links to it.",
        "no-glossary": "No abbreviations or terms.",
        "glossary-intro": "Abbreviations and terms, expanded where the article first uses them.",
        "first-in": "{uses}, first in {where}", "in-marks": "in quotation marks, {uses}, first in {where}",
        "no-events": "The article dates no events.", "timeline-intro": "{events}, {first} to {last}, in order.",
        "no-names": "No names were recognised.",
        "index-intro": "People, organisations and places, most mentioned first, with the number of mentions; "
                       "each paragraph link finds one mention.",
        "mentions": "mentions",
    },
    "fr": {
        "cover-alt": "Couverture : {text}.", "by-publisher": "par", "by-lower": "par", "first-published": "a d’abord été publié", "on-date": "le", "source-label": "Source :", "rights-label": "Droits :", "identifier-label": "Identifiant :", "built-by": "Cette édition numérique a été produite par toolkit {version} le {{date}}.",
        "colophon-paragraphs": "Les numéros de paragraphe (¶) sont les mêmes dans les éditions PDF et EPUB.", "colophon-highlights": "Les surlignages s’activent et se désactivent en haut ; leur état est gardé dans l’adresse, si bien qu’un lien partage la vue.", "made-with": "Fait avec toolkit {version}.",
        "kind-outlet": "média", "kind-organization": "organisation", "kind-institution": "institution", "kind-document": "document", "kind-person": "personne", "kind-reference": "référence", "kind-report": "rapport",
        "back-to-note": "Retour à la note {n} dans le texte", "who-said": "Qui l’a dit : note {n}", "source-n": "Source {n}", "back-to-text": "Retour au texte", "link-to-paragraph": "Lien vers le paragraphe {n}", "page": "Page", "page-of": "sur", "by": "Par", "and": "et", "untitled": "Sans titre",
        "sources": "Sources", "notes": "Notes", "contents": "Sommaire", "landmarks": "Repères",
        "pages": "Pages", "cover": "Couverture", "cover-of": "Couverture de {title}", "title-page": "Page de titre",
        "start": "Début de l’article", "colophon": "Colophon", "image-missing": "Image non incluse",
        "fonts-embedded": "Texte composé en Article Serif, un sous-ensemble de Charis SIL de SIL International ; la couverture en Charis SIL et Inter. Les trois sont sous SIL Open Font License 1.1.",
        "fonts-cover": "Couverture composée en Charis SIL et Inter, sous SIL Open Font License 1.1.",
        "min-read": "min de lecture|min de lecture", "word": "mot|mots", "quote": "citation|citations",
        "source": "source|sources", "speaker": "personne citée|personnes citées",
        "quoted-word": "mot cité|mots cités", "time": "fois|fois", "use": "emploi|emplois",
        "dated-event": "événement daté|événements datés",
        "quotes": "Citations", "terms": "Termes", "dates": "Dates", "names": "Noms", "voices": "Voix",
        "glossary": "Glossaire", "timeline": "Chronologie", "index": "Index", "abbreviations": "Abréviations",
        "people": "Personnes", "organisations": "Organisations", "places": "Lieux", "other-names": "Autres noms",
        "unattributed": "Sans attribution", "annotations": "Annotations", "highlight": "Surligner",
        "annotation-panels": "Panneaux d’annotations", "about-article": "À propos de cet article",
        "panels-kicker": "Comment cet article est construit", "annotated-edition": "Édition annotée",
        "skip": "Aller à l’article", "link-paragraph": "Lien vers ce paragraphe",
        "paragraph-link": "Paragraphe {n} : lien", "share-quoted": "{share} % des mots cités",
        "no-quotes": "Personne n’est cité directement.",
        "voices-intro": "{speakers}, {quotes}, {words}. Les plus cités d’abord.",
        "no-sources": "L’article ne nomme aucune source.", "cited": "Cité {times}",
        "not-cited": "Listé par l’article, non cité dans son texte",
        "sources-intro": "{sources}, numérotées comme dans le texte ; chaque phrase qui en cite une y renvoie.",
        "no-glossary": "Ni abréviations ni termes.",
        "glossary-intro": "Abréviations et termes, développés là où l’article les emploie pour la première fois.",
        "first-in": "{uses}, d’abord au {where}", "in-marks": "entre guillemets, {uses}, d’abord au {where}",
        "no-events": "L’article ne date aucun événement.", "timeline-intro": "{events}, de {first} à {last}, dans l’ordre.",
        "no-names": "Aucun nom n’a été reconnu.",
        "index-intro": "Personnes, organisations et lieux, les plus mentionnés d’abord, avec le nombre de mentions ; "
                       "chaque lien de paragraphe mène à une mention.",
        "mentions": "mentions",
    },
    "de": {
        "cover-alt": "Umschlag: {text}.", "by-publisher": "bei", "by-lower": "von", "first-published": "erschien zuerst", "on-date": "am", "source-label": "Quelle:", "rights-label": "Rechte:", "identifier-label": "Kennung:", "built-by": "Diese E-Book-Ausgabe wurde am {{date}} von toolkit {version} erstellt.",
        "colophon-paragraphs": "Die Absatznummern (¶) sind in der PDF- und der EPUB-Ausgabe dieselben.", "colophon-highlights": "Die Hervorhebungen lassen sich oben ein- und ausschalten; ihr Zustand steht in der Adresse, sodass ein Link die Ansicht teilt.", "made-with": "Erstellt mit toolkit {version}.",
        "kind-outlet": "Medium", "kind-organization": "Organisation", "kind-institution": "Institution", "kind-document": "Dokument", "kind-person": "Person", "kind-reference": "Referenz", "kind-report": "Bericht",
        "back-to-note": "Zurück zu Anmerkung {n} im Text", "who-said": "Wer es sagte: Anmerkung {n}", "source-n": "Quelle {n}", "back-to-text": "Zurück zum Text", "link-to-paragraph": "Link zu Absatz {n}", "page": "Seite", "page-of": "von", "by": "Von", "and": "und", "untitled": "Ohne Titel",
        "sources": "Quellen", "notes": "Anmerkungen", "contents": "Inhalt", "landmarks": "Orientierungspunkte",
        "pages": "Seiten", "cover": "Umschlag", "cover-of": "Umschlag von {title}", "title-page": "Titelseite",
        "start": "Beginn des Artikels", "colophon": "Impressum", "image-missing": "Bild nicht enthalten",
        "fonts-embedded": "Text gesetzt in Article Serif, einer Teilmenge von Charis SIL von SIL International; der Umschlag in Charis SIL und Inter. Alle drei stehen unter der SIL Open Font License 1.1.",
        "fonts-cover": "Umschlag gesetzt in Charis SIL und Inter, unter der SIL Open Font License 1.1.",
        "min-read": "Min. Lesezeit|Min. Lesezeit", "word": "Wort|Wörter", "quote": "Zitat|Zitate",
        "source": "Quelle|Quellen", "speaker": "Sprecher|Sprecher", "quoted-word": "zitiertes Wort|zitierte Wörter",
        "time": "Mal|Mal", "use": "Verwendung|Verwendungen", "dated-event": "datiertes Ereignis|datierte Ereignisse",
        "quotes": "Zitate", "terms": "Begriffe", "dates": "Daten", "names": "Namen", "voices": "Stimmen",
        "glossary": "Glossar", "timeline": "Zeitleiste", "index": "Register", "abbreviations": "Abkürzungen",
        "people": "Personen", "organisations": "Organisationen", "places": "Orte", "other-names": "Weitere Namen",
        "unattributed": "Ohne Zuordnung", "annotations": "Anmerkungen", "highlight": "Hervorheben",
        "annotation-panels": "Anmerkungsbereiche", "about-article": "Über diesen Artikel",
        "panels-kicker": "Wie dieser Artikel aufgebaut ist", "annotated-edition": "Annotierte Ausgabe",
        "skip": "Zum Artikel springen", "link-paragraph": "Link zu diesem Absatz",
        "paragraph-link": "Absatz {n}: Link dorthin", "share-quoted": "{share} % der zitierten Wörter",
        "no-quotes": "Niemand wird direkt zitiert.", "voices-intro": "{speakers}, {quotes}, {words}. Die meistzitierten zuerst.",
        "no-sources": "Der Artikel nennt keine Quellen.", "cited": "{times} zitiert",
        "not-cited": "Vom Artikel aufgeführt, im Text nicht zitiert",
        "sources-intro": "{sources}, nummeriert wie im Text; jeder Satz, der eine zitiert, verweist darauf.",
        "no-glossary": "Keine Abkürzungen oder Begriffe.",
        "glossary-intro": "Abkürzungen und Begriffe, dort aufgelöst, wo der Artikel sie zuerst verwendet.",
        "first-in": "{uses}, zuerst in {where}", "in-marks": "in Anführungszeichen, {uses}, zuerst in {where}",
        "no-events": "Der Artikel datiert keine Ereignisse.", "timeline-intro": "{events}, {first} bis {last}, der Reihe nach.",
        "no-names": "Es wurden keine Namen erkannt.",
        "index-intro": "Personen, Organisationen und Orte, die meistgenannten zuerst, mit der Zahl der Nennungen; "
                       "jeder Absatzlink führt zu einer Nennung.",
        "mentions": "Nennungen",
    },
    "es": {
        "cover-alt": "Cubierta: {text}.", "by-publisher": "por", "by-lower": "de", "first-published": "se publicó por primera vez", "on-date": "el", "source-label": "Fuente:", "rights-label": "Derechos:", "identifier-label": "Identificador:", "built-by": "Esta edición electrónica fue creada por toolkit {version} el {{date}}.",
        "colophon-paragraphs": "Los números de párrafo (¶) son los mismos en las ediciones PDF y EPUB.", "colophon-highlights": "Los resaltados se activan y desactivan arriba; su estado se guarda en la dirección, así que un enlace comparte la vista.", "made-with": "Hecho con toolkit {version}.",
        "kind-outlet": "medio", "kind-organization": "organización", "kind-institution": "institución", "kind-document": "documento", "kind-person": "persona", "kind-reference": "referencia", "kind-report": "informe",
        "back-to-note": "Volver a la nota {n} en el texto", "who-said": "Quién lo dijo: nota {n}", "source-n": "Fuente {n}", "back-to-text": "Volver al texto", "link-to-paragraph": "Enlace al párrafo {n}", "page": "Página", "page-of": "de", "by": "Por", "and": "y", "untitled": "Sin título",
        "sources": "Fuentes", "notes": "Notas", "contents": "Índice", "landmarks": "Puntos de referencia",
        "pages": "Páginas", "cover": "Cubierta", "cover-of": "Cubierta de {title}", "title-page": "Portada",
        "start": "Inicio del artículo", "colophon": "Colofón", "image-missing": "Imagen no incluida",
        "fonts-embedded": "Texto compuesto en Article Serif, un subconjunto de Charis SIL de SIL International; la cubierta en Charis SIL e Inter. Las tres tienen la licencia SIL Open Font License 1.1.",
        "fonts-cover": "Cubierta compuesta en Charis SIL e Inter, con la licencia SIL Open Font License 1.1.",
        "min-read": "min de lectura|min de lectura", "word": "palabra|palabras", "quote": "cita|citas",
        "source": "fuente|fuentes", "speaker": "persona citada|personas citadas",
        "quoted-word": "palabra citada|palabras citadas", "time": "vez|veces", "use": "uso|usos",
        "dated-event": "hecho fechado|hechos fechados",
        "quotes": "Citas", "terms": "Términos", "dates": "Fechas", "names": "Nombres", "voices": "Voces",
        "glossary": "Glosario", "timeline": "Cronología", "index": "Índice de nombres", "abbreviations": "Abreviaturas",
        "people": "Personas", "organisations": "Organizaciones", "places": "Lugares", "other-names": "Otros nombres",
        "unattributed": "Sin atribuir", "annotations": "Anotaciones", "highlight": "Resaltar",
        "annotation-panels": "Paneles de anotaciones", "about-article": "Sobre este artículo",
        "panels-kicker": "Cómo está construido este artículo", "annotated-edition": "Edición anotada",
        "skip": "Ir al artículo", "link-paragraph": "Enlace a este párrafo",
        "paragraph-link": "Párrafo {n}: enlace", "share-quoted": "{share} % de las palabras citadas",
        "no-quotes": "Nadie es citado directamente.", "voices-intro": "{speakers}, {quotes}, {words}. Los más citados primero.",
        "no-sources": "El artículo no nombra fuentes.", "cited": "Citada {times}",
        "not-cited": "Listada por el artículo, no citada en su texto",
        "sources-intro": "{sources}, numeradas como en el texto; cada frase que cita una enlaza con ella.",
        "no-glossary": "Ni abreviaturas ni términos.",
        "glossary-intro": "Abreviaturas y términos, desarrollados donde el artículo los usa por primera vez.",
        "first-in": "{uses}, primero en {where}", "in-marks": "entre comillas, {uses}, primero en {where}",
        "no-events": "El artículo no fecha ningún hecho.", "timeline-intro": "{events}, de {first} a {last}, en orden.",
        "no-names": "No se reconoció ningún nombre.",
        "index-intro": "Personas, organizaciones y lugares, los más mencionados primero, con el número de menciones; "
                       "cada enlace de párrafo lleva a una mención.",
        "mentions": "menciones",
    },
}
LANGUAGE_NAMES = {"en": "English", "fr": "French", "de": "German", "es": "Spanish"}


def base_language(tag: str | None) -> str:
    """The primary subtag of a BCP 47 tag, lower case: "fr-CA" -> "fr"; "" when there is none."""
    return (tag or "").strip().replace("_", "-").split("-", 1)[0].lower()


@dataclass(frozen=True)
class Labels:
    """The added words of one language: ``word``, counted nouns, joined names, dates."""

    lang: str  # the table's language ("en", "fr", "de", "es")

    def word(self, key: str, **values: object) -> str:
        text = WORDS[self.lang].get(key) or WORDS["en"][key]
        return text.format(**values) if values else text

    def number(self, n: int) -> str:
        from babel.numbers import format_decimal

        return format_decimal(n, locale=self.lang)

    def noun(self, n: int, key: str) -> str:
        """The noun for ``n`` things, without the number ("quote" / "quotes")."""
        one, _, many = self.word(key).partition("|")
        single = n in (0, 1) if self.lang == "fr" else n == 1
        return one if single else (many or one)

    def count(self, n: int, key: str) -> str:
        """``n`` and its noun: "3 quotes", "3 citations", "1 Zitat"."""
        return f"{self.number(n)} {self.noun(n, key)}"

    def names(self, names: list[str] | tuple[str, ...]) -> str:
        """Names joined as the language writes a list: "A, B and C", "A, B et C", "A, B und C", "A, B y C"."""
        names = [n for n in names if n]
        if len(names) < 2:
            return "".join(names)
        conj = self.word("and")
        last = names[-1]
        sound = last.lower()
        if self.lang == "es" and (sound[:1] == "i" or (sound[:2] == "hi" and sound[:3] != "hie")):
            conj = "e"  # "y" becomes "e" before an /i/ sound
        return ", ".join(names[:-1]) + f" {conj} " + last

    def byline(self, names: list[str] | tuple[str, ...]) -> str:
        """ "By A and B" in the language; "" without names."""
        joined = self.names(names)
        return f"{self.word('by')} {joined}" if joined else ""

    def date(self, value: str | None) -> str:
        """An ISO date as the language writes it in full ("17 mars 2024"); other text is kept as it is."""
        if not value:
            return ""
        try:
            d = datetime.date.fromisoformat(value[:10])
        except ValueError:
            return value
        from babel.dates import format_date

        return format_date(d, format="long", locale=self.lang)

    def month(self, year: int, month: int) -> str:
        """A month of a year in the language: "March 2024", "mars 2024", "März 2024", "marzo de 2024"."""
        from babel.dates import format_skeleton

        return format_skeleton("yMMMM", datetime.date(year, month, 1), locale=self.lang)


def labels_for(lang: str | None) -> tuple[Labels, str | None]:
    """The labels of the language tagged ``lang`` and a warning when that language has none (English then)."""
    base = base_language(lang)
    if not base or base in WORDS:
        return Labels(base or "en"), None
    known = ", ".join(LANGUAGE_NAMES[k] for k in WORDS if k != "en")
    return Labels("en"), (f"no {known} or English labels for {lang!r}: the words the toolkit adds "
                          "are in English")
