"""A fast sample of `make conformance` (issue 16) in `make test`: five small articles of different kinds, each
built to EPUB and HTML and judged by check-epub (EPUBCheck + DAISY Ace) and check-html (Nu + axe).

The inputs are written here: a Markdown article with a table, a definition list and footnotes; a web page
that skips heading levels, has an image without alt text and C1 control characters; a plain-text page dump;
an RST file; a DOCX pandoc makes from Markdown. Without the QA checkers EPUBCheck alone runs (in-process)."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from PIL import Image

import toolkit
from tests.writers.test_epub import epubcheck

QA = Path(__file__).resolve().parents[2] / "shared" / "tools" / "qa"

MARKDOWN = """---
title: How the Harbour Counts Its Boats
author: Ana Petrova
date: 2024-05-02
lang: en
---

The harbour office counts every boat that ties up overnight.[^count] The figures go back to 1998.

## The counts

| Year | Boats | Nights |
|------|------:|-------:|
| 2022 | 412   | 3,120  |
| 2023 | 455   | 3,402  |

: Boats moored overnight, by year

## Words the office uses

Berth
:   A numbered place along the quay.

Swing mooring
:   A buoy in open water, shared by turns.[^buoy]

[^count]: Boats that leave before midnight are not counted.
[^buoy]: The office keeps a waiting list for these.
"""

HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Night ferry returns</title>
<meta name="author" content="Tomasz W\u00f3jcik"></head><body><article>
<h1>Night ferry returns to the island route</h1>
<p class="byline">By Tomasz W\u00f3jcik</p>
<p>The night ferry sails again from Monday\u0085 after two winters in the dock, the operator said.</p>
<h2>What changes</h2>
<p>Tickets cost the same as before\u0099, and bicycles travel free on every crossing.</p>
<h4>The timetable</h4>
<p>The boat leaves the mainland at ten and the island at half past six in the morning.</p>
<img src="deck.png">
<p>Crews were trained over the summer \u0080and the new gangway was tested in August.</p>
</article></body></html>
"""

TEXT = """Skip to content
Menu

Town library opens on Sundays

By Ana Petrova
March 3, 2024

The town library will open on Sunday afternoons from April, the council said on Tuesday.

"We have asked for this for years," said Tomasz W\u00f3jcik, who runs the reading group.

The extra hours are paid for by a grant for two years. After that the council will decide again.

Share this article
"""

RST = """=============================
A Field Guide to Tide Pools
=============================

:Author: Ana Petrova

Tide pools fill and empty twice a day. What lives in them must survive both.

Where to look
=============

* under the weed at the low-water line;
* in cracks that stay wet at low tide.

What to bring
-------------

1. boots with a good grip;
2. a tide table.

.. note:: Put back every stone you lift.
"""

DOCX_SOURCE = """---
title: Minutes of the Allotment Meeting
author: Tomasz W\u00f3jcik
lang: en
---

# Attendance

Twelve members came; three sent apologies.

# Decisions

- The water tanks are cleaned in March.
- New plots go to the waiting list in order.

> "The list is fair," the secretary said.
"""


def _docx(folder: Path) -> Path:
    from toolkit.pandoc.run import pandoc_path

    (folder / "minutes.md").write_text(DOCX_SOURCE, encoding="utf-8")
    subprocess.run([pandoc_path(), "-s", "minutes.md", "-o", "minutes.docx"], cwd=folder, check=True, timeout=120)
    return folder / "minutes.docx"


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """name -> (html edition, epub edition)."""
    work = tmp_path_factory.mktemp("conformance-sample")
    Image.new("RGB", (160, 90), (30, 80, 140)).save(work / "deck.png")
    inputs = {}
    for name, text in (("harbour.md", MARKDOWN), ("ferry.html", HTML), ("library.txt", TEXT), ("tides.rst", RST)):
        (work / name).write_text(text, encoding="utf-8")
        inputs[name] = work / name
    inputs["minutes.docx"] = _docx(work)
    out = {}
    for name, path in inputs.items():
        html, epub = toolkit.build(path, ["html", "epub"], work / "out" / name.replace(".", "-"))
        out[name] = (html, epub)
    return out


NAMES = ("harbour.md", "ferry.html", "library.txt", "tides.rst", "minutes.docx")


def test_the_web_page_lost_its_control_characters_and_heading_gap(sample):
    html, epub = sample["ferry.html"]
    page = html.read_text(encoding="utf-8")
    assert not any(0x80 <= ord(c) <= 0x9F for c in page)
    with zipfile.ZipFile(epub) as book:
        body = "".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml"))
    assert "<h4" not in body
    assert "<h4" not in page


@pytest.mark.parametrize("name", NAMES)
def test_the_epub_passes(sample, name, tmp_path, monkeypatch):
    _html, epub = sample[name]
    if not (QA / "check-epub").exists():
        assert epubcheck(epub.read_bytes(), tmp_path, monkeypatch) == []
        return
    run = subprocess.run([str(QA / "check-epub"), str(epub)], capture_output=True, text=True, timeout=600)
    if run.returncode == 3:
        pytest.skip("the QA tools are not set up (../shared/tools/qa/setup)")
    assert run.returncode == 0, run.stdout[-3000:]


@pytest.mark.skipif(not (QA / "check-html").exists(), reason="the QA checkers are not here")
@pytest.mark.parametrize("name", NAMES)
def test_the_html_edition_passes_vnu_and_axe(sample, name):
    html, _epub = sample[name]
    run = subprocess.run([str(QA / "check-html"), str(html)], capture_output=True, text=True, timeout=600)
    if run.returncode == 3:
        pytest.skip("the QA tools are not set up (../shared/tools/qa/setup)")
    assert run.returncode == 0, run.stdout[-3000:]
