"""Every kind of content pandoc reads arrives in the tree: tables, definition lists, line blocks, styled
words, math, numbered lists' start and style, language divs, the abstract, notes, ids and anchors.

The hand-written Markdown fixture ``every-kind.md`` holds each kind. pandoc converts it, at test
time, to DOCX, ODT, RST, LaTeX and EPUB; the toolkit reads each back. Some formats lose some kinds
inside pandoc itself (ODT has no definition lists or math; LaTeX's reader drops a description
list's terms, a list's start and a ``multirow`` table's spanned rows; DOCX and RST join a term's two
definitions into one): for each format the test asserts what pandoc keeps, and checks that every
kind pandoc's own AST holds for that file reaches the tree.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

import toolkit
from tests.writers.pandoc_inputs import ast_kinds
from toolkit.errors import InputError
from toolkit.options import Context
from toolkit.pandoc.run import run_pandoc
from toolkit.tree.nodes import (
    Definition,
    DefinitionList,
    Div,
    Document,
    LineBlock,
    LineBreak,
    ListBlock,
    Math,
    Note,
    Span,
    Styled,
    Table,
    TableCell,
    Text,
)
from toolkit.tree.walk import iter_nodes, plain_text

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "pandoc" / "every-kind.md"
EXTENSION = {"markdown": "md", "docx": "docx", "odt": "odt", "rst": "rst", "latex": "tex", "epub": "epub"}
ALL_STYLES = {"strikeout", "underline", "smallcaps", "superscript", "subscript"}
ROMAN_AND_ALPHA = {(4, "decimal"), (4, "lower-roman"), (4, "upper-alpha")}

# What pandoc keeps of the fixture in each format (checked with ``pandoc -t native``).
KEEPS: dict[str, dict] = {
    "markdown": {"styles": ALL_STYLES, "math": True, "definitions": True, "line_block": True, "lists": ROMAN_AND_ALPHA,
                 "rtl_div": True, "abstract": True, "captions": True, "table_ids": True, "anchor": True, "spans": True, "two_definitions": True},
    "docx": {"styles": ALL_STYLES, "math": True, "definitions": True, "line_block": False, "lists": ROMAN_AND_ALPHA,
             "rtl_div": False, "abstract": True, "captions": True, "table_ids": False, "anchor": True, "spans": True,
             "two_definitions": False},
    "odt": {"styles": {"strikeout", "superscript", "subscript"}, "math": False, "definitions": False,
            "line_block": False, "lists": ROMAN_AND_ALPHA, "rtl_div": False, "abstract": False, "captions": False,
            "table_ids": False, "anchor": False, "spans": True, "two_definitions": False},
    "rst": {"styles": {"superscript", "subscript"}, "math": True, "definitions": True, "line_block": True,
            "lists": ROMAN_AND_ALPHA, "rtl_div": False, "abstract": False, "captions": True, "table_ids": False,
            "anchor": False, "spans": True, "two_definitions": False},
    "latex": {"styles": ALL_STYLES, "math": True, "definitions": False, "line_block": False, "lists": set(),
              "rtl_div": False, "abstract": True, "captions": True, "table_ids": True, "anchor": True,
              "spans": False, "two_definitions": False},
    "epub": {"styles": ALL_STYLES, "math": False, "definitions": True, "line_block": True, "lists": ROMAN_AND_ALPHA,
             "rtl_div": True, "abstract": False, "captions": True, "table_ids": True, "anchor": True, "spans": True,
             "two_definitions": True},
}


def pandoc_convert(fmt: str) -> bytes:
    source = FIXTURE.read_bytes()
    if fmt == "markdown":
        return source
    return run_pandoc(["--from", "markdown+smart", "--to", fmt, "--standalone", "--output", "-"], source)


@cache
def converted(fmt: str, folder: str) -> Path:
    path = Path(folder) / f"every-kind.{EXTENSION[fmt]}"
    path.write_bytes(pandoc_convert(fmt))
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> str:
    return str(tmp_path_factory.mktemp("kinds"))


def read(fmt: str, folder: str, passes: bool = True) -> Document:
    return toolkit.read(converted(fmt, folder), passes=passes)


def nodes(doc: Document, cls: type) -> list:
    return [n for n in iter_nodes(doc) if isinstance(n, cls)]


def cell_texts(table: Table) -> list[list[str]]:
    return [[" ".join(plain_text(b.children) for b in c.blocks if hasattr(b, "children")) for c in row.cells]
            for row in (*table.head, *table.body)]


FORMATS = sorted(KEEPS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_tables_arrive_with_their_cells_and_spans(fmt, folder):
    doc = read(fmt, folder)
    tables = nodes(doc, Table)
    assert len(tables) == 2
    prices, grid = tables
    assert cell_texts(prices)[:3] == [["Fruit", "Price", "Origin"], ["Apple", "1.20", "Portugal"],
                                      ["Pear", "0.90", "Spain"]]
    assert all(c.header for c in prices.head[0].cells)
    assert not any(c.header for row in prices.body for c in row.cells)
    assert [plain_text(b.children) for c in grid.head[0].cells for b in c.blocks] == ["Region", "Year", "Value"]
    if not KEEPS[fmt]["spans"]:
        return
    north = grid.body[0].cells[0]
    assert plain_text(north.blocks[0].children) == "North"
    assert north.rowspan == 2, "the grid table's row span"
    assert [len(row.cells) for row in grid.body] == [3, 2, 3]
    if KEEPS[fmt]["captions"]:
        assert plain_text(prices.caption) == "Prices of fruit"
        assert plain_text(grid.caption) == "A grid table with a row span"
    if KEEPS[fmt]["table_ids"]:
        assert (prices.attr.id, grid.attr.id) == ("tbl-prices", "tbl-grid")


def test_markdown_table_columns_widths_and_alignments(folder):
    prices, grid = nodes(read("markdown", folder), Table)
    assert prices.aligns == ("left", "center", "center")
    assert prices.widths == (0.0, 0.0, 0.0)  # a simple table: pandoc's default widths
    assert len(grid.widths) == 3
    assert all(0 < w < 1 for w in grid.widths)
    assert grid.aligns == ("", "", "")


@pytest.mark.parametrize("fmt", FORMATS)
def test_definition_lists_keep_each_definition(fmt, folder):
    lists = nodes(read(fmt, folder), DefinitionList)
    if not KEEPS[fmt]["definitions"]:
        return
    items = {plain_text(d.term): d for dl in lists for d in dl.items}
    water = items["Water"]
    assert isinstance(water, Definition)
    texts = [" ".join(plain_text(b.children) for b in d) for d in water.definitions]
    if KEEPS[fmt]["two_definitions"]:
        assert texts == ["A clear liquid.", "What the valley lacks."]
    else:
        assert " ".join(texts) == "A clear liquid. What the valley lacks."
    assert [plain_text(d[0].children) for d in items["Dam"].definitions] == ["A wall that holds water back."]


@pytest.mark.parametrize("fmt", FORMATS)
def test_line_block_keeps_its_lines(fmt, folder):
    blocks = nodes(read(fmt, folder, passes=False), LineBlock)
    if not KEEPS[fmt]["line_block"]:
        return
    (poem,) = blocks
    lines = [plain_text(line) for line in poem.lines]
    assert [line.strip("\u00a0 ") for line in lines] == ["The river runs", "and the valley waits,", "dry as bone."]
    if fmt == "markdown":  # the poem's indentation, as pandoc gives it: no-break spaces
        assert lines[1].startswith("\u00a0" * 4)
        assert lines[2].startswith("\u00a0" * 8)


@pytest.mark.parametrize("fmt", FORMATS)
def test_styled_words_and_math(fmt, folder):
    doc = read(fmt, folder)
    styled = {(s.style, plain_text(s.children)) for s in nodes(doc, Styled)}
    want = {("strikeout", "false"), ("subscript", "2"), ("superscript", "2"), ("smallcaps", "Ministry"),
            ("underline", "underlined")}
    assert {w for w in want if w[0] in KEEPS[fmt]["styles"]} <= styled
    if KEEPS[fmt]["math"]:
        maths = nodes(doc, Math)
        assert {m.display for m in maths} == {False, True}
        inline = next(m for m in maths if not m.display)
        assert inline.text.replace("{", "").replace("}", "") == "a^2 + b^2 = c^2"


@pytest.mark.parametrize("fmt", FORMATS)
def test_numbered_lists_keep_start_and_style(fmt, folder):
    found = {(b.start, b.style) for b in nodes(read(fmt, folder), ListBlock) if b.ordered}
    assert KEEPS[fmt]["lists"] <= found
    assert len([b for b in nodes(read(fmt, folder), ListBlock) if b.ordered]) == 3


@pytest.mark.parametrize("fmt", FORMATS)
def test_language_div_abstract_notes_and_anchors(fmt, folder):
    doc = read(fmt, folder)
    if KEEPS[fmt]["rtl_div"]:
        (div,) = [d for d in nodes(doc, Div) if d.attr.get("lang") == "ar"]
        assert div.attr.get("dir") == "rtl"
        assert plain_text(div.blocks[0].children) == "مرحبا بالعالم"
    if KEEPS[fmt]["abstract"]:
        assert [plain_text(b.children) for b in doc.abstract] == ["This study reads every kind of content.",
                                                                   "It has two paragraphs."]
        assert "This study" not in " ".join(plain_text(b.children) for b in doc.blocks if hasattr(b, "children"))
    notes = [b for b in doc.blocks if isinstance(b, Note)]
    assert [plain_text(notes[0].blocks[0].children)] == ["The note\u2019s text."]
    if KEEPS[fmt]["anchor"]:
        anchor = [s for s in nodes(doc, Span) if s.attr.id == "here"]
        assert anchor, "the empty anchor []{#here} keeps its id"
        links = {n.url for n in iter_nodes(doc) if type(n).__name__ == "Link"}
        assert "#here" in links


def test_markdown_keeps_author_ids_of_headings_and_tables(folder):
    doc = read("markdown", folder)
    ids = {n.attr.id for n in iter_nodes(doc) if hasattr(n, "attr") and not isinstance(n, (Text, LineBreak))}
    assert {"sec-tables", "poem", "tbl-prices", "tbl-grid", "here"} <= ids


def test_epub_ids_lose_pandocs_chapter_prefix(folder):
    doc = read("epub", folder, passes=False)
    links = [n.url for n in iter_nodes(doc) if type(n).__name__ == "Link"]
    assert links == ["#tbl-prices", "#tbl-grid", "#poem", "#here"]
    ids = {n.attr.id for n in iter_nodes(doc) if getattr(getattr(n, "attr", None), "id", "")}
    assert {"sec-tables", "poem", "tbl-prices", "here"} <= ids
    assert not any(".xhtml" in i for i in ids)
    assert not any(isinstance(b, Div) and "section" in b.attr.classes for b in doc.blocks)


# pandoc's AST node -> how the tree holds it
_TREE_KIND = {"Table": Table, "DefinitionList": DefinitionList, "LineBlock": LineBlock, "Note": Note}


def _pandoc_kinds(fmt: str, folder: str) -> Counter:
    return ast_kinds(json.loads(run_pandoc(["--from", fmt, "--to", "json"], converted(fmt, folder).read_bytes())))


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_kind_in_pandocs_ast_reaches_the_tree(fmt, folder):
    """Whatever pandoc's own reading of the file holds, the tree holds too (counted)."""
    pandoc = _pandoc_kinds(fmt, folder)
    doc = read(fmt, folder, passes=False)
    for kind, cls in _TREE_KIND.items():
        assert len(nodes(doc, cls)) >= pandoc[kind], kind
    styles = Counter(s.style for s in nodes(doc, Styled))
    for t, style in (("Strikeout", "strikeout"), ("Underline", "underline"), ("SmallCaps", "smallcaps"),
                     ("Superscript", "superscript"), ("Subscript", "subscript")):
        assert styles[style] == pandoc[t], t
    assert len(nodes(doc, Math)) == pandoc["Math"]
    if KEEPS[fmt]["spans"]:
        assert len([c for c in nodes(doc, TableCell) if c.rowspan > 1]) == 1
    assert not doc.warnings


