"""--allow-network: remote images are fetched within limits, from public addresses only, and embedded."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile

import pytest
from PIL import Image

from tests.hostile.payloads import Recorder
from toolkit.guard import fetch as remote_images
from toolkit.guard.fetch import FetchRefusedError, check_url, fetch_image


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 40, 40)).save(out, "PNG")
    return out.getvalue()


PNG = _png()


def _server() -> Recorder:
    png = {"Content-Type": "image/png"}
    return Recorder({
        "/pic.png": (200, png, PNG),
        "/huge.png": (200, png, PNG + b"\0" * 4096),
        "/page": (200, {"Content-Type": "text/html"}, b"<p>hi</p>"),
        "/redir": (302, {"Location": "/pic.png"}, b""),
        "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
        "/missing.png": (404, {"Content-Type": "text/plain"}, b"no"),
    })


@pytest.fixture
def server():
    s = _server()
    remote_images._cache.clear()
    yield s
    s.shutdown()
    remote_images._cache.clear()


def test_loopback_and_private_addresses_refused(monkeypatch):
    monkeypatch.delenv("TOOLKIT_FETCH_PRIVATE", raising=False)
    for url in ("http://127.0.0.1/x.png", "http://10.1.2.3/x.png", "http://169.254.169.254/latest/meta-data",
                "http://[::1]/x.png", "http://localhost/x.png"):
        with pytest.raises(FetchRefusedError):
            check_url(url)
    for url in ("file:///etc/passwd", "ftp://example.org/x.png", "http://user:pw@example.org/x.png"):
        with pytest.raises(FetchRefusedError):
            check_url(url)


def test_refused_before_any_request(server, monkeypatch):
    monkeypatch.delenv("TOOLKIT_FETCH_PRIVATE", raising=False)
    assert fetch_image(server.base + "/pic.png") is None
    assert server.requests == []


def test_fetch_follow_and_refuse(server, monkeypatch):
    monkeypatch.setenv("TOOLKIT_FETCH_PRIVATE", "1")
    assert fetch_image(server.base + "/pic.png") == (PNG, "image/png")
    assert fetch_image(server.base + "/redir") == (PNG, "image/png")
    assert fetch_image(server.base + "/to-file") is None  # a redirect is checked like the URL
    assert fetch_image(server.base + "/page") is None  # not an image
    assert fetch_image(server.base + "/missing.png") is None  # 404
    monkeypatch.setattr("toolkit.guard.fetch.MAX_IMAGE_BYTES", len(PNG) + 100)
    assert fetch_image(server.base + "/huge.png") is None
    before = len(server.requests)
    assert fetch_image(server.base + "/pic.png") == (PNG, "image/png")  # once per process
    assert len(server.requests) == before


PAGE = """<!DOCTYPE html><html lang="en"><head><title>Remote figure test</title></head><body><article>
<h1>A page whose figure lives on another server</h1>
<p>The first paragraph of this article is long enough to be an article paragraph, and it goes on
for a while about the figure below, which the page loads from a remote address.</p>
<figure><img src="{base}/pic.png" alt="A red rectangle"><figcaption>A red rectangle, fetched.</figcaption></figure>
<p>The second paragraph follows the figure and closes the article with a few more words of text
so that the extractor keeps every part of it.</p></article></body></html>"""


def _build(tmp_path, base: str, *extra: str, private: bool) -> tuple[subprocess.CompletedProcess, dict]:
    page = tmp_path / "page.html"
    page.write_text(PAGE.format(base=base), encoding="utf-8")
    out = tmp_path / ("out-private" if private else "out")
    env = dict(os.environ, TOOLKIT_FETCH_PRIVATE="1" if private else "0")
    proc = subprocess.run([sys.executable, "-m", "toolkit.cli", "build", str(page), "-o", str(out), *extra],
                          env=env, capture_output=True, text=True, timeout=300)
    files = {p.suffix: p for p in out.glob("*")} if out.is_dir() else {}
    return proc, files


def test_editions_embed_the_fetched_image(server, tmp_path):
    proc, files = _build(tmp_path, server.base, "--allow-network", private=True)
    assert proc.returncode == 0, proc.stderr
    assert "/pic.png" in server.requests
    with zipfile.ZipFile(files[".epub"]) as z:
        assert [n for n in z.namelist() if n.endswith("figure1.png")]
    assert "data:image/png;base64," in files[".html"].read_text(encoding="utf-8")
    from pypdf import PdfReader

    images = [img for page in PdfReader(files[".pdf"]).pages for img in page.images]
    assert images


def test_without_allow_network_nothing_is_fetched(server, tmp_path):
    proc, files = _build(tmp_path, server.base, private=True)
    assert proc.returncode == 0, proc.stderr
    assert server.requests == []
    assert "data:image/png" not in files[".html"].read_text(encoding="utf-8")
