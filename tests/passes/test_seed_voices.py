"""The seed article: who said what, sources, abbreviations and timeline, as issue 3 expects."""

from __future__ import annotations

import pytest

from toolkit.writers.summary import summarize


@pytest.fixture(scope="module")
def seed(seed_doc):
    from tests.passes.voices import run

    doc = seed_doc if seed_doc.people else run(seed_doc)  # passes registered, or run here
    return summarize(doc)


def _direct_by(summary, name):
    return [q for q in summary["quotes"] if q["direct"] and q["speaker"] == name]


def test_every_kassenova_quotation_is_hers(seed):
    theirs = _direct_by(seed, "Nargis Kassenova")
    # six quotations; the one interrupted by "Kassenova commented." is one, its parts joined
    assert len(theirs) == 6
    assert any("counterpart, As it is, the government" in q["text"] for q in theirs)
    assert not [q for q in seed["quotes"] if "Kassenova" in q["text"]]
    for opening in ("My understanding", "In my view", "it undermines", "Perhaps, if we", "unless the Chinese",
                    "It remains to be seen"):
        assert any(q["text"].startswith(opening) for q in theirs), opening


@pytest.mark.parametrize(("name", "opening"), [
    ("Omir Bekali", "had to disavow"), ("Kayrat Samarkan", "The first category"),
    ("Bruce Pannier", "The Kazakh delegation"), ("Chen Quanguo", "a people’s war"),
])
def test_one_quotation_each(seed, name, opening):
    theirs = _direct_by(seed, name)
    assert len(theirs) == 1
    assert theirs[0]["text"].startswith(opening)


def test_pannier_split_quote_is_joined(seed):
    (q,) = _direct_by(seed, "Bruce Pannier")
    assert "fire with that statement, but diplomacy" in q["text"]


def test_foreign_ministry_statement(seed):
    q = next(q for q in seed["quotes"] if q["text"].startswith("The question of the situation"))
    assert "Foreign Ministry" in q["speaker"]


def test_scare_quotes_are_not_quotes(seed):
    texts = [q["text"] for q in seed["quotes"] if q["direct"]]
    for term in ("three evils", "re-education", "Oralman", "returnee", "occupies", "frequent contacts"):
        assert term not in texts


def test_sources_and_abbreviations(seed):
    names = {s["name"] for s in seed["sources"]} | {s["abbrev"] for s in seed["sources"] if s["abbrev"]}
    assert {"RFA", "AP", "RFE/RL", "The Diplomat"} <= names
    assert seed["abbreviations"]["RFA"] == "Radio Free Asia"
    assert seed["abbreviations"]["RFE/RL"] == "Radio Free Europe/Radio Liberty"
    assert seed["abbreviations"]["SCO"] == "Shanghai Cooperation Organization"
    assert seed["abbreviations"]["BRI"] == "Belt and Road Initiative"
    assert seed["abbreviations"]["AP"] == "Associated Press"


def test_timeline_from_1976_to_2018_in_order(seed):
    dates = [e["date"] for e in seed["events"]]
    assert dates == sorted(dates)
    assert dates[0] == "1976"
    assert dates[-1].startswith("2018")


def test_entities(seed):
    assert {"Nargis Kassenova", "Omir Bekali", "Kayrat Samarkan", "Chen Quanguo"} <= set(seed["people"])
    assert "Kassenova" not in seed["people"]
    assert {"Radio Free Asia", "Shanghai Cooperation Organization"} <= set(seed["organizations"])
    assert {"Kazakhstan", "Xinjiang", "Astana"} <= set(seed["places"])
