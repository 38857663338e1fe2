"""Issue 24, typography: the annotated edition's references read as distinct kinds, not one sequence."""

from __future__ import annotations

from pathlib import Path

import toolkit
from toolkit.options import Context, Options
from toolkit.pipeline import render
from toolkit.writers.annotated.render import note_letter

NOTES_ARTICLE = """---
title: The Harbour Survey
lang: en
---

The harbour authority published its annual survey on Monday, and the figures were worse than expected.[^1]
According to the [Coastal Engineering Institute](https://example.org/cei-report.pdf), the northern breakwater
has lost a fifth of its armour stone since 2019.

"We have known for years that the breakwater was tired, but nobody expected it to go this quickly," said Ana
Petrova, the authority's chief engineer. She added that repairs would take at least two winters.[^2]

A report by the National Maritime Agency found similar damage at three other ports on the same coast.

"The money is there, the plans are there, what we lack is time," Petrova said at the press conference.

The mayor, Tomasz Wójcik, said the city would ask the Regional Development Fund for emergency money.[^3]
"We cannot wait for another storm season to pass before we start," Wójcik said.

[^1]: The survey covers the twelve months to the end of January.
[^2]: Two winters is the authority's own estimate; contractors have suggested three.
[^3]: The fund has paid out emergency money twice before, in 2011 and 2017.
"""

# Every reference mark in the text as the reader sees it: its kind, its text, and whether it is raised.
MARKS = """() => {
  const out = [];
  const raised = cs => cs.verticalAlign !== 'baseline';
  const shown = (el, pseudo) => {
    const cs = getComputedStyle(el, pseudo);
    const text = (cs.content || '').replace(/^"|"$/g, '');
    return cs.display !== 'none' && text && text !== 'none' && text !== 'normal' ? [text, raised(cs)] : null;
  };
  document.querySelectorAll('.article-body sup').forEach(el => {
    if (el.offsetParent !== null) out.push(['sup', el.textContent, raised(getComputedStyle(el))]);
  });
  document.querySelectorAll('.article-body a.cite, .article-body .cite-n').forEach(el => {
    const m = shown(el, '::after'); if (m) out.push(['source', ...m]);
  });
  document.querySelectorAll('.article-body .sn-ref').forEach(el => {
    const m = el.offsetParent !== null && shown(el, '::before'); if (m) out.push(['sidenote', ...m]);
  });
  return out;
}"""


def _html(tmp: Path, source: Path | None = None) -> Path:
    if source is None:
        source = tmp / "notes.md"
        source.write_text(NOTES_ARTICLE, encoding="utf-8")
    out = tmp / (source.stem + ".html")
    out.write_bytes(render(toolkit.read(source), "html", Options(), Context()))
    return out


def _marks(browser, path: Path) -> list[tuple[str, str, bool]]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(path.as_uri())
    marks = [tuple(m) for m in page.evaluate(MARKS)]
    page.close()
    return marks


def _raised_number_kinds(marks) -> set[str]:
    return {kind for kind, text, raised in marks if raised and text.strip("[]").isdigit()}


def test_one_numbering_is_superscript(browser, tmp_path):
    """Footnote calls, source references and sidenote marks were all raised numbers 1, 2, 3 side by side."""
    marks = _marks(browser, _html(tmp_path))
    kinds = {kind for kind, _, _ in marks}
    assert {"sup", "source", "sidenote"} <= kinds, marks  # the article has all three
    assert _raised_number_kinds(marks) == {"sup"}, marks
    sidenotes = [text for kind, text, _ in marks if kind == "sidenote"]
    assert sidenotes == [note_letter(n) for n in range(1, len(sidenotes) + 1)]
    assert all(not raised for kind, _, raised in marks if kind == "source")


def test_seed_has_one_superscript_numbering(browser, tmp_path, seed_path):
    marks = _marks(browser, _html(tmp_path, seed_path))
    assert marks
    assert len(_raised_number_kinds(marks)) <= 1, marks


def test_sidenote_letters():
    assert [note_letter(n) for n in (1, 2, 26, 27, 28, 52, 53)] == ["a", "b", "z", "aa", "ab", "az", "ba"]


TWEET_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ferry Cuts</title></head>
<body><article><h1>Ferry Cuts</h1>
<p>The harbour authority announced on Monday that the winter ferry timetable would lose two of its four
daily crossings, a decision that islanders say will cut them off from schools and work on the mainland.</p>
<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Two crossings a day is not a timetable, it is an
eviction notice. We will be at the harbour office on Friday at nine.</p>&mdash; Ana Petrova (@anapetrova_isl)
<a href="https://twitter.com/anapetrova_isl/status/1234567890">March 3, 2024</a></blockquote>
<p>The authority said the cuts were needed because one of its two vessels had failed its inspection.</p>
</article></body></html>
"""

TWEET_GEOMETRY = """() => {
  const q = document.querySelector('.article-body blockquote');
  const [words, credit] = [q.firstElementChild, q.lastElementChild];
  const size = el => parseFloat(getComputedStyle(el).fontSize);
  return {gap: credit.getBoundingClientRect().top - words.getBoundingClientRect().bottom,
          line: parseFloat(getComputedStyle(words).lineHeight), words: size(words), credit: size(credit),
          text: credit.textContent};
}"""


def test_an_embedded_post_credit_line_is_small_and_close(browser, tmp_path):
    """Issue 24: a tweet's "— Name (@handle) date" line was a body-size paragraph a full line below."""
    source = tmp_path / "tweet.html"
    source.write_text(TWEET_PAGE, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(_html(tmp_path, source).as_uri())
    got = page.evaluate(TWEET_GEOMETRY)
    page.close()
    assert "@anapetrova_isl" in got["text"]
    assert got["credit"] < 0.9 * got["words"], got
    assert got["gap"] < 0.5 * got["line"], got
