"""The EPUB sets no drop cap: a floated initial in a reading system's own line height indents a third line
(seen at phone size on an article opening with a paragraph). The HTML edition keeps its drop cap."""

from __future__ import annotations

import zipfile

from tests.hostile.conftest import cli

ARTICLE = "# The Ferry Ledger\n\n" + "\n\n".join(
    f"Paragraph {i} of the harbour ledger tells how the ferry kept its hours through the long winter, "
    "and how the keepers wrote down every crossing in a book that is still read today." for i in range(1, 5))

FIRST_LETTER = """() => {
  const p = document.querySelector('.article-body > p');
  const s = getComputedStyle(p, '::first-letter');
  return [s.float, s.fontSize, getComputedStyle(p).fontSize];
}"""


def test_no_drop_cap_in_the_epub_but_in_the_html(browser, tmp_path):
    src = tmp_path / "ledger.md"
    src.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    run = cli("build", src, "--to", "epub,html", "-o", out)
    assert run.exit_code == 0, run.stderr
    book = tmp_path / "book"
    with zipfile.ZipFile(next(out.glob("*.epub"))) as z:
        z.extractall(book)
    pg = browser.new_page(viewport={"width": 390, "height": 844})
    pg.goto((book / "EPUB" / "article.xhtml").as_uri())
    float_, letter, text = pg.evaluate(FIRST_LETTER)
    assert float_ == "none"
    assert letter == text
    pg.goto(next(out.glob("*.html")).as_uri())
    float_, letter, text = pg.evaluate(FIRST_LETTER)
    assert float_ == "left"
    assert float(letter.removesuffix("px")) > 2 * float(text.removesuffix("px"))
    pg.close()
