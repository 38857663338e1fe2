"""Typst markup for the tree's structured kinds: tables, definition lists, line blocks, figures and formulas.

A mixin of ``TypstMarkup`` (``markup.py``): it uses its ``run``, ``inlines``, ``blocks``, ``warn`` and
``labels``. Tables keep head, body and foot rows (the head repeats on each page), spans, alignments,
widths and caption; formulas are the print edition's SVG drawings (``toolkit.writers.pdf.math``) with
their TeX as alternative text.
"""

from __future__ import annotations

from toolkit.tree.nodes import Attr, DefinitionList, Figure, LineBlock, Math, Para, Table, TableCell, TableRow
from toolkit.tree.walk import plain_text
from toolkit.writers.html.kinds import leading_spaces_kept
from toolkit.writers.html.render import missing_image_warning, says_caption
from toolkit.writers.html.tables import VERY_WIDE_COLUMNS, WIDE_COLUMNS, column_count, place
from toolkit.writers.pdf.math import draw
from toolkit.writers.typst.design import lit

ALIGN = {"left": "left", "right": "right", "center": "center"}


class Structures:
    """Methods of ``TypstMarkup`` for tables, definition lists, line blocks, figures and formulas."""

    first_block: bool = False

    def compact(self, blocks: tuple) -> str:
        """A single plain paragraph as its words alone (a cell, a definition); else the blocks."""
        if len(blocks) == 1 and isinstance(blocks[0], Para) and blocks[0].attr == Attr():
            return self.run(blocks[0].children)
        return self.blocks(blocks)

    # ------------------------------------------------------------ tables
    def b_Table(self, n: Table) -> str:
        grid = place(n)
        ncols = max(column_count(n, grid), 1)
        widths = [max(w, 0.0) for w in n.widths[:ncols]]
        if any(widths):
            cols = ", ".join(f"{w:.4f}fr" if w else "auto" for w in widths + [0.0] * (ncols - len(widths)))
        else:
            cols = ", ".join(["auto"] * ncols)
        aligns = [ALIGN.get(a, "left") for a in n.aligns[:ncols]] + ["left"] * (ncols - len(n.aligns[:ncols]))
        size = ".66 * tk-rem" if ncols >= VERY_WIDE_COLUMNS else ".74 * tk-rem" if ncols >= WIDE_COLUMNS else ".84 * tk-rem"
        parts = [f"columns: ({cols},)", f"align: ({', '.join(aligns)},)"]
        heavy, light = "table.hline(stroke: .8pt + rgb(\"#1a1a1a\"))", "table.hline(stroke: .5pt + tk-rule)"
        if n.head:
            parts.append(f"table.header({heavy}, {self._rows(n.head, header=True)}, {light})")
        else:
            parts.append(heavy)
        if n.body:
            parts.append(self._rows(n.body))
        if n.foot:
            parts.append(f"table.footer(repeat: false, {light}, {self._rows(n.foot, footer=True)}, {heavy})")
        else:
            parts.append(heavy)
        table = f"table({', '.join(p for p in parts if p)})"
        body = f"{{ set text(size: {size}); {table} }}"
        if n.caption:
            caption = f"[{self.run(n.caption)}]"
            return f"#figure({body}, caption: figure.caption(position: top, {caption}), kind: table, numbering: none)"
        return f"#block(above: .7 * tk-rem, below: tk-rem, width: 100%, {body})"

    def _rows(self, rows: tuple[TableRow, ...], header: bool = False, footer: bool = False) -> str:
        out = []
        for index, row in enumerate(rows):
            for cell in row.cells:
                out.append(self._cell(cell, len(rows) - index, header, footer))
        return ", ".join(out)

    def _cell(self, cell: TableCell, rows_left: int, header: bool, footer: bool) -> str:
        inner = self.compact(cell.blocks)
        if header and inner:
            inner = f"#text(font: tk-sans, size: .92em, weight: 600)[{inner}]"
        elif (cell.header or footer) and inner:
            inner = f"#strong[{inner}]"
        args = []
        if cell.colspan > 1:
            args.append(f"colspan: {int(cell.colspan)}")
        if cell.rowspan > 1:
            args.append(f"rowspan: {min(int(cell.rowspan), rows_left)}")
        if cell.align in ALIGN:
            args.append(f"align: {ALIGN[cell.align]}")
        if args:
            return f"table.cell({', '.join(args)})[{inner}]"
        return f"[{inner}]"

    # ------------------------------------------------------------ lists of terms, verse
    def b_DefinitionList(self, n: DefinitionList) -> str:
        out = []
        for item in n.items:
            out.append(f"#block(above: 1.1em, below: .75em, sticky: true, strong[{self.run(item.term)}])")
            for definition in item.definitions:
                body = self.compact(definition)
                if body:
                    out.append(f"#pad(left: 1.4em, block(above: 0pt, below: .45em, width: 100%)[{body}])")
        return "#block(above: .5 * tk-rem, below: .7 * tk-rem, { set par(justify: false, first-line-indent: 0pt); [" + \
            "\n\n".join(out) + "] })"

    def b_LineBlock(self, n: LineBlock) -> str:
        lines = "#linebreak();".join(self.run(leading_spaces_kept(line)) for line in n.lines)
        return ("#pad(left: 1.4em, block(above: .6 * tk-rem, below: .8 * tk-rem, "
                "{ set par(justify: false, first-line-indent: 0pt); [" + lines + "] }))")

    # ------------------------------------------------------------ figures
    def b_Figure(self, n: Figure) -> str:
        path = self.image_path(n.src) if n.src else None
        if n.src and path is None:
            self.warn(missing_image_warning(n, self.missing_images))
        parts = []
        if n.caption:
            parts.append(self.run(n.caption))
        if n.credit:
            parts.append(f"#tk-credit[{self.run(n.credit)}]")
        caption = " ".join(parts)
        if not path:
            return self.figure_without_image(n, caption)
        alt = " ".join((n.alt or plain_text(n.caption) or plain_text(n.credit)).split())
        height = self.image_heights[1] if self.first_block else self.image_heights[0]
        image = f"tk-image({lit(path)}, {lit(alt)}, {height})"
        cap = f", caption: figure.caption[{caption}]" if caption else ""
        return f"#figure({image}{cap}, kind: image, numbering: none)"

    def figure_without_image(self, n: Figure, caption: str) -> str:
        """A line saying the image is missing (with its description) over the caption, or the caption alone."""
        if self.missing_images == "drop":
            return f"#block(width: 100%, text(font: tk-sans, size: .72 * tk-rem, fill: rgb(\"#333333\"))[{caption}])" \
                if caption else ""
        alt = "" if says_caption(n) else " ".join(n.alt.split())
        note = self.labels.word("image-missing") + (f": {alt}" if alt else "")
        cap = f"#text(font: tk-sans, size: .72 * tk-rem, fill: rgb(\"#333333\"))[{caption}]" if caption else ""
        return (f"#block(width: 100%, above: .4 * tk-rem, below: 1.3 * tk-rem, {{ set par(justify: false, "
                f"first-line-indent: 0pt); [#tk-missing({lit(note)})\n{cap}] }})")

    # ------------------------------------------------------------ formulas
    def i_Math(self, n: Math) -> str:
        image = draw(n.text, n.display)
        if image is None:
            tex = " ".join(n.text.split())
            self.warn(f"formula \u201c{tex[:60]}\u201d could not be converted; its TeX is kept as text")
            return f"#raw(block: {'true' if n.display else 'false'}, {lit(n.text.strip())});"
        name = self.store(image.svg.encode("utf-8"), "svg")
        img = f"image({lit(name)}, alt: {lit(n.text.strip())}, height: {image.height:.3f}em)"
        if n.display:
            return f"#block(width: 100%, above: .45 * tk-rem, below: .45 * tk-rem, align(center, {img}))"
        return f"#box(baseline: {image.depth:.3f}em, {img});"

    def para_content(self, children: tuple) -> str:
        return self.run(children)
