"""A glossary term needs the definition the text gives it (issue 24): scare quotes are not terms,
and a term is listed without the punctuation inside its marks."""

from __future__ import annotations

import lxml.html as lhtml

from tests.passes.voices import doc_of, run
from toolkit.options import Context, Options
from toolkit.writers.annotated.writer import render_annotated_html


def glossary_terms(*paragraphs: str) -> dict[str, str]:
    page = lhtml.fromstring(render_annotated_html(run(doc_of(*paragraphs)), Options(), Context()))
    return {dt.text_content(): dd.text_content() for dt, dd in
            zip(page.xpath("//dl[contains(@class,'terms')]//dt"), page.xpath("//dl[contains(@class,'terms')]//dd"),
                strict=True)}


def test_only_defined_terms_are_listed():
    terms = glossary_terms(
        "Officials said they had “not heard” of the plan, which “occupies” the ministry, and called the room a "
        "“gas chamber.”",
        "The word “hygge” means a cosy, contented mood in Danish, and the camps use a method known as "
        "“transformation through education” on detainees.",
    )
    assert set(terms) == {"hygge", "transformation through education"}
    assert terms["hygge"].startswith("a cosy, contented mood in Danish")
    assert terms["transformation through education"].startswith("a method")


def test_a_term_is_listed_without_end_punctuation():
    terms = glossary_terms("Some use the word “cwtch.” (a hug) for a cuddle that keeps someone safe.",
                           "Before the law, the rule was known as the “ten-day clause,” (a waiting period) in every state.")
    assert set(terms) == {"cwtch", "ten-day clause"}
    assert terms["cwtch"].startswith("a hug")


def test_an_abbreviation_counts_every_use():
    page = lhtml.fromstring(render_annotated_html(run(doc_of(
        "The Northern Wire Service (NWS) filed first. NWS later corrected the figure.",
        "Other outlets followed NWS, and by noon NWS had a second correction.",
    )), Options(), Context()))
    uses = page.xpath("//dl[@class='glossary-list']//dd//span[@class='uses']")[0].text_content()
    assert uses.startswith("4 uses")
