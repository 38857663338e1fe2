"""The sources panel states what the text does (issue 24): no two sentences glued into one name, an
organisation quoted in the text is cited, one sentence is listed once and the count is every citation."""

from __future__ import annotations

import lxml.html as lhtml

from tests.passes.voices import doc_of, run
from toolkit.options import Context, Options
from toolkit.passes.sources import find_citations
from toolkit.writers.annotated.writer import render_annotated_html


def test_two_sentences_are_not_one_source_name():
    text = "Cases rose in India. The World Health Organization reported 300 new cases on Monday."
    assert [name for _, _, name in find_citations(text)] == ["The World Health Organization"]


def sources(*paragraphs: str) -> dict[str, str]:
    page = lhtml.fromstring(render_annotated_html(run(doc_of(*paragraphs)), Options(), Context()))
    return {li.xpath(".//span[@class='src-name']")[0].text_content(): li.text_content()
            for li in page.xpath("//ol[@class='sources-list']/li")}


def test_a_quoted_organisation_is_cited_and_counted():
    found = sources(
        "The Harbour Authority said in a statement that the pier would close. According to the Harbour Authority, "
        "the repairs will take a year, and the Harbour Authority reported a loss.",
        "“We will reopen the pier as soon as it is safe,” the Harbour Authority said.",
    )
    entry = found["Harbour Authority"]
    assert "not cited" not in entry
    assert "Cited 3 times" in entry  # two citing sentences in the first paragraph, and the quotation
    assert entry.count("the repairs will take a year") == 1  # the sentence citing it twice is listed once
