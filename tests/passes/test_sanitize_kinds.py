"""The sanitize pass bounds the new node kinds too: tables, definition lists, divs nested without end, and
values a JSON tree could carry (an unknown style, a span of a billion columns, a direction that is not one)."""

from __future__ import annotations

from toolkit.options import Context
from toolkit.passes.sanitize import MAX_NESTING, MAX_SPAN, sanitize
from toolkit.tree.nodes import (
    Attr,
    Definition,
    DefinitionList,
    Div,
    Document,
    ListBlock,
    Para,
    Span,
    Styled,
    Table,
    TableCell,
    TableRow,
    Text,
)
from toolkit.tree.walk import iter_nodes, plain_text


def run(doc: Document) -> tuple[Document, list[str]]:
    ctx = Context()
    return sanitize(doc, ctx), ctx.warnings


def table(*cells: TableCell, caption: str = "") -> Table:
    return Table((), (TableRow(cells),), caption=(Text(caption),) if caption else ())


def words(doc: Document) -> str:
    return " ".join(n.text for n in iter_nodes(doc) if isinstance(n, Text))


def nesting(node) -> int:
    """How many Div, Table and DefinitionList nodes the deepest path goes through."""
    below = max((nesting(c) for c in children(node)), default=0)
    return below + isinstance(node, (Div, Table, DefinitionList))


def children(node):
    for name in ("blocks", "head", "body", "foot", "cells", "items", "definitions"):
        for child in getattr(node, name, ()):
            yield from (child if isinstance(child, tuple) else (child,))


def test_tables_divs_and_definitions_nested_past_the_limit_are_flattened_keeping_every_word():
    inner = Para((Text("bottom"),))
    block = inner
    for depth in range(MAX_NESTING * 3):
        kind = depth % 3
        if kind == 0:
            block = Div((block,), Attr(kv=(("lang", "fr"),)))
        elif kind == 1:
            block = table(TableCell((block,)), caption=f"caption {depth}")
        else:
            block = DefinitionList((Definition((Text(f"term {depth}"),), ((block,),)),))
    doc, warnings = run(Document(blocks=(block,)))
    assert any("flattened" in w for w in warnings)
    text = words(doc)
    assert "bottom" in text
    assert "caption 1" in text
    assert "term 2" in text
    assert nesting(doc) <= MAX_NESTING + 1 < nesting(Document(blocks=(block,)))


def test_values_a_json_tree_could_carry_are_bounded():
    cell = TableCell((Para((Text("wide"),)),), align="justify; color: red", rowspan=0, colspan=10**9)
    doc = Document(blocks=(
        Table((), (TableRow((cell,)),), aligns=("left", "sideways")),
        Para((Styled("blink", (Text("still here"),)), Styled("strikeout", (Text("struck"),)))),
        ListBlock(True, ((Para((Text("item"),)),),), start=-10**12, style="klingon"),
        Div((Para((Text("x"),)),), Attr(kv=(("dir", "sideways"), ("lang", "<script>"), ("title", "ok")))),
        Div((Para((Text("y"),)),), Attr(kv=(("dir", "rtl"), ("lang", "ar")))),
    ))
    doc, _ = run(doc)
    t, para, lst, bad, good = doc.blocks
    c = t.body[0].cells[0]
    assert (c.align, c.rowspan, c.colspan) == ("", 1, MAX_SPAN)
    assert t.aligns == ("left", "")
    assert isinstance(para.children[0], Span)
    assert plain_text(para.children[0].children) == "still here"
    assert para.children[1] == Styled("strikeout", (Text("struck"),))
    assert lst.style == ""
    assert lst.start == -10**9
    assert dict(bad.attr.kv) == {"title": "ok"}
    assert dict(good.attr.kv) == {"dir": "rtl", "lang": "ar"}


def test_a_clean_tree_with_every_new_kind_comes_back_unchanged():
    doc = Document(blocks=(
        table(TableCell((Para((Text("a"),)),), header=True, align="center", colspan=2), caption="Cap"),
        DefinitionList((Definition((Text("term"),), ((Para((Text("def one"),)),), (Para((Text("def two"),)),))),)),
        ListBlock(True, ((Para((Text("four"),)),),), start=4, style="lower-roman"),
    ))
    out, warnings = run(doc)
    assert out == doc
    assert warnings == []
