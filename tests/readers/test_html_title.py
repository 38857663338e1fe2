"""How the HTML reader chooses a page's headline among its <h1> and its declared titles."""

from __future__ import annotations

from tests.readers.html_pages import ld, meta, page, read_meta
from toolkit.readers.html.metadata import Declared
from toolkit.readers.html.title import site_hints, strip_label, strip_site_name

HEADLINE = "New Footbridge Opens Across the River After Three Years"


def test_h1_confirmed_by_og_title_reading_ampersand_as_and(tmp_path):
    head = meta("og:title", "Bridges & Ferries: What the New Crossing Changes") + \
        "<title>Bridges & Ferries: What the New Crossing Changes | Riverside Chronicle</title>"
    m = read_meta(tmp_path, page(head, "<h1>Bridges and Ferries: What the New Crossing Changes</h1>"))
    assert m.title == "Bridges & Ferries: What the New Crossing Changes"


def test_h1_damaged_by_a_broken_encoding_gives_way_to_the_declared_text(tmp_path):
    head = meta("og:title", "What Are the Basics of Bridge Building: A Beginner's Guide")
    m = read_meta(tmp_path, page(head, "<h1>What Are the Basics of Bridge Building? A Beginner? Guide</h1>"))
    assert m.title == "What Are the Basics of Bridge Building: A Beginner's Guide"


def test_site_logo_in_an_h1_is_no_headline(tmp_path):
    top = '<div class="masthead"><h1 id="site-logo">Riverside Regional Chronicle Online</h1></div>'
    head = f"<title>Riverside Chronicle | {HEADLINE}</title>"
    m = read_meta(tmp_path, page(head, "", top=top))
    assert m.title == HEADLINE


def test_h1_that_only_links_home_is_no_headline(tmp_path):
    top = '<h1><a href="/">The Riverside Regional Chronicle</a></h1>'
    m = read_meta(tmp_path, page(f"<title>{HEADLINE}</title>", "", top=top))
    assert m.title == HEADLINE


def test_marked_h2_headline_stands_in_when_every_h1_names_the_site(tmp_path):
    head = meta("og:site_name", "Jo's Workshop") + meta("og:title", "Introductions to my workshop blog")
    top = "<h1>Jo's Workshop</h1>"
    header = '<h2 class="entry-title" itemprop="headline">About this beginner woodworking journal</h2>'
    m = read_meta(tmp_path, page(head, header, top=top))
    assert m.title == "About this beginner woodworking journal"


def test_genre_label_after_the_headline_is_cut(tmp_path):
    head = meta("og:title", f"{HEADLINE} | Opinion")
    m = read_meta(tmp_path, page(head, f"<h1>{HEADLINE} | Opinion</h1>"))
    assert m.title == HEADLINE
    assert strip_label("Opinion - Why the bridge matters") == "Why the bridge matters"
    assert strip_label("Bridges | A Guide to Crossings") == "Bridges | A Guide to Crossings"


def test_news_article_headline_wins_over_an_unconfirmed_display_h1(tmp_path):
    head = ld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": HEADLINE}) + \
        meta("og:title", HEADLINE)
    header = ('<h1>New Footbridge Opens After Three Years of Work</h1>'
              '<p class="standfirst">Walkers and cyclists can cross the river without the ferry from today.</p>')
    m = read_meta(tmp_path, page(head, header))
    assert m.title == HEADLINE
    assert m.subtitle == "Walkers and cyclists can cross the river without the ferry from today."


def test_lone_h1_of_a_blog_page_wins_over_a_different_seo_title(tmp_path):
    head = meta("og:title", "Best Footbridges 2024 | Top Picks") + "<title>Best Footbridges 2024 | Top Picks</title>"
    m = read_meta(tmp_path, page(head, "<h1>The Footbridges We Walked This Year, Ranked</h1>"))
    assert m.title == "The Footbridges We Walked This Year, Ranked"


def test_truncated_declared_title_comes_after_a_whole_one(tmp_path):
    head = meta("og:title", "New Footbridge Opens Across the…") + f"<title>{HEADLINE}</title>"
    m = read_meta(tmp_path, page(head, "<h2>Section</h2>"))
    assert m.title == HEADLINE


def test_site_name_known_from_the_domain():
    declared = Declared(urls=["https://apps.examplestore.com/cafe-ledger"])
    hints = site_hints(declared)
    assert "examplestore" in hints
    assert strip_site_name("Cafe Ledger | Examplestore App Store", hints) == "Cafe Ledger"
    assert strip_site_name("Cafe Ledger | Example Store", hints) == "Cafe Ledger"
