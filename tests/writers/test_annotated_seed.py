"""The seed's annotated edition: who is quoted, what is cited, what is expanded, when things happened."""

from __future__ import annotations

import re

import pytest
from lxml import html as lhtml

from toolkit.options import Context, Options
from toolkit.pipeline import render


@pytest.fixture(scope="module")
def seed_page(seed_doc):
    return lhtml.fromstring(render(seed_doc, "html", Options(), Context()))


def test_voices_lists_kassenova_first_with_six_quotes(seed_page):
    first = seed_page.get_element_by_id("voices").xpath(".//ol[@class='voices']/li")[0]
    assert first.find("h3").text_content() == "Nargis Kassenova"
    assert "6 quotes" in first.xpath(".//p[@class='voice-stats']")[0].text_content()
    assert len(first.xpath(".//ol[@class='quote-list']/li")) == 6


def test_sources_lists_the_outlets(seed_page):
    text = seed_page.get_element_by_id("sources").text_content()
    for name in ("Radio Free Asia", "Associated Press", "Radio Free Europe/Radio Liberty", "The Diplomat"):
        assert name in text
    for abbrev in ("(RFA)", "(AP)", "(RFE/RL)"):
        assert abbrev in text


def test_glossary_expands_the_abbreviations(seed_page):
    rows = {dt.text_content(): dd.text_content() for dt, dd in
            zip(seed_page.get_element_by_id("glossary").xpath(".//dt"),
                seed_page.get_element_by_id("glossary").xpath(".//dd"), strict=True)}
    assert rows["RFA"].startswith("Radio Free Asia")
    assert rows["RFE/RL"].startswith("Radio Free Europe/Radio Liberty")
    assert rows["SCO"].startswith("Shanghai Cooperation Organization")
    assert rows["BRI"].startswith("Belt and Road Initiative")


def test_timeline_runs_from_1976_to_2018_in_order(seed_page):
    dates = seed_page.get_element_by_id("timeline").xpath(".//ol[@class='timeline']//time/@datetime")
    assert dates[0] == "1976"
    assert dates[-1].startswith("2018")
    assert dates == sorted(dates, key=lambda d: tuple(int(x) for x in d.split("-")))
    for href in seed_page.get_element_by_id("timeline").xpath(".//a/@href"):
        assert re.fullmatch(r"#p\d+", href)
        assert seed_page.get_element_by_id(href[1:]).tag == "p"
