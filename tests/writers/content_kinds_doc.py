"""A document holding every kind of content tree 1.1 has, built with the node classes (no reader involved)."""

from __future__ import annotations

from toolkit.tree.nodes import (
    Attr,
    Definition,
    DefinitionList,
    Div,
    Document,
    Emph,
    Figure,
    Heading,
    LineBlock,
    ListBlock,
    Math,
    Meta,
    Para,
    Span,
    Strong,
    Styled,
    Table,
    TableCell,
    TableRow,
    Text,
)


def p(*parts, attr: Attr = Attr()) -> Para:
    return Para(tuple(Text(x) if isinstance(x, str) else x for x in parts), attr)


def cell(text: str, header: bool = False, align: str = "", rowspan: int = 1, colspan: int = 1) -> TableCell:
    return TableCell((p(text),), header=header, align=align, rowspan=rowspan, colspan=colspan)


def harbour_table() -> Table:
    """Tonnage by quay and year: a spanning column header, row headers, a footer, right-aligned figures."""
    head = (TableRow((cell("Quay", header=True, rowspan=2), cell("Cargo handled (kt)", header=True, colspan=2,
                                                                    align="center"))),
            TableRow((cell("2023", header=True, align="right"), cell("2024", header=True, align="right"))))
    body = (TableRow((cell("Northmole", header=True), cell("1,204"), cell("1,377"))),
            TableRow((cell("Saltgate", header=True), cell("845"), cell("912"))),
            TableRow((cell("Ropewalk", header=True), cell("2,310"), cell("2,046"))))
    foot = (TableRow((cell("Total", header=True), cell("4,359"), cell("4,335"))),)
    return Table(head, body, foot, caption=(Text("Cargo handled at the three quays"),), widths=(0.4, 0.3, 0.3),
                 aligns=("left", "right", "right"), attr=Attr("tab-cargo"))


def wide_table() -> Table:
    """Ten columns: set in smaller type in print."""
    head = (TableRow(tuple(cell(f"Q{i}", header=True) for i in range(1, 11))),)
    body = tuple(TableRow(tuple(cell(f"{r * 10 + c}") for c in range(10))) for r in range(1, 4))
    return Table(head, body, caption=(Text("Readings per quarter"),))


def kinds_doc(*, figure_src: str = "missing-harbour.png") -> Document:
    return Document(
        meta=Meta(title="Every kind of content", authors=("Ada Quill",), date="2024-05-02", language="en"),
        abstract=(p("This abstract summarises the harbour report in one sentence."),),
        blocks=(
            p("The harbour board met on Tuesday and ", Styled("strikeout", (Text("approved"),)), " postponed the "
              "budget. Water is H", Styled("subscript", (Text("2"),)), "O and the area is 40 m",
              Styled("superscript", (Text("2"),)), ". The ", Styled("smallcaps", (Text("Harbour Act"),)),
              " was ", Styled("underline", (Text("amended"),)), " twice.", attr=Attr("p1")),
            p("Energy follows ", Math("E = mc^2"), " and the area under the bell curve is",
              Math(r"\int_{-\infty}^{\infty} e^{-x^2}\,dx = \sqrt{\pi}", display=True),
              "which the board did not dispute.", attr=Attr("p2")),
            p("A broken formula ", Math(r"\frac{a}{"), " stays as its TeX.", attr=Attr("p3")),
            Heading(1, (Text("Tables"),), Attr("tables")),
            harbour_table(),
            wide_table(),
            Heading(1, (Text("Lists and terms"),), Attr("lists")),
            ListBlock(True, ((p("fourth item"),), (p("fifth item"),)), start=4, style="lower-roman"),
            ListBlock(True, ((p("alpha item"),), (p("beta item"),)), style="upper-alpha"),
            DefinitionList((
                Definition((Text("Bollard"),), ((p("A short post on a quay for mooring lines."),),)),
                Definition((Emph((Text("Fender"),)),), ((p("A cushion between hull and quay."),),
                                                        (p("Also a bumper on a boat."),))),
            )),
            LineBlock(((Text("The tide comes in,"),), (Text("    the tide goes out,"),), (),
                       (Text("and the "), Strong((Text("harbour"),)), Text(" waits.")))),
            Div((p("مرحبا بكم في الميناء. هذا النص من اليمين إلى اليسار."),),
                Attr("arabic-note", (), (("lang", "ar"), ("dir", "rtl")))),
            p("She said ", Span((Text("bonjour"),), Attr("", (), (("lang", "fr"),))), " to the pilot.",
              attr=Attr("p9")),
            Figure(src=figure_src, alt="The harbour at dusk", caption=(Text("The harbour in 1910"),),
                   credit=(Text("City archive"),)),
            p("The end.", attr=Attr("p10")),
        ),
    )
