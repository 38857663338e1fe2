"""Markdown [@key] citations with a bibliography, rendered by pandoc's citeproc (and --csl)."""

from __future__ import annotations

import json

import pytest

import toolkit
from toolkit.errors import InputError
from toolkit.tree.nodes import Cite
from toolkit.tree.walk import iter_nodes
from toolkit.writers.summary import summarize

REFS = [
    {"id": "doe2020", "type": "article-journal", "title": "Camps and Borders",
     "author": [{"family": "Doe", "given": "Jane"}], "container-title": "Journal of Asian Affairs",
     "issued": {"date-parts": [[2020]]}},
    {"id": "roe2019", "type": "book", "title": "The Steppe", "author": [{"family": "Roe", "given": "Rick"}],
     "publisher": "Example Press", "issued": {"date-parts": [[2019]]}},
]
ARTICLE = """---
title: Cited Article
bibliography: refs.json
lang: en
---

Borders matter [@doe2020, p. 4]. Steppes too [@roe2019; @doe2020].
"""
NUMERIC_CSL = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Numeric test</title><id>numeric-test</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation><layout prefix="[" suffix="]" delimiter=", "><text variable="citation-number"/></layout></citation>
  <bibliography><layout><text variable="citation-number" suffix=". "/><text variable="title"/></layout></bibliography>
</style>
"""


@pytest.fixture
def article(tmp_path):
    (tmp_path / "refs.json").write_text(json.dumps(REFS))
    p = tmp_path / "a.md"
    p.write_text(ARTICLE)
    return p


def test_citations_become_cites_and_one_reference_list(article):
    doc = toolkit.read(article)
    cites = [n for n in iter_nodes(doc) if isinstance(n, Cite)]
    assert [c.source for c in cites] == ["doe2020", "roe2019"]
    assert [s.id for s in doc.sources] == ["doe2020", "roe2019"]
    assert doc.sources[0].reference.startswith("Doe, Jane. 2020.")
    text = summarize(doc)["text"]
    assert "(Doe 2020, 4)" in text
    assert "Camps and Borders" not in text  # the reference list is not body text


def test_csl_style_changes_the_rendering(article, tmp_path):
    csl = tmp_path / "numeric.csl"
    csl.write_text(NUMERIC_CSL)
    doc = toolkit.read(article, options=toolkit.Options(csl=csl))
    text = summarize(doc)["text"]
    assert "Borders matter [1]" in text
    assert doc.sources[0].reference == "1. Camps and Borders"


def test_reference_list_in_every_edition(article, tmp_path):
    out = toolkit.build(article, ["html", "epub"], tmp_path / "out")
    html = out[0].read_text()
    assert 'id="sources"' in html
    assert "Doe, Jane. 2020." in html


def test_missing_bibliography_is_a_clear_error(tmp_path):
    p = tmp_path / "a.md"
    p.write_text(ARTICLE)
    with pytest.raises(InputError, match=r"bibliography 'refs\.json' not found"):
        toolkit.read(p)


def test_inline_references_in_front_matter(tmp_path):
    import yaml

    front = yaml.safe_dump({"title": "Inline", "references": REFS})
    p = tmp_path / "b.md"
    p.write_text(f"---\n{front}---\n\nAs shown [@roe2019].\n")
    doc = toolkit.read(p)
    assert [s.id for s in doc.sources] == ["roe2019"]
    assert "(Roe 2019)" in summarize(doc)["text"]


def test_front_matter_csl_outside_the_folder_is_refused(tmp_path):
    (tmp_path / "refs.json").write_text(json.dumps(REFS))
    p = tmp_path / "a.md"
    p.write_text(ARTICLE.replace("lang: en", "lang: en\ncsl: /etc/hostname"))
    with pytest.raises(InputError, match="outside the article's folder"):
        toolkit.read(p)


def test_the_authors_references_heading_titles_the_list_and_is_not_left_empty(article, tmp_path):
    text = article.read_text(encoding="utf-8")
    article.write_text(text.rstrip() + "\n\n# Works cited {#bibliography}\n\n::: {#refs}\n:::\n", encoding="utf-8")
    doc = toolkit.read(article)
    assert dict(doc.meta.extra)["references-title"] == "Works cited"
    assert not any(getattr(b, "attr", None) and b.attr.id == "bibliography" for b in doc.blocks)
    html, epub = toolkit.build(article, ["html", "epub"], tmp_path / "out", toolkit.Options(annotations=False))
    page = html.read_text(encoding="utf-8")
    assert "<h2>Works cited</h2>" in page
    assert 'id="bibliography"' not in page  # no empty heading left over the list
    import zipfile

    assert '<h2 id="sources-title">Works cited</h2>' in zipfile.ZipFile(epub).read("EPUB/article.xhtml").decode()


def test_the_markdown_edition_shows_the_references_and_reads_back_the_same(article, tmp_path):
    (md,) = toolkit.build(article, "markdown", tmp_path / "out")
    text = md.read_text(encoding="utf-8")
    assert "Camps and Borders" in text.split("\n---\n", 1)[1]  # in the body, not only the front matter
    assert "The Steppe" in text
    again = toolkit.read(md)
    first = toolkit.read(article)
    assert again.blocks == first.blocks
    assert again.sources == first.sources


def test_an_authors_refs_division_survives_the_markdown_edition(tmp_path):
    src = tmp_path / "a.md"
    src.write_text("---\ntitle: T\n---\n\nText.\n\n::: {#refs .references}\nA reference written by hand.\n:::\n",
                   encoding="utf-8")
    (md,) = toolkit.build(src, "markdown", tmp_path / "out")
    assert "A reference written by hand." in md.read_text(encoding="utf-8")
    assert toolkit.read(md).blocks == toolkit.read(src).blocks
