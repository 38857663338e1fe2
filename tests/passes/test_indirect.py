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


def test_participle_after_the_attribution_reports_the_same_speaker():
    found = quotes(INTRO, "“The cranes are old,” says the weary harbour master, noting that the port has not had "
                          "new equipment since the nineties.")
    assert found[-1]["text"] == "that the port has not had new equipment since the nineties"
    assert found[-1]["direct"] is False


def test_participle_takes_the_sentence_subject():
    found = quotes(INTRO, "Berg warned the ferry operators on Monday, saying the storm season would start early "
                          "this year.")
    assert found[-1]["text"] == "the storm season would start early this year"
    assert found[-1]["speaker"] == "Tomas Berg"


def test_clause_with_a_term_in_marks_is_still_reported():
    found = quotes(INTRO, "The cargo moved from “urgent” to “routine” within a week, harbour officials say.")
    assert found[0]["text"].startswith("The cargo moved from")
    assert found[0]["direct"] is False


def test_described_group_speaks():
    found = quotes(INTRO, "But the harbour’s defenders said the new cranes were never needed in the first place.")
    assert found[0]["text"] == "the new cranes were never needed in the first place"
    assert found[0]["speaker"] == "the harbour’s defenders"


def test_second_verb_of_a_coordinated_sentence_keeps_the_subject():
    found = quotes(INTRO, "Berg called the claim nonsense on Monday and in a short statement said the port had "
                          "broken no rules.")
    assert found[-1]["text"] == "the port had broken no rules"
    assert found[-1]["speaker"] == "Tomas Berg"


@pytest.mark.parametrize("sentence", [
    "Berg was told the ferry schedule would be cut in half next month.",
    "The fishermen were furious when the new quota was announced they would lose half their catch.",
])
def test_passive_reporting_verb_is_not_the_subjects_speech(sentence):
    assert quotes(INTRO, sentence) == []


def test_document_noun_speaks():
    found = quotes(INTRO, "Cargo volumes fell by a third over the last decade, the annual report said.")
    assert found[0]["text"] == "Cargo volumes fell by a third over the last decade"


def test_clause_split_by_an_inverted_attribution():
    found = quotes(INTRO, "There is a quiet pride in the work, insists 19-year-old deckhand Lena Moss, in bringing "
                          "every boat home before the tide turns.")
    assert [q["text"] for q in found] == ["There is a quiet pride in the work",
                                          "in bringing every boat home before the tide turns"]
    assert {q["speaker"] for q in found} == {"Lena Moss"}


def test_one_word_before_the_split_attribution():
    found = quotes(INTRO, "Fishermen, Berg says, have no way to plan their season under the new rules.")
    assert [q["text"] for q in found] == ["Fishermen", "have no way to plan their season under the new rules"]


def test_listener_named_at_length_before_that():
    found = quotes(INTRO, "Berg told a crowd of about 200 dock workers gathered at the union hall that the port "
                          "would hire again in spring.")
    assert found[0]["text"] == "that the port would hire again in spring"
    assert found[0]["speaker"] == "Tomas Berg"


def test_however_between_the_verb_and_that():
    found = quotes(INTRO, "He states however, that the fleet has never been in better shape.")
    assert found[0]["text"] == "that the fleet has never been in better shape"


@pytest.mark.parametrize("sentence", [
    "Berg said while sitting in his office near the docks.",
    "Berg said, rejecting a request for more berths from the ferry company.",
])
def test_participle_after_said_is_no_reported_clause(sentence):
    assert quotes(INTRO, sentence) == []


def test_gerund_subject_is_a_reported_clause():
    found = quotes(INTRO, "Berg said leaving the old pier empty would cost the city more than repairing it.")
    assert found[0]["text"] == "leaving the old pier empty would cost the city more than repairing it"


def test_narrator_going_on_after_a_split_attribution_is_not_reported():
    found = quotes(INTRO, "Requests for new cranes are often ignored, he says, and he was angry about the delay.")
    assert [q["text"] for q in found] == ["Requests for new cranes are often ignored"]


def test_speaker_going_on_after_a_split_attribution_is_reported():
    found = quotes(INTRO, "The old crane broke twice last winter, Berg says, and cost the port a week of work.")
    assert [q["text"] for q in found] == ["The old crane broke twice last winter", "and cost the port a week of work"]


def test_number_before_a_verb_form_makes_it_a_noun():
    assert quotes(INTRO, "The home side took five points from the last three games of the season.") == []


def test_inverted_verb_with_a_plain_object_is_no_attribution():
    assert quotes(INTRO, "The closure of the northern pier, however, adds a new problem.") == []


def test_it_after_and_is_the_speaker():
    found = quotes("The harbour authority closed the north pier on Monday. And it said that the south pier would "
                   "stay open all winter.")
    assert found[0]["text"] == "that the south pier would stay open all winter"


def test_name_after_a_clause_and_is_the_speaker():
    found = quotes(INTRO, "The ferry timetable changed in spring and Berg says he is already planning the "
                          "winter crossings.")
    assert found[0]["speaker"] == "Tomas Berg"
    assert found[0]["text"] == "he is already planning the winter crossings"


def test_short_adjunct_between_verb_and_that():
    found = quotes(INTRO, "The union’s lawyers have alleged in court documents that the port broke the contract.")
    assert found[0]["text"] == "that the port broke the contract"


def test_attribution_before_a_semicolon():
    found = quotes(INTRO, "The dockers had two demands, Berg writes; to be paid for the night shifts and to have "
                          "a say in the new timetable.")
    assert [q["text"] for q in found] == ["The dockers had two demands",
                                          "to be paid for the night shifts and to have a say in the new timetable"]
    assert {q["speaker"] for q in found} == {"Tomas Berg"}


@pytest.mark.parametrize("sentence", [
    "The home side added three more goals before the end of the period.",
    "Berg suggested a more careful approach to the dredging contract.",
    "Berg would not say what he will do if the vote fails.",
])
def test_object_or_question_after_the_verb_is_no_report(sentence):
    assert quotes(INTRO, sentence) == []


def test_object_verb_with_a_clause_is_reported():
    found = quotes(INTRO, "Berg added the port would reopen the north pier in May.")
    assert found[0]["text"] == "the port would reopen the north pier in May"
