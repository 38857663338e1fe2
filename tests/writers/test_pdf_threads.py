"""PDFs from several threads at once: the same PDF as one at a time, no GLib complaint, and WeasyPrint's
logger left exactly as the host application set it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import SEED

SCRIPT = textwrap.dedent("""
    import logging, sys, threading
    from pathlib import Path
    import toolkit
    import weasyprint  # noqa: F401 - it sets up its own logger on import; what we compare starts after

    wlog = logging.getLogger("weasyprint")
    before = (wlog.level, wlog.propagate, list(wlog.handlers), list(wlog.filters))
    out = Path(sys.argv[1])
    docs = [toolkit.read(path) for path in sys.argv[2:]]
    opts = toolkit.Options(source_date_epoch=86400)
    for i, doc in enumerate(docs):
        (out / f"serial-{i}.pdf").write_bytes(toolkit.render(doc, "pdf", opts))
    errors = []

    def work(i):
        try:
            (out / f"thread-{i}.pdf").write_bytes(toolkit.render(docs[i % len(docs)], "pdf", opts))
        except Exception as exc:
            errors.append(repr(exc))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    after = (wlog.level, wlog.propagate, list(wlog.handlers), list(wlog.filters))
    print("errors", errors)
    print("logger", before == after)
""")


def normalised(path) -> bytes:
    """The PDF with its streams uncompressed and a fixed /ID (pydyf hashes the compressed bytes into it)."""
    return subprocess.run(["qpdf", "--qdf", "--object-streams=disable", "--static-id", str(path), "-"],
                          capture_output=True, check=True).stdout


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed (make test installs it)")
def test_concurrent_pdfs_match_serial_ones_and_leave_weasyprints_logger_alone(tmp_path):
    short = tmp_path / "short.md"
    short.write_text("---\ntitle: The harbour\n---\n\n" + "\n\n".join(
        f"Paragraph {n} about the harbour, long enough to wrap over a line or two of the page." for n in range(40)),
        encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path), str(SEED), str(short)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "GLib" not in run.stderr, run.stderr[-3000:]
    assert "corrupted" not in run.stderr
    assert run.stdout.split("\n")[:2] == ["errors []", "logger True"], run.stdout
    serial = [normalised(tmp_path / f"serial-{i}.pdf") for i in range(2)]
    for i in range(8):
        assert normalised(tmp_path / f"thread-{i}.pdf") == serial[i % 2], f"thread {i}"
