"""The headline of scraped page text (text_title): one small hand-written page per scoring rule."""

from __future__ import annotations

from collections import Counter

from toolkit.readers.text.blocks import key, label_body, split_blocks
from toolkit.readers.text.byline import lowercase_words
from toolkit.readers.text.figures import label_figures
from toolkit.readers.text.header import peel_header
from toolkit.readers.text.reader import classify
from toolkit.readers.text.title import score_candidates, strip_site_name

NAV = ["Home", "News", "Travel", "Sport", "Log in"]
HEADLINE = "Old River Ferry Returns After Ten Years Away"
BODY = [
    "The old river ferry made its first crossing in ten years on Saturday, carrying forty passengers and two "
    "bicycles from the village landing to the market town on the far bank.",
    "The ferry service stopped when the last operator retired, and the crossing was left to a road bridge "
    "twelve miles downstream, a long drive for anyone without a car.",
    "A group of volunteers bought the boat from a museum, repaired its engine over two winters and trained "
    "six new pilots to run the service every day from spring to autumn.",
    "Tickets cost two pounds, and the volunteers say the ferry returns will pay for fuel and insurance if "
    "about a hundred people cross each week during the summer months.",
]
FOOTER = ["Related stories", "Newsletter", "© 2024 Valley Times. All rights reserved."]


def labelled(*header: str, body: list[str] = BODY, footer: list[str] = FOOTER) -> tuple[dict, list]:
    blocks = split_blocks("\n\n".join([*header, *body, *footer]))
    return classify(blocks), blocks


def title_reason(blocks) -> str:
    return next(b.reason for b in blocks if b.label == "title")


def parts_of(line: str, *header: str, body: list[str] = BODY, footer: list[str] = FOOTER) -> dict[str, float]:
    """The named score parts of one candidate line, as the reader computes them before choosing."""
    blocks = split_blocks("\n\n".join([*header, *body, *footer]))
    counts = Counter(key(b.text) for b in blocks)
    label_figures(blocks)
    start, end = label_body(blocks, counts)
    start = peel_header(blocks, start)
    common = lowercase_words(" ".join(b.text for b in blocks))
    return next(p for _, b, p in score_candidates(blocks, start, counts, end, common) if b.text == line)


def test_byline_under_the_headline_beats_a_line_nearer_the_body():
    meta, blocks = labelled(*NAV, HEADLINE, "By Jane Doe", "June 9, 2025", "River Ferry Timetable")
    assert meta["title"] == HEADLINE
    assert "byline/date below +1.00" in title_reason(blocks)
    assert meta["authors"] == ["Jane Doe"]
    assert meta["date"] == "2025-06-09"


def test_table_of_contents_entries_are_no_headline():
    toc = ["Why the ferry stopped", "How the volunteers rebuilt it", "What a crossing costs"]
    body = [BODY[0], toc[0], BODY[1], toc[1], BODY[2], toc[2], BODY[3]]
    meta, blocks = labelled(*NAV, HEADLINE, "In this article", *toc, body=body)
    assert meta["title"] == HEADLINE
    assert all(b.label != "title" for b in blocks if b.text in toc)
    assert parts_of(toc[-1], *NAV, HEADLINE, "In this article", *toc, body=body)["table of contents"] < 0
    # the table of contents does not put distance between the headline and the body
    assert parts_of(HEADLINE, *NAV, HEADLINE, "In this article", *toc, body=body)["distance"] == 0


def test_the_end_of_a_breadcrumb_counts_for_a_headline():
    meta, blocks = labelled(*NAV, f"Home › Travel › {HEADLINE}", HEADLINE)
    assert meta["title"] == HEADLINE
    assert "end of a breadcrumb" in title_reason(blocks)


def test_a_line_ending_in_the_headline_is_no_headline():
    glued = f"TravelRiver news{HEADLINE}"  # a breadcrumb whose separators the scrape lost
    meta, _ = labelled(*NAV, glued, HEADLINE, "June 9, 2025")
    assert meta["title"] == HEADLINE
    assert parts_of(glued, *NAV, glued, HEADLINE, "June 9, 2025")["a breadcrumb ending in a line nearby"] < 0


