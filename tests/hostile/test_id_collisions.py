"""Ids and classes from the input never collide with the editions' own (issue 26, class 7): an author's
``#sources``, ``#main`` or ``#toc`` is renamed (links follow) and an author's span classes (``.layers``,
``.skip``) are dropped, so the annotated page has each id once and its panel and skip links land on its own
panels."""

from __future__ import annotations

import collections
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.hostile.conftest import cli

QA = Path(__file__).resolve().parents[3] / "shared" / "tools" / "qa"

STORY = [
    "Ana Petrova said the harbour was quiet that morning, and the fishermen on the north pier agreed with her.",
    '"It was calm, calmer than any morning this winter," Petrova said after the boats had come back in.',
    "Tomasz Wójcik, a harbour pilot, said the night crossing had been slower than the timetable promised.",
]
MARKDOWN = f"""---
title: A Quiet Morning at the Harbour
author: Ana Petrova
---

{STORY[0]} {STORY[1]}

# Sources {{#sources}}

A paragraph with a [marked word]{{.skip #main}} and [another]{{.layers .quote data-speaker="x"}} in it. See
[the sources heading](#sources) and [the contents](#toc).

::: {{#toc .layers}}
{STORY[2]}
:::

# Voices {{#voices}}

{STORY[1]} [Back to the notes](#fn-1).

# Notes {{#fn-1}}

{STORY[2]}
"""
HTML = f"""<!DOCTYPE html><html lang="en"><head><title>A Quiet Morning at the Harbour</title></head><body>
<main id="main"><article><h1>A Quiet Morning at the Harbour</h1><p>By Ana Petrova</p>
<p>{STORY[0]} {STORY[1]}</p><h2 id="sources">Sources</h2>
<p id="toc">A paragraph with a <span class="skip" id="top">marked word</span> and
<span class="layers" data-speaker="x">another</span> in it. See <a href="#sources">the sources</a>.</p>
<h2 id="voices">Voices</h2><p>{STORY[2]}</p></article></main></body></html>
"""
FOREIGN_CLASSES = ("skip", "layers")


def build(tmp_path: Path, name: str, text: str) -> tuple[str, Path]:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    run = cli("build", src, "-o", out, "--to", "html,epub")
    assert run.exit_code == 0, run.stderr
    return next(out.glob("*.html")).read_text(encoding="utf-8"), next(out.glob("*.epub"))


def ids_of(html: str) -> collections.Counter:
    return collections.Counter(re.findall(r'\sid="([^"]+)"', html))


def assert_own_ids_and_links(html: str) -> None:
    ids = ids_of(html)
    assert [i for i, n in ids.items() if n > 1] == [], "each id once"
    for target in re.findall(r'href="#([^"&]+)"', html):
        assert target in ids, f"link to #{target} lands nowhere"
    body = html.split('<div class="article-body">', 1)[1].split("</article>", 1)[0]
    for panel in ("sources", "voices"):
        assert re.search(rf'<section id="{panel}" class="panel', html), panel
        assert not re.search(rf'\sid="{panel}"', body), f"the article's own #{panel} is renamed"
    assert re.search(r'<main id="main"', html)
    for cls in FOREIGN_CLASSES:
        assert not re.search(rf'<span class="(?:[^"]* )?{cls}[" ]', body), f"the author's .{cls} stays out"
    assert not re.search(r'<span class="[^"]*"[^>]*>(?:another|marked word)</span>', body), "no author class"


def test_markdown_ids_and_classes(tmp_path):
    html, epub = build(tmp_path, "harbour.md", MARKDOWN)
    assert_own_ids_and_links(html)
    assert 'href="#a-sources"' in html, "the author's link follows its renamed heading"
    assert 'data-speaker="x"' not in html
    with zipfile.ZipFile(epub) as book:
        for name in book.namelist():
            if name.endswith(".xhtml"):
                ids = ids_of(book.read(name).decode("utf-8"))
                assert [i for i, n in ids.items() if n > 1] == [], name


def test_html_ids_and_classes(tmp_path):
    html, _epub = build(tmp_path, "harbour.html", HTML)
    assert_own_ids_and_links(html)


@pytest.mark.skipif(not (QA / "check-html").exists(), reason="the QA checkers are not here")
def test_the_page_passes_the_nu_checker(tmp_path):
    build(tmp_path, "harbour.md", MARKDOWN)
    page = next((tmp_path / "out").glob("*.html"))
    run = subprocess.run([str(QA / "check-html"), str(page)], capture_output=True, text=True, timeout=300)
    if run.returncode == 3:
        pytest.skip("the QA tools are not set up (../shared/tools/qa/setup)")
    assert "vnu_errors=0" in run.stdout, run.stdout[-3000:]
