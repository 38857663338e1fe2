"""Indirect speech: "said that", "told reporters", "according to", and clause-first reports."""

from __future__ import annotations

import pytest

from tests.passes.voices import quotes

INTRO = "Tomas Berg, the harbour master, has run the port since 2009."


@pytest.mark.parametrize(("sentence", "clause"), [
    ("Berg said that the new cranes would arrive before the winter storms.",
     "that the new cranes would arrive before the winter storms"),
    ("Berg told reporters that the ferry schedule would be cut in half next month.",
     "that the ferry schedule would be cut in half next month"),
    ("Berg said the fishing fleet had lost a third of its boats.",
     "the fishing fleet had lost a third of its boats"),
    ("The fishing fleet had lost a third of its boats, Berg said.",
     "The fishing fleet had lost a third of its boats"),
    ("According to Berg, the fishing fleet had lost a third of its boats.",
     "the fishing fleet had lost a third of its boats"),
])
def test_reported_clause_and_speaker(sentence, clause):
    found = quotes(INTRO, sentence)
    assert len(found) == 1
    assert found[0]["text"] == clause
    assert found[0]["direct"] is False
    assert found[0]["speaker"] == "Tomas Berg"


def test_parenthetical_as_is_not_speech():
    assert quotes(INTRO, "As Berg noted, the harbour has always been busy in the summer months.") == []


def test_nouns_are_not_reporting_verbs():
    assert quotes("The agency published a report on the state of the harbour and its ferries last spring.") == []


def test_partial_quote_inside_reported_clause_is_one_quote():
    found = quotes(INTRO, "Berg said the delays were “a disgrace to everyone who works here.”")
    assert len(found) == 1
    assert found[0]["text"].startswith("the delays were")