def test_a_site_name_after_a_bar_is_left_out():
    meta, blocks = labelled(*NAV, f"{HEADLINE} | Valley Times")
    assert meta["title"] == HEADLINE
    assert "site name after the bar left out" in title_reason(blocks)
    assert strip_site_name("Best Mirrorless Cameras | The Best Cameras on the Market Today") == (
        "Best Mirrorless Cameras | The Best Cameras on the Market Today")  # a long second part is kept


def test_the_site_name_is_no_headline():
    header = (*NAV, HEADLINE, "Valley River Ferries", "Sponsored content below")
    footer = ["© 2024 Valley River Ferries. All rights reserved."]
    meta, _ = labelled(*header, footer=footer)
    assert meta["title"] == HEADLINE
    assert parts_of("Valley River Ferries", *header, footer=footer)["site name"] == -1.0
    assert parts_of("Valley River Ferries", *header)["site name"] == 0.0


def test_a_call_to_action_is_no_headline():
    meta, _ = labelled(*NAV, HEADLINE, "Newsletter", "Start Your Free River Ferry Trial Today")
    assert meta["title"] == HEADLINE
    cta = parts_of("Start Your Free River Ferry Trial Today", *NAV, HEADLINE, "Newsletter",
                   "Start Your Free River Ferry Trial Today")
    assert cta["call to action"] < 0


def test_a_dek_without_a_stop_under_the_headline_is_no_headline():
    dek = "Volunteers rebuilt the river ferry engine and trained six new pilots for the service"
    meta, blocks = labelled(*NAV, HEADLINE, dek, "By Jane Doe")
    assert meta["title"] == HEADLINE
    assert next(b for b in blocks if b.text == dek).label != "title"
    parts = parts_of(dek, *NAV, HEADLINE, dek, "By Jane Doe")
    assert parts["under a headline"] < 0
    assert parts_of(HEADLINE, *NAV, HEADLINE, dek, "By Jane Doe")["byline/date below"] == 1.0  # the dek is skipped


def test_a_short_label_above_the_headline_is_no_headline():
    meta, _ = labelled(*NAV, "River Ferry", HEADLINE, "June 9, 2025")
    assert meta["title"] == HEADLINE
    assert parts_of("River Ferry", *NAV, "River Ferry", HEADLINE, "June 9, 2025")["label above a headline"] < 0


def test_bylined_teasers_between_headline_and_body_are_no_headline():
    teasers = []
    for i, t in enumerate(["River Ferry Fares Explained For New Passengers",
                           "The Ferry Volunteers Who Rebuilt An Engine",
                           "Ten Years Of Waiting For The River Ferry"]):
        teasers += [t, f"Tom Roe | May {i + 2}, 2025"]
    header = (*NAV, HEADLINE, "Written by: Jane Doe", "Most popular", *teasers)
    meta, _ = labelled(*header)
    assert meta["title"] == HEADLINE
    assert meta["authors"] == ["Jane Doe"]
    assert parts_of(teasers[-2], *header)["one of several bylined teasers"] < 0
    assert parts_of(HEADLINE, *header)["one of several bylined teasers"] == 0  # its byline has another shape


def test_a_headline_the_text_run_swallowed():
    meta, blocks = labelled("We noticed that you are using Internet Explorer, which is no longer supported.",
                            "Why Did The Old River Ferry Come Back?")
    assert meta["title"] == "Why Did The Old River Ferry Come Back?"
    assert [b.label for b in blocks[:2]] == ["furniture", "title"]


def test_a_two_word_headline_over_its_dateline():
    meta, _ = labelled("Jane Doe", "Posts", "Contact", "Ferry Returns", "January 22nd, 2019", "travel")
    assert meta["title"] == "Ferry Returns"
    assert meta["date"] == "2019-01-22"


def test_a_date_right_above_the_headline():
    meta, blocks = labelled(*NAV, "June 9, 2025", HEADLINE, "#travel #rivers")
    assert meta["title"] == HEADLINE
    assert "date above" in title_reason(blocks)
    assert meta["date"] == "2025-06-09"


def test_tag_lists_and_hashtags_are_no_headline():
    header = (*NAV, HEADLINE, "June 9, 2025", "Best Of, Rivers, Travel Guides", "#ferry #river")
    meta, _ = labelled(*header)
    assert meta["title"] == HEADLINE
    candidates = [b.text for _, b, _ in _scored(*header)]
    assert "Best Of, Rivers, Travel Guides" not in candidates
    assert "#ferry #river" not in candidates


