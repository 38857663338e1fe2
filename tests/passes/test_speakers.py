"""Speakers resolved to full names, pronouns, roles at first mention, organisations."""

from __future__ import annotations

import pytest

from tests.passes.voices import doc_of, quotes, run
from toolkit.tree.nodes import Attr, Document, Meta, Para, Quote, Text
from toolkit.tree.walk import plain_text
from toolkit.writers.summary import quotes_of


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


def test_clause_subject_speaks_a_quote_without_reporting_verb():
    found = quotes(
        "The Coastal Bulletin reported on the floods in March.",
        "In May, a senior Federal Water Agency engineer put the cost of the repairs “at well over forty million "
        "dollars, and probably more.”",
    )
    assert len(found) == 1
    assert found[0]["speaker"] == "Federal Water Agency"


def test_sentence_speaker_beats_the_previous_paragraph():
    found = quotes(
        "“The river is rising faster than last year,” said Ines Calder, a hydrologist.",
        "Odile Brandt, the mayor, spoke to the council on Monday and said the dikes were “holding for now, "
        "but only just, and we will need more sandbags.”",
    )
    assert found[-1]["speaker"] == "Odile Brandt"


def test_participle_cue_takes_the_sentence_subject():
    found = quotes("The harbour union published its letter on Friday, warning “there will be no ferries at all "
                   "if the talks fail again next week.”")
    assert found[0]["speaker"].endswith("harbour union")


def test_role_then_name_in_apposition_gives_the_name():
    found = quotes("The ministry’s spokesman, Tomas Novak, said “the bridge will reopen in June after the repairs.”")
    assert found[0]["speaker"] == "Tomas Novak"


@pytest.mark.parametrize("marks", ['"{}"', "“{}”"])
def test_inverted_cue_then_name_and_role(marks):
    text = marks.format("The ferry will run all winter for the first time,") + \
        " said Tomas Rieger, head of the Island Transport Board."
    doc = run(doc_of("The island has had no winter ferry for decades.", text))
    found = quotes_of(doc)
    assert found[0]["speaker"] == "Tomas Rieger"
    assert found[0]["cue"] == "said"
    assert next(p for p in doc.people if p.name == "Tomas Rieger").role == "head of the Island Transport Board"


def test_quotes_a_reader_made_from_marks_get_their_speaker():
    # pandoc's smart quotes arrive as Quote nodes with only their marks: the pass attributes them
    para = Para((Quote((Text("The ferry will run all winter for the first time,"),), attr=Attr(kv=(("marks", "“”"),))),
                 Text(" said Tomas Rieger, head of the Island Transport Board.")))
    doc = run(Document(meta=Meta(), blocks=(para,)))
    (q,) = quotes_of(doc)
    assert q["speaker"] == "Tomas Rieger"
    assert plain_text(doc.blocks[0].children) == plain_text(para.children)


def test_markdown_article_quotes_are_attributed(tmp_path):
    import toolkit

    src = tmp_path / "ferry.md"
    src.write_text('---\ntitle: Ferry\n---\n\nThe island has had no winter ferry for decades.\n\n'
                   '"The ferry will run all winter for the first time," said Tomas Rieger, head of the '
                   'Island Transport Board.\n', encoding="utf-8")
    found = quotes_of(toolkit.read(src))
    assert [(q["speaker"], q["cue"]) for q in found] == [("Tomas Rieger", "said")]


def test_gender_learned_from_the_pronouns_after_a_name():
    found = quotes(
        "Tamsin Achterberg and Ravi Okonkwo opened the ferry office in May.",
        "Achterberg sells the tickets; she also keeps the books.",
        "Okonkwo drives the night bus, and his route ends at the pier.",
        "“The timetable is a mess and nobody has asked the drivers,” she said.",
    )
    assert found[-1]["speaker"] == "Tamsin Achterberg"


def test_person_named_inside_reported_words_is_not_the_pronoun():
    found = quotes(
        "“The harbour is full,” said Greta Solberg, who runs the marina.",
        "Oskar Brandvold, the deputy mayor, says the council should listen to Peter Lindqvist before the vote.",
        "“We will see what happens next week, but I am not hopeful,” he said.",
    )
    assert found[-1]["speaker"] == "Oskar Brandvold"


