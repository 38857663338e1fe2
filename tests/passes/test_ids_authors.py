"""The ids pass numbers paragraphs but never renames an id the author gave (issue 23: links to them must resolve)."""

from __future__ import annotations

from toolkit.options import Context
from toolkit.passes.ids import assign_ids
from toolkit.passes.inline_spans import iter_paragraphs
from toolkit.tree.nodes import Attr, Div, Document, Figure, Heading, Para, Table, TableCell, TableRow, Text


def para(text: str, pid: str = "") -> Para:
    return Para((Text(text),), Attr(pid))


def test_author_ids_survive_and_generated_ones_never_take_them():
    doc = Document(blocks=(
        Heading(2, (Text("Results"),)),
        Figure("harbour.png", "", (Text("The harbour"),), attr=Attr("fig-harbour")),
        Figure("other.png", "", (Text("Another"),)),
        para("First.", "intro"),
        Div((para("Inside a division."),), Attr("h-results", kv=(("lang", "fr"),))),
        Table((), (TableRow((TableCell((para("cell"),)),)),), attr=Attr("tbl-totals")),
    ))
    out = assign_ids(doc, Context())
    heading, fig, other, first, div, table = out.blocks
    assert fig.attr.id == "fig-harbour"
    assert other.attr.id == "fig2"
    assert heading.attr.id == "h-results-2"  # the division took "h-results" first
    assert first.attr.id == "p1"
    assert first.attr.get("author-id") == "intro"
    assert div.attr.id == "h-results"
    assert div.blocks[0].attr.id == "p2"  # a division's paragraphs are numbered like the others
    assert table.attr.id == "tbl-totals"


def test_paragraphs_inside_a_division_are_prose_for_the_passes():
    doc = Document(blocks=(para("Before."), Div((para("Inside."),), Attr(kv=(("dir", "rtl"),))), para("After.")))
    assert [p.children[0].text for p, _ in iter_paragraphs(doc.blocks)] == ["Before.", "Inside.", "After."]