def _scored(*header: str):
    blocks = split_blocks("\n\n".join([*header, *BODY, *FOOTER]))
    counts = Counter(key(b.text) for b in blocks)
    start, end = label_body(blocks, counts)
    return score_candidates(blocks, start, counts, end)


def test_a_headline_far_above_a_late_text_run():
    # the main run starts after a long box of short lines; the headline sits right above its opening paragraph
    box = [f"Ferry timetable entry number {n}" for n in range(60)]
    meta, _ = labelled(*NAV, HEADLINE, "By Jane Doe", BODY[0], *box, body=BODY[1:] * 3)
    assert meta["title"] == HEADLINE


def test_explain_reason_names_the_score_parts_and_the_runner_up():
    _, blocks = labelled(*NAV, HEADLINE, "By Jane Doe", "Valley Times")
    reason = title_reason(blocks)
    assert reason.startswith("headline: best-scored headline-shaped line near the body (score ")
    assert "overlap +" in reason
    assert "next best" in reason


def test_counts_use_the_whole_page():
    blocks = split_blocks("\n\n".join([HEADLINE, *BODY, HEADLINE]))
    assert Counter(key(b.text) for b in blocks)[key(HEADLINE)] == 2


def test_a_shortened_copy_of_the_headline_is_no_headline():
    header = (*NAV, HEADLINE, "June 9, 2025", "Home", "Travel", "Old River Ferry Returns")  # a breadcrumb's tail
    meta, _ = labelled(*header)
    assert meta["title"] == HEADLINE
    assert parts_of("Old River Ferry Returns", *header)["a shortened copy of a line nearby"] < 0


def test_a_menu_entry_above_the_headline_does_not_make_it_a_dek():
    menu = ["Campus Store Hours", "River Concert Series", "Explore Our Visit Options"]
    parts = parts_of(HEADLINE, *NAV, *menu, HEADLINE)
    assert parts["under a headline"] == 0


def test_headings_listed_in_a_table_of_contents_stay_in_the_text():
    toc = ["Why the ferry stopped", "How the volunteers rebuilt it"]
    body = [BODY[0], toc[0], BODY[1], toc[1], BODY[2], BODY[3]]
    _, blocks = labelled(*NAV, HEADLINE, "Contents", *toc, body=body)
    in_body = [b for b in blocks if b.text in toc and b.index > 8]
    assert [b.label for b in in_body] == ["heading", "heading"]
    assert "also listed above it" in in_body[0].reason


def test_a_headline_with_a_trailing_date():
    headline = "Friday Ferry Roundup 03/14/2025"
    meta, _ = labelled(*NAV, headline, "Priya Ramaswamy", "Dec 19, 2025")
    assert meta["title"] == headline
    assert meta["authors"] == ["Priya Ramaswamy"]


def test_a_whole_header_the_text_run_swallowed_after_a_notice():
    # two short notice paragraphs start the text run; headline, dek, byline and dates follow inside it
    header = (*NAV, "We test every ferry ourselves, and we may earn a commission when you buy tickets here.",
              "Click the button to make the Valley Times a preferred source on your feed.", "Travel", HEADLINE,
              "Our reporter rode the first crossing with forty passengers", "By Jane Doe",
              "Published: June 9, 2025")
    meta, blocks = labelled(*header)
    assert meta["title"] == HEADLINE
    assert meta["authors"] == ["Jane Doe"]
    assert meta["date"] == "2025-06-09"
    first = next(b for b in blocks if b.label == "body")
    assert first.text == BODY[0]
    notice = next(b for b in blocks if b.text.startswith("We test every ferry"))
    assert notice.reason.startswith("header swallowed by the text run")


def test_a_bylined_teaser_inside_the_article_is_not_peeled():
    # a headline and byline a few paragraphs into the text is no swallowed header
    teaser = ["Ferry Pilots Train for the Summer", "By John Roe"]
    meta, blocks = labelled(*NAV, HEADLINE, "By Jane Doe", body=[*BODY[:3], *teaser, BODY[3]])
    assert meta["title"] == HEADLINE
    assert next(b for b in blocks if b.label == "body").text == BODY[0]


