"""Malformed HTML and XML: a best-effort article where the text is recoverable, else one line, exit 1."""

from __future__ import annotations

import json

from tests.hostile.conftest import assert_one_line_error, cli, pandoc_file, paragraphs, rezip


def test_malformed_html_gives_best_effort_article(tmp_path, out):
    ps = paragraphs(4)
    page = ("<html><head><title>Broken page</title><body><article><h1>Broken page</h1>"
            f"<p>{ps[0]}<b>bold <i>both</p></div></span><p>{ps[1]} & < > &bogus; &#xZZ;"
            f"<p>{ps[2]}</td></tr><li>{ps[3]}</article></body")
    path = tmp_path / "broken.html"
    path.write_text(page)
    run = cli("build", path, "-o", out, "--to", "html")
    assert run.exit_code == 0, run.stderr
    html = (out / "broken-page.html").read_text(encoding="utf-8")
    for p in ps[:3]:
        assert p[:60] in html


def test_malformed_xhtml_gives_best_effort_article(tmp_path, out):
    ps = paragraphs(3)
    page = ('<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head>'
            f"<title>Bad XML</title></head><body><h1>Bad XML</h1><p>{ps[0]}<br></p><p>{ps[1]} &nbsp; &undefined;"
            f"<p>{ps[2]}</body>")  # unclosed <br>, undefined entities, unclosed tags: not well-formed XML
    path = tmp_path / "bad.xhtml"
    path.write_text(page)
    run = cli("build", path, "-o", out, "--to", "html")
    assert run.exit_code == 0, run.stderr
    html = (out / "bad-xml.html").read_text(encoding="utf-8")
    assert ps[1][:60] in html


def test_docx_with_malformed_xml(tmp_path, out):
    good = pandoc_file("# A title\n\n" + "\n\n".join(paragraphs(3)), tmp_path / "good.docx")
    bad = rezip(good, tmp_path / "bad.docx", {"word/document.xml": b"<w:document><w:body><w:p>unclosed"})
    assert_one_line_error(cli("build", bad, "-o", out), "bad.docx", "pandoc could not read it", "save it again")


def test_epub_with_malformed_xhtml(tmp_path, out):
    good = pandoc_file("---\ntitle: A title\n---\n\n" + "\n\n".join(paragraphs(3)), tmp_path / "good.epub")
    import zipfile

    with zipfile.ZipFile(good) as zf:
        chapter = next(n for n in zf.namelist() if n.endswith(".xhtml") and "ch" in n)
    bad = rezip(good, tmp_path / "bad.epub", {chapter: b"<html><body><p>unclosed & broken <b>"})
    run = cli("build", bad, "-o", out, "--to", "html")
    if run.exit_code:
        assert_one_line_error(run, "bad.epub", "save it again")
    else:
        assert "unclosed" in (out / "a-title.html").read_text(encoding="utf-8")


def test_invalid_json_syntax(tmp_path, out):
    path = tmp_path / "broken.json"
    path.write_text('{"toolkit-tree-version": "1.0", "t": "Document", "blocks": [')
    assert_one_line_error(cli("build", path, "-o", out), "broken.json", "invalid JSON", "line 1")


def test_valid_epub_is_read(tmp_path, out):
    ps = paragraphs(3)
    book = pandoc_file("---\ntitle: An e-book article\nlang: en\n---\n\n" + "\n\n".join(ps), tmp_path / "book.epub")
    run = cli("convert", book, "--to", "json")
    assert run.exit_code == 0, run.stderr
    tree = json.loads(run.stdout)
    assert tree["meta"]["title"] == "An e-book article"
    assert ps[2][:50] in run.stdout
