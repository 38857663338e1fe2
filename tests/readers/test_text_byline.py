"""Byline lines of scraped text (text_byline): which lines name the authors, and the names in them."""

from __future__ import annotations

import pytest

from toolkit.readers.text.byline import byline_names, is_byline_label, lowercase_words, name_line


@pytest.mark.parametrize(("line", "names"), [
    ("By Jane Doe and Tom Roe", ["Jane Doe", "Tom Roe"]),
    ("ByJane Doe UpdatedJanuary 25, 2026", ["Jane Doe"]),  # "By" glued to the name
    ("Written By: Jane Doe Executive Editor and Master Gardener", ["Jane Doe"]),
    ("Written by: Jane Doe Jane Doe", ["Jane Doe"]),  # a name printed twice
    ("Author: Jane Doe", ["Jane Doe"]),
    ("Posted by : Jane Doe", ["Jane Doe"]),
    ("by Jane Doe | August 24, 2023", ["Jane Doe"]),
    ("by jdoe42 | Apr 21, 2025", ["jdoe42"]),  # a user handle after "by"
    ("By the Example Team 2–3 minutes", ["the Example Team"]),
    ("By Jane Doe, DVM. Reviewed by Tom Roe, DVM", ["Jane Doe"]),  # the reviewer is no author
    ("By Jane Doe ⋅ Senior Review Analyst ⋅ Updated March 5, 2025", ["Jane Doe"]),
    ("03/01/2017 by Jane Doe, Staff Writer", ["Jane Doe"]),  # a date, then "by"
    ("Published: Mar 8, 2024 · Modified: May 19, 2025 by Jane Doe · This post may contain links", ["Jane Doe"]),
    ("Jane Doe | Senior Writer | July 2, 2025", ["Jane Doe"]),  # a name and a date between separators
    ("Jane Doe • November 4th, 2025", ["Jane Doe"]),
    ("Jane Doe 02 Feb 2026 Product Reviews 7 Comments", ["Jane Doe"]),  # a name run into a date
    ("Jane Doe and Tom Roe | Guest Columnists", ["Jane Doe", "Tom Roe"]),  # names and a role
    ("by Jane Doe in Festivals & Events on Dec 17, 2025", ["Jane Doe"]),  # "in <section>" is no name
    ("Written by: Jane Doe Head Product Launches, Adoption, & Growth", ["Jane Doe"]),  # cut at the role
])
def test_byline_names(line, names):
    assert byline_names(line) == names


def test_a_byline_at_the_end_of_a_dek():
    dek = "The chain plans to double its number of bakeries within three years. By Jane Doe on Dec. 19, 2025"
    assert byline_names(dek) == ["Jane Doe"]


@pytest.mark.parametrize("line", [
    "Photo by Jane Doe",
    "By clicking the button you agree to our terms",
    "Reviewed by Jane Doe",
    "October 16, 2020 · 8 min read",
    "Last updated on June 19, 2025",
    "Home | News | May 4, 2024",
    "Science | Space",
    "Monday, March 3, 2025",
    "Friday Ferry Roundup 03/14/2025",  # a name run into a date needs a known first name
])
def test_not_bylines(line):
    assert byline_names(line) == []


@pytest.mark.parametrize(("line", "name"), [
    ("Jane Doe", ["Jane Doe"]),
    ("Jane Doe, PhD", ["Jane Doe"]),
    ("Jane Doe Jane Doe", ["Jane Doe"]),
    ("Jane Doe USA TODAY", ["Jane Doe"]),  # the publication after the name
    ("Jane DoeFounder at Example", ["Jane Doe"]),  # a role glued to the name
    ("By Jane Doe", []),  # a byline, not a bare name
    ("Web Courses Defined", []),  # common words of the page (see below)
])
def test_name_line(line, name):
    common = lowercase_words("These web courses are defined by the college for every student.")
    assert name_line(line, common) == name


def test_byline_labels():
    assert is_byline_label("Written By")
    assert is_byline_label("Author:")
    assert not is_byline_label("Written By Jane Doe")


@pytest.mark.parametrize("line", ["By Staff Writers", "By Staff Reporter", "By the Editorial Board", "By News Desk",
                                  "By Wire Services", "Staff Writers | May 4, 2024", "Editorial Board • May 4, 2024"])
def test_role_and_collective_words_name_no_author(line):
    assert byline_names(line) == []


def test_a_named_agency_and_a_person_beside_collective_words_stay():
    assert byline_names("By The Associated Press") == ["The Associated Press"]
    assert byline_names("By Ana Petrova and Staff Reporters") == ["Ana Petrova"]
    assert name_line("Staff Writers") == []

