"""A table's outer cells are marked by grid column, so the first cell of a row under a row span (an inner
column) keeps its padding and lines up with the cells above it."""

from lxml import html as lxml_html

from toolkit.tree.nodes import Para, Table, TableCell, TableRow, Text
from toolkit.writers.html.tables import table_html


def cell(text: str, **kw) -> TableCell:
    return TableCell((Para((Text(text),)),), **kw)


def test_edges_follow_the_grid_not_the_row():
    table = Table(head=(TableRow((cell("Berth", header=True), cell("Vessel", header=True), cell("Cargo", header=True))),),
                  body=(TableRow((cell("North quay", rowspan=2), cell("Morwenna"), cell("Slate"))),
                        TableRow((cell("Petroc"), cell("Pilchards"))),
                        TableRow((cell("South quay"), cell("Guernsey Lily"), cell("Granite")))))
    page = lxml_html.fromstring(table_html(table, table_id="t", attrs="", caption="",
                                           cell_html=lambda c: c.blocks[0].children[0].text, xhtml=False))
    classes = {td.text_content(): (td.get("class") or "").split() for td in page.iter("td", "th")}
    assert "edge-start" in classes["North quay"]
    assert "edge-start" not in classes["Petroc"]  # first in its row, second in the grid
    assert "edge-end" in classes["Pilchards"]
    assert "edge-end" not in classes["Morwenna"]
