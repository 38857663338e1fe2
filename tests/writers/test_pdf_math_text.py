"""A formula in the PDF is a drawing, with its symbols as invisible text for search and copy (an artifact)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

import toolkit
from toolkit.writers.pdf.math import math_img, spoken_text


@pytest.mark.parametrize(("tex", "text"), [
    ("E = mc^2", "E = mc2"),
    (r"\sin x + \cos y", "sin x + cos y"),
    (r"\frac{a+b}{2}", "a + b2"),
])
def test_the_text_layer_reads_as_pandocs_plain_text_does(tex, text):
    assert spoken_text(tex, False) == text


def test_the_layer_is_hidden_from_screen_readers_and_an_unreadable_formula_has_none():
    html = math_img("E = mc^2", False)
    assert '<span class="math-text" aria-hidden="true">E = mc2</span>' in html
    assert spoken_text(r"\frac{", False) == ""


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_pdftotext_finds_the_formula(tmp_path):
    src = tmp_path / "m.md"
    src.write_text("---\ntitle: Formulas\n---\n\nEnergy is $E = mc^2$ as written, and\n\n"
                   "$$\\int_0^1 f(x)\\,dx = \\frac{a+b}{2}$$\n", encoding="utf-8")
    (pdf,) = toolkit.build(src, "pdf", tmp_path / "out")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = text.split()
    assert "mc2" in words
    assert "dx" in words
