"""Speakers resolved to full names, pronouns, roles at first mention, organisations."""

from __future__ import annotations

from tests.passes.voices import doc_of, quotes, run


def test_surname_and_pronoun_resolve_to_the_full_name():
    found = quotes(
        "Priya Natarajan, an associate professor of geology at Lakeside University, studies landslides.",
        "“The slope has been moving for years,” Natarajan says.",
        "“We measured it every week,” she said.",
    )
    assert [q["speaker"] for q in found] == ["Priya Natarajan", "Priya Natarajan"]


def test_role_at_first_mention():
    doc = run(doc_of("Priya Natarajan, an associate professor of geology at Lakeside University, said the slope "
                     "had been moving for years."))
    person = next(p for p in doc.people if p.name == "Priya Natarajan")
    assert person.role == "an associate professor of geology at Lakeside University"
    assert person.kind == "person"


def test_pronoun_follows_gender():
    found = quotes(
        "John Carter met Susan Meyer at the council meeting on Tuesday evening.",
        "“The budget is broken,” she said.",
    )
    assert found[0]["speaker"] == "Susan Meyer"


def test_organisation_speaks():
    doc = run(doc_of("The Ministry of Transport said in a statement that the bridge would reopen in June."))
    speaker = doc.people[0]
    assert speaker.name == "Ministry of Transport"
    assert speaker.kind == "organization"


def test_statement_from_an_institution():
    found = quotes("The city issued a statement from the Water Department on Friday.",
                   "The statement went on to say, “Residents should boil their water until further notice.”")
    assert found[-1]["speaker"] == "Water Department"
