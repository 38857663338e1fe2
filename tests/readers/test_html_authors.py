"""How the HTML reader chooses a page's authors among JSON-LD, the visible byline and meta tags."""

from __future__ import annotations

from tests.readers.html_pages import ld, meta, page, read_meta
from toolkit.readers.html.authors import choose_authors
from toolkit.readers.html.metadata import Declared

H1 = "<h1>New Footbridge Opens Across the River After Three Years</h1>"
SITE = meta("og:site_name", "Riverside Chronicle")


def article(**fields) -> dict:
    return {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "New Footbridge Opens", **fields}


def test_json_ld_author_given_by_id_is_looked_up_in_the_graph(tmp_path):
    graph = {"@context": "https://schema.org", "@graph": [
        article(author={"@id": "https://chronicle.example/#/person/1"}),
        {"@type": "Person", "@id": "https://chronicle.example/#/person/1", "name": "Nadia Okafor"}]}
    m = read_meta(tmp_path, page(ld(graph) + meta("author", "nokafor", "name"), H1))
    assert m.authors == ("Nadia Okafor",)


def test_twitter_card_written_by_is_the_page_saying_who_wrote_it(tmp_path):
    head = meta("twitter:label1", "Written by", "name") + meta("twitter:data1", "Nadia Okafor", "name") + \
        meta("twitter:label2", "Est. reading time", "name") + meta("twitter:data2", "4 minutes", "name")
    header = H1 + '<div class="author-box">Reviewed by: <a href="/people/lee-chan/">Lee Chan</a></div>'
    assert read_meta(tmp_path, page(head, header)).authors == ("Nadia Okafor",)


def test_a_signature_of_one_word_in_the_card_is_kept_as_written(tmp_path):
    head = meta("twitter:label1", "Written by", "name") + meta("twitter:data1", "Staff", "name")
    assert read_meta(tmp_path, page(head, H1)).authors == ("Staff",)


def test_the_site_name_beside_people_is_no_author(tmp_path):
    head = SITE + ld(article(author={"@type": "Person", "name": "Nadia Okafor and Piet de Wit, The Riverside Chronicle"}))
    assert read_meta(tmp_path, page(head, H1)).authors == ("Nadia Okafor", "Piet de Wit")


def test_a_person_in_the_byline_beats_metadata_that_names_only_the_site(tmp_path):
    head = SITE + ld(article(author={"@type": "Person", "name": "Riverside Chronicle"}))
    header = H1 + '<p class="byline">By <a href="/staff/nadia-okafor/">Nadia Okafor</a></p>'
    assert read_meta(tmp_path, page(head, header)).authors == ("Nadia Okafor",)


def test_an_organisation_that_alone_signs_the_page_stays(tmp_path):
    head = SITE + ld(article(author={"@type": "Person", "name": "Riverside Chronicle"}))
    assert read_meta(tmp_path, page(head, H1)).authors == ("Riverside Chronicle",)


def test_first_names_and_glued_roles_give_way_to_the_full_name():
    declared = Declared()
    assert choose_authors(declared, ["Tom", "Tom Maye"]) == ["Tom Maye"]
    assert choose_authors(declared, ["Nadia Okafor Travel Reporter", "Nadia Okafor"]) == ["Nadia Okafor"]


def test_byline_naming_the_json_ld_person_and_more_is_taken(tmp_path):
    head = ld(article(author={"@type": "Person", "name": "Nadia Okafor"}))
    header = H1 + ('<div class="hero-author">Written by <span>Dr Nadia Okafor</span>, '
                   '<span>Piet de Wit</span></div>')
    assert read_meta(tmp_path, page(head, header)).authors == ("Dr Nadia Okafor", "Piet de Wit")


def test_listed_byline_names_stay_apart(tmp_path):
    header = H1 + ('<div class="mb-2"><span>Written by: <ul class="inline-list"><li><span>Nadia Okafor</span></li>'
                   '<li><span>Piet de Wit</span></li></ul></span></div>')
    assert read_meta(tmp_path, page("", header)).authors == ("Nadia Okafor", "Piet de Wit")


def test_contributors_listed_under_the_byline_are_no_authors(tmp_path):
    header = H1 + ('<div><div class="meta">By <a href="/author/nadia-okafor">Nadia Okafor</a> · Review Editor</div>'
                   '<div class="small">Contributions From: <a href="/author/piet-de-wit">Piet de Wit</a> &amp; '
                   '<a href="/author/lee-chan">Lee Chan</a></div></div>')
    assert read_meta(tmp_path, page("", header)).authors == ("Nadia Okafor",)


def test_menu_entries_starting_with_by_are_no_byline(tmp_path):
    top = ('<ul class="dropdown-menu"><li><span>By Industry</span></li><li><span>By Company Size</span></li></ul>')
    assert read_meta(tmp_path, page("", H1, top=top)).authors == ()


def test_one_word_after_a_by_label_is_a_vendor_not_a_byline(tmp_path):
    header = H1 + '<small>Widgets <span>by</span> <a href="https://vendor.example">Acme</a></small>'
    assert read_meta(tmp_path, page("", header)).authors == ()


def test_dated_line_naming_its_author(tmp_path):
    header = H1 + '<div class="node-meta"><time datetime="2017-03-01">03/01/2017</time> by Nadia Okafor</div>'
    m = read_meta(tmp_path, page("", header))
    assert m.authors == ("Nadia Okafor",)
    assert m.date == "2017-03-01"


def test_photo_credit_is_no_author(tmp_path):
    head = meta("author", "(Image: Example Pictures/Agency)", "name") + meta("author", "Nadia Okafor", "name")
    assert read_meta(tmp_path, page(head, H1)).authors == ("Nadia Okafor",)


def test_byline_in_the_article_margin_counts(tmp_path):
    header = H1 + '<aside class="meta-column"><address><a rel="author" href="/profile/nadia">Nadia Okafor</a>' \
        '</address></aside>'
    top = '<a class="menuitem" href="/profile/riverside">The Riverside Chronicle</a>'
    assert read_meta(tmp_path, page(SITE, header, top=top)).authors == ("Nadia Okafor",)
