"""The preservation fixture (every kind of content at once: tables, notes, math, definitions, verse, other
languages) gives an HTML edition the Nu checker and axe pass and an EPUB EPUBCheck passes (issue 16)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

import toolkit
from tests.writers.test_epub import epubcheck

ROOT = Path(__file__).resolve().parents[1]
QA = ROOT.parents[1] / "shared" / "tools" / "qa"


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    work = tmp_path_factory.mktemp("fixture-validity")
    for name in ("article.md", "references.json"):
        shutil.copy2(ROOT / "fixtures" / "preserve" / name, work / name)
    Image.new("RGB", (120, 80), (40, 90, 160)).save(work / "basin.png")
    return toolkit.build(work / "article.md", ["html", "epub"], work / "out")


def test_the_epub_passes_epubcheck(editions, tmp_path, monkeypatch):
    _html, epub = editions
    assert epubcheck(epub.read_bytes(), tmp_path, monkeypatch) == []


@pytest.mark.skipif(not (QA / "check-html").exists(), reason="the QA checkers are not here")
def test_the_html_edition_passes_vnu_and_axe(editions):
    html, _epub = editions
    run = subprocess.run([str(QA / "check-html"), str(html)], capture_output=True, text=True, timeout=300)
    if run.returncode == 3:
        pytest.skip("the QA tools are not set up (../shared/tools/qa/setup)")
    assert run.returncode == 0, run.stdout[-3000:]
