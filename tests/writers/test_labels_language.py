"""The words the toolkit adds follow the document's language (issue 24): French, German and Spanish
articles built to HTML, EPUB and PDF with the real writers carry no English label; a language without
labels falls back to English with one warning; an unmeasured language shows no speaker's name."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

import toolkit
from toolkit.language.labels import labels_for
from toolkit.options import Context, Options

ARTICLES = {
    "fr": """---
title: Le pont de Valmorin sera reconstruit
author:
  - Ana Petrova
  - Tomasz Wójcik
date: 2024-03-17
lang: fr
---

La commune de Valmorin a voté la reconstruction du vieux pont après trois ans de débats au conseil.

« Nous allons reconstruire le pont avant l’hiver, avec les entreprises de la vallée », a-t-elle déclaré.

## Le chantier

Les travaux commenceront au printemps et dureront dix-huit mois selon le calendrier publié par la mairie.
""",
    "de": """---
title: Die Brücke von Valmorin wird neu gebaut
author:
  - Ana Petrova
  - Tomasz Wójcik
date: 2024-03-17
lang: de
---

Die Gemeinde Valmorin hat nach drei Jahren Streit im Rat den Neubau der alten Brücke beschlossen.

„Wir werden die Brücke vor dem Winter neu bauen, mit den Firmen aus dem Tal“, sagte sie am Abend.

## Die Baustelle

Die Arbeiten beginnen im Frühjahr und dauern achtzehn Monate nach dem Zeitplan der Verwaltung.
""",
    "es": """---
title: El puente de Valmorin será reconstruido
author:
  - Ana Petrova
  - Tomasz Wójcik
date: 2024-03-17
lang: es
---

El municipio de Valmorin votó la reconstrucción del viejo puente tras tres años de debate en el consejo.

«Vamos a reconstruir el puente antes del invierno, con las empresas del valle», dijo ella por la tarde.

## Las obras

Las obras empezarán en primavera y durarán dieciocho meses según el calendario del ayuntamiento.
""",
}
DATES = {"fr": "17 mars 2024", "de": "17. März 2024", "es": "17 de marzo de 2024"}
BYLINES = {"fr": "Par Ana Petrova et Tomasz Wójcik", "de": "Von Ana Petrova und Tomasz Wójcik",
           "es": "Por Ana Petrova y Tomasz Wójcik"}
CONTENTS = {"fr": "Sommaire", "de": "Inhalt", "es": "Índice"}
PAGE_FOOT = {"fr": r"Page 2 sur \d", "de": r"Seite 2 von \d", "es": r"Página 2 de \d"}  # page 1 has no foot
# English words the toolkit used to add; none may remain in another language's edition
ENGLISH = ("By Ana", "March", " min read", " words", "Contents", "Start of the article", "Title page",
           "Voices", "Glossary", "Timeline", "Unattributed", "No one is quoted", "Page 1 of",
           "Skip to the article", "How this article is built", " set in ")


def read(tmp_path, lang: str, text: str | None = None) -> tuple[toolkit.Document, Context]:
    path = tmp_path / f"article-{lang}.md"
    path.write_text(text or ARTICLES[lang], encoding="utf-8")
    ctx = Context(options=Options())
    return toolkit.read(path, ctx=ctx), ctx


def long_pdf_text(tmp_path, lang: str) -> tuple[str, Context]:
    """The text of the PDF of a long enough article (the foot is printed from page 2)."""
    pypdf = pytest.importorskip("pypdf")
    last = ARTICLES[lang].rstrip().rsplit("\n", 1)[-1]
    doc, ctx = read(tmp_path, lang, ARTICLES[lang] + "\n" + "\n\n".join([last] * 40) + "\n")
    pdf = pypdf.PdfReader(io.BytesIO(toolkit.render(doc, "pdf", Options(), ctx)))
    assert len(pdf.pages) >= 2
    return " ".join(" ".join(p.extract_text().split()) for p in pdf.pages), ctx


def visible(html: str) -> str:
    """The page's words as a reader sees them: no script, style or JSON-LD, no tags."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def epub_files(data: bytes) -> dict[str, str]:
    z = zipfile.ZipFile(io.BytesIO(data))
    return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xhtml", ".ncx", ".opf"))}


