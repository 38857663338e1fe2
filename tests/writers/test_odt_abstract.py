"""The ODT edition shows the abstract: pandoc's ODT template wrote it as bare text outside any paragraph,
which LibreOffice does not display."""

from __future__ import annotations

import zipfile

from lxml import etree

import toolkit

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def test_the_abstract_is_a_paragraph_of_the_odt(tmp_path):
    src = tmp_path / "a.md"
    src.write_text("---\ntitle: Harbour\nabstract: The fishermen sang of tides.\n---\n\nBody text.\n",
                   encoding="utf-8")
    (odt,) = toolkit.build(src, "odt", tmp_path / "out")
    root = etree.fromstring(zipfile.ZipFile(odt).read("content.xml"))
    office_text = root.find(".//{urn:oasis:names:tc:opendocument:xmlns:office:1.0}text")
    assert "fishermen" not in "".join(t for t in [office_text.text, *(c.tail for c in office_text)] if t)
    paragraphs = ["".join(p.itertext()) for p in office_text.iter(f"{{{TEXT}}}p", f"{{{TEXT}}}h")]
    assert "Abstract" in paragraphs
    assert "The fishermen sang of tides." in paragraphs
    assert paragraphs.index("The fishermen sang of tides.") < paragraphs.index("Body text.")
