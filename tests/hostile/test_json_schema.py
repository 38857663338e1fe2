"""JSON trees of the wrong schema version or shape: one line naming the place, exit 1."""

from __future__ import annotations

import json

import pytest

from tests.hostile.conftest import assert_one_line_error, cli

PARA = {"t": "Para", "children": [{"t": "Text", "text": "A paragraph."}]}


def tree(**fields) -> dict:
    return {"toolkit-tree-version": "1.0", "t": "Document", "blocks": [PARA], **fields}


def write(tmp_path, data, name="tree.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


def test_wrong_major_version(tmp_path, out):
    path = write(tmp_path, tree(**{"toolkit-tree-version": "9.0"}))
    assert_one_line_error(cli("build", path, "-o", out), "tree.json", "schema version 9.0 is not supported",
                          "convert it again")


def test_not_a_tree(tmp_path, out):
    path = write(tmp_path, {"title": "some other JSON"})
    assert_one_line_error(cli("build", path, "-o", out), "tree.json", "not a toolkit tree", "toolkit convert --to json")


CASES = [
    ({"blocks": [{"t": "Para", "children": "text"}]}, "$.blocks[0].children should be a list"),
    ({"blocks": [{"t": "Heading", "level": "2", "children": []}]}, "$.blocks[0].level should be int"),
    ({"blocks": [{"t": "Heading", "level": 99, "children": []}]}, "$.blocks[0].level should be 1 to 9"),
    ({"blocks": [{"t": "Text", "text": "inline where a block belongs"}]}, "$.blocks[0] should be Para or"),
    ({"meta": {"t": "Meta", "title": ["a", "list"]}}, "$.meta.title should be str or null"),
    ({"blocks": [{"t": "Para", "children": [{"t": "Script", "text": "x"}]}]}, "unknown node type 'Script'"),
    ({"blocks": [{"t": "Para", "children": [], "onclick": "x"}]}, "unknown field(s) ['onclick']"),
    ({"blocks": [{"t": "ListBlock", "ordered": "yes", "items": []}]}, "$.blocks[0].ordered should be bool"),
    ({"people": [{"t": "Person", "id": 1, "name": "A"}]}, "$.people[0].id should be str"),
]


@pytest.mark.parametrize(("fields", "message"), CASES, ids=[c[1][:40] for c in CASES])
def test_wrong_shape_names_the_place(tmp_path, out, fields, message):
    path = write(tmp_path, tree(**fields))
    assert_one_line_error(cli("build", path, "-o", out), "tree.json", message)
