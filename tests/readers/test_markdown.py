"""Markdown with front matter and a sidecar file, read through pandoc's JSON AST."""

from __future__ import annotations

import toolkit
from toolkit.tree.nodes import Figure, Heading, Note, Para
from toolkit.tree.walk import plain_text

MD = """---
title: A Test Article
subtitle: With a dek
author: [Ann Lee, Bo Chen]
date: 2021-03-04
lang: en
tags: [Science]
---

First paragraph with *emphasis* and a note.[^1]

## A section

![A chart of things](chart.png){credit="Photo: Ann Lee"}

Second paragraph.

[^1]: The note text.
"""


def test_markdown_front_matter_and_blocks(tmp_path):
    p = tmp_path / "a.md"
    p.write_text(MD, encoding="utf-8")
    doc = toolkit.read(p)
    m = doc.meta
    assert m.title == "A Test Article"
    assert m.subtitle == "With a dek"
    assert m.authors == ("Ann Lee", "Bo Chen")
    assert m.date == "2021-03-04"
    assert m.tags == ("Science",)
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds[:4] == ["Para", "Heading", "Figure", "Para"]
    fig = next(b for b in doc.blocks if isinstance(b, Figure))
    assert fig.src == "chart.png"
    assert plain_text(fig.caption) == "A chart of things"
    assert plain_text(fig.credit) == "Photo: Ann Lee"
    assert any(isinstance(b, Note) for b in doc.blocks)
    assert isinstance(doc.blocks[1], Heading)
    assert all(b.attr.id for b in doc.blocks if isinstance(b, Para))


def test_sidecar_overrides_metadata(tmp_path, seed_path):
    p = tmp_path / "seed.txt"
    p.write_bytes(seed_path.read_bytes())
    (tmp_path / "seed.txt.meta.yaml").write_text("authors: [Catherine Putz]\ndate: 2018-06-01\n")
    doc = toolkit.read(p)
    assert doc.meta.authors == ("Catherine Putz",)
    assert doc.meta.date == "2018-06-01"


def test_json_tree_is_an_input(tmp_path, seed_doc):
    p = tmp_path / "tree.json"
    toolkit.write(seed_doc, "json", p)
    again = toolkit.read(p)
    assert again.blocks == seed_doc.blocks
    assert again.meta == seed_doc.meta
