"""The web-page reader on small pages written for these tests: metadata, body, figures, boilerplate."""

from __future__ import annotations

import subprocess
import sys

import pytest

import toolkit
from toolkit.errors import InputError
from toolkit.readers.html.figures import split_trailing_credit
from toolkit.readers.html.title import strip_site_name
from toolkit.tree.nodes import BlockQuote, Figure, Heading, Link, ListBlock, Para
from toolkit.tree.walk import iter_nodes, plain_text
from toolkit.writers.summary import summarize

PROSE = [
    "The harbour authority opened the new ferry terminal on Tuesday after four years of building work "
    "and two changes of contractor, promising shorter queues for the island's commuters.",
    "Passengers arriving on the first morning crossing found covered walkways, a heated waiting hall and "
    "ticket machines that accept every local travel card, according to the operator.",
    "The old terminal, a timber shed dating from the 1960s, will be taken down over the winter and the "
    "land returned to the fishing cooperative that leased it to the port for six decades.",
    "Local councillors said the project had cost a third more than planned but argued that the "
    "delays had been caused by storms that damaged the new breakwater twice during construction.",
]

MENU = """<header class="site-header"><nav class="main-nav"><ul>
<li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather</a></li></ul></nav></header>"""
FOOTER = """<aside class="related-stories"><h3>Related stories</h3><ul>
<li><a href="/a">Bridge closed for repairs after storm damage to its southern span</a></li>
<li><a href="/b">Ferry fares to rise in spring as fuel costs climb for operators</a></li></ul></aside>
<div class="newsletter-signup"><p>Subscribe to our newsletter for the morning briefing every weekday.</p></div>
<div class="share-bar"><a href="#">Share</a> <a href="#">Tweet</a></div>
<div class="cookie-banner"><p>We use cookies to improve your experience. Accept all cookies.</p></div>
<footer class="site-footer"><p>© 2024 Harbour Gazette. All rights reserved.</p></footer>"""


def page(head: str, article: str, lang: str = "en") -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head>'
            f"<body>{MENU}<main><article>{article}</article></main>{FOOTER}</body></html>")


def read(tmp_path, html: str, name: str = "page.html"):
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return toolkit.read(path), path


JSON_LD = """<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
 {"@type": "WebSite", "name": "Harbour Gazette"},
 {"@type": "NewsArticle", "headline": "New Ferry Terminal Opens After Four Years of Work",
  "datePublished": "2024-03-12T08:30:00+01:00", "inLanguage": "en-GB",
  "author": [{"@type": "Person", "name": "Maria Lindqvist"}, {"@type": "Person", "name": "Tom Abara"}],
  "publisher": {"@type": "Organization", "name": "Harbour Gazette Ltd"}}]}
</script>
<link rel="canonical" href="https://gazette.example/news/ferry-terminal">
<meta property="og:site_name" content="Harbour Gazette">"""


def article_body(extra: str = "") -> str:
    paras = "".join(f"<p>{p}</p>" for p in PROSE[:2])
    rest = "".join(f"<p>{p}</p>" for p in PROSE[2:])
    return (
        '<p class="kicker">Transport</p>'
        "<h1>New Ferry Terminal Opens After Four Years of Work</h1>"
        '<p class="standfirst">Commuters get covered walkways and a heated hall as the old timber shed '
        "is finally retired.</p>"
        '<div class="byline">By <a rel="author" href="/authors/maria">Maria Lindqvist</a></div>'
        f"{paras}<h2>What happens next</h2>{extra}{rest}"
        "<ul><li>Two extra sailings on weekdays</li><li>A night service in summer</li></ul>"
        "<blockquote><p>It is the best thing to happen to the island in my lifetime.</p></blockquote>"
        '<p>Timetables are on the <a href="/ferries/timetable">operator\'s website</a> from today.</p>'
    )


def test_json_ld_metadata(tmp_path):
    doc, _ = read(tmp_path, page(JSON_LD, article_body()))
    m = doc.meta
    assert m.title == "New Ferry Terminal Opens After Four Years of Work"
    assert m.authors == ("Maria Lindqvist", "Tom Abara")
    assert m.date == "2024-03-12"
    assert m.language == "en"  # the page's own lang attribute comes first
    assert m.url == "https://gazette.example/news/ferry-terminal"
    assert m.site_name == "Harbour Gazette"
    assert m.publisher == "Harbour Gazette Ltd"
    assert m.subtitle.startswith("Commuters get covered walkways")
    assert m.kicker == "Transport"


def test_opengraph_fallback_without_json_ld(tmp_path):
    head = ('<title>Ignored | Harbour Gazette</title>'
            '<meta property="og:title" content="Ferry Terminal Opens | Harbour Gazette">'
            '<meta property="og:site_name" content="Harbour Gazette">'
            '<meta property="article:published_time" content="2023-11-02T10:00:00Z">'
            '<meta name="author" content="Ines Okafor">'
            '<meta property="og:description" content="Commuters get a heated hall and covered walkways.">')
    body = "".join(f"<p>{p}</p>" for p in PROSE)
    doc, _ = read(tmp_path, page(head, body, lang="en-GB"))
    m = doc.meta
    assert m.title == "Ferry Terminal Opens"  # the site name is cut off
    assert m.date == "2023-11-02"
    assert m.authors == ("Ines Okafor",)
    assert m.language == "en-GB"
    assert m.subtitle == "Commuters get a heated hall and covered walkways."


