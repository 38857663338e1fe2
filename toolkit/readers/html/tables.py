"""Tells data tables from layout tables and turns a data ``<table>`` into a Table node.

A data table holds facts in a grid: at least two rows and two columns of short cells. A table used
for page layout holds the page itself: a single row or column, cells holding headings or whole
blocks of text, or other tables. Its content is read as ordinary blocks, never as a Table.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from toolkit.tree.nodes import Block, Inline, Table, TableCell, TableRow

LAYOUT_ROLES = frozenset(("presentation", "none"))
# Elements no data cell holds: a cell holding one of these holds a part of the page.
HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
PAGE_TAGS = HEADING_TAGS | {"section", "article", "main", "header", "footer", "nav", "aside", "form", "blockquote",
                            "figure", "pre", "table", "iframe", "hr"}
PARAGRAPH_TAGS = frozenset(("p", "div", "ul", "ol", "dl"))
MAX_CELL_BLOCKS = 3  # more paragraphs (or lists) than this in one cell: whole blocks of article text
MAX_CELL_WORDS = 100  # a cell this long is a column of the page, not a fact in a grid ...
MAX_MARKED_CELL_WORDS = 200  # ... unless the table says it is one (caption, header cells)
MAX_SPAN = 1000
_ALIGN_STYLE = re.compile(r"text-align\s*:\s*(\w+)", re.I)
_WIDTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")
_WIDTH_STYLE = re.compile(r"(?:^|;)\s*width\s*:\s*(\d+(?:\.\d+)?)\s*%", re.I)


def own_rows(table: Any) -> list:
    """The table's own rows (direct or in thead/tbody/tfoot), not those of tables nested in its cells."""
    rows = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in child if r.tag == "tr")
    return rows


def own_cells(row: Any) -> list:
    return [c for c in row if c.tag in ("td", "th")]


def _span(cell: Any, name: str) -> int:
    m = re.match(r"\s*(\d+)", cell.get(name) or "")
    return max(1, min(int(m.group(1)), MAX_SPAN)) if m else 1


def place(spans: list[list[tuple[int, int]]]) -> tuple[list[list[int]], int]:
    """The starting column of every cell, given each row's (rowspan, colspan) pairs; and the column count."""
    taken: set[tuple[int, int]] = set()
    starts: list[list[int]] = []
    width = 0
    for r, row in enumerate(spans):
        c = 0
        cols = []
        for rs, cs in row:
            while (r, c) in taken:
                c += 1
            cols.append(c)
            for dr in range(min(rs, len(spans) - r)):
                for dc in range(cs):
                    taken.add((r + dr, c + dc))
            c += cs
            width = max(width, c)
        starts.append(cols)
    return starts, width


def _rowspan(cell: Any) -> int:
    """The cell's rowspan; 0 (as HTML writes it) spans the rest of its section."""
    return 0 if (cell.get("rowspan") or "").strip() == "0" else _span(cell, "rowspan")


def column_count(rows: list) -> int:
    """Columns of the grid the rows make, honouring row and column spans."""
    return place([[(_span(c, "rowspan"), _span(c, "colspan")) for c in own_cells(row)] for row in rows])[1]


def is_data_table(table: Any) -> bool:
    """True for a grid of facts; False for a table that lays out the page (its content is read as blocks)."""
    if (table.get("role") or "").strip().lower() in LAYOUT_ROLES:
        return False
    if any(d.tag == "table" for d in table.iterdescendants()):
        return False  # nested tables are page layout
    rows = own_rows(table)
    cells = [c for r in rows for c in own_cells(r)]
    if len(rows) < 2 or not cells or column_count(rows) < 2:
        return False
    marked = table.find("caption") is not None or table.find("thead") is not None or any(c.tag == "th" for c in cells)
    limit = MAX_MARKED_CELL_WORDS if marked else MAX_CELL_WORDS
    for cell in cells:
        blocks = 0
        heads = cell.tag == "th" or cell.getparent().getparent().tag == "thead"  # may hold the table's title
        for d in cell.iterdescendants():
            if not isinstance(d.tag, str):
                continue
            if d.tag in PAGE_TAGS and not (heads and d.tag in HEADING_TAGS):
                return False
            blocks += d.tag in PARAGRAPH_TAGS
        if blocks > MAX_CELL_BLOCKS or len(cell.text_content().split()) > limit:
            return False
    return True


