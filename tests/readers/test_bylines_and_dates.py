"""Byline names and datelines: the shared helpers both readers use."""

from __future__ import annotations

import pytest

from toolkit.language.dates import find_dates, is_dateline, parse_date
from toolkit.readers.bylines import names_in


@pytest.mark.parametrize(("text", "names"), [
    ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
    ("Written by: Ana María López, PhD", ["Ana María López"]),
    ("By Sam Lee | Updated March 3, 2024", ["Sam Lee"]),
    ("Jane Doe Senior Writer", ["Jane Doe"]),
    ("Ask the Doctors", ["Ask the Doctors"]),
    ("Pieter van der Berg", ["Pieter van der Berg"]),
    ("By Kim Park. Reviewed by Dr. Lee Chan", ["Kim Park"]),
    ("View Full Profile", []),
    ("Sign In", []),
])
def test_names_in(text, names):
    assert names_in(text) == names


@pytest.mark.parametrize(("text", "day"), [
    ("Published 3 June 2024", "2024-06-03"),
    ("June 9, 2025", "2025-06-09"),
    ("October 17, 20236:01 PM ET", "2023-10-17"),
    ("2024-05-01T10:00:00Z", "2024-05-01"),
    ("In early 2017", None),
])
def test_parse_date(text, day):
    assert parse_date(text) == day


def test_is_dateline_only_for_short_date_lines():
    assert is_dateline("Last updated: Dec 12, 2025")
    assert not is_dateline("The council met on March 3, 2024 to discuss the new bridge and its many costs "
                           "for the town and its people over the coming years")
    assert [v for _, _, v in find_dates("In May 2018 and on 4 July 2019")] == ["2018-05", "2019-07-04"]
