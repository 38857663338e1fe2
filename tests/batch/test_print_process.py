"""The one-article build lays out its PDF in a forked process: same bytes, same errors, no orphans."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.batch.conftest import write_article
from toolkit.batch.inputs import ArticleJob
from toolkit.batch.print_process import PrintProcess, worth_it
from toolkit.errors import InputError
from toolkit.options import Options

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
ALL = ("pdf", "epub", "html")


def _build(path: Path, out: Path, parallel: str, *extra: str) -> dict[str, bytes]:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", TOOLKIT_PRINT_PROCESS=parallel)
    proc = subprocess.run([sys.executable, "-m", "toolkit.cli", "-q", "build", str(path), "-o", str(out), *extra],
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return {p.suffix: p.read_bytes() for p in out.iterdir() if p.suffix in (".pdf", ".epub", ".html")}


def test_same_editions_as_one_process(tmp_path):
    src = write_article(tmp_path, "a.txt", "The same bytes either way", paragraphs=12)
    forked, serial = _build(src, tmp_path / "forked", "1"), _build(src, tmp_path / "serial", "0")
    assert set(forked) == {".pdf", ".epub", ".html"}
    assert forked == serial


def test_same_editions_as_one_process_with_typst_setting_the_print_edition(tmp_path):
    """The Typst engine's second process builds the web edition too: still the bytes of one process."""
    src = write_article(tmp_path, "t.txt", "The same bytes with either engine", paragraphs=12)
    forked = _build(src, tmp_path / "forked", "1", "--pdf-engine", "typst")
    serial = _build(src, tmp_path / "serial", "0", "--pdf-engine", "typst")
    assert set(forked) == {".pdf", ".epub", ".html"}
    assert forked == serial


def test_the_second_process_takes_the_web_edition_only_beside_a_typst_pdf_and_an_epub():
    from toolkit.batch.print_process import side_formats

    assert side_formats(ALL, Options()) == ("pdf",)
    assert side_formats(ALL, Options(pdf_engine="typst")) == ("pdf", "html")
    assert side_formats(("pdf", "html"), Options(pdf_engine="typst")) == ("pdf",)


def test_worth_it_whenever_a_pdf_is_built():
    opts = Options()
    if (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1) < 2:
        pytest.skip("one core: never worth it")
    assert worth_it(ALL, opts)
    assert worth_it(("pdf",), opts)  # WeasyPrint and the sheets load while the article is read
    assert not worth_it(("epub", "html"), opts)
    assert not worth_it(ALL, Options(page_map=True))  # the EPUB waits for the PDF's pages


def test_child_error_is_the_same_error_here(tmp_path):
    from toolkit.options import Context
    from toolkit.pipeline import read

    src = write_article(tmp_path, "b.txt", "An article with a bad style sheet")
    opts = Options(css=(tmp_path / "missing.css",))
    printer = PrintProcess.start(opts, src)
    assert printer is not None
    ctx = Context(input_path=src, options=opts)
    printer.send(read(src, ctx=ctx))
    with pytest.raises(InputError, match="cannot read CSS file"):
        printer.result(ctx)
    assert printer.pid == 0


def test_a_child_never_outlives_a_failed_read(tmp_path):
    from toolkit.batch.article import build_article

    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    before = _children()
    result = build_article(ArticleJob(input=str(empty), key="k"), Options(), ALL, parallel_pdf=True)
    assert result.error
    assert "empty.txt" in result.error
    assert _children() == before  # reaped: no zombie, no orphan


def _children() -> set[int]:
    return _children_of(os.getpid())


def test_child_dies_with_its_parent(tmp_path):
    """A build killed by SIGKILL leaves no PDF process running on."""
    import signal
    import time

    src = write_article(tmp_path, "c.txt", "A parent that is killed", paragraphs=400)
    proc = subprocess.Popen([sys.executable, "-m", "toolkit.cli", "-q", "build", str(src), "-o", str(tmp_path / "out")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    kids: set[int] = set()
    while not kids and time.monotonic() < deadline and proc.poll() is None:
        kids = _children_of(proc.pid)
        time.sleep(0.05)
    if not kids:
        proc.wait(120)
        pytest.skip("the build finished before its print process could be seen")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(30)
    deadline = time.monotonic() + 20
    while any(Path(f"/proc/{k}").exists() and "Z" not in _state(k) for k in kids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(Path(f"/proc/{k}").exists() and "Z" not in _state(k) for k in kids)
    assert not list((tmp_path / "out").glob("*.pdf"))


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def _children_of(parent: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == str(parent):
            found.add(int(stat.parent.name))
    return found


def test_a_child_gone_before_the_tree_means_the_pdf_is_built_here(tmp_path, monkeypatch):
    import signal

    from toolkit.batch import print_process
    from toolkit.batch.article import build_article

    started = []
    real_start = print_process.PrintProcess.start

    def start_then_kill(options, path, *formats):
        printer = real_start(options, path, *formats)
        os.kill(printer.pid, signal.SIGKILL)
        os.waitpid(printer.pid, 0)
        printer.pid = 0
        started.append(printer)
        return printer

    monkeypatch.setattr(print_process.PrintProcess, "start", staticmethod(start_then_kill))
    src = write_article(tmp_path, "d.txt", "A child that never answers")
    result = build_article(ArticleJob(input=str(src), key="d"), Options(), ALL, parallel_pdf=True)
    assert started
    assert result.error is None
    assert result.outputs["pdf"].startswith(b"%PDF")
