"""Quotes inside longer quotes are found in one sweep, exactly as the all-pairs definition says."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from toolkit.writers.annotated.panels import _nested

spans = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 12)), max_size=14)


def _pairwise(marks) -> set[int]:
    return {id(m) for m in marks if any(o is not m and o.start <= m.start and m.end <= o.end
                                        and (o.end - o.start) > (m.end - m.start) for o in marks)}


@given(spans)
def test_sweep_equals_all_pairs(pairs):
    marks = [SimpleNamespace(start=s, end=s + n) for s, n in pairs]
    assert _nested(marks) == _pairwise(marks)


def test_equal_spans_are_both_top_level_and_a_longer_one_contains():
    a, b = SimpleNamespace(start=5, end=9), SimpleNamespace(start=5, end=9)
    outer = SimpleNamespace(start=0, end=20)
    assert _nested([a, b]) == set()
    assert _nested([a, outer, b]) == {id(a), id(b)}
