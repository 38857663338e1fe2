"""The print flavour of the HTML rendering: drop cap, citation notes, endnotes, pull-quote asides."""

from __future__ import annotations

from lxml import html as lhtml

from toolkit.tree.nodes import Attr, Cite, Document, Figure, Meta, Note, NoteRef, Para, Source, Text
from toolkit.writers.pdf.pullquotes import PullQuote
from toolkit.writers.pdf.render import PrintRenderer, with_dropcap

LONG = "The council met on a wet Tuesday evening to decide what would become of the old reading room. " * 4
SOURCES = (Source("s1", "Engineers’ survey", url="https://example.org/s.pdf"), Source("s2", "Heritage Fund", "HF"))


def doc(*blocks) -> Document:
    return Document(Meta(title="T", language="en"), tuple(blocks), (), SOURCES)


def tree(html: str):
    return lhtml.fromstring(f"<div>{html}</div>")


def test_dropcap_keeps_the_letter_in_the_text():
    out = tree(with_dropcap("In early 2017, reports began"))
    decoration = out.find(".//span[@class='dropcap']")
    assert decoration.get("aria-hidden") == "true"
    assert decoration.text_content() == "I"
    assert out.text_content().replace("I", "", 1) == "In early 2017, reports began"  # once visible, once real
    assert with_dropcap("— a dash first") == "— a dash first"


def test_dropcap_with_a_figure_first_and_inside_markup():
    rendered = PrintRenderer(doc(Figure("", "", (Text("caption"),)), Para((Text(LONG),), Attr("p1")))).body()
    assert 'class="dropcap"' in rendered
    assert rendered.index("<figure") < rendered.index("dropcap")
    short = PrintRenderer(doc(Para((Text("Too short."),), Attr("p1")))).body()
    assert "dropcap" not in short
    assert with_dropcap('<em class="x">Early</em> days').startswith('<em class="x"><span class="dropcap"')


def test_first_citation_becomes_a_footnote_after_its_clause():
    body = PrintRenderer(doc(
        Para((Text("The "), Cite((Text("survey"),), "s1"), Text(" found rot in the roof, said the council. More.")),
             Attr("p1")),
        Para((Text("Again the "), Cite((Text("survey"),), "s1"), Text(".")), Attr("p2")),
    )).body()
    out = tree(body)
    notes = out.findall(".//span[@class='footnote source-note']")
    assert len(notes) == 1  # only the first citation of a source
    assert "https://example.org/s.pdf" in notes[0].text_content()
    first = out.find(".//p[@id='p1']")
    text = first.text_content()
    assert text.index("roof,") < text.index("Engineers")  # the call follows the clause, not the name
    assert len(out.findall(".//a[@class='cite']")) == 2  # both link to the sources list


def test_endnotes_and_numbered_citations():
    renderer = PrintRenderer(doc(
        Para((Text("Roof"), NoteRef("n1"), Text(" and "), Cite((Text("fund"),), "s2"), Text(" help.")), Attr("p1")),
        Note("n1", (Para((Text("A note with a "), Cite((Text("citation"),), "s1"), Text(" inside."))),)),
    ), notes_mode="end")
    out = tree(renderer.body() + renderer.notes_section())
    assert out.find(".//a[@role='doc-noteref']").get("href") == "#fn-n1"
    note = out.find(".//li[@id='fn-n1']")
    assert "A note with a citation inside." in note.text_content()
    assert note.find(".//span[@class='footnote source-note']") is None  # no note inside a note
    assert out.find(".//a[@href='#source-s2']/sup").text == "2"  # the source's number in the list


def test_pull_quote_aside_is_hidden_everywhere():
    renderer = PrintRenderer(doc(*(Para((Text(LONG),), Attr(f"p{i}")) for i in range(1, 6))),
                             pullquotes=[PullQuote("Words worth repeating.", "Ada Fenwick", 1, 3)])
    out = tree(renderer.body())
    aside = out.find(".//aside")
    assert aside.getprevious().get("id") == "p3"  # before doc.blocks[3], the fourth paragraph
    assert aside.getnext().get("id") == "p4"
    assert all(el.get("aria-hidden") == "true" for el in aside.iter())
    assert "Ada Fenwick" in aside.text_content()
