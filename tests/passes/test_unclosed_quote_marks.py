"""A quotation whose opening mark its paragraph never closes keeps that one mark: no edition adds a second
opening mark or a closing mark the author did not write."""

from __future__ import annotations

import re

import pytest

from toolkit.options import Context, Options
from toolkit.pipeline import read, render
from toolkit.tree.json import dumps, loads
from toolkit.tree.nodes import Quote
from toolkit.tree.walk import iter_nodes

TEXT = ("Harbour wall\n\n\u201cAna Petrova walked the length of the harbour wall every morning. "
        "She said so to everyone who asked her about it, and to some who did not.\n\n"
        "The wall was rebuilt in the spring after the storms had taken its northern end.\n")
MARKDOWN = ("---\ntitle: Harbour wall\nlang: en\n---\n\n\u201cAna Petrova walked the length of the harbour wall "
            "every morning. She said so.\n")


def words(html: bytes) -> str:
    """The words of the article's first paragraph (the edition's lists of quotes set each one in marks)."""
    found = re.search(r'<p[^>]*id="p1".*?</p>', html.decode("utf-8"), re.S)
    assert found, "no first paragraph"
    return re.sub(r"<[^>]+>", "", found.group(0))


@pytest.mark.parametrize(("name", "text"), [("wall.txt", TEXT), ("wall.md", MARKDOWN)])
def test_one_opening_mark_and_no_added_closing_mark(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    opts = Options()
    doc = read(path, options=opts, ctx=Context(options=opts))
    quotes = [n for n in iter_nodes(doc) if isinstance(n, Quote)]
    assert quotes
    assert quotes[0].attr.get("marks") == ""  # the tree says the marks are in the text
    for fmt in ("html",):
        body = words(render(doc, fmt, opts, Context(options=opts)))
        assert "\u201c\u201cAna" not in body
        assert "\u201cAna Petrova walked" in body
        assert "every morning. She said so" in body
        assert not re.search(r"(did not|said so)\.\u201d", body)


def test_the_marks_left_in_the_text_survive_a_json_round_trip(tmp_path):
    path = tmp_path / "wall.txt"
    path.write_text(TEXT, encoding="utf-8")
    opts = Options()
    doc = read(path, options=opts, ctx=Context(options=opts))
    again = loads(dumps(doc))
    body = words(render(again, "html", opts, Context(options=opts)))
    assert "\u201c\u201cAna" not in body
    assert "\u201cAna Petrova walked" in body
