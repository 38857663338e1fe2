"""DOCX, ODT and EPUB inputs that are not zips, have path-traversal names or unpack to too much."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from tests.hostile.conftest import assert_one_line_error, cli, cli_process, pandoc_file, paragraphs, rezip


@pytest.mark.parametrize("name", ["fake.docx", "fake.epub", "fake.odt"])
def test_not_a_zip(tmp_path, out, name):
    path = tmp_path / name
    path.write_text("This is plain text pretending to be a document.\n")
    assert_one_line_error(cli("build", path, "-o", out), name, "not a zip archive", "save it again")


@pytest.mark.parametrize("ext", ["docx", "epub"])
@pytest.mark.parametrize("entry", ["../../evil.txt", "/etc/cron.d/evil", "word/../../evil.txt", "..\\..\\evil.txt"])
def test_path_traversal_names(tmp_path, out, ext, entry):
    good = pandoc_file("---\ntitle: T\n---\n\n" + "\n\n".join(paragraphs(2)), tmp_path / f"good.{ext}")
    bad = rezip(good, tmp_path / f"evil.{ext}", extra={entry: b"pwned"})
    assert_one_line_error(cli("build", bad, "-o", out), f"evil.{ext}", "points outside the archive", "save it again")
    assert not (tmp_path.parent / "evil.txt").exists()


def test_zip_bomb(tmp_path, out):
    good = pandoc_file("# T\n\n" + "\n\n".join(paragraphs(2)), tmp_path / "good.docx")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("word/media/zeros.bin", "w") as fh:
            block = bytes(1 << 20)
            for _ in range(210):
                fh.write(block)
    bomb = rezip(good, tmp_path / "bomb.docx", extra={})
    with zipfile.ZipFile(bomb, "a") as zf, zipfile.ZipFile(buf) as src:
        info = src.getinfo("word/media/zeros.bin")
        zf.writestr(info, src.read(info))
    assert bomb.stat().st_size < 2 << 20
    assert_one_line_error(cli("build", bomb, "-o", out), "bomb.docx", "unpacks to over 200 MB")


def test_too_many_entries(tmp_path, out):
    good = pandoc_file("# T\n\n" + "\n\n".join(paragraphs(2)), tmp_path / "good.docx")
    bad = rezip(good, tmp_path / "many.docx", extra={f"word/media/x{i}.txt": b"" for i in range(10_001)})
    assert_one_line_error(cli("build", bad, "-o", out), "many.docx", "entries")


def _declare_size(data: bytearray, name: bytes, size: int) -> bytes:
    """Overwrite the uncompressed size an archive declares for ``name`` (local and central headers)."""
    for sig, size_at, name_len_at, header in ((b"PK\x01\x02", 24, 28, 46), (b"PK\x03\x04", 22, 26, 30)):
        pos = 0
        while (pos := data.find(sig, pos)) >= 0:
            n = struct.unpack("<H", data[pos + name_len_at:pos + name_len_at + 2])[0]
            if data[pos + header:pos + header + n] == name:
                data[pos + size_at:pos + size_at + 4] = struct.pack("<I", size)
            pos += 4
    return bytes(data)


def test_entry_that_lies_about_its_size(tmp_path, out):
    """A 1 MB DOCX whose document.xml declares 1 KB but inflates to 1 GB: pandoc would inflate it all
    (5 GB of memory); the toolkit inflates it first, with a budget, and refuses."""
    good = pandoc_file("# T\n\n" + "\n\n".join(paragraphs(2)), tmp_path / "good.docx")
    with zipfile.ZipFile(good) as zf:
        xml = zf.read("word/document.xml")
        others = [(info, zf.read(info)) for info in zf.infolist() if info.filename != "word/document.xml"]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in others:
            zf.writestr(info, data)
        entry = zipfile.ZipInfo("word/document.xml")
        entry.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(entry, "w") as fh:
            fh.write(xml)
            block = b" " * (1 << 20)
            for _ in range(1024):
                fh.write(block)
    liar = tmp_path / "liar.docx"
    liar.write_bytes(_declare_size(bytearray(buf.getvalue()), b"word/document.xml", len(xml)))
    assert liar.stat().st_size < 3 << 20
    run, peak = cli_process("build", liar, "-o", out)
    assert_one_line_error(run, "liar.docx", "not the", "it declares", "save it again")
    assert peak < 300 * 1024
