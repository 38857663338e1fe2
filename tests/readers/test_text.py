"""The text reader on the seed and on a small scraped page written for this test."""

from __future__ import annotations

import subprocess
import sys

from toolkit.tree.nodes import Figure, Para
from toolkit.tree.walk import plain_text
from toolkit.writers.summary import summarize


def seed_paragraphs(path) -> list[str]:
    """The seed's body paragraphs: every block from the first long prose line to the end."""
    text = path.read_text(encoding="utf-8").replace("\u00a0", " ")  # only white space is normalised
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    start = next(i for i, b in enumerate(blocks) if len(b.split()) > 25 and not b.startswith("In this"))
    return blocks[start:]


def test_seed_metadata(seed_doc):
    m = seed_doc.meta
    assert m.title == "Carefully, Kazakhstan Confronts China About Kazakhs in Xinjiang Re-Education Camps"
    assert m.subtitle.startswith("Astana can’t afford to push Beijing too hard")
    assert m.kicker == "Crossroads Asia"
    assert list(m.tags) == ["Diplomacy", "Central Asia"]
    assert m.language == "en"


def test_seed_body_is_31_paragraphs_words_unchanged(seed_doc, seed_path):
    paras = [plain_text(b.children) for b in seed_doc.blocks if isinstance(b, Para)]
    expected = seed_paragraphs(seed_path)
    assert len(paras) == 31
    assert paras == expected
    summary = summarize(seed_doc, str(seed_path), "text")
    assert summary["paragraphs"] == 31
    assert summary["text"] == "\n\n".join(expected)
    assert "Recent Features" not in summary["text"]


def test_seed_figure_caption_and_credit(seed_doc):
    figs = [b for b in seed_doc.blocks if isinstance(b, Figure)]
    assert len(figs) == 1
    assert plain_text(figs[0].caption).startswith("In this March 29, 2018, photo")
    assert plain_text(figs[0].credit) == "AP Photo/Ng Han Guan"
    assert not figs[0].src


SCRAPED = """Home

World

Sport

Log in

Science | Space

Small Rocket Lifts Off From Norwegian Island

By Jane Doe and Tom Ray

May 4, 2024

A private launcher reached orbit for the first time on Saturday, carrying two weather satellites.

Share

The rocket, built by a company of forty engineers, left the pad at dawn after two delays caused by wind. Engineers watched from a hut three kilometres away as the first stage burned for two minutes.

Ground crews said the second stage performed as planned, and both satellites separated at the expected altitude about nine minutes after launch.

What comes next

The company plans four more launches next year, each from the same island, and hopes to carry larger payloads once a new engine is ready.

Related stories

Rocket test delayed by storm

Subscribe to our newsletter

© 2024 Example News. All rights reserved.
"""


def test_generic_scraped_page(tmp_path):
    import toolkit

    p = tmp_path / "page.txt"
    p.write_text(SCRAPED, encoding="utf-8")
    doc = toolkit.read(p)
    s = summarize(doc, str(p), "text")
    assert s["title"] == "Small Rocket Lifts Off From Norwegian Island"
    assert s["authors"] == ["Jane Doe", "Tom Ray"]
    assert s["date"] == "2024-05-04"
    assert s["text"].startswith("The rocket, built by")
    assert "What comes next" in s["text"]
    assert s["text"].rstrip().endswith("new engine is ready.")
    assert "Subscribe" not in s["text"]
    assert "Related stories" not in s["text"]


def test_explain_lists_every_block(seed_path):
    out = subprocess.run([sys.executable, "-m", "toolkit.cli", "inspect", str(seed_path), "--explain"],
                         capture_output=True, text=True, check=True).stdout
    labels = {line.split()[1] for line in out.splitlines() if line.strip()}
    assert {"title", "dek", "kicker", "tags", "caption", "credit", "body", "furniture"} <= labels


