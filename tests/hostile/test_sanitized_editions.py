"""Nothing let in: scripts, event handlers, javascript:/data: URLs, frames, objects, forms and remote CSS
fed through every reader (HTML, Markdown, text, DOCX, JSON tree) reach no edition (HTML, EPUB, PDF),
and no edition, nor Chromium opening it, ever asks the loopback server for anything."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.hostile.conftest import cli
from tests.hostile.payloads import MARK, Recorder, epub_problems, html_problems, pdf_problems, write_inputs

READERS = ["html", "markdown", "text", "docx", "json"]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def server():
    srv = Recorder()
    yield srv
    srv.shutdown()


@pytest.fixture(scope="module")
def editions(server, tmp_path_factory):
    """Every hostile input built into all three editions once: {reader: (run, {ext: path})}."""
    root = tmp_path_factory.mktemp("hostile")
    inputs = write_inputs(root / "in", server.base)
    server.requests.clear()  # pandoc, making the DOCX, fetched its image: the test's doing, not the toolkit's
    built = {}
    for reader, path in inputs.items():
        out = root / f"out-{reader}"
        run = cli("build", path, "-o", out, "--to", "html,epub,pdf")
        files = {p.suffix.lstrip("."): p for p in out.iterdir() if not p.name.startswith(".")}
        built[reader] = (run, files)
    return built


@pytest.mark.parametrize("reader", READERS)
def test_build_succeeds_and_reports_what_it_removed(editions, reader):
    run, files = editions[reader]
    assert run.exit_code == 0, run.stderr
    assert sorted(files) == ["epub", "html", "pdf"]
    if reader in ("markdown", "json", "html", "docx"):
        assert any("unsafe targets" in w for w in run.warnings), run.stderr


@pytest.mark.parametrize("reader", READERS)
def test_html_edition_is_inert(editions, server, reader):
    assert html_problems(editions[reader][1]["html"], server.base) == []
    assert server.requests == []


@pytest.mark.parametrize("reader", READERS)
def test_epub_edition_is_inert(editions, server, reader):
    assert epub_problems(editions[reader][1]["epub"], server.base) == []


@pytest.mark.parametrize("reader", READERS)
def test_pdf_edition_is_inert(editions, server, reader):
    assert pdf_problems(editions[reader][1]["pdf"]) == []
    assert server.requests == []


def test_text_that_looks_like_markup_is_kept_as_text(editions):
    from lxml import html as lxml_html

    text = lxml_html.fromstring(editions["text"][1]["html"].read_bytes()).text_content()
    assert f"It quoted <script>alert('{MARK}')</script> verbatim" in text
    assert f"<img src=x onerror=alert('{MARK}')> in a comment" in text


def test_good_links_survive(editions):
    for reader in ("html", "markdown", "json"):
        html = editions[reader][1]["html"].read_text(encoding="utf-8")
        assert 'href="https://example.org/fine"' in html, reader


@pytest.mark.skipif(not CHROMIUM.exists(), reason="no system Chromium at /usr/bin/chromium")
def test_chromium_runs_nothing_and_fetches_nothing(editions, server, tmp_path):
    from playwright.sync_api import sync_playwright

    pages = []
    for reader in READERS:
        files = editions[reader][1]
        pages.append(files["html"])
        book = tmp_path / reader
        with zipfile.ZipFile(files["epub"]) as zf:
            zf.extractall(book)
        pages += sorted(book.rglob("*.xhtml"))
    dialogs, requests = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("request", lambda r: requests.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
            for path in pages:
                page.goto(path.as_uri())
                page.wait_for_timeout(100)
                page.mouse.move(200, 200)  # hover handlers, had any survived
                page.mouse.click(200, 200)
        finally:
            browser.close()
    assert dialogs == []
    assert requests == []
    assert server.requests == []
