"""Annotations gated by confidence (issue 24): every attribution carries its rule and confidence,
and the editions show only the speakers at or above the threshold chosen on the development corpus."""

from __future__ import annotations

from tests.passes.voices import doc_of, run
from toolkit.options import Context, Options
from toolkit.passes.speech.confidence import SHOW_SPEAKER, confidence, shown_speakers, speaker_shown
from toolkit.tree.nodes import Attr, Quote
from toolkit.tree.walk import iter_nodes
from toolkit.writers.annotated.writer import render_annotated_html


def attributed(doc) -> list[Quote]:
    return [n for n in iter_nodes(doc) if isinstance(n, Quote) and n.speaker]


def test_each_attribution_carries_its_rule_and_confidence():
    doc = run(doc_of("Priya Natarajan, an associate professor of geology, studies landslides.",
                     "“The slope has been moving for years,” Natarajan says.",
                     "“We measured it every week,” said Natarajan."))
    rules = [q.attr.get("rule") for q in attributed(doc)]
    assert rules == ["after-x-said+surname", "after-said-x+surname"]
    for q in attributed(doc):
        value = float(q.attr.get("confidence"))
        assert value == confidence(q.attr.get("rule"))
        assert 0.0 < value <= 1.0


def test_weaker_evidence_gets_a_lower_confidence():
    assert confidence("after-x-said+surname") > confidence("sentence-subject+single-name")
    assert confidence("after-x-said+pronoun-group") < SHOW_SPEAKER
    assert confidence("no-such-rule+name") < SHOW_SPEAKER  # an unmeasured rule is not shown


def test_a_tree_without_confidence_keeps_its_speakers():
    assert speaker_shown(Attr())
    assert not speaker_shown(Attr("", (), (("confidence", "0.2"),)))
    assert not speaker_shown(Attr("", (), (("confidence", "n/a"),)))


def test_the_edition_holds_back_an_uncertain_speaker_the_tree_keeps():
    doc = run(doc_of("Priya Natarajan, an associate professor of geology, studies landslides.",
                     "“The slope has been moving for years,” Natarajan says."))
    quote = attributed(doc)[0]
    weak = quote.attr.with_kv("confidence", "0.30")
    from toolkit.tree.walk import walk
    doc = walk(doc, lambda n: Quote(n.children, n.speaker, n.cue, n.direct, weak) if n is quote else None)
    assert attributed(doc)  # the tree (and so the JSON) keeps it
    gated = shown_speakers(doc)
    assert not attributed(gated)
    held = next(n for n in iter_nodes(gated) if isinstance(n, Quote))
    assert held.attr.get("held-speaker") == quote.speaker
    html = render_annotated_html(doc, Options(), Context()).decode()
    assert "data-speaker=" not in html
    sure = render_annotated_html(run(doc_of("Priya Natarajan, an associate professor of geology, studies landslides.",
                                            "“The slope has been moving for years,” Natarajan says.")),
                                 Options(), Context()).decode()
    assert f'data-speaker="{quote.speaker}"' in sure