@pytest.mark.parametrize("lang", ["fr", "de", "es"])
def test_html_and_epub_add_only_words_of_the_document_language(tmp_path, lang):
    doc, ctx = read(tmp_path, lang)
    assert doc.meta.language == lang
    page = visible(toolkit.render(doc, "html", Options(), ctx).decode("utf-8"))
    assert DATES[lang] in page
    assert BYLINES[lang] in page
    for word in ENGLISH:
        assert word not in page, f"English {word!r} in the {lang} HTML edition"
    labels = labels_for(lang)[0]
    assert labels.word("voices") in page
    assert labels.word("panels-kicker") in page

    files = epub_files(toolkit.render(doc, "epub", Options(), ctx))
    nav = files["EPUB/nav.xhtml"]
    assert f'<h1 id="toc-title">{CONTENTS[lang]}</h1>' in nav
    assert f"<title>{CONTENTS[lang]}</title>" in nav
    assert labels.word("start") in nav
    text = " ".join(visible(v) for k, v in files.items() if k.endswith(".xhtml"))
    assert DATES[lang] in text
    assert BYLINES[lang] in text
    for word in ENGLISH:
        assert word not in text, f"English {word!r} in the {lang} EPUB"
    assert not [w for w in ctx.warnings if "labels for" in w]


@pytest.mark.parametrize("lang", ["fr", "de", "es"])
def test_the_pdf_running_foot_and_date_are_in_the_document_language(tmp_path, lang):
    text, _ = long_pdf_text(tmp_path, lang)
    assert re.search(PAGE_FOOT[lang], text), text[-300:]
    assert not re.search(r"Page \d of \d", text)
    assert DATES[lang] in text
    assert BYLINES[lang] in text


def test_a_language_without_labels_gets_english_words_and_one_warning(tmp_path):
    text = ARTICLES["fr"].replace("lang: fr", "lang: fi")
    doc, ctx = read(tmp_path, "fi", text)
    page = visible(toolkit.render(doc, "html", Options(), ctx).decode("utf-8"))
    toolkit.render(doc, "epub", Options(), ctx)
    assert "By Ana Petrova and Tomasz Wójcik" in page
    assert "March 17, 2024" in page
    warned = [w for w in ctx.warnings if "labels for 'fi'" in w]
    assert len(warned) == 1, ctx.warnings
    assert "in English" in warned[0]


def test_english_keeps_its_words(tmp_path):
    text = ARTICLES["fr"].replace("lang: fr", "lang: en-GB")
    doc, ctx = read(tmp_path, "en", text)
    page = visible(toolkit.render(doc, "html", Options(), ctx).decode("utf-8"))
    assert "By Ana Petrova and Tomasz Wójcik" in page
    assert "March 17, 2024" in page
    assert "min read" in page
    assert not [w for w in ctx.warnings if "labels for" in w]


def test_labels_join_names_and_count_as_each_language_does():
    assert labels_for("es")[0].names(["Ana", "Isabel"]) == "Ana e Isabel"
    assert labels_for("de-AT")[0].names(["A", "B", "C"]) == "A, B und C"
    assert labels_for("fr")[0].count(0, "quote") == "0 citation"
    assert labels_for("fr")[0].count(2, "quote") == "2 citations"
    assert labels_for("en")[0].count(1200, "word") == "1,200 words"


def test_the_english_pdf_foot_is_unchanged(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    last = ARTICLES["fr"].rstrip().rsplit("\n", 1)[-1]
    text = ARTICLES["fr"].replace("lang: fr", "lang: en") + "\n" + "\n\n".join([last] * 40) + "\n"
    doc, ctx = read(tmp_path, "en", text)
    pdf = pypdf.PdfReader(io.BytesIO(toolkit.render(doc, "pdf", Options(), ctx)))
    assert re.search(r"Page 2 of \d", " ".join(p.extract_text() for p in pdf.pages))