def test_body_structure_and_boilerplate_removed(tmp_path):
    doc, path = read(tmp_path, page(JSON_LD, article_body()))
    s = summarize(doc, str(path), "html")
    paras = [plain_text(b.children) for b in doc.blocks if isinstance(b, Para)]
    assert paras[:4] == PROSE  # in order, words unchanged, title/dek/byline not in the body
    assert any(isinstance(b, Heading) and plain_text(b.children) == "What happens next" for b in doc.blocks)
    lists = [b for b in doc.blocks if isinstance(b, ListBlock)]
    assert lists
    assert len(lists[0].items) == 2
    assert any(isinstance(b, BlockQuote) for b in doc.blocks)
    links = [n for n in iter_nodes(doc) if isinstance(n, Link)]
    assert [lk.url for lk in links] == ["https://gazette.example/ferries/timetable"]  # made absolute
    for junk in ("Subscribe", "cookies", "Related stories", "Bridge closed", "All rights reserved",
                 "Weather", "Tweet", "New Ferry Terminal Opens", "By Maria"):
        assert junk not in s["text"], junk


def test_figure_with_separate_credit_element(tmp_path):
    fig = ('<figure><img src="images/terminal.jpg" alt="The new terminal at dawn" width="800">'
           '<figcaption><span class="caption-text">The terminal seen from the breakwater.</span> '
           '<span class="photo-credit">Photo by Karin Holm/Harbour Images</span></figcaption></figure>')
    doc, path = read(tmp_path, page(JSON_LD, article_body(fig)))
    figs = [b for b in doc.blocks if isinstance(b, Figure)]
    assert len(figs) == 1
    assert figs[0].src == "images/terminal.jpg"  # relative to the page's folder, not resolved or fetched
    assert figs[0].alt == "The new terminal at dawn"
    assert plain_text(figs[0].caption) == "The terminal seen from the breakwater."
    assert plain_text(figs[0].credit) == "Karin Holm/Harbour Images"
    assert "breakwater." not in summarize(doc, str(path), "html")["text"]  # captions are not body text


@pytest.mark.parametrize(("caption", "expected"), [
    ("Passengers queue for the first crossing. Photo: Lena Ruiz", ("Passengers queue for the first crossing", "Lena Ruiz")),
    ("Passengers queue for the first crossing. (AP Photo/Lena Ruiz)", ("Passengers queue for the first crossing.", "AP Photo/Lena Ruiz")),
    ("Passengers queue for the first crossing. Credit: Lena Ruiz/Reuters", ("Passengers queue for the first crossing", "Lena Ruiz/Reuters")),
    ("Passengers queue for the first crossing | Lena Ruiz/Getty Images", ("Passengers queue for the first crossing", "Lena Ruiz/Getty Images")),
    ("Passengers queue for the first crossing.", ("Passengers queue for the first crossing.", "")),
])
def test_trailing_credit_split(caption, expected):
    assert split_trailing_credit(caption) == expected


def test_trailing_photo_credit_in_page(tmp_path):
    fig = ('<figure><img src="https://cdn.example/ferry.jpg" alt="Ferry">'
           "<figcaption>The first ferry leaves the new pier. Photo: Lena Ruiz</figcaption></figure>")
    doc, _ = read(tmp_path, page(JSON_LD, article_body(fig)))
    fig_node = next(b for b in doc.blocks if isinstance(b, Figure))
    assert fig_node.src == "https://cdn.example/ferry.jpg"  # remote: kept as an address, never fetched
    assert plain_text(fig_node.caption) == "The first ferry leaves the new pier"
    assert plain_text(fig_node.credit) == "Lena Ruiz"


def test_title_site_name_stripping():
    assert strip_site_name("Ferry Terminal Opens | Harbour Gazette", ["Harbour Gazette"]) == "Ferry Terminal Opens"
    assert strip_site_name("Harbour Gazette - Ferry Terminal Opens Today", ["Harbour Gazette"]) == \
        "Ferry Terminal Opens Today"
    assert strip_site_name("No separator here", []) == "No separator here"


def test_deeply_nested_page_is_refused(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 3000 + "<p>x</p>" + "</div>" * 3000 + "</body></html>")
    with pytest.raises(InputError, match="deep"):
        toolkit.read(path)


def test_explain_lists_page_segments(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(page(JSON_LD, article_body()), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "toolkit.cli", "inspect", str(path), "--explain"],
                         capture_output=True, text=True, check=True).stdout
    labels = {line.split()[1] for line in out.splitlines() if line.strip()}
    assert {"body", "furniture", "title"} <= labels
    assert "<-" in out


def test_dek_from_h2_after_headline_and_from_bold_lead(tmp_path):
    rest = "".join(f"<p>{p}</p>" for p in PROSE)
    doc, _ = read(tmp_path, page("", "<h1>Ferry Terminal Opens</h1><h2>Commuters get a heated hall and "
                                     "covered walkways at last.</h2>" + rest), "h2.html")
    assert doc.meta.subtitle == "Commuters get a heated hall and covered walkways at last."
    doc, _ = read(tmp_path, page("", "<h1>Ferry Terminal Opens</h1><p><strong>Commuters get a heated hall "
                                     "and covered walkways after four years of waiting.</strong></p>" + rest),
                  "bold.html")
    assert doc.meta.subtitle.startswith("Commuters get a heated hall")
    assert plain_text(next(b for b in doc.blocks if isinstance(b, Para)).children) == PROSE[0]
