"""Small web pages written for the HTML reader's tests: a head, an article header and some prose."""

from __future__ import annotations

import json

import toolkit

PROSE = [
    "The river authority opened the new footbridge on Tuesday after three years of building work and "
    "one change of contractor, promising a shorter walk for the town's commuters and its schoolchildren.",
    "Walkers crossing on the first morning found lit handrails, a covered viewing point and ramps at "
    "both ends that meet the new access rules, according to the engineers who designed the crossing.",
    "The old ferry landing, a concrete slipway dating from the 1950s, will be cleared over the winter "
    "and the land returned to the rowing club that leased it to the council for seven decades.",
    "Councillors said the project had cost a fifth more than planned but argued that the delays had "
    "been caused by floods that washed away the temporary supports twice during construction.",
]

NAV = ('<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>'
       '<li><a href="/sport">Sport</a></li></ul></nav></header>')
FOOT = '<footer class="site-footer"><p>© 2024 Riverside Chronicle. All rights reserved.</p></footer>'


def ld(obj: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def meta(prop: str, content: str, attr: str = "property") -> str:
    return f'<meta {attr}="{prop}" content="{content}">'


def page(head: str = "", header: str = "", *, lang: str = "en", top: str = "", prose: list[str] | None = None) -> str:
    """A page: ``head`` markup, ``top`` (before the article), the article's ``header`` and prose."""
    paras = "".join(f"<p>{p}</p>" for p in (PROSE if prose is None else prose))
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head><body>{NAV}{top}'
            f"<main><article>{header}{paras}</article></main>{FOOT}</body></html>")


def read_meta(tmp_path, html: str):
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    return toolkit.read(path).meta
