"""The web-page reader keeps tables, definition lists, struck/raised words, formulas, code and text in
another language or direction as their own nodes (small pages written for these tests)."""

from __future__ import annotations

import pytest

import toolkit
from tests.readers.html_pages import FOOT, NAV, PROSE
from toolkit.readers.html.tables import is_data_table
from toolkit.tree.nodes import (
    CodeBlock,
    DefinitionList,
    Div,
    Emph,
    Link,
    ListBlock,
    Math,
    Para,
    Styled,
    Table,
    Text,
)
from toolkit.tree.walk import iter_nodes, plain_text
from toolkit.writers.summary import summarize


def page(middle: str, lang: str = "en") -> str:
    """An article page: its headline, two paragraphs, ``middle``, two more paragraphs, and site furniture."""
    before = "".join(f"<p>{p}</p>" for p in PROSE[:2])
    after = "".join(f"<p>{p}</p>" for p in PROSE[2:])
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>Footbridge opens</title></head>'
            f"<body>{NAV}<main><article><h1>New Footbridge Opens Over the River</h1>{before}{middle}{after}"
            f"</article></main>{FOOT}</body></html>")


def read(tmp_path, html: str):
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    return toolkit.read(path)


def cell_text(cell) -> str:
    return " ".join(plain_text(b.children) for b in cell.blocks)


DATA_TABLE = """<table><caption>Crossings in the <em>first</em> week</caption>
<thead><tr><th>Day</th><th>Time</th><th align="right">Walkers</th></tr></thead>
<tbody>
<tr><th scope="row" rowspan="2">Tuesday</th><td>Morning</td><td align="right">1,240</td></tr>
<tr><td>Evening</td><td align="right">860</td></tr>
<tr><th scope="row">Wednesday</th><td colspan="2">closed for inspection</td></tr>
</tbody></table>"""


def test_data_table_keeps_caption_head_spans_and_row_headers(tmp_path):
    doc = read(tmp_path, page(DATA_TABLE))
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    t = tables[0]
    assert plain_text(t.caption) == "Crossings in the first week"
    assert any(isinstance(n, Emph) for n in t.caption)
    assert [[cell_text(c) for c in r.cells] for r in t.head] == [["Day", "Time", "Walkers"]]
    assert all(c.header for c in t.head[0].cells)
    assert [[cell_text(c) for c in r.cells] for r in t.body] == [
        ["Tuesday", "Morning", "1,240"], ["Evening", "860"], ["Wednesday", "closed for inspection"]]
    tuesday, evening, wednesday = t.body
    assert tuesday.cells[0].header
    assert tuesday.cells[0].rowspan == 2
    assert not tuesday.cells[1].header
    assert wednesday.cells[0].header
    assert wednesday.cells[1].colspan == 2
    assert tuesday.cells[2].align == "right"
    assert evening.cells[1].align == "right"
    assert t.aligns == ("", "", "right")  # the whole column is right-aligned
    # the paragraphs around the table are still paragraphs, in order, and no row became a paragraph
    paras = [plain_text(b.children) for b in doc.blocks if isinstance(b, Para)]
    assert paras == PROSE
    assert [type(b).__name__ for b in doc.blocks].index("Table") == 2


def test_summary_text_has_one_line_per_row(tmp_path):
    doc = read(tmp_path, page(DATA_TABLE))
    text = summarize(doc, "page.html", "html")["text"]
    assert "Day | Time | Walkers\nTuesday | Morning | 1,240\nEvening | 860\n" in text
    assert summarize(doc, "page.html", "html")["paragraphs"] == len(PROSE)  # cells are not body paragraphs


LAYOUT_TABLE = """<table width="100%"><tr><td valign="top"><p>{0}</p><p>{1}</p></td>
<td width="200"><h3>In this issue</h3><p>Letters, weather and the tide tables.</p></td></tr></table>"""


def test_layout_table_reads_as_its_blocks(tmp_path):
    extra = ["Engineers will inspect the bearings again in the spring, once the river has fallen "
             "back to its summer level and the divers can reach the foundations safely.",
             "The council has promised to publish the inspection report in full, together with the "
             "cost of any repairs the engineers recommend for the second year of service."]
    doc = read(tmp_path, page(LAYOUT_TABLE.format(*extra)))
    assert not any(isinstance(n, Table) for n in iter_nodes(doc))
    paras = [plain_text(b.children) for b in doc.blocks if isinstance(b, Para)]
    assert extra[0] in paras
    assert extra[1] in paras


@pytest.mark.parametrize("markup", [
    "<table><tr><td><p>One cell holding the page.</p></td></tr></table>",  # a single cell
    "<table><tr><td>Left column</td><td>Right column</td></tr></table>",  # a single row
    "<table role='presentation'><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>",
    "<table><tr><td><table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table></td>"
    "<td>x</td></tr><tr><td>y</td><td>z</td></tr></table>",  # tables nested in tables
    "<table><tr><td>" + " ".join(["word"] * 150) + "</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>",
])
def test_layout_tables_are_not_data_tables(markup):
    import lxml.html

    assert not is_data_table(lxml.html.fragment_fromstring(markup))


