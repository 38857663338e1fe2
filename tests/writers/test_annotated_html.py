"""The annotated HTML edition on a hand-built article: layers, panels, links, CSP, escaping, no-annotations."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest
from lxml import html as lhtml

from toolkit.options import Context, Options
from toolkit.passes.ids import assign_ids
from toolkit.pipeline import render
from toolkit.tree.build import para
from toolkit.tree.nodes import (
    Abbr,
    Attr,
    BlockQuote,
    Cite,
    Document,
    Entity,
    Event,
    Figure,
    Link,
    Meta,
    Note,
    NoteRef,
    Person,
    Quote,
    Source,
    Span,
    Term,
    Text,
)

MARKS = ("marks", "“”")


def q(text: str, speaker: str = "", cue: str = "", group: str = "") -> Quote:
    kv = (MARKS, ("group", group)) if group else (MARKS,)
    return Quote((Text(text),), speaker, cue, True, Attr("", (), kv))


def sample_doc() -> Document:
    """A small article with every kind of annotation, written for these tests."""
    meta = Meta(title="Harbour Town Votes on the Old Lighthouse", subtitle="A small council weighs memory against money.",
                kicker="Coastal Affairs", tags=("Local", "Heritage"), authors=("Ada Byrne",), date="2021-06-04",
                language="en")
    people = (Person("mara", "Mara Quint", "chair of the Harbour Trust"),
              Person("tom", "Tom Ellery", "a retired keeper"),
              Person("council", "Harbour Council", "", "organization"))
    sources = (Source("gazette", "Harbour Gazette", "", "outlet", "https://gazette.example/lighthouse"),
               Source("nhb", "National Heritage Board", "NHB", "institution"))
    blocks = (
        Figure("", "", (Text("The lighthouse at dusk, seen from the north pier."),), (Text("Photo: Ada Byrne"),)),
        para("In ", Span((Text("March 2019"),), Attr("", ("date",), (("value", "2019-03"),))),
             ", the ", Cite((Text("National Heritage Board"),), "nhb"), " (", Abbr("NHB", "National Heritage Board"),
             ") listed the tower. ", q("It is the oldest light on this coast,", "mara", "said", "g1"),
             " Quint said. ", q("We cannot let it fall.", "mara", "", "g1")),
        para("The ", Cite((Text("Harbour Gazette"),), "gazette"), " reported that repairs would cost more than the ",
             Term((Text("rainy-day fund"),), Attr("", (), (MARKS, ("gloss", "money kept for a bad year")))), " holds. ",
             q("I kept that light for thirty years and it never once failed a ship", "tom", "told the Gazette"),
             ", Ellery told the paper."),
        para("The ", Abbr("NHB", "National Heritage Board"), " will decide by ",
             Span((Text("June 2022"),), Attr("", ("date",), (("value", "2022-06"),))), ". ",
             q("A decision is expected soon.", "council", "said"), " Meanwhile a ",
             Term((Text("rainy-day fund"),), Attr("", (), (MARKS,))), " appeal opened in 1998 was revived. ",
             q("Nobody asked us,", "", ""), " one resident complained."),
        para("Mara Quint, who chairs the trust, ", q("will keep asking", "mara", "promised"), " until ",
             Link((Text("the vote"),), "https://example.org/vote"), " is held.", NoteRef("n1")),
        BlockQuote((para("The light was lit every night from 1871."), para("Only fog ever beat it.")),
                   Attr("", (), (("speaker", "mara"), ("cue", "wrote")))),
        Note("n1", (para("The vote is in September."),)),
    )
    doc = Document(meta, blocks, people, sources, (("NHB", "National Heritage Board"),),
                   (Event("2022-06", "The NHB will decide by June 2022.", "p3"),
                    Event("1998", "A rainy-day fund appeal opened in 1998 was revived.", "p3"),
                    Event("2019-03", "In March 2019, the National Heritage Board listed the tower.", "p1")),
                   (Entity("Mara Quint", "person", 2), Entity("National Heritage Board", "organization", 2),
                    Entity("Harbour Town", "place", 1)))
    return assign_ids(doc, Context())


def page(doc: Document | None = None, **opts) -> str:
    doc = doc or sample_doc()
    options = Options(**opts)
    return render(doc, "html", options, Context(options=options)).decode("utf-8")


@pytest.fixture(scope="module")
def annotated() -> str:
    return page()


@pytest.fixture(scope="module")
def tree(annotated):
    return lhtml.fromstring(annotated)


def ids(tree) -> set[str]:
    return {el.get("id") for el in tree.iter() if isinstance(el.tag, str) and el.get("id")}


def test_every_fragment_link_lands_on_an_element(tree):
    known = ids(tree)
    targets = [a.get("href")[1:] for a in tree.iter("a") if (a.get("href") or "").startswith("#")]
    targets += [el.get("cite")[1:] for el in tree.xpath("//blockquote[@cite]")]
    targets += ["person-" + el.get("data-speaker") for el in tree.xpath("//span[@data-speaker]")]
    assert targets
    assert [t for t in targets if t not in known] == []


def test_panels_are_sections_with_stable_ids(tree):
    for pid in ("voices", "sources", "glossary", "timeline", "entities"):
        section = tree.get_element_by_id(pid)
        assert section.tag == "section"
        assert section.get("aria-labelledby") == f"{pid}-h"


def test_paragraph_anchors_and_permalinks(tree):
    paras = tree.xpath("//div[@class='article-body']/p")
    assert [p.get("id") for p in paras] == ["p1", "p2", "p3", "p4"]
    for p in paras:
        link = p.find("a[@class='pilcrow']")
        assert link.get("href") == "#" + p.get("id")
        assert link.text == "¶"


def test_quotes_link_to_speakers_with_sidenotes(tree):
    quotes = tree.xpath("//div[@class='article-body']//span[contains(@class, 'quote')]")
    assert len(quotes) == 6
    speakers = [q.get("data-speaker") for q in quotes]
    assert speakers == ["mara", "mara", "tom", "council", None, "mara"]
    notes = tree.xpath("//div[contains(@class, 'sidenote')]")
    # one note per quotation (the two parts of Quint's split quote share one), none for the unattributed
    assert len(notes) == 5
    first = notes[0]
    assert first.get("role") == "note"
    assert first.find(".//a").get("href") == "#person-mara"
    assert "chair of the Harbour Trust" in first.text_content()
    assert "said" in first.text_content()
    # the role is given once per speaker
    assert "chair of the Harbour Trust" not in notes[3].text_content()
    assert [tree.get_element_by_id(n.get("data-for")).tag for n in notes] == ["span"] * 4 + ["blockquote"]
    block = tree.xpath("//blockquote")[0]
    assert block.get("cite") == "#person-mara"
    assert "wrote" in notes[4].text_content()


def test_voices_panel_orders_by_quotes_and_gives_shares(tree):
    voices = tree.get_element_by_id("voices")
    items = voices.xpath(".//ol[@class='voices']/li")
    names = [li.find("h3").text_content() for li in items]
    assert names[0] == "Mara Quint"
    assert names[-1] == "Unattributed"
    assert "3 quotes" in items[0].text_content()  # the split quote counts once
    shares = [int(re.search(r"(\d+)% of quoted words", li.text_content()).group(1)) for li in items]
    assert 98 <= sum(shares) <= 102
    links = items[0].xpath(".//ol[@class='quote-list']//a/@href")
    assert [tree.get_element_by_id(h[1:]).tag for h in links] == ["span", "span", "blockquote"]


def test_sources_panel_links_both_ways(tree):
    sources = tree.get_element_by_id("sources")
    entries = sources.xpath(".//ol[@class='sources-list']/li")
    assert [li.get("id") for li in entries] == ["source-gazette", "source-nhb"]
    assert "Cited 1 time" in entries[0].text_content()
    assert entries[0].xpath(".//a[@class='src-link']/@href") == ["https://gazette.example/lighthouse"]
    back = entries[1].xpath(".//ul[@class='citing']//a/@href")
    cite = tree.get_element_by_id(back[0][1:])
    assert cite.get("href") == "#source-nhb"
    assert "listed the tower" in entries[1].text_content()  # the citing sentence


def test_glossary_defines_at_first_use_only(tree):
    dfns = tree.xpath("//div[@class='article-body']//dfn")
    assert [d.text_content() for d in dfns] == ["NHB", "rainy-day fund"]
    abbrs = tree.xpath("//div[@class='article-body']//abbr")
    assert [a.get("title") for a in abbrs] == ["National Heritage Board"] * 2
    glossary = tree.get_element_by_id("glossary")
    assert "National Heritage Board" in glossary.xpath(".//dd")[0].text_content()
    assert "2 uses" in glossary.text_content()


def test_timeline_in_date_order_linked_to_paragraphs(tree):
    items = tree.get_element_by_id("timeline").xpath(".//ol[@class='timeline']/li")
    assert [li.find(".//time").get("datetime") for li in items] == ["1998", "2019-03", "2022-06"]
    assert items[1].find(".//time").text == "March 2019"
    assert items[0].xpath(".//a/@href") == ["#p3"]


def test_dates_are_time_elements(tree):
    times = tree.xpath("//div[@class='article-body']//time[@class='date']")
    assert [t.get("datetime") for t in times] == ["2019-03", "2022-06"]


def test_entity_index_counts_and_finds_mentions(tree):
    index = tree.get_element_by_id("entities")
    people = index.xpath(".//div[contains(@class,'ent-person')]//li")
    assert people[0].get("data-name") == "Mara Quint"
    # a surname alone and an abbreviation count for the registered name
    def mentions(li):
        return [tree.get_element_by_id(h[1:]).text_content() for h in li.xpath(".//span[@class='ent-where']/a/@href")]

    assert mentions(people[0]) == ["Quint", "Mara Quint"]
    orgs = index.xpath(".//div[contains(@class,'ent-organization')]//li")
    assert mentions(orgs[0]) == ["National Heritage Board", "NHB", "NHB"]
    assert orgs[0].xpath(".//span[@class='ent-count']")[0].text == "3"
    spans = tree.xpath("//div[@class='article-body']//span[@class='entity']")
    assert {s.get("data-kind") for s in spans} == {"person", "organization"}


def test_header_stats(tree):
    stats = tree.xpath("//ul[@class='stats']")[0].text_content()
    assert "6 quotes" in re.sub(r"\s+", " ", stats)
    assert "2 sources" in stats
    assert "3 speakers" in stats
    assert re.search(r"\d+ min read", stats)


def test_json_ld_news_article_with_quotations(tree):
    data = json.loads(tree.xpath("//script[@type='application/ld+json']")[0].text)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Harbour Town Votes on the Old Lighthouse"
    assert data["author"] == [{"@type": "Person", "name": "Ada Byrne"}]
    assert data["image"] == {"@type": "ImageObject", "caption": "The lighthouse at dusk, seen from the north pier.",
                             "creditText": "Photo: Ada Byrne"}
    quotations = data["hasPart"]
    assert all(x["@type"] == "Quotation" for x in quotations)
    assert len(quotations) == 6
    assert quotations[0]["spokenByCharacter"]["name"] == "Mara Quint"
    assert quotations[0]["text"] == "It is the oldest light on this coast, … We cannot let it fall."


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_strict_csp_allows_exactly_the_inline_style_and_script(annotated, tree):
    csp = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "default-src 'none'" in csp
    style = re.search(r"<style>(.*?)</style>", annotated, re.S).group(1)
    script = re.search(r"<script>(.*?)</script>", annotated, re.S).group(1)
    assert f"style-src {_csp_hash(style)}" in csp
    assert f"script-src {_csp_hash(script)}" in csp


def test_self_contained_no_handlers_no_remote_loads(annotated, tree):
    for el in tree.iter():
        if isinstance(el.tag, str):
            assert not [a for a in el.attrib if a.lower().startswith("on")], el.tag
    assert not tree.xpath("//script[@src] | //link[@rel='stylesheet'] | //iframe | //img[starts-with(@src,'http')]")
    assert "@import" not in annotated
    assert "@font-face" in annotated or "font-family" in annotated


def test_no_annotations_is_the_same_article_without_layers(tree):
    plain = lhtml.fromstring(page(annotations=False))
    assert not plain.xpath("//script[not(@type='application/ld+json')]")
    assert not plain.xpath("//section[@id='voices'] | //div[contains(@class,'sidenote')] | //*[@data-speaker]")
    assert not plain.xpath("//dfn | //time[@class='date'] | //span[@class='entity']")
    csp = plain.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "script-src 'none'" in csp

    def texts(t):
        return [p.text_content() for p in t.xpath("//div[@class='article-body']/p")]

    assert texts(plain) == texts(tree)
    assert plain.xpath("//h1")[0].text_content() == tree.xpath("//h1")[0].text_content()


def test_empty_registries_give_empty_panels():
    doc = assign_ids(Document(Meta(title="Plain"), (para("Nothing quoted here."),)), Context())
    t = lhtml.fromstring(page(doc))
    for pid in ("voices", "sources", "glossary", "timeline", "entities"):
        assert t.get_element_by_id(pid).xpath(".//p[@class='empty']")


HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


def test_hostile_input_is_escaped():
    doc = sample_doc()
    doc = Document(
        Meta(title=HOSTILE, subtitle="</style><script>alert(3)</script>", kicker=HOSTILE, tags=(HOSTILE,),
             authors=(HOSTILE,), date="2021-01-01\"><script>", language='en"><script>'),
        (para(Link((Text("click"),), "javascript:alert(4)"), " ", Link((Text("x"),), " JaVaScRiPt:alert(5)"),
              " ", q("</q><script>alert(6)</script>", "evil", HOSTILE),
              Span((Text("s"),), Attr('x" onclick="alert(7)', ("entity", 'a"b'), (("onclick", "alert(8)"),
                                                                              ("name", HOSTILE)))),
              Cite((Text("c"),), "src")),),
        (Person("evil", HOSTILE, HOSTILE),),
        (Source("src", HOSTILE, HOSTILE, "outlet", "javascript:alert(9)", HOSTILE),),
        ((HOSTILE, HOSTILE),), (Event("2020", HOSTILE, "p1"),), (Entity(HOSTILE, "person", 1),))
    doc = assign_ids(doc, Context())
    out = page(doc)
    t = lhtml.fromstring(out)
    scripts = t.xpath("//script")
    assert [s.get("type") for s in scripts] == ["application/ld+json", None]
    assert "alert" not in scripts[1].text
    for el in t.iter():
        if isinstance(el.tag, str):
            assert not [a for a in el.attrib if a.lower().startswith("on")], (el.tag, el.attrib)
            for name in ("href", "src", "cite"):
                assert not (el.get(name) or "").strip().lower().startswith("javascript"), el.attrib
    assert not t.xpath("//iframe | //form | //object | //embed | //img")
    data = json.loads(scripts[0].text)
    assert data["headline"] == HOSTILE
    assert "</script" not in scripts[0].text


def test_headings_start_at_h2_and_notes_have_no_deprecated_roles(tree):
    from toolkit.tree.nodes import Heading

    doc = assign_ids(Document(Meta(title="Levels"), (Heading(3, (Text("Deep"),)), para("Body."),
                                                     Heading(4, (Text("Deeper"),)))), Context())
    t = lhtml.fromstring(page(doc))
    assert [h.tag for h in t.xpath("//div[@class='article-body']/*[starts-with(name(), 'h')]")] == ["h2", "h3"]
    notes = tree.xpath("//section[@class='notes']")[0]
    assert not notes.xpath(".//*[@role='doc-endnote']")
    back = notes.xpath(".//a[@role='doc-backlink']")[0]
    assert tree.get_element_by_id(back.get("href")[1:]).get("class") == "noteref"
