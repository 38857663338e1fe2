"""The main text run of scraped page text (text_blocks): how blocks score as prose or furniture."""

from __future__ import annotations

from collections import Counter

from tests.readers.test_text_title import BODY, labelled
from toolkit.readers.text.blocks import key, label_body, prose_score, split_blocks

COOKIE_TEXT = ("This website uses cookies to improve your experience while you navigate through the website. Out of "
               "these, the cookies that are categorized as necessary are stored on your browser as they are essential "
               "for the working of basic functionalities of the website. We also use third-party cookies that help us "
               "analyze and understand how you use this website. These cookies will be stored in your browser only "
               "with your consent. You also have the option to opt-out of these cookies.")


def test_a_long_cookie_notice_scores_as_furniture():
    blocks = split_blocks(COOKIE_TEXT)
    assert blocks[0].words > 60
    assert prose_score(blocks[0], 1) < 0


def test_a_long_cookie_notice_after_the_article_stays_out_of_it():
    _, blocks = labelled("Home", "Old River Ferry Returns", footer=["Privacy Overview", COOKIE_TEXT, "Necessary"])
    assert next(b for b in blocks if b.text == COOKIE_TEXT).label == "furniture"
    assert [b.text for b in blocks if b.label == "body"] == BODY


def test_a_long_paragraph_naming_the_terms_of_use_is_still_prose():
    text = " ".join(["The ferry volunteers read the terms of use of the old landing and agreed to keep it open."] * 6)
    blocks = split_blocks(text)
    counts = Counter(key(b.text) for b in blocks)
    label_body(blocks, counts)
    assert blocks[0].label == "body"


def test_a_tag_cloud_with_post_counts_is_no_prose():
    cloud = ("\"Getting started\" tag List (2) Repairs (1) Ferry history (1) Timetables (4) River boats (1) "
             "Volunteer stories (6)")
    assert prose_score(split_blocks(cloud)[0], 1) < 0
    meta, blocks = labelled("Home", "Posts by tags", cloud, "Old River Ferry Returns After Ten Years Away")
    assert meta["title"] == "Old River Ferry Returns After Ten Years Away"
    assert next(b for b in blocks if b.label == "body").text == BODY[0]


def test_prose_with_a_few_numbered_references_is_still_prose():
    text = ("Ferry services closed across the region in the nineties (1), and most crossings were replaced by "
            "bridges (2) or by longer bus routes that the villages still rely on today (3).")
    assert prose_score(split_blocks(text)[0], 1) > 0