COOKIE_PAGE = """Skip to content

Menu

News

Business

Culture

We use cookies to give you the best experience on our website. By continuing to browse you accept our cookie policy.

Accept all cookies

Culture

Village Choir Wins National Title After Decades of Trying

The choir's conductor, who has led the group since 1998, said the win belonged to the whole valley.

Written By

Amina Carter

Published 3 June 2024

The choir from the hill village beat forty other groups in the final round, held in the city concert hall on Saturday evening, with a programme of folk songs arranged by its own members.

Judges praised the balance of the voices and the way the youngest singers carried the harder melodies, a first for a group that has entered the competition every year since it began.

The singers rehearse twice a week in the village school, and several of them travel more than an hour to attend, even in the winter months when the mountain road is often closed by snow.

Singers celebrate on the concert hall stage after the result was announced. (Photo: Jon Berg)

The prize money will pay for a new piano and a trip to a festival abroad next summer, the first time the choir will have performed outside the country.

Related articles

Orchestra returns to the old opera house

Folk festival moves to a bigger field

Newsletter

Sign up for the weekly culture briefing.

© 2024 Valley Times. All rights reserved.
"""


def test_scraped_page_with_cookie_banner_byline_label_and_related_list(tmp_path):
    import toolkit

    p = tmp_path / "choir.txt"
    p.write_text(COOKIE_PAGE, encoding="utf-8")
    doc = toolkit.read(p)
    s = summarize(doc, str(p), "text")
    assert s["title"] == "Village Choir Wins National Title After Decades of Trying"
    assert s["authors"] == ["Amina Carter"]
    assert s["date"] == "2024-06-03"
    assert s["subtitle"].startswith("The choir's conductor")
    assert s["language"] == "en"
    assert s["text"].startswith("The choir from the hill village")
    assert s["text"].rstrip().endswith("outside the country.")
    for junk in ("cookies", "Accept all", "Related articles", "Orchestra returns", "Sign up", "Valley Times",
                 "Written By", "Menu"):
        assert junk not in s["text"], junk
    assert s["paragraphs"] == 4
    assert s["figures"] == [{"src": None, "alt": None,
                             "caption": "Singers celebrate on the concert hall stage after the result was announced.",
                             "credit": "Jon Berg"}]


def test_explain_gives_every_line_a_label_and_reason(tmp_path):
    p = tmp_path / "choir.txt"
    p.write_text(COOKIE_PAGE, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "toolkit.cli", "inspect", str(p), "--explain"],
                         capture_output=True, text=True, check=True).stdout
    rows = [line for line in out.splitlines() if line.strip()]
    assert len(rows) == len([b for b in COOKIE_PAGE.split("\n\n") if b.strip()])
    assert all("<-" in row for row in rows)
    labels = {row.split()[1] for row in rows}
    assert {"title", "byline", "dateline", "dek", "body", "caption", "furniture"} <= labels


def test_list_items_inside_the_body_become_a_list(tmp_path):
    import toolkit
    from toolkit.tree.nodes import ListBlock

    text = SCRAPED.replace("What comes next\n\n", "What comes next\n\nA second launch pad\n\nA larger rocket\n\n"
                           "A new engine test site\n\n")
    p = tmp_path / "list.txt"
    p.write_text(text, encoding="utf-8")
    doc = toolkit.read(p)
    lists = [b for b in doc.blocks if isinstance(b, ListBlock)]
    assert len(lists) == 1
    assert [plain_text(item[0].children) for item in lists[0].items] == [
        "A second launch pad", "A larger rocket", "A new engine test site"]


def test_sidecar_overrides_any_meta_field(tmp_path):
    import toolkit

    p = tmp_path / "page.txt"
    p.write_text(SCRAPED, encoding="utf-8")
    (tmp_path / "page.txt.meta.yaml").write_text(
        "title: A Better Title\nsubtitle: A dek\nkicker: Space\ntags: [Rockets]\nauthors: [Ann Lee]\n"
        "date: 2024-05-05\nlanguage: en-GB\nurl: https://example.org/a\nsite_name: Example News\n"
        "publisher: Example Ltd\nrights: CC BY 4.0\ncover: cover.jpg\nextra: {desk: science}\n",
        encoding="utf-8")
    m = toolkit.read(p).meta
    assert (m.title, m.subtitle, m.kicker, m.tags, m.authors, m.date, m.language) == (
        "A Better Title", "A dek", "Space", ("Rockets",), ("Ann Lee",), "2024-05-05", "en-GB")
    assert (m.url, m.site_name, m.publisher, m.rights, m.cover) == (
        "https://example.org/a", "Example News", "Example Ltd", "CC BY 4.0", "cover.jpg")
    assert ("desk", "science") in m.extra