def _align(el: Any) -> str:
    value = (el.get("align") or "").strip().lower()
    m = _ALIGN_STYLE.search(el.get("style") or "")
    if m:
        value = m.group(1).lower()
    value = {"start": "left", "end": "right", "middle": "center"}.get(value, value)
    return value if value in ("left", "right", "center") else ""


def _sections(table: Any) -> tuple[list, list, list, Any]:
    head, body, foot, caption = [], [], [], None
    for child in table:
        if child.tag == "caption" and caption is None:
            caption = child
        elif child.tag == "thead":
            head.extend(r for r in child if r.tag == "tr")
        elif child.tag == "tfoot":
            foot.extend(r for r in child if r.tag == "tr")
        elif child.tag == "tbody":
            body.extend(r for r in child if r.tag == "tr")
        elif child.tag == "tr":
            body.append(child)
    if not body and not foot:  # every row in <thead>: they are the table
        head, body = [], head
    if not head:  # no <thead>: leading rows made only of header cells head the table
        while len(body) > 1 and own_cells(body[0]) and all(c.tag == "th" for c in own_cells(body[0])):
            head.append(body.pop(0))
    return head, body, foot, caption


def _col_specs(table: Any, ncols: int) -> tuple[list[str], list[float]]:
    """Alignment and percentage width of each column as ``<col>`` elements declare them."""
    aligns, widths = [], []
    for col in table.iter("col"):
        n = _span(col, "span")
        m = _WIDTH.match(col.get("width") or "") or _WIDTH_STYLE.search(col.get("style") or "")
        aligns += [_align(col)] * n
        widths += [float(m.group(1)) / 100 if m else 0.0] * n
    aligns, widths = aligns[:ncols], widths[:ncols]
    return aligns + [""] * (ncols - len(aligns)), widths + [0.0] * (ncols - len(widths))


def build_table(table: Any, blocks_of: Callable[[Any], tuple[Block, ...]],
                inlines_of: Callable[[Any], tuple[Inline, ...]], keep: Callable[[Any], bool] | None = None,
                caption: tuple[Inline, ...] = ()) -> Table | None:
    """The Table of a data ``<table>``: header, body and footer rows (of the body and footer only those
    ``keep`` accepts: the header labels whatever is kept), its caption (else ``caption``), per column an
    alignment and width. None if no row has any content."""
    head_rows, body_rows, foot_rows, cap = _sections(table)
    ncols = column_count(head_rows + body_rows + foot_rows)

    def rows_of(rows: list, keep: Callable[[Any], bool] | None = keep) -> tuple[TableRow, ...]:
        built = []
        for row in rows:
            if keep is not None and not keep(row):
                continue
            cells = [(cell, blocks_of(cell), _rowspan(cell)) for cell in own_cells(row)]
            if any(blocks or span != 1 for _, blocks, span in cells):  # spacer rows are no rows
                built.append((row, cells))
        out = []
        for i, (row, cells) in enumerate(built):
            left = len(built) - i
            out.append(TableRow(tuple(
                TableCell(blocks, header=cell.tag == "th", align=_align(cell) or _align(row),
                          rowspan=min(span or left, left), colspan=min(_span(cell, "colspan"), ncols))
                for cell, blocks, span in cells)))
        return tuple(out)

    head, body, foot = rows_of(head_rows, None), rows_of(body_rows), rows_of(foot_rows)
    if not (head or body or foot):
        return None
    aligns, widths = _col_specs(table, ncols)
    starts, _ = place([[(c.rowspan, c.colspan) for c in r.cells] for r in body])
    found: dict[int, set[str]] = {}
    for row, cols in zip(body, starts, strict=True):
        for cell, col in zip(row.cells, cols, strict=True):
            if cell.colspan == 1:
                found.setdefault(col, set()).add(cell.align)
    for col in range(ncols):  # a column whose cells all share one alignment has that alignment
        if not aligns[col] and len(found.get(col, ())) == 1:
            aligns[col] = next(iter(found[col]))
    if not any(widths) or any(w <= 0 for w in widths):
        widths = []
    cap_inlines = inlines_of(cap) if cap is not None else ()
    return Table(head, body, foot, cap_inlines or caption, tuple(widths), tuple(aligns) if any(aligns) else ())
