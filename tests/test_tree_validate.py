"""Field types and depth of trees read from JSON (toolkit/tree/validate.py)."""

from __future__ import annotations

import re

import pytest

from toolkit.errors import SchemaError
from toolkit.tree.nodes import BlockQuote, Document, Heading, Meta, Para, Text
from toolkit.tree.validate import MAX_DEPTH, validate


def test_valid_tree_passes():
    doc = Document(meta=Meta(title="T"), blocks=(Heading(2, (Text("h"),)), Para((Text("p"),))))
    assert validate(doc) is doc


@pytest.mark.parametrize(("doc", "where"), [
    (Document(blocks=(Para("text"),)), "$.blocks[0].children should be a list"),
    (Document(blocks=(Text("x"),)), "$.blocks[0] should be Para or"),
    (Document(blocks=(Heading(True, ()),)), "$.blocks[0].level should be int"),
    (Document(blocks=(Heading(0, ()),)), "$.blocks[0].level should be 1 to 9"),
    (Document(meta=Meta(title=3)), "$.meta.title should be str or null"),
    (Document(abbreviations=(("a",),)), "$.abbreviations[0] should have 2 items"),
])
def test_wrong_types_are_named(doc, where):
    with pytest.raises(SchemaError, match=re.escape(where)):
        validate(doc)


def test_depth_limit():
    block = Para((Text("x"),))
    for _ in range(MAX_DEPTH + 1):
        block = BlockQuote((block,))
    with pytest.raises(SchemaError, match="nested more than"):
        validate(Document(blocks=(block,)))
