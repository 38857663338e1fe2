"""Byline and dateline of scraped page text (text_header): where they are looked for, and which wins."""

from __future__ import annotations

import subprocess
import sys

from tests.readers.test_text_title import BODY, HEADLINE, NAV, labelled


def test_a_name_under_the_headline_next_to_its_date():
    meta, blocks = labelled(*NAV, HEADLINE, "Priya Ramaswamy", "June 9, 2025")
    assert meta["authors"] == ["Priya Ramaswamy"]
    assert meta["date"] == "2025-06-09"
    assert next(b for b in blocks if b.text == "Priya Ramaswamy").label == "byline"


def test_a_name_over_a_role_line():
    meta, _ = labelled(*NAV, HEADLINE, "Priya Ramaswamy", "Senior Travel Writer")
    assert meta["authors"] == ["Priya Ramaswamy"]


def test_a_handle_over_its_dateline():
    meta, _ = labelled(*NAV, HEADLINE, "ferryfan", "June 9, 2025")
    assert meta["authors"] == ["ferryfan"]


def test_a_name_glued_to_its_date():
    meta, _ = labelled(*NAV, HEADLINE, "Priya3/4/2025")
    assert meta["authors"] == ["Priya"]
    assert meta["date"] == "2025-03-04"


def test_a_capitalised_menu_phrase_is_no_author():
    # "Timetable Changes" is no name: the page writes "timetable" and "changes" in lower case
    body = [*BODY, "The timetable changes each season, and the changes are posted at the landing."]
    meta, _ = labelled(*NAV, HEADLINE, "Timetable Changes", "Ferry Prices", body=body)
    assert meta["authors"] == []


def test_a_byline_label_with_a_common_word_is_no_author():
    meta, _ = labelled(*NAV, HEADLINE, "Author", "Venue", body=[*BODY, "The venue is the old landing."])
    assert meta["authors"] == []


def test_byline_and_date_in_one_line_with_separators():
    meta, blocks = labelled(*NAV, HEADLINE, "Priya Ramaswamy | Senior Writer | July 2, 2025")
    assert meta["authors"] == ["Priya Ramaswamy"]
    assert meta["date"] == "2025-07-02"
    line = next(b for b in blocks if b.text.startswith("Priya"))
    assert line.label == "byline"  # not a breadcrumb, though split by bars
    assert meta["tags"] == []


def test_a_date_just_above_the_headline():
    meta, _ = labelled(*NAV, "12/04/2025", HEADLINE, "Share")
    assert meta["date"] == "2025-12-04"


def test_the_date_under_the_headline_wins_over_one_above_it():
    meta, _ = labelled(*NAV, "12/04/2025", HEADLINE, "03/01/2017 by Priya Ramaswamy, Staff Writer")
    assert meta["date"] == "2017-03-01"
    assert meta["authors"] == ["Priya Ramaswamy"]


def test_a_publication_date_wins_over_an_update_date():
    meta, _ = labelled(*NAV, HEADLINE, "Last updated on March 12, 2026", "Share", "Published January 2, 2026")
    assert meta["date"] == "2026-01-02"


def test_only_an_update_date_is_still_a_date():
    meta, blocks = labelled(*NAV, HEADLINE, "Last updated on March 12, 2026")
    assert meta["date"] == "2026-03-12"
    assert "last updated" in next(b for b in blocks if b.label == "dateline").reason


def test_a_labelled_date_line_at_the_end_of_the_article():
    meta, blocks = labelled(*NAV, HEADLINE, footer=["Posted On: January 14 2026", "Related stories"])
    assert meta["date"] == "2026-01-14"
    assert next(b for b in blocks if b.text.startswith("Posted On")).label == "dateline"


def test_an_unlabelled_date_in_the_body_is_no_publication_date():
    body = [*BODY, "May 4, 2024"]
    meta, _ = labelled(*NAV, HEADLINE, body=body)
    assert "date" not in meta


def test_a_byline_at_the_end_of_the_dek():
    dek = "Volunteers rebuilt the engine of the old boat over two winters. By Priya Ramaswamy on Dec. 19, 2025"
    meta, _ = labelled(*NAV, HEADLINE, dek)
    assert meta["authors"] == ["Priya Ramaswamy"]
    assert meta["date"] == "2025-12-19"
    assert meta["subtitle"] == "Volunteers rebuilt the engine of the old boat over two winters."


def test_explain_shows_the_byline_and_dateline_rules(tmp_path):
    p = tmp_path / "page.txt"
    p.write_text("\n\n".join([*NAV, HEADLINE, "Priya Ramaswamy", "June 9, 2025", *BODY]), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "toolkit.cli", "inspect", str(p), "--explain"],
                         capture_output=True, text=True, check=True).stdout
    rows = {line.split()[1]: line for line in out.splitlines() if line.strip()}
    assert "a name on its own line under the headline" in rows["byline"]
    assert "date line under the headline" in rows["dateline"]
    assert "headline: best-scored" in rows["title"]