def test_photo_caption_between_does_not_take_the_pronoun():
    found = quotes(
        "“We kept the lights on all night,” said Greta Solberg, who runs the shelter.",
        "Volunteer Annika Berg sorts blankets at the shelter on Monday. ( Jon Dahl / The Coast Times )",
        "“Nobody was turned away, not one person,” she said.",
    )
    assert [q["speaker"] for q in found] == ["Greta Solberg", "Greta Solberg"]


def test_epithet_names_the_person_just_written_about():
    found = quotes(
        "Kofi Mensah-Bright lost his job at the mill last spring; Mensah-Bright had worked there since 2001.",
        "Helga Strand, his neighbour, later found him a place on a building crew.",
        "Mensah-Bright passed his driving test this winter, which let him take a job with a road crew.",
        "The 44-year-old labourer says the work is hard but steady and the pay is better than at the mill.",
    )
    assert found[-1]["speaker"] == "Kofi Mensah-Bright"


def test_definite_organisation_phrase_names_the_organisation_just_mentioned():
    found = quotes(
        "Storms cut power to 40,000 homes, according to Northshore Power Authority.",
        "“Crews will work through the night to restore service to every customer,” the utility said.",
    )
    assert found[-1]["speaker"] == "Northshore Power Authority"


def test_party_epithet_names_the_politician():
    found = quotes(
        "Senate Majority Leader Tom Aldridge blamed the opposition for the delay on Tuesday.",
        "“They have stalled this bill for months and the people of this state are paying for it,” "
        "the Vermont Republican said.",
    )
    assert found[-1]["speaker"] == "Tom Aldridge"


def test_abbreviated_organisation_speaks_under_its_full_name():
    found = quotes("The Coastal Monitoring Agency (CMA) measured the waves all week.",
                   "The CMA said that the sea wall would need to be raised by a metre.")
    assert found[0]["speaker"] == "Coastal Monitoring Agency"


def test_inverted_role_then_name_gives_the_name():
    found = quotes("“Most printers will not take an order under a thousand copies,” says the shop’s partner, "
                   "Ivo Marsh.")
    assert found[0]["speaker"] == "Ivo Marsh"


def test_unattributed_quote_after_an_attribution_goes_on_with_that_speaker():
    found = quotes("“It took months of drawing,” says Lena Moss, who sold forty copies of her first comic. "
                   "“But when you hold the book, it is all worth it.” “She works harder than anyone,” says her "
                   "father, Anton Moss.")
    assert [q["speaker"] for q in found] == ["Lena Moss", "Lena Moss", "Anton Moss"]


def test_long_stretch_of_she_keeps_the_woman_named_most():
    paras = ["Wendy Arlen lost her son in 2017. Arlen says she still keeps his room as it was.",
             "Arlen wrote to the police and to the coroner; she wrote again when nobody answered."]
    paras += [f"She called the office on day {n} and the office did not call back." for n in range(2, 9)]
    paras.append("He made his own choice, she says, and paid for it with his life.")
    found = quotes(*paras)
    assert found[-1]["speaker"] == "Wendy Arlen"


def test_definite_organisation_phrase_after_the_organisation_spoke():
    found = quotes(
        "NW Hydro said crews had restored power to half of the island by Sunday.",
        "The storm toppled hundreds of trees across the coast road.",
        "“Every pole on the north shore has to be replaced by hand,” the utility said.",
    )
    assert [q["speaker"] for q in found] == ["NW Hydro", "NW Hydro"]


def test_they_is_the_group_named_last():
    found = quotes(
        "The Greens have spent months on their platform, and the Liberals answered with a plan of their own.",
        "They say the plan will return every cent of the new levy to households.",
    )
    assert found[-1]["speaker"] == "Liberals"


def test_capitalised_epithet_with_a_common_noun_head():
    found = quotes(
        "Marcus Obi spent forty years on the night trains between the coasts.",
        "The Black sleeping-car porter remembers every route, and the porter says the work shaped his life.",
    )
    assert {q["speaker"] for q in found} == {"Marcus Obi"}


def test_first_name_of_a_run_on_phrase_is_the_speaker():
    found = quotes("Speaker Nora Pell has led the chamber for a decade.",
                   "Nora Pell often quotes Abraham Lincoln, saying “public sentiment is everything” in her speeches.")
    assert found[-1]["speaker"] == "Nora Pell"
