"""Errors the user causes get a one-line message naming the file, never "internal error" (issue 26, class 6)."""

from __future__ import annotations

import json

from tests.hostile.conftest import assert_one_line_error, cli


def tree_with_number(digits: int) -> str:
    para = {"t": "Para", "children": [{"t": "Text", "text": "A paragraph."}]}
    head = {"t": "Heading", "level": 2, "children": [{"t": "Text", "text": "A heading"}]}
    text = json.dumps({"toolkit-tree-version": "1.0", "t": "Document", "blocks": [head, para]})
    return text.replace('"level": 2', '"level": ' + "7" * digits)


def test_a_huge_integer_in_a_tree_is_named(tmp_path, out):
    path = tmp_path / "numbers.json"
    path.write_text(tree_with_number(5000))
    assert_one_line_error(cli("build", path, "-o", out), "numbers.json", "5,000 digits")


def test_a_long_but_parseable_integer_too(tmp_path, out):
    path = tmp_path / "long.json"
    path.write_text(tree_with_number(60))
    assert_one_line_error(cli("build", path, "-o", out), "long.json", "60 digits")
    assert not [p for p in out.glob("*") if p.is_file()], "no edition is written"
