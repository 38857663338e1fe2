"""The PDF renderer reads only allowed files: a page asking for /etc/passwd as an image and as an attachment,
a remote @import and a remote image gets none of them (the loopback server sees no request, the PDF
has no attachment), through the toolkit and through the writer's URL fetcher on raw HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.hostile.conftest import cli, paragraphs
from tests.hostile.payloads import Recorder, pdf_problems


@pytest.fixture
def server():
    srv = Recorder()
    yield srv
    srv.shutdown()


def attack_page(base: str) -> str:
    ps = paragraphs(3)
    return f"""<!DOCTYPE html><html><head><title>Fetch attack</title>
<link rel="attachment" href="/etc/passwd" title="passwd">
<link rel="attachment" href="file:///etc/hostname">
<style>@import url({base}/import.css); body {{ background: url({base}/bg.png); }}</style>
<link rel="stylesheet" href="{base}/remote.css"></head>
<body><article><h1>Fetch attack</h1><p>{ps[0]}</p>
<p><img src="file:///etc/passwd" alt="passwd"> <img src="{base}/remote.png" alt="remote"></p>
<p>{ps[1]} <a rel="attachment" href="/etc/passwd">attached</a></p><p>{ps[2]}</p></article></body></html>"""


def test_page_through_the_toolkit(tmp_path, server):
    page = tmp_path / "attack.html"
    page.write_text(attack_page(server.base))
    out = tmp_path / "out"
    run = cli("build", page, "-o", out, "--to", "pdf")
    assert run.exit_code == 0, run.stderr
    pdf = out / "fetch-attack.pdf"
    assert server.requests == []
    assert pdf_problems(pdf) == []
    assert not PdfReader(pdf).attachments


def test_raw_html_through_the_writers_fetcher(tmp_path, server):
    """Defence in depth: even markup that no reader would pass gets nothing past the fetcher."""
    import weasyprint

    from toolkit.guard.files import Resources
    from toolkit.writers.html.themes import styles_dir
    from toolkit.writers.pdf.writer import make_fetcher

    folder = tmp_path / "article"
    folder.mkdir()
    Image.new("RGB", (20, 20), "green").save(folder / "ok.png")
    (folder / "notes.txt").write_text("not an image")
    (tmp_path / "outside.png").write_bytes((folder / "ok.png").read_bytes())
    html = attack_page(server.base).replace(
        "</article>", '<img src="ok.png" alt="allowed"><img src="../outside.png" alt="outside">'
                      '<link rel="attachment" href="notes.txt"></article>')
    fetcher = make_fetcher(Resources(folder, (styles_dir(),)))
    data = weasyprint.HTML(string=html, base_url=str(folder) + "/", url_fetcher=fetcher).write_pdf()
    pdf = tmp_path / "raw.pdf"
    pdf.write_bytes(data)
    assert server.requests == []
    assert pdf_problems(pdf) == []
    reader = PdfReader(pdf)
    images = [img for page in reader.pages for img in page.images]
    assert len(images) == 1  # ok.png only: not passwd, not the server's, not outside.png


def test_remote_image_in_a_json_tree(tmp_path, server):
    import json

    tree = {"toolkit-tree-version": "1.0", "t": "Document", "meta": {"t": "Meta", "title": "Remote"},
            "blocks": [{"t": "Figure", "src": f"{server.base}/remote.png", "alt": "remote"},
                       {"t": "Para", "children": [{"t": "Text", "text": paragraphs(1)[0]}]}]}
    path = tmp_path / "tree.json"
    path.write_text(json.dumps(tree))
    run = cli("build", path, "-o", tmp_path / "out", "--to", "pdf,epub,html")
    assert run.exit_code == 0, run.stderr
    assert server.requests == []
    assert any("remote.png" in w for w in run.warnings), run.stderr


def test_allowed_image_beside_the_input_is_used(tmp_path):
    Image.new("RGB", (800, 500), "blue").save(tmp_path / "river.png")
    ps = paragraphs(3)
    page = tmp_path / "ok.html"
    page.write_text(f"<html><body><article><h1>With a picture</h1><p>{ps[0]}</p>"
                    '<figure><img src="river.png" alt="the river"><figcaption>The river at dawn, seen from the '
                    f"bridge</figcaption></figure><p>{ps[1]}</p><p>{ps[2]}</p></article></body></html>")
    out = tmp_path / "out"
    run = cli("build", page, "-o", out, "--to", "pdf")
    assert run.exit_code == 0, run.stderr
    reader = PdfReader(next(Path(out).glob("*.pdf")))
    assert sum(len(page.images) for page in reader.pages) == 1
