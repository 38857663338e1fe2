"""A block quotation's own <footer> (its signature) is the author's words, kept with the quotation; the page's
<footer> is still page furniture."""

from __future__ import annotations

import toolkit
from tests.readers.html_pages import PROSE
from toolkit.tree.nodes import BlockQuote
from toolkit.tree.walk import iter_nodes, plain_text

SIGNED = ('<blockquote><p>“We will rebuild it within the year, and every family that lost a home will be housed '
          'before winter.”</p><footer>— Ana Petrova, Minister of Harbours</footer></blockquote>')


def read(tmp_path, html):
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    return toolkit.read(path)


def page(middle: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in PROSE)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bridges</title></head><body>'
            f'<main><article><h1>Bridges</h1>{paras}{middle}<p>{PROSE[0]}</p></article></main>'
            f'<footer class="site-footer"><p>© 2024 Riverside Chronicle. All rights reserved.</p></footer>'
            f'</body></html>')


def test_signature_footer_stays_in_its_block_quotation(tmp_path):
    doc = read(tmp_path, page(SIGNED))
    quotes = [n for n in iter_nodes(doc) if isinstance(n, BlockQuote)]
    assert quotes, "the block quotation was lost"
    text = plain_text(quotes[0].blocks)
    assert "Ana Petrova, Minister of Harbours" in text
    assert "Riverside Chronicle" not in plain_text(doc.blocks)


def test_figure_footer_is_kept_too(tmp_path):
    figure = ('<figure><blockquote><p>Rivers do not wait for councils.</p></blockquote>'
              '<footer>— Tomasz Wójcik, ferryman</footer></figure>')
    doc = read(tmp_path, page(figure))
    assert "Tomasz Wójcik, ferryman" in plain_text(doc.blocks)
