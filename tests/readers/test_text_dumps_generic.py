"""Whole-page text dumps of news pages (issue 15): rules that hold on publishers nobody tuned for.

Every dump here is written for the test (invented names, places and sites): a standfirst without a
closing stop under the headline, a picture caption ending in its credit between the header and the
body, a byline with the author's role or a follow button glued on, a byline the text run swallowed.
"""

from __future__ import annotations

from tests.readers.test_text_title import BODY, HEADLINE, NAV, labelled
from toolkit.readers.text.blocks import is_furniture_line
from toolkit.readers.text.byline import byline_names, name_line, shed_tail
from toolkit.readers.text.dates import line_date
from toolkit.readers.text.figures import caption_shaped

DEK = "Volunteers bought the old boat from a museum and trained six new pilots over two winters"


def test_a_standfirst_without_a_closing_stop_is_the_dek():
    meta, blocks = labelled(*NAV, HEADLINE, DEK, "By Ana Petrova", "June 9, 2025")
    assert meta["title"] == HEADLINE
    assert meta["subtitle"] == DEK
    assert next(b for b in blocks if b.text == DEK).label == "dek"


def test_a_title_case_line_or_a_notice_under_the_headline_is_no_dek():
    menu = "Latest Travel News From The River Towns And The Valley"
    meta, _ = labelled(*NAV, HEADLINE, menu, "By Ana Petrova", "June 9, 2025")
    assert "subtitle" not in meta
    meta, _ = labelled(*NAV, HEADLINE, "Start your free trial today and read every story on the river", "By Ana Petrova")
    assert "subtitle" not in meta


def test_a_caption_ending_in_its_credit_is_not_the_headline():
    # the caption sits between the header and the body, closer to the body than the headline
    caption = "Passengers board the ferry at the village landing on Saturday morning (Image: Tomasz Wójcik/Example Wire)"
    meta, blocks = labelled(*NAV, HEADLINE, DEK, "Ana Petrova", "12:43, 20 Apr 2026", "View 6 Images", caption)
    assert meta["title"] == HEADLINE
    assert next(b for b in blocks if b.text == caption).label == "caption"


def test_caption_shapes():
    assert caption_shaped("Passengers board the ferry at the landing (stock image)")
    assert caption_shaped("The ferry's route across the river on Saturday. (Courtesy of Ana Petrova)")
    assert caption_shaped("The ferry's route across the river on Saturday (RIVER/TRUST)")
    assert caption_shaped("The ferry leaves the landing at dawn on Saturday Tomasz Wójcik/via Example")
    # prose that ends in brackets is no caption
    assert not caption_shaped("Bring anything that helps you focus (such as a photo, a stone or a candle).")
    assert not caption_shaped("The band played its old songs at the landing last night (and sold out)")


def test_a_role_or_follow_button_after_the_name_is_left_out():
    assert shed_tail("Ana PetrovaTravel News Reporter") == "Ana Petrova"
    assert shed_tail("Ana Petrova Deputy Politics Editor") == "Ana Petrova"
    assert shed_tail("Tomasz Wójcik Follow") == "Tomasz Wójcik"
    assert shed_tail("Tomasz WójcikTwitter") == "Tomasz Wójcik"
    assert shed_tail("Ana van der Berg Staff Writer") == "Ana van der Berg"
    assert name_line("Ana PetrovaLifestyle Writer") == ["Ana Petrova"]
    assert byline_names("By ANA PETROVA FOR EXAMPLE.COM") == ["ANA PETROVA"]
    assert byline_names("By Tomasz Wójcik Follow") == ["Tomasz Wójcik"]


def test_a_name_with_a_slash_separator_or_a_published_label():
    assert byline_names("Ana Petrova / EXAMPLE.COM / Sep 2, 2024, 17:07 IST") == ["Ana Petrova"]
    assert byline_names("Tomasz Wójcik|Published 4 months ago") == ["Tomasz Wójcik"]


def test_a_long_byline_line_the_run_swallowed_is_peeled():
    byline = "Ana Petrova · Example News · Posted: Aug 08, 2024 4:00 AM EDT | Last Updated: August 8"
    caption = ("The old ferry crosses the river at dawn, with the market town behind it and the village landing "
               "in front, a sight the valley has missed for ten years.")
    meta, blocks = labelled(*NAV, HEADLINE, caption, byline)
    assert meta["authors"] == ["Ana Petrova"]
    assert meta["date"] == "2024-08-08"
    assert next(b for b in blocks if b.text == caption).label != "body"


