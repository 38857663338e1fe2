"""Turns pandoc's Table (pandoc-types 1.23) into the tree's Table and back.

pandoc's shape: ``Table Attr Caption [ColSpec] TableHead [TableBody] TableFoot``; a body has its own
intermediate head rows and a number of row-head columns; a cell has an alignment, a row span and a
column span. The tree keeps head, body and foot rows, and a cell's ``header`` flag says what pandoc
says by position (head rows, intermediate head rows, row-head columns). Writing back, the body is
split into pandoc bodies again at each full-width row of header cells, and each body's row-head
columns are the leading columns whose cells are all header cells.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from toolkit.tree.nodes import Attr, LineBreak, Para, Table, TableCell, TableRow

ALIGN_FROM = {"AlignDefault": "", "AlignLeft": "left", "AlignRight": "right", "AlignCenter": "center"}
ALIGN_TO = {v: k for k, v in ALIGN_FROM.items()}


def _int(value: Any, default: int = 1) -> int:
    return value if isinstance(value, int) and value > 0 else default


def start_columns(rows: list[list[tuple[int, int]]]) -> list[list[int]]:
    """Each cell's first column, given every row's cells as (row span, column span) pairs.

    A cell starts at the first column that no cell of a row above still covers with its row span.
    """
    covered: dict[int, int] = {}  # column -> how many more rows a span from above covers
    out: list[list[int]] = []
    for row in rows:
        starts: list[int] = []
        below: dict[int, int] = {c: n - 1 for c, n in covered.items() if n > 1}
        col = 0
        for rowspan, colspan in row:
            while col in covered:
                col += 1
            starts.append(col)
            if rowspan > 1:
                for c in range(col, col + colspan):
                    below[c] = rowspan - 1
            col += colspan
        out.append(starts)
        covered = below
    return out


# ---------------------------------------------------------------- pandoc -> tree
def table_from_ast(c: list, blocks: Callable[[list], tuple], inlines: Callable[[list], tuple],
                   attr: Callable[[list], Attr]) -> Table:
    """The tree's Table from a pandoc Table's contents (``blocks``/``inlines``/``attr`` convert parts)."""
    t_attr, caption, colspecs, head, bodies, foot = c
    cap_blocks = caption[1] if isinstance(caption, list) and len(caption) > 1 else []
    cap: list = []
    for b in cap_blocks:  # a caption of several paragraphs: their words, a space between
        if isinstance(b, dict) and b.get("t") in ("Plain", "Para"):
            cap.extend(([{"t": "Space"}] if cap else []) + list(b.get("c") or []))
    aligns = tuple(ALIGN_FROM.get(spec[0].get("t"), "") for spec in colspecs)
    widths = tuple(float(spec[1]["c"]) if spec[1].get("t") == "ColWidth" else 0.0 for spec in colspecs)

    def rows(raw_rows: list, header: bool, row_heads: int = 0) -> tuple[TableRow, ...]:
        spans = [[(_int(cell[2]), _int(cell[3])) for cell in row[1]] for row in raw_rows]
        starts = start_columns(spans)
        out = []
        for row, row_starts in zip(raw_rows, starts, strict=True):
            cells = []
            for cell, start in zip(row[1], row_starts, strict=True):
                _cattr, align, rowspan, colspan, content = cell
                cells.append(TableCell(blocks(content), header or start < row_heads,
                                       ALIGN_FROM.get(align.get("t"), ""), _int(rowspan), _int(colspan)))
            out.append(TableRow(tuple(cells)))
        return tuple(out)

    body: tuple[TableRow, ...] = ()
    for b in bodies:
        _battr, row_heads, inter_head, body_rows = b
        body += rows(inter_head, True) + rows(body_rows, False, row_heads if isinstance(row_heads, int) else 0)
    return Table(rows(head[1], True), body, rows(foot[1], False), inlines(cap), widths, aligns, attr(t_attr))


# ---------------------------------------------------------------- tree -> pandoc
NO_ATTR_JSON: list = ["", [], []]


def _column_flags(rows: tuple[TableRow, ...]) -> tuple[list[list[int]], list[dict[int, bool]], list[bool]]:
    """Per row: each cell's first column, each column's header flag (spans from above included), and
    whether a span from a row above reaches into the row."""
    spans = [[(max(cell.rowspan, 1), max(cell.colspan, 1)) for cell in row.cells] for row in rows]
    starts = start_columns(spans)
    flags: list[dict[int, bool]] = []
    entered: list[bool] = []
    carried: dict[int, tuple[int, bool]] = {}  # column -> (rows still covered, header flag)
    for row, row_starts in zip(rows, starts, strict=True):
        here = {c: h for c, (_, h) in carried.items()}
        entered.append(bool(carried))
        below = {c: (n - 1, h) for c, (n, h) in carried.items() if n > 1}
        for cell, start in zip(row.cells, row_starts, strict=True):
            for col in range(start, start + max(cell.colspan, 1)):
                here[col] = cell.header
                if cell.rowspan > 1:
                    below[col] = (cell.rowspan - 1, cell.header)
        flags.append(here)
        carried = below
    return starts, flags, entered


def _leading_header_columns(flags: dict[int, bool]) -> int:
    n = 0
    while flags.get(n):
        n += 1
    return n


def split_bodies(body: tuple[TableRow, ...]) -> tuple[list[tuple[int, list[TableRow], list[TableRow]]], int]:
    """The tree's body rows as pandoc bodies (row-head columns, intermediate head rows, rows), and how
    many header cells no body's row-head columns cover (pandoc cannot mark them)."""
    starts, flags, entered = _column_flags(body)
    bodies: list[tuple[int, list[TableRow], list[TableRow]]] = []
    head: list[TableRow] = []
    rows: list[TableRow] = []
    row_index: list[int] = []
    lost = 0

    def close() -> None:
        nonlocal lost
        if not head and not rows:
            return
        n = min((_leading_header_columns(flags[i]) for i in row_index), default=0)
        for i in row_index:
            lost += sum(1 for cell, start in zip(body[i].cells, starts[i], strict=True) if cell.header and start >= n)
        bodies.append((n, list(head), list(rows)))

    for i, row in enumerate(body):
        all_header = bool(row.cells) and all(c.header for c in row.cells) and not entered[i] \
            and all(c.rowspan <= 1 for c in row.cells)
        if all_header and not rows:
            head.append(row)
            continue
        if all_header:
            close()
            head, rows, row_index = [row], [], []
            continue
        rows.append(row)
        row_index.append(i)
    close()
    return bodies, lost


