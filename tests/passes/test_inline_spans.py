"""Wrapping character ranges of a paragraph: text unchanged, nothing lost, note calls kept in place."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from toolkit.passes.inline_spans import wrap_many, wrap_range
from toolkit.tree.nodes import Attr, Emph, NoteRef, Quote, Span, Text
from toolkit.tree.walk import iter_nodes, plain_text


def _notes(children) -> list[str]:
    return [n.note for c in children for n in iter_nodes(c) if isinstance(n, NoteRef)]


def _quote(children):
    return Quote(children, attr=Attr(kv=(("marks", "“”"),)))


def test_note_call_at_the_end_of_the_paragraph_is_kept():
    out = wrap_range((Text("Hello world"), NoteRef("n1")), 0, 5, Span)
    assert out == (Span((Text("Hello"),)), Text(" world"), NoteRef("n1"))


def test_note_call_right_after_the_wrapped_range_stays_outside_it():
    out = wrap_range((Text("Hello world"), NoteRef("n1")), 6, 11, Span)
    assert out == (Text("Hello "), Span((Text("world"),)), NoteRef("n1"))


def test_note_calls_around_a_quotation_stay_outside_its_marks():
    children = (Text("He said "), NoteRef("n0"), Text("“Hi there”"), NoteRef("n1"))
    out = wrap_range(children, 8, 18, _quote, (9, 17))
    assert out == (Text("He said "), NoteRef("n0"), _quote((Text("Hi there"),)), NoteRef("n1"))


def test_note_call_inside_the_range_goes_inside():
    out = wrap_range((Text("Hello"), NoteRef("n0"), Text(" world")), 0, 7, Span)
    assert out[0] == Span((Text("Hello"), NoteRef("n0"), Text(" w")))


def test_range_inside_a_container_keeps_its_trailing_note_call():
    out = wrap_range((Emph((Text("Hello world"), NoteRef("n1"))),), 0, 5, Span)
    assert out == (Emph((Span((Text("Hello"),)), Text(" world"), NoteRef("n1"))),)


pieces = st.lists(st.one_of(st.text("ab “”", min_size=1, max_size=6).map(Text),
                            st.sampled_from(["n1", "n2", "n3"]).map(NoteRef)), min_size=1, max_size=8)


@given(pieces, st.data())
def test_wrapping_loses_nothing(children, data):
    children = tuple(children)
    total = len(plain_text(children))
    start = data.draw(st.integers(0, total))
    end = data.draw(st.integers(start, total))
    out = wrap_range(children, start, end, Span)
    assert plain_text(out) == plain_text(children)
    assert _notes(out) == _notes(children)
    wrapped = next(n for n in out if isinstance(n, Span))
    assert plain_text(wrapped.children) == plain_text(children)[start:end]


@given(pieces, st.data())
def test_several_wraps_lose_nothing(children, data):
    children = tuple(children)
    total = len(plain_text(children))
    cut = data.draw(st.integers(0, total))
    items = [(0, cut, Span, None), (cut, total, Span, None)]
    out = wrap_many(children, items)
    assert plain_text(out) == plain_text(children)
    assert _notes(out) == _notes(children)