def test_docx_holding_only_a_table_reads(tmp_path):
    md = b"| Year | Value |\n|------|-------|\n| 2020 | 10    |\n| 2021 | 12    |\n"
    path = tmp_path / "table.docx"
    path.write_bytes(run_pandoc(["--from", "markdown", "--to", "docx", "--output", "-"], md))
    doc = toolkit.read(path)
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert cell_texts(table) == [["Year", "Value"], ["2020", "10"], ["2021", "12"]]
    assert not any("no article text" in w for w in doc.warnings)


def test_docx_with_nothing_in_it_is_still_refused(tmp_path):
    path = tmp_path / "empty.docx"
    path.write_bytes(run_pandoc(["--from", "markdown", "--to", "docx", "--output", "-"], b"<!-- -->\n"))
    with pytest.raises(InputError, match="no article text found"):
        toolkit.read(path)


RAW = """# Raw passages

\\begin{center}
Centred words
\\end{center}

Some \\textbf{bold} text and <kbd>Ctrl</kbd> keys<br>next line.

<!-- the author's note to self -->

<p>An <em>HTML</em> paragraph &amp; more.</p>
"""


def test_raw_passages_keep_their_text_with_one_warning_per_kind(tmp_path):
    path = tmp_path / "raw.md"
    path.write_text(RAW, encoding="utf-8")
    ctx = Context(input_path=path)
    doc = toolkit.read(path, ctx=ctx, passes=False)
    texts = [plain_text(b.children) for b in doc.blocks]
    assert texts[0] == "\\begin{center}\nCentred words\n\\end{center}"
    assert texts[1] == "Some \\textbf{bold} text and Ctrl keys\nnext line."
    assert texts[2] == "An HTML paragraph & more."
    assert any(isinstance(n, LineBreak) for n in doc.blocks[1].children), "<br> is a line break"
    warnings = [w.split(": ", 1)[1] for w in doc.warnings]
    assert "raw LaTeX block: 1 kept as plain text (pandoc passed it through unconverted)" in warnings
    assert "raw LaTeX inline: 1 kept as plain text (pandoc passed it through unconverted)" in warnings
    assert any(w.startswith("raw HTML inline tag: 4 dropped") for w in warnings)
    assert any(w.startswith("raw HTML block: 2 dropped") for w in warnings)  # <p> and </p>
    assert not any("comment" in w for w in warnings)
    assert len(warnings) == len(set(w.split(":")[0] for w in warnings)), "one line per kind"


