"""The tree: immutability, walking, and an exact JSON round trip with a schema version."""

from __future__ import annotations

import dataclasses
import json

import pytest

from toolkit.errors import SchemaError
from toolkit.tree import build as b
from toolkit.tree.json import dumps, loads, tree_to_dict
from toolkit.tree.nodes import (
    Abbr,
    Attr,
    Cite,
    Document,
    Emph,
    Event,
    Meta,
    Note,
    NoteRef,
    Para,
    Person,
    Quote,
    Source,
    Text,
)
from toolkit.tree.walk import plain_text, query, walk


def sample() -> Document:
    return Document(
        meta=Meta(title="T", subtitle="S", tags=("a", "b"), authors=("Ann Lee",), date="2020-01-02", language="en"),
        blocks=(
            b.heading(1, "Head"),
            Para((Text("He said "), Quote((Text("hi"),), speaker="p1", cue="said",
                                          attr=Attr(kv=(("marks", "“”"),))),
                  Text(" per "), Cite((Text("AP"),), "s1"), Abbr("AP", "Associated Press"),
                  NoteRef("n1")), Attr("p1")),
            b.bullet_list(b.para("one"), b.para("two ", b.emph("x"))),
            b.figure("img.png", "alt", "cap", "credit"),
            Note("n1", (b.para("note"),)),
        ),
        people=(Person("p1", "Ann Lee", "editor"),),
        sources=(Source("s1", "Associated Press", "AP"),),
        abbreviations=(("AP", "Associated Press"),),
        events=(Event("2020-01", "x happened", "p1"),),
    )


def test_json_round_trip_is_exact():
    doc = sample()
    again = loads(dumps(doc))
    assert again == doc
    assert dumps(again) == dumps(doc)


def test_json_carries_version_and_rejects_other_major():
    data = tree_to_dict(sample())
    assert data["toolkit-tree-version"].startswith("1.")
    data["toolkit-tree-version"] = "2.0"
    with pytest.raises(SchemaError, match=r"version 2\.0"):
        loads(json.dumps(data))


def test_json_rejects_unknown_nodes():
    data = tree_to_dict(sample())
    data["blocks"][0]["t"] = "Bogus"
    with pytest.raises(SchemaError, match="Bogus"):
        loads(json.dumps(data))


def test_nodes_are_immutable():
    p = b.para("x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.children = ()


def test_walk_replaces_splices_and_deletes():
    doc = b.document(b.para("a ", b.emph("b")), b.para("drop"), title="x")

    def fn(node):
        if isinstance(node, Text) and node.text == "b":
            return Text("B")
        if isinstance(node, Para) and plain_text(node.children) == "drop":
            return []
        if isinstance(node, Emph):
            return list(node.children)
        return None

    new = walk(doc, fn)
    assert len(new.blocks) == 1
    assert plain_text(new.blocks[0].children) == "a B"
    assert not query(new, lambda n: n if isinstance(n, Emph) else None)


def test_plain_text_restores_quotation_marks():
    q = Quote((Text("hi"),), attr=Attr(kv=(("marks", "“”"),)))
    assert plain_text((Text("He said "), q)) == "He said “hi”"
