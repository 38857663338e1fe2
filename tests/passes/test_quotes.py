"""Direct quotations in every kind of mark, split and multi-paragraph quotes, and terms."""

from __future__ import annotations

import pytest

from tests.passes.voices import doc_of, quotes, run
from toolkit.tree.nodes import Quote, Term
from toolkit.tree.walk import iter_nodes, plain_text
from toolkit.writers.summary import body_blocks_text

INTRO = "Maria Lopez, a hydrologist at the river authority, studied the flood for a decade."


@pytest.mark.parametrize(("open_", "close"), [("“", "”"), ('"', '"'), ("«", "»"), ("‘", "’")])
def test_direct_quote_in_any_marks(open_, close):
    text = f"{open_}The dam was never designed for this much rain,{close} Lopez said."
    found = quotes(INTRO, text)
    assert len(found) == 1
    assert found[0]["text"] == "The dam was never designed for this much rain,"
    assert found[0]["speaker"] == "Maria Lopez"
    assert found[0]["cue"] == "said"
    assert found[0]["direct"] is True


def test_marks_stay_outside_and_text_is_unchanged():
    paras = [INTRO, "“We were lucky this time,” Lopez said. “Next year we may not be.”"]
    doc = run(doc_of(*paras))
    assert body_blocks_text(doc.blocks) == paras
    q = next(n for n in iter_nodes(doc) if isinstance(n, Quote))
    assert q.attr.get("marks") == "“”"
    assert not plain_text(q.children).startswith("“")


def test_nested_single_quotes_stay_inside():
    found = quotes(INTRO, "“They told us, ‘Stay home,’ and we did,” Lopez said.")
    assert len(found) == 1
    assert "‘Stay home,’" in found[0]["text"]


def test_split_quote_is_one_entry():
    found = quotes(INTRO, "“The water rose fast,” Lopez said, “but the levee held until morning.”")
    assert len(found) == 1
    assert found[0]["text"] == "The water rose fast, but the levee held until morning."
    assert found[0]["speaker"] == "Maria Lopez"


def test_quote_split_by_an_attribution_sentence_is_one_entry():
    found = quotes(INTRO, "“The pumps were old,” Lopez said. “Nobody had replaced them since the eighties.”")
    assert len(found) == 1
    assert found[0]["text"] == "The pumps were old, Nobody had replaced them since the eighties."
    assert found[0]["speaker"] == "Maria Lopez"
    assert found[0]["cue"] == "said"


def test_attribution_sentence_with_more_than_speaker_and_cue_keeps_two_quotes():
    found = quotes(INTRO, "“The pumps were old,” Lopez said after the hearing ended. “Nobody had replaced them.”")
    assert len(found) == 2
    assert [q["speaker"] for q in found] == ["Maria Lopez", "Maria Lopez"]


def test_speaker_before_the_quote_with_colon():
    found = quotes(INTRO, "Lopez put it plainly: “Nobody listened to the engineers for twenty years.”")
    assert found[0]["speaker"] == "Maria Lopez"


def test_multi_paragraph_quote_keeps_its_speaker():
    found = quotes(INTRO, "“The first warning came in March and nobody answered it,” Lopez said.",
                   "“The second warning came in May. It was ignored as well.")
    assert [q["speaker"] for q in found] == ["Maria Lopez", "Maria Lopez"]
    assert found[1]["text"].startswith("The second warning")


def test_block_quote_paragraph_is_attributed():
    doc = doc_of(INTRO, "Lopez wrote in her report:", "“Every pump in the district failed within an hour.”",
                 blockquote=(2,))
    found = [q for q in iter_nodes(run(doc)) if isinstance(q, Quote)]
    assert len(found) == 1


@pytest.mark.parametrize("term", ["“three evils”", "“re-education”", "“The Great Flood of 1998”"])
def test_scare_quotes_and_titles_are_terms(term):
    doc = run(doc_of(f"The officials used the phrase {term} in the brochure about the river works."))
    assert not [n for n in iter_nodes(doc) if isinstance(n, Quote)]
    assert [n for n in iter_nodes(doc) if isinstance(n, Term)]


def test_called_it_is_a_quote():
    found = quotes("Governor Ana Ruiz called the plan “a shameful gamble.”")
    assert found
    assert found[0]["speaker"] == "Ana Ruiz"


def test_link_to_another_article_holds_no_quotes():
    found = quotes(INTRO, "READ MORE: Mayor says the new dam will be finished before the spring floods",
                   "WATCH: “We were lucky this time,” residents say after the river crested")
    assert found == []


def test_pull_quote_with_the_name_after_it():
    found = quotes(INTRO, "Lopez spent ten years measuring the river before anyone listened to her.",
                   "We kept warning the council and nobody wanted to pay for a new levee. Maria Lopez")
    assert found[-1]["text"] == "We kept warning the council and nobody wanted to pay for a new levee."
    assert found[-1]["speaker"] == "Maria Lopez"


def test_caption_with_a_credit_is_no_pull_quote():
    found = quotes(INTRO, "A cyclist rides past the flooded houses of the lower town on a grey morning. Ben Oduya")
    assert found == []


def test_colon_introduction_with_an_apposition():
    found = quotes(INTRO, "Lopez, the hydrologist who mapped the flood plain, is more blunt: “The levee will fail "
                          "again within ten years.”")
    assert found[-1]["speaker"] == "Maria Lopez"
