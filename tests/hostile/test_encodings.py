"""Text in Latin-1, Windows-1252, UTF-16 (with and without BOM) and broken UTF-8 is read, with a
warning naming the encoding used; UTF-8 (with or without BOM) gives no warning."""

from __future__ import annotations

import codecs
import json

import pytest

from tests.hostile.conftest import article_text, assert_one_line_error, cli

TITLE = "Caf\u00e9 Society Meets the Na\u00efve River"
SPECIAL = "The r\u00e9sum\u00e9 of the caf\u00e9 owner was read aloud on the terrace by the old d\u00e9butante today."


def text() -> str:
    return article_text(TITLE).replace("Item 3 of the story.", "Item 3 of the story. " + SPECIAL)


def convert(path):
    run = cli("convert", path, "--to", "json")
    assert run.exit_code == 0, run.stderr
    return json.loads(run.stdout), run


CASES = [
    ("latin1.txt", text().encode("latin-1"), "latin-1"),
    ("cp1252.txt", text().replace("aloud", "\u201caloud\u201d \u2013 \u20ac5").encode("cp1252"), "windows-1252"),
    ("utf16.txt", text().encode("utf-16"), "utf-16"),
    ("utf16.md", ("# " + text()).encode("utf-16"), "utf-16"),
    ("utf16.html", f"<html><body><h1>{TITLE}</h1><p>{SPECIAL} {SPECIAL}</p></body></html>".encode("utf-16"),
     "utf-16"),
    ("utf16-nobom.txt", text().encode("utf-16-le"), "utf-16-le"),
    ("latin1.md", ("# " + text()).encode("latin-1"), "latin-1"),
]


@pytest.mark.parametrize(("name", "data", "encoding"), CASES, ids=[c[0] for c in CASES])
def test_encoding_detected_and_named(tmp_path, name, data, encoding):
    path = tmp_path / name
    path.write_bytes(data)
    tree, run = convert(path)
    assert any(f"read as {encoding}" in w and name in w for w in run.warnings), run.stderr
    dumped = json.dumps(tree, ensure_ascii=False)
    assert "r\u00e9sum\u00e9" in dumped
    assert "\ufffd" not in dumped
    if "cp1252" in name:
        assert "\u2013 \u20ac5" in dumped  # bytes 0x96 and 0x80, which Latin-1 would not read as such
        assert "\u201c\u201d" in dumped  # the quotation marks, kept on the quote the passes found


def test_invalid_utf8_bytes_are_replaced_and_counted(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(text().encode("utf-8").replace(b"terrace", b"terr\xffce"))
    tree, run = convert(path)
    assert any("read as utf-8 (1 invalid byte replaced)" in w for w in run.warnings), run.stderr
    dumped = json.dumps(tree, ensure_ascii=False)
    assert "r\u00e9sum\u00e9" in dumped  # the valid UTF-8 around the bad byte is not turned into Latin-1
    assert "terr\ufffdce" in dumped


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8], ids=["utf8", "utf8-bom"])
def test_utf8_gives_no_encoding_warning(tmp_path, bom):
    path = tmp_path / "plain.txt"
    path.write_bytes(bom + text().encode("utf-8"))
    tree, run = convert(path)
    assert not [w for w in run.warnings if "UTF-8" in w], run.stderr
    assert tree["meta"]["title"] == TITLE


def test_bom_that_lies_is_refused(tmp_path, out):
    path = tmp_path / "liar.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8" + b"a\x00")  # a lone surrogate: not UTF-16
    assert_one_line_error(cli("build", path, "-o", out), "liar.txt", "UTF-16", "save it again as UTF-8")
