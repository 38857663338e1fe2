"""The Markdown writer's round trip: Markdown out, then back in through the markdown reader, gives the same tree.

"The same tree" is tested at two levels:

* exact, at the reader: a tree in the shape the markdown reader produces (no passes run) is
  written and read back with ``passes=False``; every field of the Document is equal, the
  registries (people, sources, abbreviations, events, entities) included;
* after the read passes: an input is read (reader + passes), written, and read again (reader +
  passes); ``meta`` and ``blocks`` are equal, and so are the registries.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import toolkit
from tests.writers.pandoc_inputs import article_copy, rich_document
from toolkit.options import Context, Options
from toolkit.tree.nodes import (
    Attr,
    BlockQuote,
    Code,
    Document,
    Emph,
    Figure,
    Heading,
    Link,
    ListBlock,
    Meta,
    Para,
    Person,
    Quote,
    Source,
    Strong,
    Term,
    Text,
)
from toolkit.writers.pandoc import render_markdown

REGISTRIES = ("people", "sources", "abbreviations", "events", "entities")


def markdown_of(doc: Document) -> bytes:
    return render_markdown(doc, Options(), Context())


def read_back(doc: Document, folder, passes: bool) -> Document:
    path = folder / "roundtrip.md"
    path.write_bytes(markdown_of(doc))
    return toolkit.read(path, passes=passes)


def assert_same(first: Document, second: Document, fields: tuple[str, ...]) -> None:
    for name in fields:
        a, b = getattr(first, name), getattr(second, name)
        if name == "blocks":
            for i, (x, y) in enumerate(zip(a, b, strict=False)):
                assert x == y, f"block {i} differs"
        assert a == b, f"{name} differs"


def test_every_node_kind_reads_back_exactly(tmp_path):
    doc = rich_document()
    back = read_back(doc, tmp_path, passes=False)
    assert_same(doc, back, tuple(f.name for f in dataclasses.fields(Document) if f.name != "warnings"))


def test_markdown_has_front_matter_and_readable_conventions():
    text = markdown_of(rich_document()).decode("utf-8")
    assert text.startswith("---\n")
    front, body = text[4:].split("\n---\n", 1)
    for key in ("title:", "toolkit:", "people:", "sources:"):
        assert key in front
    assert '[\\“We used to fish here,\\”]{#q1 .quote marks="“”" group="g1" speaker="maria" cue="said"}' in body
    assert '.cite source="ministry"' in body
    assert "![The dry riverbed in *August* [Photo: Ana Lima]{.credit}](riverbed.png)" in body
    assert "[^1]: Talks resumed in June." in body


def test_seed_round_trips_after_passes(seed_doc, tmp_path):
    back = read_back(seed_doc, tmp_path, passes=True)
    assert_same(seed_doc, back, ("meta", "blocks", *REGISTRIES))


def test_markdown_article_round_trips_after_passes(tmp_path):
    doc = toolkit.read(article_copy(tmp_path / "in"))
    assert any(type(n).__name__ == "Cite" for b in doc.blocks for n in getattr(b, "children", ()))
    back = read_back(doc, tmp_path, passes=True)
    assert_same(doc, back, ("meta", "blocks", *REGISTRIES))


def test_round_trip_is_stable(tmp_path):
    """Writing the read-back tree again gives the same bytes: nothing drifts on repeated trips."""
    first = markdown_of(rich_document())
    path = tmp_path / "a.md"
    path.write_bytes(first)
    assert markdown_of(toolkit.read(path, passes=False)) == first


# Text a reader may produce: words with punctuation that Markdown and smart quotes treat specially.
_CHARS = st.sampled_from(list("abcXYZ019 .,;:!?-*_`#<>[](){}|\\/\"'&%$@~^+=\u201c\u201d\u2018\u2019\u2026\u2014\u2013\u00e9"))
_TEXT = st.text(_CHARS, min_size=1, max_size=40).map(lambda s: " ".join(s.split())).filter(bool)


def _tree_of(a: str, b: str, c: str, d: str) -> Document:
    marks = Attr(kv=(("marks", "\u201c\u201d"),))
    return Document(
        meta=Meta(title=a, subtitle=b, authors=(c,), tags=(d,)),
        blocks=(Heading(2, (Text(a),), Attr("h")),
                Para((Text(b + " "), Strong((Text(c),)), Text(" "), Quote((Text(d),), "s1", a, attr=marks),
                      Text(" "), Code(c), Text(" "), Link((Text(a),), "https://example.org/", ""))),
                ListBlock(False, ((Para((Text(c),)),), (Para((Text(d),)),))),
                BlockQuote((Para((Term((Text(b),), marks), Text(" "), Emph((Text(a),)))),)),
                Figure("", d, (Text(a),), (Text(b),), Attr("fig1"))),
        people=(Person("s1", a, role=b),), sources=(Source("x", c, reference=d),))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=_TEXT, b=_TEXT, c=_TEXT, d=_TEXT)
def test_any_text_reads_back_as_written(tmp_path, a, b, c, d):
    """Markdown syntax, quotation marks and YAML-significant text in any node stay text.

    (Each escape in ``ToPandoc.word`` and ``ToPandoc.meta_value`` was found by this test run with
    thousands of examples.)
    """
    doc = _tree_of(a, b, c, d)
    back = read_back(doc, tmp_path, passes=False)
    assert_same(doc, back, ("meta", "blocks", "people", "sources"))


@pytest.mark.parametrize("title", ["Plain title", 'He said "no" -- twice...', "\u201cQuoted\u201d title's end"])
def test_meta_strings_read_back_as_written(tmp_path, title):
    doc = Document(meta=dataclasses.replace(rich_document().meta, title=title),
                   blocks=(Para((Text("Body."),)),))
    assert read_back(doc, tmp_path, passes=False).meta.title == title
