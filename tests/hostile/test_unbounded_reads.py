"""Class 4 of issue 26: every file the toolkit opens (or hands pandoc) is a regular file outside /proc, /sys
and /dev, read within a size limit: devices, pipes and kernel files are refused with a one-line error."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.hostile.conftest import assert_one_line_error, cli, paragraphs
from toolkit.errors import InputError
from toolkit.guard.files import MAX_STYLE_BYTES, read_head, read_style_sheet, regular_file

ENVIRON = Path("/proc/self/environ")


@pytest.fixture
def text_article(tmp_path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text("Rivers\n\n" + "\n\n".join(paragraphs(3)) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def cited_article(tmp_path) -> Path:
    refs = [{"id": "wojcik2010", "type": "book", "title": "Bridges", "author": [{"family": "Wójcik"}],
             "issued": {"date-parts": [[2010]]}}]
    (tmp_path / "refs.json").write_text(json.dumps(refs), encoding="utf-8")
    path = tmp_path / "c.md"
    path.write_text("---\ntitle: Bridges\nbibliography: refs.json\n---\n\n" + paragraphs(1)[0] + " [@wojcik2010].\n",
                    encoding="utf-8")
    return path


def fifo(tmp_path: Path, name: str) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    path = tmp_path / name
    os.mkfifo(path)
    return path


@pytest.mark.skipif(not ENVIRON.exists(), reason="no /proc")
def test_a_kernel_file_as_style_sheet_is_refused_and_not_copied(text_article, out):
    run = cli("build", text_article, "-o", out, "--to", "html,epub", "--css", ENVIRON)
    assert_one_line_error(run, str(ENVIRON), "system file")
    assert not out.exists() or not any(out.glob("*.html"))


def test_a_pipe_as_style_sheet_is_refused_without_waiting(tmp_path, text_article, out):
    run = cli("build", text_article, "-o", out, "--to", "html", "--css", fifo(tmp_path, "house.css"))
    assert_one_line_error(run, "house.css", "not a regular file")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@pytest.mark.parametrize("option", ["--css", "--reference-doc"])
def test_dev_zero_is_refused(text_article, out, option):
    run = cli("build", text_article, "-o", out, "--to", "html,docx", option, "/dev/zero")
    assert_one_line_error(run, "/dev/zero")


@pytest.mark.skipif(not ENVIRON.exists(), reason="no /proc")
def test_a_kernel_file_as_reference_document_is_refused(text_article, out):
    run = cli("build", text_article, "-o", out, "--to", "docx", "--reference-doc", ENVIRON)
    assert_one_line_error(run, str(ENVIRON), "system file")


@pytest.mark.skipif(not ENVIRON.exists(), reason="no /proc")
def test_a_kernel_file_as_citation_style_is_refused(cited_article, out):
    run = cli("build", cited_article, "-o", out, "--to", "html", "--csl", ENVIRON)
    assert_one_line_error(run, str(ENVIRON), "system file")


def test_a_pipe_as_bibliography_is_refused(tmp_path, cited_article, out):
    (tmp_path / "refs.json").unlink()
    fifo(tmp_path, "refs.json")
    run = cli("build", cited_article, "-o", out, "--to", "html")
    assert_one_line_error(run, "refs.json")


def test_a_symlink_to_a_kernel_file_is_refused(tmp_path):
    if not ENVIRON.exists():
        pytest.skip("no /proc")
    link = tmp_path / "house.css"
    link.symlink_to(ENVIRON)
    with pytest.raises(InputError, match="system file"):
        regular_file(link, "CSS file", MAX_STYLE_BYTES)
    assert read_head(link, 16) is None


def test_a_style_sheet_over_its_limit_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.css"
    with big.open("wb") as fh:
        fh.truncate(MAX_STYLE_BYTES + 1)  # sparse: nothing is written, the size is what counts
    with pytest.raises(InputError, match="over the 2 MB limit"):
        read_style_sheet(big)
