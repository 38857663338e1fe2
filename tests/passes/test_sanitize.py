"""The sanitize pass: allow-listed URLs, ids, attributes and language tags; bounded nesting."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.options import Context
from toolkit.passes.sanitize import MAX_NESTING, clean_image_src, clean_url, safe_id, sanitize, strip_markup
from toolkit.tree.nodes import (
    Attr,
    BlockQuote,
    Document,
    Emph,
    Figure,
    Link,
    Meta,
    Note,
    NoteRef,
    Para,
    Person,
    Quote,
    Source,
    Text,
)
from toolkit.tree.walk import iter_nodes


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:x", " \x01javascript:x", "java\tscript:x",
                                 "data:text/html,<b>", "vbscript:x", "file:///etc/passwd", "//evil.example/x",
                                 "rel/page.html", ""])
def test_unsafe_or_relative_links_are_dropped(url):
    assert clean_url(url) is None


@pytest.mark.parametrize(("url", "kept"), [("https://example.org/a b", "https://example.org/a%20b"),
                                           ("mailto:a@b.c", "mailto:a@b.c"), ("#p 1", "#p1"),
                                           ("HTTP://EXAMPLE.ORG/", "HTTP://EXAMPLE.ORG/")])
def test_safe_links_are_kept(url, kept):
    assert clean_url(url) == kept


def test_relative_links_resolve_against_the_article_url():
    assert clean_url("../b.html", "https://site.example/a/c.html") == "https://site.example/b.html"
    assert clean_url("javascript:x", "https://site.example/") is None


def test_image_sources(tmp_path):
    assert clean_image_src("photo.png", tmp_path) == "photo.png"
    assert clean_image_src("https://example.org/p.jpg", tmp_path) == "https://example.org/p.jpg"
    assert clean_image_src("data:image/png;base64,AAAA", tmp_path) == "data:image/png;base64,AAAA"
    for bad in ("../photo.png", "/etc/passwd", "file:///etc/passwd", "data:image/svg+xml,<svg/>",
                "data:text/html,x", "javascript:x", "C:\\x.png", "a\x00.png"):
        assert clean_image_src(bad, tmp_path) is None, bad
    assert clean_image_src(str(tmp_path / "in.png"), tmp_path) == str(tmp_path / "in.png")


def test_ids_are_tokens_and_stable():
    assert safe_id('p1" onclick="x') == "p1-onclick-x"
    assert safe_id('p1" onclick="x') == safe_id('p1" onclick="x')


def test_markup_is_stripped_from_metadata_only():
    assert strip_markup("<b>Bold</b> title <script>alert(1)</script>") == "Bold title"
    assert strip_markup("Fish & chips < 5 pounds") == "Fish & chips < 5 pounds"
    assert strip_markup(" \r\n ") == ""


def run(doc: Document, base: Path | None = None) -> tuple[Document, list[str]]:
    ctx = Context(input_path=(base / "in.md") if base else None)
    return sanitize(doc, ctx), ctx.warnings


def test_pass_cleans_the_tree_and_says_what_it_removed(tmp_path):
    evil = 'x" onclick="alert(1)'
    doc = Document(
        meta=Meta(title="<i>T</i>", language='en" onload="x', url="javascript:x", authors=("<b>Ann</b>", " ")),
        blocks=(Para((Link((Text("js"),), "javascript:alert(1)"), Link((Text("ok"),), "https://e.org"),
                      Quote((Text("q"),), speaker=evil)),
                     Attr(evil, ("ok", 'bad"class'), (("onclick", "x"), ("style", "x"), ("marks", "\u201c\u201d")))),
                Figure("file:///etc/passwd", "alt")),
        people=(Person(evil, "<b>Ann</b>"),), sources=(Source("s1", "Site", url="javascript:x"),))
    new, warnings = run(doc, tmp_path)
    texts = [n for n in iter_nodes(new)]
    assert not any(isinstance(n, Link) and n.url.startswith("javascript") for n in texts)
    assert any(isinstance(n, Link) and n.url == "https://e.org" for n in texts)
    para = new.blocks[0]
    assert para.attr == Attr(safe_id(evil), ("ok",), (("marks", "\u201c\u201d"),))
    assert para.children[-1].speaker == new.people[0].id == safe_id(evil)
    assert new.blocks[1].src == ""
    assert new.meta.title == "T"
    assert new.meta.language is None
    assert new.meta.url is None
    assert new.meta.authors == ("Ann",)
    assert new.sources[0].url == ""
    joined = " | ".join(warnings)
    for phrase in ("javascript:alert(1)", "file:///etc/passwd", "language tag", "attributes", "source links"):
        assert phrase in joined


def test_clean_tree_comes_back_unchanged():
    doc = Document(meta=Meta(title="T", language="en-GB"),
                   blocks=(Para((Text("Plain "), Link((Text("x"),), "https://e.org/")), Attr("p1")),))
    new, warnings = run(doc)
    assert new == doc
    assert warnings == []


def test_deep_nesting_is_flattened():
    block = Para((Text("bottom"),))
    for _ in range(MAX_NESTING + 20):
        block = BlockQuote((block,))
    inline = Text("deep")
    for _ in range(MAX_NESTING + 20):
        inline = Emph((inline,))
    new, warnings = run(Document(blocks=(block, Para((inline,)))))

    def depth(node, kind):
        d = 0
        while isinstance(node, kind):
            node = (node.blocks if kind is BlockQuote else node.children)[0]
            d += 1
        return d, node

    d, bottom = depth(new.blocks[0], BlockQuote)
    assert d == MAX_NESTING
    assert bottom == Para((Text("bottom"),))
    d, leaf = depth(new.blocks[1].children[0], Emph)
    assert d == MAX_NESTING
    assert leaf == Text("deep")
    assert any("flattened" in w for w in warnings)


def test_xml_invalid_characters_and_note_cycles_are_removed():
    doc = Document(meta=Meta(title="a\x18b"),
                   blocks=(Para((Text("x\x00y\ud800"), NoteRef("n1"))), Note("n1", (Para((NoteRef("n1"),)),))))
    new, warnings = run(doc)
    assert new.meta.title == "ab"
    assert new.blocks[0].children[0] == Text("xy")
    assert new.blocks[1] == Note("n1", (Para(()),))
    assert any("inside notes" in w for w in warnings)
