"""What the tree guarantees every writer so that EPUBCheck, Ace, the Nu checker and axe have nothing to say
(issue 16): no control characters or noncharacters, unique ids, no empty headings or lists, a text
alternative for every image, header rows in a table's head, a distinct name for every table frame."""

from __future__ import annotations

import dataclasses
import re

import toolkit
from toolkit.options import Context
from toolkit.passes.ids import assign_ids
from toolkit.passes.normalize import normalize_text
from toolkit.passes.sanitize import sanitize
from toolkit.tree.nodes import (
    Attr,
    Document,
    Figure,
    Heading,
    ListBlock,
    Meta,
    Para,
    Table,
    TableCell,
    TableRow,
    Text,
)
from toolkit.tree.walk import iter_nodes, plain_text


def run(doc: Document, *passes) -> tuple[Document, list[str]]:
    ctx = Context()
    for step in passes or (normalize_text, sanitize):
        doc = step(doc, ctx)
    return doc, ctx.warnings


def every_string(doc: Document) -> str:
    return " ".join([*(plain_text(n.children) for n in iter_nodes(doc) if isinstance(n, (Para, Heading))),
                     doc.meta.title or ""])


def test_c1_controls_and_noncharacters_are_dropped_with_one_warning_naming_how_many():
    doc = Document(meta=Meta(title="Harbour\x85 report"),
                   blocks=(Para((Text("Ana\x80 Petrova\x99 said \ufdd0yes\uffff and \U0001fffeno\x07."),)),))
    out, warnings = run(doc)
    text = every_string(out)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\U0001fffe]", text)
    assert "Ana Petrova said yes and no." in text
    assert out.meta.title == "Harbour report"
    counted = [w for w in warnings if "control character" in w]
    assert len(counted) == 1, warnings
    assert "7 " in counted[0], warnings
    # mis-decoded "café’s" (read as Latin-1): the repair needs its C1 bytes, so it runs before they are dropped
    broken = "caf\u00c3\u00a9\u00e2\u0080\u0099s menu"
    out, _ = run(Document(meta=Meta(), blocks=(Para((Text(broken),)),)))
    assert every_string(out).strip() == "caf\u00e9\u2019s menu"


def test_a_paragraph_of_control_characters_alone_goes():
    out, _ = run(Document(meta=Meta(), blocks=(Para((Text("\x81\x82"),)), Para((Text("kept"),)))))
    assert [plain_text(b.children) for b in out.blocks] == ["kept"]


def test_empty_headings_and_lists_are_dropped_with_a_warning():
    doc = Document(meta=Meta(), blocks=(
        Heading(2, (Text("\x9d"),)), Para((Text("Body."),)),
        ListBlock(False, ((), (Para((Text("\x90"),)),))),
        ListBlock(True, ((Para((Text("one"),)),), ())),
    ))
    out, warnings = run(doc)
    assert not any(isinstance(b, Heading) for b in out.blocks)
    lists = [b for b in out.blocks if isinstance(b, ListBlock)]
    assert len(lists) == 1
    assert len(lists[0].items) == 1
    assert any("heading" in w and "1" in w for w in warnings), warnings
    assert any("list" in w and "1" in w for w in warnings), warnings


def test_images_get_the_caption_as_alt_or_an_explicit_empty_alt_with_a_warning():
    doc = Document(meta=Meta(), blocks=(
        Figure("a.png", "", caption=(Text("The  mill race in spring"),)),
        Figure("b.png", "  "),
        Figure("c.png", "A weir", caption=(Text("Caption"),)),
    ))
    out, warnings = run(doc)
    alts = [b.alt for b in out.blocks]
    assert alts == ["The mill race in spring", "", "A weir"]
    assert any("alt" in w and "1 image" in w for w in warnings), warnings
    # an image that is not there: its "not included" line does not repeat the caption given as its alt
    page = toolkit.render(dataclasses.replace(out, meta=Meta(title="Figures", language="en")), "html").decode()
    assert "Image not included: The mill race" not in page


def test_leading_header_rows_become_the_table_head():
    head = TableRow((TableCell((Para((Text("Year"),)),), header=True), TableCell((Para((Text("Catch"),)),), header=True)))
    row = TableRow((TableCell((Para((Text("2023"),)),)), TableCell((Para((Text("41"),)),))))
    out, _ = run(Document(meta=Meta(), blocks=(Table((), (head, row)),)))
    table = out.blocks[0]
    assert table.head == (head,)
    assert table.body == (row,)
    out, _ = run(Document(meta=Meta(), blocks=(Table((), (head,)),)))  # header cells alone: still a body
    assert out.blocks[0].body == (head,)


def test_repeated_ids_get_suffixes_and_paragraph_numbers_stay():
    doc = Document(meta=Meta(), blocks=(
        Heading(2, (Text("One"),), Attr("part")), Para((Text("a"),)),
        Heading(2, (Text("Two"),), Attr("part")),
        Figure("x.png", "x", attr=Attr("p1")),  # named like the first paragraph's number
        Para((Text("b"),), Attr("part")),  # a paragraph whose author id is taken by a heading
    ))
    out, warnings = run(doc, assign_ids)
    ids = [n.attr.id for n in iter_nodes(out) if isinstance(getattr(n, "attr", None), Attr) and n.attr.id]
    anchors = [n.attr.get("author-id") for n in iter_nodes(out) if isinstance(n, Para) and n.attr.get("author-id")]
    assert len(set(ids + anchors)) == len(ids + anchors), ids + anchors
    assert out.blocks[0].attr.id == "part"
    assert out.blocks[1].attr.id == "p1"
    assert any("repeated id" in w for w in warnings), warnings


def test_every_table_frame_of_the_html_edition_has_its_own_name():
    row = TableRow((TableCell((Para((Text("1"),)),)),))
    doc = Document(meta=Meta(title="Two tables", language="en"),
                   blocks=(Table((), (row,)), Para((Text("Between."),)), Table((), (row,))))
    page = toolkit.render(doc, "html").decode()
    names = re.findall(r'class="table-wrap"[^>]*aria-label="([^"]+)"', page)
    assert len(names) == 2, names
    assert len(set(names)) == 2, names


def test_links_to_a_place_the_article_does_not_have_become_their_words():
    from toolkit.tree.nodes import Link

    doc = Document(meta=Meta(), blocks=(
        Heading(2, (Text("Tides"),), Attr("tides")),
        Para((Link((Text("the tides"),), "#tides"), Text(" and "), Link((Text("the weirs"),), "#weirs"))),
    ))
    out, warnings = run(doc, assign_ids)
    para = out.blocks[1]
    assert isinstance(para.children[0], Link)
    assert para.children[2:] == (Text("the weirs"),)
    assert any("#weirs" in w for w in warnings), warnings