def test_a_byline_early_in_the_text_run():
    body = [BODY[0], "by Priya Ramaswamy, Senior Editor, Valley Times", *BODY[1:]]
    meta, blocks = labelled(*NAV, HEADLINE, body=body)
    assert meta["authors"] == ["Priya Ramaswamy"]
    assert next(b for b in blocks if b.text.startswith("by Priya")).label == "byline"


def test_a_byline_after_the_article():
    meta, _ = labelled(*NAV, HEADLINE, footer=["Posted by: Priya Ramaswamy", "Related stories"])
    assert meta["authors"] == ["Priya Ramaswamy"]


def test_a_team_under_the_headline():
    meta, _ = labelled(*NAV, HEADLINE, "The Valley Ferry Team", "Published", "June 9, 2025")
    assert meta["authors"] == ["The Valley Ferry Team"]


def test_the_publisher_is_no_author():
    footer = ["© 2024 Ferry Weekly. All rights reserved."]
    meta, _ = labelled(*NAV, HEADLINE, "Ferry Weekly", "June 9, 2025", footer=footer)
    assert meta["authors"] == []


def test_run_together_menu_words_are_no_author():
    meta, _ = labelled(*NAV, HEADLINE, "By", "River TripsJust BookedFerry Planning")
    assert meta["authors"] == []


def test_a_one_word_name_after_a_label_must_be_a_first_name():
    assert labelled(*NAV, HEADLINE, "Written by", "Harbour")[0]["authors"] == []
    assert labelled(*NAV, HEADLINE, "Written by", "Sarah")[0]["authors"] == ["Sarah"]


def test_names_on_the_lines_under_an_authors_label():
    meta, _ = labelled(*NAV, HEADLINE, "Authors", "Priya Ramaswamy", "Tom Roe", "in Local News")
    assert meta["authors"] == ["Priya Ramaswamy", "Tom Roe"]


def test_a_byline_label_with_a_menu_line_before_the_name():
    meta, _ = labelled(*NAV, HEADLINE, "By", "River TripsJust BookedFerry Planning", "Priya Ramaswamy")
    assert meta["authors"] == ["Priya Ramaswamy"]


def test_a_byline_label_after_the_article_with_the_name_under_it():
    meta, blocks = labelled(*NAV, HEADLINE, footer=["Article by", "Priya Ramaswamy", "Back to all posts", "Related stories"])
    assert meta["authors"] == ["Priya Ramaswamy"]
    assert next(b for b in blocks if b.text == "Article by").label == "byline"


def test_a_line_of_icon_glyphs_is_blank():
    # an icon-font glyph between the dateline and the name does not separate them
    meta, blocks = labelled(*NAV, HEADLINE, "\ue023", "March 4, 2025", "\ue023", "Joaquin Ferreira", "In short")
    assert meta["authors"] == ["Joaquin Ferreira"]
    assert meta["date"] == "2025-03-04"
    assert not any("\ue023" in b.text for b in blocks)


def test_a_headline_signed_at_its_end_gives_the_author_when_no_byline_is_found():
    meta, blocks = labelled(*NAV, "Ferry Season Opens Early This Year by Eric Lund")
    assert meta["authors"] == ["Eric Lund"]
    assert "the name after 'by' at its end is the author" in next(b.reason for b in blocks if b.label == "title")


def test_a_headline_ending_in_by_and_common_words_gives_no_author():
    meta, _ = labelled(*NAV, "Ferry Passengers Stand by Old Friends")
    assert meta["authors"] == []


def test_a_labelled_date_line_after_a_long_table_below_the_article():
    table = [f"Week {n}th" if n % 2 else f"Rest {n} miles slow {n + 1} miles fast" for n in range(24)]
    footer = [*table, "Updated November 23, 2013", "Posted July 10, 2004", "© Copyright 2004-2025 Valley Times",
              "Posted May 1, 2024"]
    meta, _ = labelled(*NAV, HEADLINE, footer=footer)
    assert meta["date"] == "2004-07-10"  # the publication date wins over the update date above it


def test_no_labelled_date_line_after_the_copyright_line():
    footer = ["Related stories", "© Copyright 2004-2025 Valley Times", "Posted May 1, 2024"]
    meta, _ = labelled(*NAV, HEADLINE, footer=footer)
    assert "date" not in meta


def test_collective_words_under_the_headline_are_no_author():
    assert labelled(*NAV, HEADLINE, "Staff Writers", "June 9, 2025")[0]["authors"] == []
    assert labelled(*NAV, HEADLINE, "Editorial Board", "Published", "June 9, 2025")[0]["authors"] == []
    assert labelled(*NAV, HEADLINE, "By News Desk", "June 9, 2025")[0]["authors"] == []
    assert labelled(*NAV, HEADLINE, "Tavita Fa'alogo", "June 9, 2025")[0]["authors"] == ["Tavita Fa'alogo"]

