"""The outline pass: heading levels start at 2 under the title and never skip a level."""

from __future__ import annotations

from pathlib import Path

import toolkit
from toolkit.options import Context, Options
from toolkit.passes.outline import outline_headings
from toolkit.tree.nodes import Attr, BlockQuote, Div, Document, Heading, Meta, Note, Para, Text


def heading(level: int, words: str, attr: Attr = Attr()) -> Heading:
    return Heading(level, (Text(words),), attr)


def doc_of(*blocks) -> Document:
    return Document(meta=Meta(title="T"), blocks=tuple(blocks))


def run(doc: Document) -> Document:
    return outline_headings(doc, Context(input_path=Path("x.md"), options=Options()))


def levels(doc: Document) -> list[tuple[int, str | None]]:
    from toolkit.tree.walk import iter_nodes

    return [(n.level, n.attr.get("source-level")) for n in iter_nodes(doc) if isinstance(n, Heading)]


def test_first_body_level_is_two_and_source_level_kept():
    out = run(doc_of(heading(1, "A"), Para((Text("x"),)), heading(2, "B"), heading(1, "C")))
    assert levels(out) == [(2, "1"), (3, "2"), (2, "1")]


def test_skipped_levels_close_up():
    out = run(doc_of(heading(2, "A"), heading(4, "B"), heading(5, "C"), heading(4, "D"), heading(2, "E"),
                     heading(6, "F")))
    assert [lv for lv, _ in levels(out)] == [2, 3, 4, 3, 2, 3]


def test_climbing_back_to_an_unseen_level_stays_under_its_parent():
    # h2, h4, then h3: the h3 is deeper than the h2 and shallower than the h4, so it sits under the h2
    out = run(doc_of(heading(2, "A"), heading(4, "B"), heading(3, "C"), heading(4, "D")))
    assert [lv for lv, _ in levels(out)] == [2, 3, 3, 4]


def test_a_page_opening_deep_starts_at_two():
    out = run(doc_of(heading(4, "A"), heading(4, "B"), heading(3, "C")))
    assert [lv for lv, _ in levels(out)] == [2, 2, 2]


def test_an_outline_already_right_is_the_same_tree():
    doc = doc_of(heading(2, "A"), heading(3, "B"), heading(2, "C"))
    assert run(doc) is doc


def test_headings_inside_groups_follow_the_outline_but_notes_keep_theirs():
    doc = doc_of(heading(2, "A"), Div((heading(5, "B"),)), BlockQuote((heading(2, "Q"),)),
                 Note("n1", (heading(5, "In a note"),)))
    out = run(doc)
    assert levels(out) == [(2, None), (3, "5"), (2, None), (5, None)]


def test_attributes_survive_and_a_second_run_changes_nothing():
    out = run(doc_of(heading(3, "A", Attr("a", ("x",), (("k", "v"),))), heading(5, "B")))
    first = out.blocks[0]
    assert first.attr.id == "a"
    assert first.attr.classes == ("x",)
    assert first.attr.get("k") == "v"
    assert levels(out) == [(2, "3"), (3, "5")]
    assert run(out) is out


def test_never_deeper_than_six():
    out = run(doc_of(*(heading(n, str(n)) for n in range(1, 8))))
    assert max(lv for lv, _ in levels(out)) == 6


def test_registered_between_reading_and_enrichment(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# Title\n\nSome words here.\n\n## One\n\nText.\n\n#### Deep\n\nMore text.\n", encoding="utf-8")
    doc = toolkit.read(path)
    assert [lv for lv, _ in levels(doc)][-2:] == [2, 3]
    from toolkit.builtins import SPECS

    order = {s.name: s.order for s in SPECS if hasattr(s, "order")}
    assert order["sanitize"] < order["outline"] < order["quotes"]