def table_to_ast(n: Table, blocks: Callable[[tuple], list], inlines: Callable[[tuple], list],
                 attr: list) -> tuple[dict, int]:
    """A pandoc Table for the tree's Table (``attr``: its attributes as pandoc JSON), and how many
    header cells in body rows pandoc could not mark as such."""

    def cell_json(cell: TableCell) -> list:
        content = blocks(cell.blocks)
        if len(content) == 1 and content[0]["t"] == "Para":  # one paragraph: compact, as pandoc reads it
            content = [{"t": "Plain", "c": content[0]["c"]}]
        return [NO_ATTR_JSON, {"t": ALIGN_TO.get(cell.align, "AlignDefault")}, max(cell.rowspan, 1),
                max(cell.colspan, 1), content]

    def rows_json(rows) -> list:
        return [[NO_ATTR_JSON, [cell_json(cell) for cell in row.cells]] for row in rows]

    ncols = max([len(n.aligns), len(n.widths),
                 *(sum(max(c.colspan, 1) for c in row.cells) for row in (*n.head, *n.body, *n.foot))], default=0)
    colspecs = []
    for i in range(ncols):
        align = n.aligns[i] if i < len(n.aligns) else ""
        width = n.widths[i] if i < len(n.widths) else 0.0
        colspecs.append([{"t": ALIGN_TO.get(align, "AlignDefault")},
                         {"t": "ColWidth", "c": width} if width > 0 else {"t": "ColWidthDefault"}])
    bodies, lost = split_bodies(n.body)
    caption = [None, [{"t": "Plain", "c": inlines(n.caption)}]] if n.caption else [None, []]
    table = {"t": "Table", "c": [
        attr, caption, colspecs, [NO_ATTR_JSON, rows_json(n.head)],
        [[NO_ATTR_JSON, heads, rows_json(inter), rows_json(rows)] for heads, inter, rows in bodies],
        [NO_ATTR_JSON, rows_json(n.foot)],
    ]}
    return table, lost


def markdown_losses(n: Table) -> list[str]:
    """What pandoc's Markdown tables cannot say about ``n`` (the Markdown writer warns of each)."""
    out = []
    bodies, lost = split_bodies(n.body)
    if lost or any(heads or inter for heads, inter, _ in bodies):
        out.append("header cells in its body rows become plain cells")
    if any(cell.align for row in (*n.head, *n.body, *n.foot) for cell in row.cells):
        out.append("alignments of single cells are dropped (columns keep theirs)")
    return out


def widths_read_back(n: Table, columns: int = 72) -> bool:
    """Whether pandoc's Markdown gives ``n``'s columns' widths back as they are, from the table alone.

    Default widths do in a pipe table (one line per cell, no spans, no foot), unless a line of it is
    longer than ``columns`` (its reader then takes widths from the dashes; estimated on the plain text
    with room for escapes). Given widths do
    when they are whole characters of a grid table no wider than ``columns`` and no cell spans columns
    (otherwise pandoc's grid reader and writer move them a little on every trip)."""
    from toolkit.tree.walk import plain_text

    rows = (*n.head, *n.body, *n.foot)
    if not any(n.widths):
        one_line = all(cell.rowspan <= 1 and cell.colspan <= 1 and len(cell.blocks) <= 1
                       and all(isinstance(b, Para) and not any(isinstance(x, LineBreak) for x in b.children)
                               for b in cell.blocks) for row in rows for cell in row.cells)
        if not one_line or len(n.head) > 1 or n.foot:  # a grid table: its reader gives widths
            return False
        widest: dict[int, int] = {}
        for row in rows:
            for i, cell in enumerate(row.cells):
                text = " ".join(plain_text(b.children) for b in cell.blocks if hasattr(b, "children"))
                widest[i] = max(widest.get(i, 3), len(text))
        return sum(widest.values()) + 3 * len(widest) + 1 <= columns * 2 // 3
    chars = [w * columns for w in n.widths]
    return all(w > 0 and abs(c - round(c)) < 1e-6 for w, c in zip(n.widths, chars, strict=True)) \
        and sum(round(c) for c in chars) <= columns and all(c.colspan <= 1 for row in rows for c in row.cells)
