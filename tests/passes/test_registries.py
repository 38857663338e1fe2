"""Sources, abbreviations, dated events and named entities on small texts."""

from __future__ import annotations

from tests.passes.voices import doc_of, run, summary
from toolkit.tree.nodes import Abbr, Cite
from toolkit.tree.walk import iter_nodes


def test_sources_are_records_linked_from_citing_words():
    doc = run(doc_of(
        "The Northern Wire Service (NWS) reported that the mine had closed.",
        "Elena Park told The Harbour Gazette via email that the workers were never paid.",
        "According to the Labour Ministry, 300 jobs were lost.",
        "NWS later reported that the owners had left the country.",
    ))
    names = {s.name: s for s in doc.sources}
    assert {"Northern Wire Service", "Harbour Gazette", "Labour Ministry"} <= set(names)
    assert names["Northern Wire Service"].abbrev == "NWS"
    cites = [n for n in iter_nodes(doc) if isinstance(n, Cite)]
    assert sum(1 for c in cites if c.source == names["Northern Wire Service"].id) == 2
    assert all(doc.source(c.source) for c in cites)


def test_abbreviations_in_parentheses_and_expanded_elsewhere():
    doc = run(doc_of(
        "The Coastal Protection Agency (CPA) met the Atlantic Fisheries Council on Monday.",
        "The CPA and the AFC disagreed about the quotas.",
    ))
    pairs = dict(doc.abbreviations)
    assert pairs["CPA"] == "Coastal Protection Agency"
    assert pairs["AFC"] == "Atlantic Fisheries Council"
    first = [n for n in iter_nodes(doc) if isinstance(n, Abbr)]
    assert {a.text for a in first} == {"CPA", "AFC"}
    assert len(first) == 2  # only the first use is marked


def test_absolute_dates_are_sorted_into_a_timeline():
    s = summary("By August 2017, the road was closed.", "In early 2015, the first cracks appeared.",
                "The bridge opened on March 29, 2018, after a long delay.")
    assert [e["date"] for e in s["events"]] == ["2015", "2017-08", "2018-03-29"]
    assert s["events"][0]["text"] == "In early 2015, the first cracks appeared."


def test_relative_dates_need_the_publication_date():
    paras = ("Last month, the council voted to close the road.", "The previous August it had flooded twice.")
    assert summary(*paras)["events"] == []
    dated = summary(*paras, date="2018-06-01")
    assert [e["date"] for e in dated["events"]] == ["2017-08", "2018-05"]


def test_events_point_at_their_paragraph():
    doc = run(doc_of("Nothing happened here.", "In 1999 the dam was built."))
    assert doc.events[0].block == "p2"


def test_entities_with_canonical_names_and_counts():
    doc = run(doc_of(
        "Omar Haddad met officials of the Red Cross in Toronto on Friday.",
        "Haddad said the Red Cross had promised tents. Haddad then flew to Ottawa.",
    ))
    ents = {(e.name, e.kind): e.mentions for e in doc.entities}
    assert ents[("Omar Haddad", "person")] >= 3
    assert ("Red Cross", "organization") in ents
    assert ("Toronto", "place") in ents
    assert ("Ottawa", "place") in ents
    assert not any(name == "Haddad" for name, _ in ents)
