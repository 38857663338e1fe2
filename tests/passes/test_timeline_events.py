"""Timeline: one event per sentence, dated by a date the sentence asserts (issue 24)."""

from __future__ import annotations

from tests.passes.voices import doc_of, run


def events(*paragraphs: str, date: str = "2024-03-17") -> list[tuple[str, str]]:
    return [(e.date, e.text) for e in run(doc_of(*paragraphs, date=date)).events]


def test_one_event_per_sentence():
    found = events("The dam opened in March 2015, was closed in June 2019 and reopened on May 4, 2021.")
    assert len(found) == 1
    assert found[0][0] == "2015-03"


def test_this_week_is_not_an_event_on_the_publication_day():
    assert events("The council met this week to discuss the bridge.",
                  "Today the mayor has no comment on the repairs.") == []
    assert events("The council met last week to discuss the bridge.")[0][0] == "2024-03-10"


def test_a_post_signature_is_not_an_event():
    assert events("The bridge is closed again, and nobody told us. — Ana Ruiz (@anaruiz) March 3, 2024") == []


def test_a_repeated_sentence_is_one_event():
    line = "The ferry service ended in 1998 after the storm."
    assert len(events(line, "Other news followed.", line)) == 1


def test_a_count_a_goal_or_a_baseline_is_not_an_event():
    assert events("The court unsealed about 2000 pages of records.",
                  "The plan cuts emissions 40 per cent on 2005 levels by 2030.",
                  "Labor will hold off on its 2035 target.") == []
    assert events("The plant closed in 2019 after the flood.") == [("2019", "The plant closed in 2019 after the flood.")]


def test_what_is_expected_on_a_weekday_is_dated_forward():
    # 2024-03-17 is a Sunday: "expected on Monday" is 18 March, "met on Monday" 11 March
    assert events("Another batch is expected on Monday.")[0][0] == "2024-03-18"
    assert events("The council met on Monday.")[0][0] == "2024-03-11"


def test_a_season_of_a_year_is_an_event():
    assert events("In the summer of 2017 the mill burned.")[0][0] == "2017"


def test_a_weekday_before_will_is_dated_forward():
    assert events("The statement on Thursday will show the cuts.")[0][0] == "2024-03-21"
