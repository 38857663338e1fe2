"""Subjects and keywords are words people use, not a site's codes (issue 24)."""

from __future__ import annotations

import io
import zipfile

import pypdf

from toolkit.language.tags import readable_tags, reads_as_words
from toolkit.pipeline import render
from toolkit.tree.nodes import Document, Meta, Para, Text

TAGS = ("Politics", "front-page", "apple-wwdc", "stream-23490979", "climate change", "COVID-19", "Politics",
        "section/world", "")


def doc() -> Document:
    return Document(Meta(title="Tags", language="en", tags=TAGS), (Para((Text("A short article body."),)),))


def test_codes_are_not_words():
    assert readable_tags(TAGS) == ["Politics", "climate change", "COVID-19"]
    assert not reads_as_words("stream-23490979")
    assert reads_as_words("Apple")


def test_epub_subjects_are_words():
    data = render(doc(), "epub")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        opf = next(z.read(n).decode() for n in z.namelist() if n.endswith(".opf"))
    assert "<dc:subject>Politics</dc:subject>" in opf
    assert "<dc:subject>climate change</dc:subject>" in opf
    assert "front-page" not in opf
    assert "stream-23490979" not in opf


def test_pdf_keywords_are_words():
    info = pypdf.PdfReader(io.BytesIO(render(doc(), "pdf"))).metadata
    keywords = str(info.get("/Keywords", ""))
    assert "Politics" in keywords
    assert "COVID-19" in keywords
    assert "front-page" not in keywords
    assert "apple-wwdc" not in keywords
