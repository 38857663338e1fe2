"""Empty and whitespace-only files, under every text extension: one line, exit 1."""

from __future__ import annotations

import pytest

from tests.hostile.conftest import assert_one_line_error, cli


@pytest.mark.parametrize("name", ["empty.txt", "empty.md", "empty.html", "empty.json", "empty.docx", "empty.epub"])
def test_empty_file(tmp_path, out, name):
    path = tmp_path / name
    path.write_bytes(b"")
    assert_one_line_error(cli("build", path, "-o", out), name, "empty", "give an article")
    assert not out.exists() or not [p for p in out.iterdir() if not p.name.startswith(".")]


@pytest.mark.parametrize("name", ["blank.txt", "blank.md", "blank.html"])
def test_whitespace_only_file(tmp_path, out, name):
    path = tmp_path / name
    path.write_bytes(b" \t\r\n\n  \n\xc2\xa0\n" if name.endswith(".txt") else b"   \n\n\t \r\n")
    assert_one_line_error(cli("build", path, "-o", out), name, "empty")
