"""Attribution mistakes of issue 24, each fixed by a general rule (invented sentences, no corpus text)."""

from __future__ import annotations

from tests.passes.voices import quotes


def speakers(*paragraphs: str) -> list[str | None]:
    return [q["speaker"] for q in quotes(*paragraphs)]


def test_as_x_put_it_names_x():
    assert speakers("As Maria Lopez put it, “the river does not care about our maps,” and the council agreed.") \
        == ["Maria Lopez"]


def test_the_listener_of_told_is_not_the_speaker():
    found = quotes("“The market for memory chips will stay tight through next year,” Daniel Okoro, a research "
                   "analyst at Northgate Securities who follows the sector, told CBS News.")
    assert [(q["speaker"], q["direct"]) for q in found] == [("Daniel Okoro", True)]


def test_she_does_not_resolve_to_a_man():
    assert speakers("Mr. Zorin Hale founded the company in 1961 and died in 2010.",
                    "“We still make every chair by hand,” she said.") == [None]
    assert speakers("Zorin Hale built the first chair in 1961.", "His daughter runs the shop now.",
                    "“We still make every chair by hand,” she said.") == [None]


def test_an_email_quote_is_not_credited_to_its_recipient():
    found = speakers("In an email to Sarah Quinn, the contractor wrote: “We cannot finish the roof before the "
                     "winter storms.”")
    assert found
    assert found[0] != "Sarah Quinn"


def test_a_time_clause_with_a_writing_verb_is_not_speech():
    assert quotes("Over a decade before Ann Marsh wrote the novel that made her name, the mill had closed and "
                  "the town emptied.") == []


def test_claiming_a_thing_is_not_speech_but_claiming_a_clause_is():
    assert quotes("The family claimed the body from the county morgue on Tuesday afternoon.") == []
    found = quotes("The family claimed the land had been taken from them by the railway.")
    assert [q["direct"] for q in found] == [False]


def test_a_time_after_the_name_is_not_part_of_it():
    found = speakers("Halifax MP Rowan Ellis has pushed for the harbour fund since the spring.",
                     "The plan is “a lifeline for the whole coast,” Halifax MP Rowan Ellis earlier this week told "
                     "reporters, and the council agreed.")
    assert found == ["Rowan Ellis"]