TEASERS = [  # long enough, with enough small words, to pass for prose one by one
    "Village council votes to keep the library in the old school open on Sundays after a long campaign by the parents",
    "Can you really get a cheaper train fare to the coast by booking it on a Tuesday morning in the spring?",
    "The oldest bakery in the valley celebrates a hundred years with free bread for everyone in the market square",
    "Walkers warned about the flooded paths along the river after a week of heavy rain in the hills above the town",
    "Local choir wins the regional final with a song that was written by the youngest of its members in the winter",
]


def test_a_list_of_headlines_after_the_article_is_cut_off():
    _, blocks = labelled(*NAV, HEADLINE, "By Ana Petrova", footer=["More from the valley", *TEASERS, "Contact us"])
    labels = {b.text: b.label for b in blocks}
    assert all(labels[t] == "furniture" for t in TEASERS)
    assert "after the article: a list of headlines" in next(b.reason for b in blocks if b.text == TEASERS[0])
    assert labels[next(b.text for b in blocks if b.text.startswith("A group of volunteers"))] == "body"


def test_headline_lines_followed_by_more_article_are_kept():
    # the article goes on after the unstopped lines: a list inside the article, not related links
    more = ["The volunteers now plan a second boat for the summer season, and the council has offered the old "
            "harbour shed as a workshop for the repairs that the engine will need before spring."]
    _, blocks = labelled(*NAV, HEADLINE, "By Ana Petrova", body=[*BODY, *TEASERS, *more])
    assert all(next(b for b in blocks if b.text == t).label != "furniture" for t in TEASERS)


def test_a_kicker_in_capitals_glued_before_the_headline_is_left_out():
    glued = "RIVER RESCUE Who saved the old ferry from the scrapyard?"
    meta, _ = labelled(*NAV, glued, "By Ana Petrova", "June 9, 2025")
    assert meta["title"] == "Who saved the old ferry from the scrapyard?"
    meta, _ = labelled(*NAV, "UK Ferry Trust Saves The Old River Boat", "By Ana Petrova", "June 9, 2025")
    assert meta["title"] == "UK Ferry Trust Saves The Old River Boat"


def test_a_call_to_the_comments_is_page_furniture():
    assert is_furniture_line("Join the conversation")
    assert is_furniture_line("Join the discussion")
    assert not is_furniture_line("Join the conversation about the ferry's future at the village hall")


def test_a_slash_date_beside_a_day_first_time_zone_is_read_day_first():
    assert line_date("Published on 06/01/2026 - 13:55 GMT+1") == "2026-01-06"
    assert line_date("Published 06/01/2026 10:00 AM EDT") == "2026-06-01"


def test_teaser_cards_with_their_dates_after_the_article_are_cut_off():
    cards = []
    for n, (head, who) in enumerate([("Council keeps the library open", "Ana Petrova"),
                                     ("Bakery marks a hundred years", "Tomasz Wójcik"),
                                     ("Choir wins the regional final", "Ana Petrova")], start=2):
        cards += [head, who, f"{n} hours ago",
                  f"The story of the week in the valley, told in {n} short parts by our reporter, with pictures "
                  "from the landing and the market square."]
    _, blocks = labelled(*NAV, HEADLINE, "By Ana Petrova", footer=["More news", *cards, "Contact us"])
    assert all(b.label == "furniture" for b in blocks if b.text in cards)
    assert "teaser cards" in next(b.reason for b in blocks if b.text == cards[0])
    assert next(b for b in blocks if b.text.startswith("Tickets cost")).label == "body"


def test_two_names_or_a_name_and_an_agency_under_the_headline():
    assert name_line("Ana Petrova and Tomasz Wójcik") == ["Ana Petrova", "Tomasz Wójcik"]
    assert name_line("Ana Petrova and AP") == ["Ana Petrova", "AP"]
    assert name_line("Terms and Conditions") == []
    meta, _ = labelled(*NAV, HEADLINE, "Ana Petrova and AP", "June 30, 2026 - 4.34pm")
    assert meta["authors"] == ["Ana Petrova", "AP"]


def test_a_name_with_the_time_since_it_was_posted():
    assert shed_tail("Tomasz Wójcik 7 hours") == "Tomasz Wójcik"
    meta, _ = labelled(HEADLINE, "Tomasz Wójcik 7 hours")
    assert meta["authors"] == ["Tomasz Wójcik"]