def test_a_date_under_another_headline_and_its_author_gives_no_bonus():
    header = (*NAV, HEADLINE, "Priya Ramaswamy", "Dec 19, 2025", "Volunteers Rebuilt the Ferry Engine")
    meta, _ = labelled(*header)
    assert meta["title"] == HEADLINE
    assert parts_of("Volunteers Rebuilt the Ferry Engine", *header)["date above"] == 0


def test_a_headline_that_a_breadcrumb_below_shortens():
    header = (*NAV, HEADLINE, "Home", "Travel", "Old River Ferry Returns", "Share", "Ferry Timetable and Summer Fares")
    meta, _ = labelled(*header)
    assert meta["title"] == HEADLINE
    assert parts_of(HEADLINE, *header)["shortened nearby (a breadcrumb's last item)"] > 0
    assert parts_of("Ferry Timetable and Summer Fares", *header)["shortened nearby (a breadcrumb's last item)"] == 0


def test_a_table_of_contents_of_long_entries_inside_the_text_keeps_the_opening():
    # repeated lines of five words or more count as teasers, unless they come back one by one as headings
    toc = ["Why the old ferry service stopped", "How the volunteers rebuilt the boat", "What a crossing costs today"]
    last = "A return ticket costs three pounds, and children under twelve travel free with a paying adult all year."
    body = [BODY[0], *toc, BODY[1], toc[0], BODY[2], toc[1], BODY[3], toc[2], last]
    meta, blocks = labelled(*NAV, HEADLINE, "By Jane Doe", body=body)
    assert meta["title"] == HEADLINE
    assert next(b for b in blocks if b.label == "body").text == BODY[0]
    entries = [b for b in blocks if b.text in toc]
    assert [b.label for b in entries] == ["furniture"] * 3 + ["heading"] * 3
    assert entries[0].reason.startswith("table of contents entry")


def test_a_repeated_teaser_list_is_no_table_of_contents():
    teasers = ["Ferry fares rise for the summer season", "New bridge plan goes to the council vote"]
    _, blocks = labelled(*NAV, *teasers, HEADLINE, "By Jane Doe", footer=[*teasers, *FOOTER])
    assert all(b.label == "furniture" and b.score == -40 for b in blocks if b.text in teasers)


def test_the_first_heading_a_short_table_of_contents_lists_is_no_headline():
    toc = ["Why did the old ferry service stop?", "How did the volunteers rebuild the boat?"]
    body = [toc[0], BODY[0], BODY[1], toc[1], BODY[2], BODY[3]]
    header = (*NAV, HEADLINE, "Quick links", *toc)
    meta, _ = labelled(*header, body=body)
    assert meta["title"] == HEADLINE
    assert parts_of(toc[0], *header, body=body)["table of contents"] < 0


def test_a_bylined_headline_far_above_a_long_box_before_the_text_run():
    # a comparison box of 200 short lines sits between the header and the article's main run
    box = [f"Ferry model {n} rated {n % 5} of 5" for n in range(200)]
    meta, blocks = labelled(*NAV, HEADLINE, "By Jane Doe", "Updated June 9, 2025", *box)
    assert meta["title"] == HEADLINE
    assert meta["authors"] == ["Jane Doe"]
    assert meta["date"] == "2025-06-09"
    assert title_reason(blocks).startswith("headline far above a late text run")


def test_no_far_headline_when_a_headline_near_the_run_has_its_byline():
    box = [f"Ferry model {n} rated {n % 5} of 5" for n in range(200)]
    near = "Volunteers Bring the Old Ferry Back"
    meta, _ = labelled(*NAV, HEADLINE, "By Jane Doe", *box, near, "By John Roe", "June 9, 2025")
    assert meta["title"] == near


def test_an_entry_of_a_menu_printed_twice_gets_no_repeat_bonus():
    menu = ["Ferry Timetables and Fares", "Old River Ferry Crossings Today", "Volunteer Crew Openings"]
    header = (*menu, "About", *menu, "Contact", HEADLINE)
    assert parts_of(menu[1], *header)["repeated"] == 0
    shared = (*NAV, HEADLINE, "By Jane Doe", "Share", HEADLINE)  # a headline repeated alone still counts
    assert parts_of(HEADLINE, *shared)["repeated"] > 0
