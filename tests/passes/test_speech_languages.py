"""Speech in French, German and Spanish (issue 15): their quotation marks are found, their reporting
verbs are known for a document in that language only, and (issue 24) no edition names a speaker in a
language whose attribution was never measured; the quotations themselves stay marked."""

from __future__ import annotations

import io
import re

import pytest

import toolkit
from toolkit.language.speech import attribution_measured, phrase_cues, speech_verbs, verb_pattern
from toolkit.options import Context, Options
from toolkit.passes.speech.marks import find_marked
from toolkit.tree.nodes import Attr, Document, Meta, Para, Person, Quote, Text
from toolkit.writers.pdf.pullquotes import candidates


def quoted(text: str) -> list[tuple[str, str, str]]:
    return [(text[m.inner[0]:m.inner[1]].strip(), m.open, m.close) for m in find_marked(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("« Nous reconstruirons le pont », a-t-elle déclaré.", [("Nous reconstruirons le pont", "«", "»")]),
    ("«\u202fOui\u202f», dit-il, « et vite ».", [("Oui", "«", "»"), ("et vite", "«", "»")]),
    ("« Il a dit « non » hier », ajouta-t-elle.", [("Il a dit « non » hier", "«", "»")]),
    ("« Il a dit \"non\" hier », ajouta-t-elle.", [('Il a dit "non" hier', "«", "»")]),
    ("„Wir bauen die Brücke neu“, sagte Tomasz Wójcik.", [("Wir bauen die Brücke neu", "„", "“")]),
    ("»Wir bauen neu«, sagte sie, »und bald«.", [("Wir bauen neu", "»", "«"), ("und bald", "»", "«")]),
    ("Er nannte es ‚unmöglich‘ und ›teuer‹.", [("unmöglich", "‚", "‘"), ("teuer", "›", "‹")]),
    ("‹ Non ›, répondit-il.", [("Non", "‹", "›")]),
    ("«Vamos a reconstruir el puente», dijo Ana Petrova.", [("Vamos a reconstruir el puente", "«", "»")]),
    ("「橋を再建します」と彼女は言った。", [("橋を再建します", "「", "」")]),
    ("「彼は『いいえ』と言った」と記者は書いた。『本』も。",
     [("彼は『いいえ』と言った", "「", "」"), ("本", "『", "』")]),
])
def test_quotation_marks_of_other_languages_are_found(text, expected):
    assert quoted(text) == expected


def test_english_marks_are_found_as_before():
    assert quoted("She said “it's fine” and ‘really’ then left.") == [("it's fine", "“", "”"), ("really", "‘", "’")]


def test_reporting_verbs_belong_to_the_document_language():
    fr = "« Oui », a-t-elle déclaré. Il a dit non, dit-il, et elle affirme le contraire."
    assert [m.group(1) for m in verb_pattern("fr").finditer(fr)] == ["a-t-elle déclaré", "a dit", "dit-il", "affirme"]
    de = "„Ja“, sagte sie. Er erklärte es und betonte den Preis."
    assert [m.group(1) for m in verb_pattern("de-AT").finditer(de)] == ["sagte", "erklärte", "betonte"]
    es = "«Sí», dijo ella, y afirmó que el alcalde explicó el plan."
    assert [m.group(1) for m in verb_pattern("es").finditer(es)] == ["dijo", "afirmó", "explicó"]
    assert "dijo" not in speech_verbs("en")
    assert "sagte" not in speech_verbs(None)
    assert "said" not in speech_verbs("fr")
    assert "said" in speech_verbs("fi")  # unknown: English's table
    assert "selon" in phrase_cues("fr")
    assert "según" in phrase_cues("es")
    assert "laut" in phrase_cues("de")
    assert "selon" not in phrase_cues("en")


def quote_doc(lang: str | None) -> Document:
    quote = Quote((Text("Nous reconstruirons le pont avant l’hiver avec les entreprises de la vallée"),),
                  speaker="p1", cue="a déclaré",
                  attr=Attr(kv=(("marks", "«»"), ("confidence", "0.97"), ("rule", "after-x-said+name"))))
    blocks = tuple(Para((Text(f"Paragraphe {i} du texte, sans citation, assez long pour la page."),), Attr(f"p{i}"))
                   for i in range(1, 5))
    blocks += (Para((quote, Text(", a déclaré Ana Petrova.")), Attr("p5")),)
    blocks += tuple(Para((Text(f"Paragraphe {i} du texte, sans citation."),), Attr(f"p{i}")) for i in range(6, 12))
    return Document(meta=Meta(title="Le pont", language=lang), blocks=blocks,
                    people=(Person("p1", "Ana Petrova"),))


def test_no_edition_names_a_speaker_where_attribution_was_not_measured():
    assert attribution_measured("en-GB")
    assert attribution_measured(None)
    assert not attribution_measured("fr")
    french = toolkit.render(quote_doc("fr"), "html", Options(), Context()).decode("utf-8")
    body = french.split('<script type="application/ld+json">')[0] + french.split("</script>", 1)[1]
    assert "Ana Petrova" not in re.sub(r"a déclaré Ana Petrova", "", body)  # only the author's own words name her
    assert 'data-speaker="p1"' not in french
    assert 'class="sn-speaker"' not in french
    assert '"author": {"@type": "Person", "name": "Ana Petrova"}' not in french
    assert "Nous reconstruirons le pont" in french
    assert 'class="quote' in french  # the quotation stays marked
    assert candidates(quote_doc("fr")) == []  # no pull quote: none has a certain speaker

    english = toolkit.render(quote_doc("en"), "html", Options(), Context()).decode("utf-8")
    assert 'data-speaker="p1"' in english
    assert 'class="sn-speaker"' in english  # English unchanged
    assert candidates(quote_doc("en"))


def test_a_french_article_read_for_real_shows_no_speaker(tmp_path):
    path = tmp_path / "article.md"
    path.write_text("---\ntitle: Le pont\nlang: fr\n---\n\n"
                    "La commune de Valmorin a voté la reconstruction du vieux pont après trois ans de débats.\n\n"
                    "« Nous allons reconstruire le pont avant l’hiver, avec les entreprises de la vallée », "
                    "a-t-elle déclaré devant le conseil.\n\n"
                    "Pour Ana Petrova, maire de Valmorin : « Les travaux commenceront au printemps et dureront "
                    "dix-huit mois, comme prévu par le calendrier. »\n", encoding="utf-8")
    ctx = Context(options=Options())
    doc = toolkit.read(path, ctx=ctx)
    html = toolkit.render(doc, "html", Options(), ctx).decode("utf-8")
    assert "data-speaker=" not in html
    assert 'class="sn-speaker"' not in html
    assert "Nous allons reconstruire le pont" in html
    pypdf = pytest.importorskip("pypdf")
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(toolkit.render(doc, "pdf", Options(),
                                                                                         ctx))).pages)
    assert "— Ana Petrova" not in text
    assert "Pour" not in text.split("Valmorin")[0]
