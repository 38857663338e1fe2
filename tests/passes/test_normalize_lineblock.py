"""Normalising whitespace keeps the indents of a line block's lines (a poem's shape), and only those."""

from toolkit.options import Context
from toolkit.passes.normalize import normalize_text
from toolkit.tree.nodes import Document, Emph, LineBlock, Para, Text


def test_line_blocks_keep_their_indents_and_paragraphs_do_not():
    doc = Document(blocks=(
        LineBlock(((Text("First  line"),), (Text("\u00a0\u00a0\u00a0\u00a0indented   line"),),
                   (Text("\u00a0\u00a0"), Emph((Text("emphasised"),))))),
        Para((Text("\u00a0\u00a0\u00a0Para  text"),)),
    ))
    out = normalize_text(doc, Context())
    block, para = out.blocks
    assert block.lines[0] == (Text("First line"),)
    assert block.lines[1] == (Text("\u00a0\u00a0\u00a0\u00a0indented line"),)
    assert block.lines[2][0] == Text("\u00a0\u00a0")
    assert para.children == (Text(" Para text"),)