def test_raw_latex_warning_fails_a_strict_build(tmp_path):
    from click.testing import CliRunner

    from toolkit.cli.commands import main

    path = tmp_path / "raw.md"
    path.write_text("# T\n\nWords.\n\n\\begin{center}\nx\n\\end{center}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(path), "--to", "markdown", "--strict", "-o", str(tmp_path / "o")])
    assert result.exit_code != 0
    assert "raw LaTeX block" in result.output


def test_unknown_pandoc_kinds_keep_their_text():
    from toolkit.pandoc.from_ast import convert

    ast = {"blocks": [{"t": "FutureBlock", "c": [{"t": "Str", "c": "kept"}, {"t": "Space"}, {"t": "Str", "c": "words"}]},
                      {"t": "Para", "c": [{"t": "Str", "c": "a"}, {"t": "FutureInline", "c": [{"t": "Str", "c": "b"}]}]}],
           "meta": {}}
    got = convert(ast)
    assert [plain_text(b.children) for b in got.blocks] == ["kept words", "ab"]
    assert got.warnings == ("pandoc FutureBlock block: 1 kept as plain text (the toolkit has no such node)",
                            "pandoc FutureInline inline: 1 kept as plain text (the toolkit has no such node)")


def test_image_inside_text_is_kept_after_its_paragraph():
    from toolkit.pandoc.from_ast import convert

    image = {"t": "Image", "c": [["", [], []], [{"t": "Str", "c": "icon"}], ["icon.png", ""]]}
    ast = {"blocks": [{"t": "Para", "c": [{"t": "Str", "c": "See"}, {"t": "Space"}, image, {"t": "Str", "c": "."}]}],
           "meta": {}}
    got = convert(ast)
    assert [type(b).__name__ for b in got.blocks] == ["Para", "Figure"]
    assert got.blocks[1].src == "icon.png"
    assert len(got.warnings) == 1
    assert got.warnings[0].startswith("image inside a line of text: 1")