def test_small_grid_is_a_data_table():
    import lxml.html

    grid = "<table><tr><td>Tuesday</td><td>1,240</td></tr><tr><td>Wednesday</td><td>860</td></tr></table>"
    assert is_data_table(lxml.html.fragment_fromstring(grid))


def test_definition_list(tmp_path):
    dl = ("<dl><dt>Span</dt><dd>The distance between two supports.</dd>"
          "<dt>Deck</dt><dt>Walkway</dt><dd><p>The surface people walk on.</p><p>It is made of oak.</p></dd></dl>")
    doc = read(tmp_path, page(dl))
    lists = [b for b in doc.blocks if isinstance(b, DefinitionList)]
    assert len(lists) == 1
    span, deck = lists[0].items
    assert plain_text(span.term) == "Span"
    assert [[plain_text(b.children) for b in d] for d in span.definitions] == [["The distance between two supports."]]
    assert plain_text(deck.term) == "Deck\nWalkway"  # two terms sharing one definition
    assert [[plain_text(b.children) for b in d] for d in deck.definitions] == [
        ["The surface people walk on.", "It is made of oak."]]
    assert not any(isinstance(b, ListBlock) for b in doc.blocks)
    text = summarize(doc, "page.html", "html")["text"]
    assert "Span\nThe distance between two supports." in text


def test_struck_underlined_raised_and_lowered_words(tmp_path):
    para = ("<p>The toll was <del>two pounds</del> <ins>free</ins> on the <u>first</u> day, the 1<sup>st</sup> "
            "of May, <s>as planned</s>; the river carries H<sub>2</sub>O and silt<sup><a href=\"#fn1\">1</a></sup>.</p>")
    doc = read(tmp_path, page(para))
    styled = [(n.style, plain_text(n.children)) for n in iter_nodes(doc) if isinstance(n, Styled)]
    assert styled == [("strikeout", "two pounds"), ("underline", "free"), ("underline", "first"),
                      ("superscript", "st"), ("strikeout", "as planned"), ("subscript", "2"), ("superscript", "1")]
    note_call = next(n for n in iter_nodes(doc) if isinstance(n, Styled) and plain_text(n.children) == "1")
    # the page has no element "fn1": the call keeps its number, and its link to nowhere becomes its words
    # (an in-page link to a missing id would fail EPUBCheck RSC-012; the ids pass warns)
    assert note_call.children == (Text("1"),)
    assert not any(isinstance(n, Link) and n.url == "#fn1" for n in iter_nodes(doc))
    text = summarize(doc, "page.html", "html")["text"]
    assert "the river carries H2O and silt1." in text  # no word is lost or split


def test_mathml_keeps_its_tex(tmp_path):
    para = ('<p>The load grows as <math><semantics><mrow><msup><mi>v</mi><mn>2</mn></msup></mrow>'
            '<annotation encoding="application/x-tex">v^{2}</annotation></semantics></math> with speed.</p>'
            '<math display="block" alttext="F = m a"><mi>F</mi><mo>=</mo><mi>m</mi><mi>a</mi></math>'
            '<p>Without an annotation: <math><mi>x</mi><mo>+</mo><mn>1</mn></math>.</p>')
    doc = read(tmp_path, page(para))
    maths = [n for n in iter_nodes(doc) if isinstance(n, Math)]
    assert maths == [Math("v^{2}", False), Math("F = m a", True), Math("x+1", False)]
    inline = next(b for b in doc.blocks if isinstance(b, Para) and maths[0] in b.children)
    assert isinstance(inline.children[0], Text)
    assert inline.children[0].text == "The load grows as "


def test_right_to_left_box_is_a_div_with_its_lang_and_dir(tmp_path):
    box = ('<div dir="rtl" lang="ar"><p>افتتح الجسر الجديد فوق النهر يوم الثلاثاء بعد ثلاث سنوات من العمل.</p>'
           "<p>وقال المهندسون إن الجسر آمن.</p></div>")
    doc = read(tmp_path, page(box))
    divs = [b for b in doc.blocks if isinstance(b, Div)]
    assert len(divs) == 1
    assert divs[0].attr.get("dir") == "rtl"
    assert divs[0].attr.get("lang") == "ar"
    assert [plain_text(b.children) for b in divs[0].blocks] == [
        "افتتح الجسر الجديد فوق النهر يوم الثلاثاء بعد ثلاث سنوات من العمل.", "وقال المهندسون إن الجسر آمن."]
    s = summarize(doc, "page.html", "html")
    assert "وقال المهندسون إن الجسر آمن." in s["text"]
    assert s["paragraphs"] == len(PROSE) + 2
    # the article's own language is no box: nothing else is wrapped
    assert [type(b).__name__ for b in doc.blocks].count("Div") == 1


