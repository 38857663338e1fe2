"""How the HTML reader dates a page: the date shown in its header against the dates it declares."""

from __future__ import annotations

import pytest

from tests.readers.html_pages import ld, page, read_meta
from toolkit.language.dates import find_dates, parse_date
from toolkit.readers.html.dates import month_first

H1 = "<h1>New Footbridge Opens Across the River After Three Years</h1>"


def declared(published: str, modified: str | None = None) -> str:
    item = {"@context": "https://schema.org", "@type": "Article", "headline": "New Footbridge Opens",
            "datePublished": published}
    if modified:
        item["dateModified"] = modified
    return ld(item)


def test_unlabelled_shown_date_that_is_the_declared_modification_wins(tmp_path):
    header = H1 + '<div class="meta"><a href="/author/no">Nadia Okafor</a> • November 4th, 2025</div>'
    m = read_meta(tmp_path, page(declared("2025-10-30T12:00:00Z", "2025-11-04T21:10:00Z"), header))
    assert m.date == "2025-11-04"


def test_shown_update_date_leaves_the_declared_publication_date(tmp_path):
    header = H1 + '<div class="entry-date">Last updated on <a href="/x">March 12, 2026</a></div>'
    m = read_meta(tmp_path, page(declared("2024-08-13T08:00:00Z", "2026-03-12T10:00:00Z"), header))
    assert m.date == "2024-08-13"


def test_shown_date_the_metadata_does_not_know_wins(tmp_path):
    header = H1 + '<p class="info">Updated Dec 18, 2025 · 12 min read</p>'
    m = read_meta(tmp_path, page(declared("2025-06-17", "2025-06-17"), header))
    assert m.date == "2025-12-18"


def test_shown_publication_date_is_preferred_to_a_shown_update(tmp_path):
    header = H1 + ('<div class="entry-meta"><time class="updated" datetime="2025-05-21">May 21, 2025</time>'
                   '<time class="entry-date published" datetime="2025-04-24">April 24, 2025</time></div>')
    m = read_meta(tmp_path, page(declared("2025-04-24", "2025-05-21"), header))
    assert m.date == "2025-04-24"


def test_relative_time_shows_no_date(tmp_path):
    header = H1 + '<time datetime="2026-04-24T11:16:53Z">1 day ago</time>'
    m = read_meta(tmp_path, page(declared("2012-05-10T14:29:05Z", "2026-04-24T11:16:53Z"), header))
    assert m.date == "2012-05-10"


def test_the_time_element_speaks_for_its_line(tmp_path):
    header = H1 + '<div class="stamp"><time datetime="2024-12-20">August 28, 2024</time></div>'
    assert read_meta(tmp_path, page("", header)).date == "2024-12-20"


@pytest.mark.parametrize(("lang", "day"), [("en-US", "2025-03-04"), ("en", "2025-03-04"), ("en-GB", "2025-04-03"),
                                           ("fr", "2025-04-03")])
def test_slashed_dates_read_by_the_page_language(tmp_path, lang, day):
    header = H1 + '<div class="author"><strong>Nadia Okafor</strong><span class="time">3/4/2025</span></div>'
    assert read_meta(tmp_path, page("", header, lang=lang)).date == day


def test_an_ambiguous_shown_date_read_the_other_way_is_the_declared_one(tmp_path):
    header = H1 + '<p class="published">Published 06/01/2026</p>'
    assert read_meta(tmp_path, page(declared("2026-01-06T09:00:00Z"), header)).date == "2026-01-06"


def test_declared_date_when_none_is_shown(tmp_path):
    assert read_meta(tmp_path, page(declared("2024-03-12T08:30:00+01:00"), H1)).date == "2024-03-12"


def test_dates_in_a_newsletter_article_are_not_boilerplate(tmp_path):
    html = page("", H1 + '<div class="node__meta"><time datetime="2017-03-01T12:00:00Z">03/01/2017</time></div>')
    html = html.replace("<article>", '<article class="node--type-newsletter-article">')
    assert read_meta(tmp_path, html).date == "2017-03-01"


def test_month_first_option_of_the_shared_date_finder():
    assert parse_date("3/4/2025") == "2025-04-03"  # the default reading is unchanged
    assert parse_date("3/4/2025", month_first=True) == "2025-03-04"
    assert parse_date("25/4/2025", month_first=True) == "2025-04-25"
    assert parse_date("03.04.2025", month_first=True) == "2025-04-03"
    assert [v for _, _, v in find_dates("from 12/19/2025 to 1/2/2026", month_first=True)] == \
        ["2025-12-19", "2026-01-02"]
    assert month_first(["en-US"])
    assert month_first([])
    assert not month_first(["en-AU"])
    assert not month_first(["de"])
