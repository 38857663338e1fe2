"""Nothing lost: a build or a write killed with SIGKILL leaves the previous file intact and, once the
next write of that file has run, no temporary file either."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from pypdf import PdfReader

from tests.hostile.conftest import article_text, paragraphs
from toolkit.output import write_atomic

WRITER = """
import sys
from pathlib import Path
from toolkit.output import write_atomic
data = b"n" * int(sys.argv[2])
write_atomic(Path(sys.argv[1]), data)
"""


def parts(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_write_killed_during_the_write(tmp_path):
    target = tmp_path / "edition.pdf"
    target.write_bytes(b"previous edition")
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target), str(256 * 2**20)])
    deadline = time.monotonic() + 120
    while not parts(tmp_path):  # wait until the temporary file exists: the write is under way
        assert proc.poll() is None, "the writer finished before it could be caught mid-write"
        assert time.monotonic() < deadline
        time.sleep(0.001)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert target.read_bytes() == b"previous edition"
    # the dead writer's temporary file is hidden (.edition.pdf.PID-*.part) and goes at the next write
    assert all(name.startswith(".edition.pdf.") for name in parts(tmp_path))
    write_atomic(target, b"next edition")
    assert target.read_bytes() == b"next edition"
    assert parts(tmp_path) == []


def test_next_write_keeps_a_live_writers_temporary_file(tmp_path):
    target = tmp_path / "edition.pdf"
    live = tmp_path / f".edition.pdf.{os.getpid()}-abc.part"  # ours: this process is alive
    live.write_bytes(b"in progress")
    write_atomic(target, b"x")
    assert live.exists()


def test_build_killed_mid_way_keeps_the_previous_editions(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(article_text() + "\n\n".join(paragraphs(120)) + "\n")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "toolkit.cli", "build", str(story), "-o", str(out), "--to", "html,pdf"]
    t0 = time.monotonic()
    subprocess.run(cmd, check=True, capture_output=True)
    duration = time.monotonic() - t0
    before = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    assert sorted(p.rsplit(".", 1)[1] for p in before) == ["html", "pdf"]

    story.write_text(article_text() + "\n\n".join(paragraphs(160)) + "\n")  # the next build has work to do
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(duration / 2)
    assert proc.poll() is None, "the build finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    after = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}
    assert after == before  # killed while laying out: nothing replaced, nothing half-written
    assert parts(out) == []

    subprocess.run(cmd, check=True, capture_output=True)
    pdf = next(out.glob("*.pdf"))
    assert pdf.read_bytes() != before[pdf.name]
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert "Item 160 of the story." in text  # wherever the lines happen to break
    assert parts(out) == []
