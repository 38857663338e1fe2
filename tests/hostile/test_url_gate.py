"""Class 1 of issue 26: no network request without ``--allow-network``, whatever an article names.

A loopback server records every request; the build must send none, and stop with a one-line error that
names the file and the key (or build without the resource)."""

from __future__ import annotations

import json

import pytest

from tests.hostile.conftest import assert_one_line_error, cli, paragraphs
from tests.hostile.payloads import Recorder

REFS = [{"id": "petrova2001", "type": "book", "title": "Notes on Rivers",
         "author": [{"family": "Petrova", "given": "Ana"}], "issued": {"date-parts": [[2001]]}}]


def dependent_style(href: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" default-locale="en-US">
  <info><title>Dependent</title><id>http://example.org/dependent</id>
    <link rel="independent-parent" href="{href}"/>
    <updated>2020-01-01T00:00:00+00:00</updated></info>
</style>
"""


def article(tmp_path, front: str):
    (tmp_path / "refs.json").write_text(json.dumps(REFS), encoding="utf-8")
    body = "\n\n".join(paragraphs(3))
    path = tmp_path / "a.md"
    path.write_text(f"---\ntitle: Rivers\nbibliography: refs.json\n{front}---\n\n{body} [@petrova2001].\n",
                    encoding="utf-8")
    return path


@pytest.fixture
def server():
    srv = Recorder()
    yield srv
    srv.shutdown()


def test_a_dependent_csl_style_does_not_make_pandoc_fetch_its_parent(tmp_path, out, server):
    (tmp_path / "style.csl").write_text(dependent_style(f"{server.base}/parent.csl"), encoding="utf-8")
    path = article(tmp_path, "csl: style.csl\n")
    run = cli("build", path, "-o", out, "--to", "html")
    assert server.requests == []
    assert_one_line_error(run, "a.md", "style.csl", "dependent style", "csl")


def test_a_dependent_style_given_with_the_csl_option_is_refused_too(tmp_path, out, server):
    style = tmp_path / "elsewhere" / "style.csl"
    style.parent.mkdir()
    style.write_text(dependent_style(f"{server.base}/parent.csl"), encoding="utf-8")
    path = article(tmp_path, "")
    run = cli("build", path, "-o", out, "--to", "html", "--csl", style)
    assert server.requests == []
    assert_one_line_error(run, "a.md", "dependent style", "--csl")


def test_a_dependent_style_whose_parent_lies_beside_the_article_uses_the_parent(tmp_path, out):
    parent = default_style()
    (tmp_path / "parent.csl").write_bytes(parent)
    (tmp_path / "style.csl").write_text(dependent_style("parent.csl"), encoding="utf-8")
    path = article(tmp_path, "csl: style.csl\n")
    run = cli("build", path, "-o", out, "--to", "html")
    assert run.exit_code == 0, run.stderr
    assert "Petrova" in next(out.glob("*.html")).read_text(encoding="utf-8")


@pytest.mark.parametrize("key", ["citation-abbreviations", "bibliography"])
def test_citation_files_named_by_url_are_not_fetched(tmp_path, out, server, key):
    path = article(tmp_path, "")
    text = path.read_text(encoding="utf-8")
    if key == "bibliography":
        text = text.replace("bibliography: refs.json", f"bibliography: {server.base}/refs.json")
    else:
        text = text.replace("bibliography: refs.json", f"bibliography: refs.json\n{key}: {server.base}/abbr.json")
    path.write_text(text, encoding="utf-8")
    run = cli("build", path, "-o", out, "--to", "html")
    assert server.requests == []
    assert_one_line_error(run, "a.md", key)


def test_a_style_sheet_importing_another_is_refused(tmp_path, out, server):
    sheet = tmp_path / "house.css"
    sheet.write_text(f'@import url("{server.base}/more.css");\np {{ color: black }}\n', encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text("Rivers\n\n" + "\n\n".join(paragraphs(3)) + "\n", encoding="utf-8")
    run = cli("build", path, "-o", out, "--to", "html,epub,pdf", "--css", sheet)
    assert server.requests == []
    assert_one_line_error(run, "house.css", "@import")
    assert not out.exists() or not any(p.suffix in (".html", ".epub", ".pdf") for p in out.iterdir())


@pytest.mark.parametrize("rule", [
    'p {{ background: url("{base}/paper.png") }}',
    "@font-face {{ font-family: House; src: url({base}/house.woff2) }}\np {{ font-family: House }}",
    '@media screen {{ h1 {{ background-image: image-set("{base}/banner.png" 1x) }} }}',
])
def test_a_style_sheet_loading_from_the_network_is_refused(tmp_path, out, server, rule):
    """url() in a sheet would be fetched by the reader's browser or reading system from the HTML and EPUB
    editions: a remote one is refused like @import; data: URLs and files beside the sheet stay allowed."""
    sheet = tmp_path / "house.css"
    sheet.write_text(rule.format(base=server.base) + "\n", encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text("Rivers\n\n" + "\n\n".join(paragraphs(3)) + "\n", encoding="utf-8")
    run = cli("build", path, "-o", out, "--to", "html,epub", "--css", sheet)
    assert server.requests == []
    assert_one_line_error(run, "house.css", server.base)
    sheet.write_text('p { background: url("paper.png") } h1 { background: url(data:image/png;base64,AA==) }\n',
                     encoding="utf-8")
    run = cli("build", path, "-o", out, "--to", "html", "--css", sheet)
    assert run.exit_code == 0, run.stderr


def default_style() -> bytes:
    import subprocess

    from toolkit.pandoc.run import pandoc_path

    return subprocess.run([pandoc_path(), "--print-default-data-file", "default.csl"], capture_output=True,
                          check=True).stdout


def test_with_allow_network_a_private_parent_is_still_refused(tmp_path, out):
    srv = Recorder({"/parent.csl": (200, {"Content-Type": "application/xml"}, default_style())})
    try:
        (tmp_path / "style.csl").write_text(dependent_style(f"{srv.base}/parent.csl"), encoding="utf-8")
        path = article(tmp_path, "csl: style.csl\n")
        run = cli("build", path, "-o", out, "--to", "html", "--allow-network")
        assert srv.requests == []  # a loopback address: the restricted fetcher never asks it
        assert_one_line_error(run, "a.md", "style.csl", "not fetched", "private or local")
    finally:
        srv.shutdown()


def test_with_allow_network_the_parent_comes_through_the_restricted_fetcher(tmp_path, out, monkeypatch):
    monkeypatch.setenv("TOOLKIT_FETCH_PRIVATE", "1")  # the intranet switch, so a loopback server may answer
    srv = Recorder({"/parent.csl": (200, {"Content-Type": "application/xml"}, default_style())})
    try:
        (tmp_path / "style.csl").write_text(dependent_style(f"{srv.base}/parent.csl"), encoding="utf-8")
        path = article(tmp_path, "csl: style.csl\n")
        run = cli("build", path, "-o", out, "--to", "html", "--allow-network")
        assert run.exit_code == 0, run.stderr
        assert srv.requests == ["/parent.csl"]  # once, by the toolkit; pandoc fetched nothing itself
        assert "Petrova" in next(out.glob("*.html")).read_text(encoding="utf-8")
    finally:
        srv.shutdown()
