"""Draws the kinds of content tree 1.1 added as HTML: tables, definition lists, line blocks, divisions,
styled words, formulas and the abstract; and the ``lang``/``dir``/id attributes any element may carry.

A mixin of ``Renderer`` (``render.py``): it uses the renderer's ``blocks``, ``inlines``, ``warn`` and
``flavour``. Each edition that cannot show a kind as such overrides its method (the print edition draws
formulas as SVG, ``toolkit/writers/pdf/render.py``).
"""

from __future__ import annotations

import re
from html import escape

from toolkit.tree.nodes import Attr, DefinitionList, Div, LineBlock, Math, Para, Styled, Table, TableCell, Text
from toolkit.writers.html.math import mathml, tex_fallback
from toolkit.writers.html.tables import table_html

LANG_TAG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
DIRECTIONS = ("ltr", "rtl", "auto")
STYLE_TAGS = {"strikeout": ("<del>", "</del>"), "underline": ("<u>", "</u>"),
              "smallcaps": ('<span class="smallcaps">', "</span>"), "superscript": ("<sup>", "</sup>"),
              "subscript": ("<sub>", "</sub>")}
LIST_TYPES = {"decimal": "1", "lower-alpha": "a", "upper-alpha": "A", "lower-roman": "i", "upper-roman": "I"}
ABSTRACT_LABEL = "Abstract"


def attr_html(attr: Attr, xhtml: bool = False, *, with_id: bool = True) -> str:
    """The attributes every element may carry: the author's id, and ``lang`` and ``dir`` when the tree has them."""
    out = f' id="{escape(attr.id, quote=True)}"' if with_id and attr.id else ""
    lang = (attr.get("lang") or "").strip()
    if lang and LANG_TAG.match(lang):
        out += f' lang="{lang}"' + (f' xml:lang="{lang}"' if xhtml else "")
    direction = (attr.get("dir") or "").strip().lower()
    if direction in DIRECTIONS:
        out += f' dir="{direction}"'
    return out


def leading_spaces_kept(inlines: tuple) -> tuple:
    """A line's leading spaces as non-breaking spaces, so that HTML does not collapse its indentation."""
    if inlines and isinstance(inlines[0], Text):
        text = inlines[0].text
        stripped = text.lstrip(" \t")
        indent = len(text) - len(stripped)
        if indent:
            return (Text("\u00a0" * indent + stripped), *inlines[1:])
    return inlines


class ContentKinds:
    """Methods of ``Renderer`` for tables, definition lists, line blocks, divisions, styled words and math."""

    table_count: int = 0

    def _attrs(self, attr: Attr) -> str:
        return attr_html(attr, self.xhtml)

    def own_id(self, base: str) -> str:
        """An id the edition makes for itself that is none of the author's ids (those stay as they are)."""
        taken = self.author_ids
        cand, n = base, 1
        while cand in taken:
            n += 1
            cand = f"{base}-{n}"
        return cand

    def author_anchor(self, attr: Attr) -> str:
        """The anchor of an id the author gave a paragraph (its ``author-id``: the paragraph's own id is its number)."""
        aid = attr.get("author-id") or ""
        return f'<span id="{escape(aid, quote=True)}"></span>' if aid and aid != attr.id else ""

    def _compact(self, blocks: tuple) -> str:
        """A single paragraph without attributes as its words alone (a table cell, a definition); else blocks."""
        if len(blocks) == 1 and isinstance(blocks[0], Para) and blocks[0].attr == Attr():
            return self.inlines(blocks[0].children)
        return self.blocks(blocks)

    # ------------------------------------------------------------ blocks
    def b_Table(self, n: Table) -> str:
        self.table_count += 1
        table_id = n.attr.id or self.own_id(f"table-{self.table_count}")
        caption = self.inlines(n.caption)
        html = table_html(n, table_id=table_id, attrs=self._attrs(n.attr), caption=caption,
                          cell_html=self._cell, xhtml=self.xhtml)
        if self.flavour == "print":
            return f'<div class="table-wrap">\n{html}\n</div>'
        # a table wider than a phone scrolls sideways in its frame: the frame must take the keyboard's focus
        if caption:
            cid = self.own_id(f"{table_id}-caption")
            html = html.replace("<caption>", f'<caption id="{cid}">', 1)
            label = f'aria-labelledby="{cid}"'
        else:
            label = f'aria-label="Table {self.table_count}"'  # each landmark's name unique (axe landmark-unique)
        return f'<div class="table-wrap" role="region" tabindex="0" {label}>\n{html}\n</div>'

    def _cell(self, cell: TableCell) -> str:
        return self._compact(cell.blocks)

    def b_DefinitionList(self, n: DefinitionList) -> str:
        out = [f"<dl{self._attrs(n.attr)}>"]
        for item in n.items:
            out.append(f"<dt>{self.inlines(item.term)}</dt>")
            for definition in item.definitions or ((),):
                out.append(f"<dd>{self._compact(definition)}</dd>")
        out.append("</dl>")
        return "\n".join(out)

    def b_LineBlock(self, n: LineBlock) -> str:
        br = "<br/>" if self.xhtml else "<br>"
        lines = [f'<span class="line">{self.inlines(leading_spaces_kept(line))}</span>' for line in n.lines]
        return f'<div class="line-block"{self._attrs(n.attr)}>{br.join(lines)}</div>'

    def b_Div(self, n: Div) -> str:
        return f"<div{self._attrs(n.attr)}>\n{self.blocks(n.blocks)}\n</div>"

    def para_content(self, children: tuple) -> str:
        """A paragraph's words; the words after a display formula in a block of their own that is not indented
        (the formula is a block inside the paragraph: what follows it continues the sentence)."""
        if not any(isinstance(c, Math) and c.display for c in children):
            return self.inlines(children)
        out, run, after = [], [], False
        for child in (*children, None):
            if child is not None and not (isinstance(child, Math) and child.display):
                run.append(child)
                continue
            if run:
                html = self.inlines(tuple(run))
                out.append(f'<span class="after-display">{html}</span>' if after else html)
                run = []
            if child is not None:
                out.append(self.inline(child))
                after = True
        return "".join(out)

    # ------------------------------------------------------------ inlines
    def i_Styled(self, n: Styled) -> str:
        inner = self.inlines(n.children)
        tags = STYLE_TAGS.get(n.style)
        if tags is None:
            self.warn(f"{n.style!r} styled text is not known to this writer; its words are kept unstyled")
            return inner
        return tags[0] + inner + tags[1]

    def i_Math(self, n: Math) -> str:
        html = mathml(n.text, n.display)
        if html is None:
            return self.math_fallback(n)
        return html

    def math_fallback(self, n: Math) -> str:
        tex = " ".join(n.text.split())
        self.warn(f"formula \u201c{tex[:60]}\u201d could not be converted; its TeX is kept as text")
        return tex_fallback(n.text, n.display)

    # ------------------------------------------------------------ the abstract
    def abstract_section(self) -> str:
        """The document's abstract, before the body under its own heading (empty if it has none)."""
        if not self.doc.abstract:
            return ""
        sid = self.own_id("abstract")
        hid = self.own_id("abstract-title")
        role = ' epub:type="abstract" role="doc-abstract"' if self.xhtml else ' role="doc-abstract"'
        return (f'<section class="abstract" id="{sid}"{role} aria-labelledby="{hid}">\n'
                f'<h2 id="{hid}">{ABSTRACT_LABEL}</h2>\n{self.blocks(self.doc.abstract)}\n</section>')
