"""Random prose with quotation marks, names and reporting verbs: the recognition passes never fail,
never change the text, and every quotation's speaker is a person of the document."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.passes.voices import doc_of, run
from toolkit.tree.nodes import Quote
from toolkit.tree.walk import iter_nodes
from toolkit.writers.summary import body_blocks_text, quotes_of

WORDS = ["said", "says", "told", "according to", "Lopez", "Maria Lopez", "she", "he", "they", "it", "the", "a",
         "ministry", "the agency", "Radio Free Asia (RFA)", "RFA", "that", "and", ",", ".", ":", ";", "—", "“", "”",
         '"', "‘", "’", "'", "«", "»", "(", ")", "Dr.", "U.S.", "READ MORE:", "in", "on Monday", "river", "flood",
         "warned", "noting", "adding", "the 32-year-old", "spokeswoman", "Jane Doe, a professor,", "who", "was",
         "It", "The", "…", "\u00a0", "1998", "3.5", "—said", "wrote", "asked", "called", "“Hi,”", "Doe"]

paragraph = st.lists(st.sampled_from(WORDS), min_size=1, max_size=40).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(paragraph, min_size=1, max_size=5))
@example(["“The river is rising again tonight,” she said."])
@example(["“The river is rising again tonight,” they said. “It is,” it said."])
def test_passes_never_fail_and_keep_the_text(paras):
    doc = run(doc_of(*paras))
    assert body_blocks_text(doc.blocks) == [p.strip() for p in paras if p.strip()]
    people = {p.id for p in doc.people}
    for node in iter_nodes(doc):
        if isinstance(node, Quote) and node.speaker:
            assert node.speaker in people
    for q in quotes_of(doc):
        assert q["text"] is not None
        assert q["speaker"] is None or q["speaker"].lower() not in ("he", "she", "they", "it")
