"""A full disk: one line saying so, exit 1, the previous edition intact and no partial file left."""

from __future__ import annotations

import os

from tests.hostile.conftest import article_text, assert_one_line_error, cli, paragraphs


def fill(folder, leave: int) -> None:
    """Fill the file system of ``folder`` until ``leave`` bytes are free."""
    st = os.statvfs(folder)
    free = st.f_bavail * st.f_frsize
    with open(folder / "filler", "wb") as fh:
        fh.write(b"\0" * max(free - leave, 0))


def test_full_disk_keeps_the_previous_pdf(tmp_path, tmpfs):
    disk = tmpfs("1m")
    story = tmp_path / "story.txt"
    story.write_text(article_text())
    run = cli("build", story, "-o", disk, "--to", "pdf")
    assert run.exit_code == 0, run.stderr
    (pdf,) = disk.glob("*.pdf")
    before = pdf.read_bytes()

    story.write_text(article_text() + "\n\n".join(paragraphs(300)) + "\n")  # a much longer PDF is due
    fill(disk, 64 * 1024)  # room for the build state, not for the new PDF
    run = cli("build", story, "-o", disk, "--to", "pdf")
    assert_one_line_error(run, str(disk.name), "the disk is full", "free some space")
    assert pdf.read_bytes() == before
    assert not [p.name for p in disk.iterdir() if p.name.endswith(".part")]


def test_full_disk_with_convert(tmp_path, tmpfs):
    disk = tmpfs("16k")
    story = tmp_path / "story.txt"
    story.write_text(article_text())
    target = disk / "story.pdf"
    target.write_bytes(b"%PDF old edition")
    run = cli("convert", story, "--to", "pdf", "-o", target)
    assert_one_line_error(run, "story.pdf", "the disk is full", "choose another folder with -o")
    assert target.read_bytes() == b"%PDF old edition"
    assert sorted(p.name for p in disk.iterdir()) == ["story.pdf"]
