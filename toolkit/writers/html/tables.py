"""Draws a ``Table`` node as an accessible HTML table: caption, head, body and foot, header scopes and spans.

Header cells are ``<th scope="col">`` in the head (and in a body row made only of headers) and
``<th scope="row">`` elsewhere. Where any cell spans rows or columns, ``scope`` alone does not tell a screen
reader which headers a data cell belongs to, so every header cell gets an id and every data cell a
``headers`` list (WCAG technique H43). Alignment and column widths are classes (``align-right``,
``w-35``), never ``style`` attributes: the HTML edition's Content-Security-Policy allows no inline style.
A table of many columns gets ``wide`` or ``very-wide``, which the print sheet sets in smaller type.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from toolkit.tree.nodes import Table, TableCell

WIDE_COLUMNS = 6  # from this many columns a table is set in smaller type in print
VERY_WIDE_COLUMNS = 9
WIDTH_STEP = 5  # column widths are rounded to this many per cent (classes w-5 ... w-100 in base.css)


@dataclass(frozen=True)
class Placed:
    """A cell with its place in the table's grid: section, first row and column, and the rows and columns it covers."""

    cell: TableCell
    section: str  # head, body or foot
    row: int
    col: int

    @property
    def rows(self) -> range:
        return range(self.row, self.row + max(self.cell.rowspan, 1))

    @property
    def cols(self) -> range:
        return range(self.col, self.col + max(self.cell.colspan, 1))


def place(table: Table) -> list[list[Placed]]:
    """Every row's cells with their grid positions; a cell spanning rows pushes the cells below it right.

    Row spans end at their section's end, as in HTML."""
    out: list[list[Placed]] = []
    row_index = 0
    for section, rows in (("head", table.head), ("body", table.body), ("foot", table.foot)):
        taken: set[tuple[int, int]] = set()
        for row in rows:
            placed, col = [], 0
            for cell in row.cells:
                while (row_index, col) in taken:
                    col += 1
                p = Placed(cell, section, row_index, col)
                for r in p.rows:
                    for c in p.cols:
                        taken.add((r, c))
                placed.append(p)
                col += max(cell.colspan, 1)
            out.append(placed)
            row_index += 1
    return out


def column_count(table: Table, grid: list[list[Placed]]) -> int:
    widest = max((p.cols.stop for row in grid for p in row), default=0)
    return max(widest, len(table.widths), len(table.aligns))


def header_scope(p: Placed, row: list[Placed]) -> str:
    if p.section == "head" or all(q.cell.header for q in row):
        return "col"
    return "row"


def width_classes(widths: tuple[float, ...], columns: int) -> list[str]:
    """Each column's width class (``w-35``), or an empty string for a column left to the layout."""
    given = [max(w, 0.0) for w in widths[:columns]]
    total = sum(given)
    if total <= 0:
        return []
    scale = 100 / total if total > 1 else 100
    out = []
    for w in given + [0.0] * (columns - len(given)):
        if w <= 0:
            out.append("")
            continue
        pct = min(100, max(WIDTH_STEP, round(w * scale / WIDTH_STEP) * WIDTH_STEP))
        out.append(f"w-{pct}")
    return out


def table_html(table: Table, *, table_id: str, attrs: str, caption: str, cell_html: Callable[[TableCell], str],
               xhtml: bool) -> str:
    """The ``<table>``; ``attrs`` are its own attributes (id, lang, dir), ``caption`` the caption's inline HTML,
    ``cell_html`` draws a cell's content; ``table_id`` prefixes the header cells' ids where headers are needed."""
    grid = place(table)
    columns = column_count(table, grid)
    spans = any(p.cell.rowspan > 1 or p.cell.colspan > 1 for row in grid for p in row)
    header_id = {(p.row, p.col): f"{table_id}-h{p.row + 1}-{p.col + 1}"
                 for row in grid for p in row if p.cell.header} if spans else {}
    classes = ["table"]
    if columns >= VERY_WIDE_COLUMNS:
        classes.append("very-wide")
    elif columns >= WIDE_COLUMNS:
        classes.append("wide")
    widths = width_classes(table.widths, columns)
    if widths:
        classes.append("has-widths")
    out = [f'<table class="{" ".join(classes)}"{attrs}>']
    if caption:
        out.append(f"<caption>{caption}</caption>")
    if widths:
        end = "/>" if xhtml else ">"
        cols = "".join(f'<col class="{w}"{end}' if w else f"<col{end}" for w in widths)
        out.append(f"<colgroup>{cols}</colgroup>")
    flat = [p for row in grid for p in row]
    start = 0
    for section, rows in (("head", table.head), ("body", table.body), ("foot", table.foot)):
        if not rows and section != "body":
            continue
        tag = {"head": "thead", "body": "tbody", "foot": "tfoot"}[section]
        out.append(f"<{tag}>")
        for placed in grid[start:start + len(rows)]:
            out.append(_row_html(placed, table, header_id, flat, cell_html, columns))
        out.append(f"</{tag}>")
        start += len(rows)
    out.append("</table>")
    return "\n".join(out)


def _row_html(row: list[Placed], table: Table, header_id: dict[tuple[int, int], str], flat: list[Placed],
              cell_html: Callable[[TableCell], str], columns: int) -> str:
    cells = []
    for p in row:
        cell = p.cell
        attrs = ""
        align = cell.align or (table.aligns[p.col] if p.col < len(table.aligns) else "")
        # the table's outer edges by grid column, not by place in the row: under a row span, a row's first
        # cell stands in an inner column and keeps its padding
        classes = [f"align-{align}"] if align in ("left", "right", "center") else []
        classes += ["edge-start"] if p.col == 0 else []
        classes += ["edge-end"] if p.cols[-1] >= columns - 1 else []
        if classes:
            attrs += f' class="{" ".join(classes)}"'
        if cell.rowspan > 1:
            attrs += f' rowspan="{cell.rowspan}"'
        if cell.colspan > 1:
            attrs += f' colspan="{cell.colspan}"'
        if cell.header:
            hid = header_id.get((p.row, p.col))
            if hid:
                attrs += f' id="{hid}"'
            cells.append(f'<th scope="{header_scope(p, row)}"{attrs}>{cell_html(cell)}</th>')
            continue
        if header_id:
            refs = headers_of(p, flat, header_id)
            if refs:
                attrs += f' headers="{" ".join(refs)}"'
        cells.append(f"<td{attrs}>{cell_html(cell)}</td>")
    return f"<tr>{''.join(cells)}</tr>"


def headers_of(p: Placed, flat: list[Placed], header_id: dict[tuple[int, int], str]) -> list[str]:
    """The ids of the header cells a data cell belongs to: column headers above it, then row headers before it."""
    column = [q for q in flat if q.cell.header and (q.section == "head" or _header_row(q, flat))
              and q.row < p.row and set(q.cols) & set(p.cols)]
    row = [q for q in flat if q.cell.header and q not in column and q.section == p.section
           and set(q.rows) & set(p.rows) and q.cols.stop <= p.col]
    return [header_id[(q.row, q.col)] for q in column + row]


def _header_row(q: Placed, flat: list[Placed]) -> bool:
    return all(o.cell.header for o in flat if o.row == q.row)