def test_paragraph_in_another_language_keeps_it_in_its_attr(tmp_path):
    doc = read(tmp_path, page('<p lang="fr">Le pont a coûté un cinquième de plus que prévu, selon la mairie.</p>'))
    french = [b for b in doc.blocks if isinstance(b, Para) and b.attr.get("lang")]
    assert [b.attr.get("lang") for b in french] == ["fr"]


def test_code_block_keeps_its_language(tmp_path):
    code = '<pre><code class="language-python">for span in spans:\n    print(span)</code></pre>'
    doc = read(tmp_path, page(code))
    blocks = [b for b in doc.blocks if isinstance(b, CodeBlock)]
    assert [(b.text, b.attr.classes) for b in blocks] == [("for span in spans:\n    print(span)", ("python",))]


def test_numbered_list_keeps_start_and_style(tmp_path):
    doc = read(tmp_path, page('<ol start="3" type="a"><li>Close the old landing.</li><li>Open the path.</li></ol>'))
    lists = [b for b in doc.blocks if isinstance(b, ListBlock)]
    assert [(lb.ordered, lb.start, lb.style, len(lb.items)) for lb in lists] == [(True, 3, "lower-alpha", 2)]


def test_table_in_a_figure_takes_the_figure_caption(tmp_path):
    fig = ('<figure class="wp-block-table"><table><tbody><tr><td>Span</td><td>84 m</td></tr>'
           "<tr><td>Width</td><td>4 m</td></tr></tbody></table><figcaption>The bridge in numbers</figcaption></figure>")
    doc = read(tmp_path, page(fig))
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    assert plain_text(tables[0].caption) == "The bridge in numbers"
    assert [[cell_text(c) for c in r.cells] for r in tables[0].body] == [["Span", "84 m"], ["Width", "4 m"]]
    assert not tables[0].head


def test_hidden_mathml_copy_replaces_the_formula_picture(tmp_path):
    para = ('<p>The deck bends by <span class="math-element"><span class="math-mathml" style="display: none;">'
            '<math alttext="\\delta = L/360"><mi>δ</mi><mo>=</mo><mi>L</mi><mo>/</mo><mn>360</mn></math></span>'
            '<img src="formula.svg" class="math-fallback-image" alt="\\delta = L/360" width="120"></span> at most.</p>')
    doc = read(tmp_path, page(para))
    assert [n for n in iter_nodes(doc) if isinstance(n, Math)] == [Math("\\delta = L/360", False)]
    assert not any(n.src == "formula.svg" for n in iter_nodes(doc) if hasattr(n, "src"))


def test_scraped_text_lines_with_evident_columns_are_a_table(tmp_path):
    rows = "Day\tTime\tWalkers\nTuesday\tMorning\t1,240\nTuesday\tEvening\t860\nWednesday  Morning  1,020\n"
    text = ("New Footbridge Opens Over the River\n\n" + "\n\n".join(PROSE[:2]) + "\n\n" + rows + "\n"
            + "\n\n".join(PROSE[2:]) + "\n")
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    doc = toolkit.read(path)
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    assert [[cell_text(c) for c in r.cells] for r in tables[0].body] == [
        ["Day", "Time", "Walkers"], ["Tuesday", "Morning", "1,240"], ["Tuesday", "Evening", "860"],
        ["Wednesday", "Morning", "1,020"]]
    assert [plain_text(b.children) for b in doc.blocks if isinstance(b, Para)] == PROSE


def test_scraped_text_prose_is_no_table(tmp_path):
    lines = ("Two spaces after a stop.  As typists did.\nA second line, the same.  Then more words.\n"
             "And a third one.  It ends here.\n")
    path = tmp_path / "page.txt"
    path.write_text("New Footbridge Opens Over the River\n\n" + "\n\n".join(PROSE[:2]) + "\n\n" + lines + "\n"
                    + "\n\n".join(PROSE[2:]) + "\n", encoding="utf-8")
    doc = toolkit.read(path)
    assert not any(isinstance(b, Table) for b in doc.blocks)


def test_article_in_another_language_than_the_site_is_no_box(tmp_path):
    # the prose is English: the article's lang="en-GB" stands against the site's "de" (the text agrees)
    html = page("", lang="de").replace("<article>", '<article lang="en-GB">')
    doc = read(tmp_path, html)
    assert not any(isinstance(n, Div) for n in iter_nodes(doc))
    assert [plain_text(b.children) for b in doc.blocks if isinstance(b, Para)] == PROSE
    assert doc.meta.language == "en-GB"  # the article's own lang, not the site's
