"""Labels are not people and units are not organisations (issue 24): a table's header cells, a
specification sheet's words, "512 GB"."""

from __future__ import annotations

import json
import re

from tests.passes.voices import doc_of, run
from toolkit.options import Context, Options
from toolkit.passes.mentions import classify
from toolkit.tree.nodes import Document, Meta, Para, Table, TableCell, TableRow, Text
from toolkit.writers.annotated.writer import render_annotated_html


def cell(text: str, header: bool = False) -> TableCell:
    return TableCell((Para((Text(text),)),), header=header)


def spec_sheet() -> Document:
    table = Table(head=(TableRow((cell("Battery Life", True), cell("Screen Size", True), cell("Monthly Cost", True))),),
                  body=(TableRow((cell("12 hours"), cell("14 inches"), cell("$12"))),))
    return Document(Meta(title="A laptop", language="en"), (
        Para((Text("Helena Brandt tested the laptop for a week and liked the keyboard."),)),
        table,
        Para((Text("Screen Size"),)),
        Para((Text("It ships with 512 GB of storage, or 2 TB for more money, and 16 GB RAM."),)),
    ))


def test_labels_and_units_are_not_named_entities():
    assert classify("Screen Size") == "other"
    assert classify("Getting Started") == "other"
    assert classify("GB") == "other"
    assert classify("Helena Brandt") == "person"
    assert classify("Peyton Manning") == "person"  # a surname ending in -ing is still a name


def test_header_cells_and_units_stay_out_of_the_index_and_json_ld():
    doc = run(spec_sheet())
    names = {e.name: e.kind for e in doc.entities}
    assert names == {"Helena Brandt": "person"}
    html = render_annotated_html(doc, Options(), Context()).decode()
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    mentioned = json.dumps(ld.get("mentions", []))
    for label in ("Battery Life", "Screen Size", "Monthly Cost", '"GB"', '"TB"'):
        assert label not in mentioned


def test_a_described_speaker_is_not_indexed_as_a_name():
    doc = run(doc_of("Several harbour pilots and engineers said the channel was too shallow for the new ferries.",
                     "“We cannot dredge it in time,” Port Director Ines Varga said."))
    names = [e.name for e in doc.entities]
    assert any(n.endswith("Ines Varga") for n in names)
    assert not any(n.startswith("Several") for n in names)
