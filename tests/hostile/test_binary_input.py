"""Binary files under text extensions are refused with what they seem to be, never read as text."""

from __future__ import annotations

import gzip
import io
import random
import zipfile

import pytest

from tests.hostile.conftest import assert_one_line_error, cli


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>" * 50)
    return buf.getvalue()


def _noise() -> bytes:
    return random.Random(7).randbytes(4096)


CASES = [
    ("noise.txt", _noise(), "binary file"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n" + _noise(), "PNG image"),
    ("photo.md", b"\xff\xd8\xff\xe0" + _noise(), "JPEG image"),
    ("paper.md", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + _noise(), "PDF file"),
    ("page.html", _zip(), "zip archive"),
    ("tree.json", gzip.compress(b'{"a": 1}' * 100), "gzip archive"),
    ("tool.txt", b"\x7fELF\x02\x01\x01" + _noise(), "a program"),
]


@pytest.mark.parametrize(("name", "data", "what"), CASES, ids=[c[0] for c in CASES])
def test_binary_under_text_extension(tmp_path, out, name, data, what):
    path = tmp_path / name
    path.write_bytes(data)
    assert_one_line_error(cli("build", path, "-o", out, "--to", "html"), name, what)


def test_binary_without_extension_needs_a_format(tmp_path, out):
    path = tmp_path / "blob"
    path.write_bytes(_noise())
    assert_one_line_error(cli("build", path, "-o", out), "blob", "give --from", code=2)
