"""Dates in header lines of scraped text (text_dates): the forms page furniture writes."""

from __future__ import annotations

import pytest

from toolkit.readers.text.dates import dates_in, is_date_line, is_update_only, line_date


@pytest.mark.parametrize(("line", "day"), [
    ("June 9, 2025", "2025-06-09"),
    ("3/4/2025", "2025-03-04"),  # a slash date is month first
    ("25/4/2025", "2025-04-25"),  # unless the first number cannot be a month
    ("19-Dec-2025", "2025-12-19"),
    ("Updated on 19-Dec-2025", "2025-12-19"),
    ("Jane3/4/2025", "2025-03-04"),  # glued to the name before it
    ("by Jane DoeNovember 20, 2007", "2007-11-20"),
    ("27 September,2023By Jane Doe", "2023-09-27"),
    ("May 21, 2025April 24, 2025 by Jane Doe", "2025-05-21"),
    ("Posted On: January 14 2026", "2026-01-14"),
])
def test_line_date_forms(line, day):
    assert line_date(line) == day


def test_day_first_on_request():
    assert line_date("3/4/2025", day_first=True) == "2025-04-03"


def test_publication_date_wins_over_update_date():
    assert line_date("Updated Mar 4, 2026 · Published Jan 2, 2026") == "2026-01-02"
    assert line_date("Published: Mar 8, 2024 · Modified: May 19, 2025 by Jane Doe") == "2024-03-08"
    assert line_date("Last updated May 19, 2025 · first seen Mar 8, 2024") == "2024-03-08"


def test_update_only_lines():
    assert is_update_only("Last updated on March 12, 2026")
    assert is_update_only("Updated Dec 18, 2025 · 12 min read")
    assert not is_update_only("Published: Nov 24, 2025")
    assert not is_update_only("June 9, 2025")


@pytest.mark.parametrize(("line", "expected"), [
    ("June 9, 2025", True),
    ("Updated Dec 18, 2025 · 12 min read", True),
    ("October 16, 2020 · 8 min read", True),
    ("The council met on June 9, 2025 to discuss the new bridge over the river and its cost", False),
    ("Best laptops of 2025", False),  # a year alone is no date
])
def test_is_date_line(line, expected):
    assert is_date_line(line) is expected


def test_dates_in_gives_positions_in_order():
    found = dates_in("From 2/1/2024 to March 3, 2024")
    assert [v for _, _, v in found] == ["2024-02-01", "2024-03-03"]
    assert found[0][0] < found[1][0]


def test_strict_date_lines_hold_only_a_date_and_its_labels():
    assert is_date_line("Published on Monday, June 9, 2025", strict=True)
    assert is_date_line("Friday Ferry Roundup 03/14/2025")  # mostly a date
    assert not is_date_line("Friday Ferry Roundup 03/14/2025", strict=True)  # a headline with its date


@pytest.mark.parametrize(("line", "day"), [
    ("Essay - Published: 2025.12.17 | essays", "2025-12-17"),  # year first, dotted
    ("Posted 2025/12/17", "2025-12-17"),  # year first, slashed
    ("14.11.24", "2024-11-14"),  # dotted numbers are day first
    ("Aktualisiert am 3.5.2024", "2024-05-03"),
    ("By: Jane Doe on 04-ago-2021 5:11:10", "2021-08-04"),  # a dashed date with a Spanish month
    ("3-okt-2020", "2020-10-03"),
])
def test_year_first_and_dotted_numeric_dates(line, day):
    assert line_date(line) == day
    assert is_date_line(line)


@pytest.mark.parametrize("line", ["version 1.2.24", "Release 2.10.3", "31.02.2020", "Price 12.50"])
def test_version_numbers_and_impossible_days_are_no_dates(line):
    assert dates_in(line) == []
