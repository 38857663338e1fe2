"""The W3C Web Annotation export: the model's required fields, and selectors that find their text in the page."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lhtml

from tests.writers.test_annotated_html import page, sample_doc
from toolkit.options import Context, Options
from toolkit.pipeline import render

MOTIVATIONS = {"assessing", "bookmarking", "classifying", "commenting", "describing", "editing", "highlighting",
               "identifying", "linking", "moderating", "questioning", "replying", "tagging"}
IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$")


def page_text(tree) -> str:
    """The article's text as the export defines it, computed here independently from the page."""
    blocks = []
    for el in tree.xpath("//div[@class='article-body']//*[self::p or self::h2 or self::h3 or self::h4]"
                         "[not(ancestor::figure)][not(ancestor::div[contains(@class,'sidenote')])]"):
        el = copy.deepcopy(el)
        for extra in el.xpath(".//*[contains(@class,'pilcrow') or contains(@class,'sn-ref') "
                              "or contains(@class,'cite-n') or contains(@class,'noteref')]"):
            extra.drop_tree()
        blocks.append(el.text_content())
    return "\n\n".join(blocks)


@pytest.fixture(scope="module")
def export() -> dict:
    options = Options(annotation_source="article.html")
    return json.loads(render(sample_doc(), "annotations", options, Context(options=options)))


@pytest.fixture(scope="module")
def tree():
    return lhtml.fromstring(page())


def check_annotation(a: dict) -> None:
    """The Web Annotation Data Model's MUSTs for an annotation, its bodies, target and selectors."""
    assert a["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert IRI.match(a["id"]), a["id"]
    assert a["type"] == "Annotation"
    assert a["motivation"] in MOTIVATIONS
    for body in a.get("body", []):
        if body.get("type") == "TextualBody":
            assert isinstance(body["value"], str)
            assert body["value"]
            assert body.get("purpose", "tagging") in MOTIVATIONS
        else:
            assert IRI.match(body["id"])
    target = a["target"]
    assert target["source"]
    for sel in target["selector"]:
        if sel["type"] == "TextQuoteSelector":
            assert sel["exact"]
            assert len(sel["prefix"]) <= 32
            assert len(sel["suffix"]) <= 32
        elif sel["type"] == "TextPositionSelector":
            assert isinstance(sel["start"], int)
            assert isinstance(sel["end"], int)
            assert 0 <= sel["start"] <= sel["end"]
        elif sel["type"] == "FragmentSelector":
            assert sel["conformsTo"] == "http://tools.ietf.org/rfc/rfc3986"
            assert sel["value"]
        else:
            pytest.fail(f"unexpected selector {sel['type']}")


def test_collection_and_page_structure(export):
    assert export["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert export["type"] == "AnnotationCollection"
    assert IRI.match(export["id"])
    first = export["first"]
    assert first["type"] == "AnnotationPage"
    assert IRI.match(first["id"])
    assert first["startIndex"] == 0
    assert export["total"] == len(first["items"]) > 0
    ids = [a["id"] for a in first["items"]]
    assert len(set(ids)) == len(ids)


def test_every_annotation_has_the_required_fields(export):
    for a in export["first"]["items"]:
        check_annotation(a)
    kinds = {b["value"] for a in export["first"]["items"] for b in a["body"] if b.get("purpose") == "tagging"}
    assert kinds == {"quotation", "citation", "abbreviation", "term", "date", "entity"}


def test_selectors_find_their_text_in_the_page(export, tree):
    text = page_text(tree)
    for a in export["first"]["items"]:
        target = a["target"]
        assert target["source"] == "article.html"
        sel = {s["type"]: s for s in target["selector"]}
        quote, pos, frag = sel["TextQuoteSelector"], sel["TextPositionSelector"], sel["FragmentSelector"]
        assert text[pos["start"]:pos["end"]] == quote["exact"]
        assert text[:pos["start"]].endswith(quote["prefix"])
        assert text[pos["end"]:].startswith(quote["suffix"])
        assert quote["prefix"] + quote["exact"] + quote["suffix"] in text
        element = copy.deepcopy(tree.get_element_by_id(frag["value"]))
        for extra in element.xpath(".//*[contains(@class,'sn-ref') or contains(@class,'cite-n') "
                                   "or contains(@class,'pilcrow')]"):
            extra.drop_tree()
        if element.tag == "blockquote":  # a block quote's text is its paragraphs'
            assert "\n\n".join(p.text_content() for p in element.iter("p")) == quote["exact"]
        else:
            assert element.text_content() == quote["exact"]


def test_quotations_name_their_speaker(export):
    quotes = [a for a in export["first"]["items"] if a["motivation"] == "identifying"
              and any(b["value"] == "quotation" for b in a["body"])]
    assert len(quotes) == 7
    first = quotes[0]
    assert [b["value"] for b in first["body"]][1:] == ["Mara Quint", "chair of the Harbour Trust"]
    assert first["target"]["selector"][0]["exact"] == "It is the oldest light on this coast,"


def test_build_writes_the_export_beside_the_page(tmp_path):
    from toolkit.cli.commands import main

    src = tmp_path / "article.md"
    src.write_text("---\ntitle: A Quiet Harbour\n---\n\nThe Harbour Gazette said nothing in 2019.\n\n"
                   "Later came a second paragraph.\n", encoding="utf-8")
    out, target = tmp_path / "out", tmp_path / "notes" / "article.jsonld"
    result = CliRunner().invoke(main, ["build", str(src), "--to", "html", "-o", str(out),
                                       "--annotations", str(target)])
    assert result.exit_code == 0, result.output
    data = json.loads(target.read_text(encoding="utf-8"))
    sources = {a["target"]["source"] for a in data["first"]["items"]}
    assert sources == {"../out/a-quiet-harbour.html"}
    assert (target.parent / Path(sources.pop())).resolve() == (out / "a-quiet-harbour.html").resolve()
