"""On a phone the annotated edition's paragraph numbers sit in the text: each is a touch target of at least
24 x 24 CSS px (axe target-size), also right after a paragraph that is a single link."""

from __future__ import annotations

import toolkit
from toolkit.options import Context, Options
from toolkit.pipeline import render

ARTICLE = """---
title: Ferry times
lang: en
---

The ferry leaves at seven and returns at noon; on most days the crossing takes a little under an hour.

[The winter timetable](https://example.org/timetable)

The old landing will be cleared over the winter and the land returned to the rowing club.
"""
SIZES = """() => [...document.querySelectorAll('.article-body .pilcrow')].filter(el => el.offsetParent !== null)
  .map(el => { const r = el.getBoundingClientRect(); return [r.width, r.height]; })"""


def test_paragraph_numbers_are_touch_targets_on_a_phone(browser, tmp_path):
    source = tmp_path / "ferry.md"
    source.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "ferry.html"
    out.write_bytes(render(toolkit.read(source), "html", Options(), Context()))
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(out.as_uri())
    sizes = page.evaluate(SIZES)
    page.close()
    assert len(sizes) >= 3, sizes
    for width, height in sizes:
        assert width >= 24, sizes
        assert height >= 24, sizes
