"""Huge inputs finish in bounded memory or stop at once with a one-line message."""

from __future__ import annotations

import base64
import json
import os
import random

import pytest

from tests.hostile.conftest import SENTENCES, assert_one_line_error, cli, cli_process, paragraphs

MB = 1024 * 1024


def write_text_of(path, size: int) -> None:
    """``size`` bytes of varied prose paragraphs."""
    rng = random.Random(5)
    chunk = "".join(f"{rng.choice(SENTENCES)} {rng.choice(SENTENCES)} Paragraph {i}.\n\n" for i in range(2000))
    with path.open("w", encoding="utf-8") as fh:
        fh.write("A Very Long Article Indeed\n\n")
        while fh.tell() < size:
            fh.write(chunk)


def test_50_mb_text_file_stops_before_reading(tmp_path, out):
    path = tmp_path / "huge.txt"
    write_text_of(path, 50 * MB)
    run, peak_kb = cli_process("build", path, "-o", out)
    assert_one_line_error(run, "huge.txt", "over the 4 MB limit", "split it into articles")
    assert peak_kb < 400 * 1024  # the 50 MB were never loaded and parsed


def test_20_mb_web_page_builds_in_bounded_memory(tmp_path, out):
    """A realistic 20 MB page: inline state script, inline image, menus, and a normal article."""
    rng = random.Random(3)
    state = json.dumps([{"id": i, "value": "x" * 40} for i in range(170_000)])
    image = base64.b64encode(rng.randbytes(6 * MB)).decode()
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs(30))
    page = (f"<!DOCTYPE html><html><head><title>The River That Changed Its Course</title>"
            f"<script>window.__STATE__ = {state};</script><style>{'.c{color:red}' * 20000}</style></head>"
            f"<body><nav>{'<a href=/x>Menu item</a>' * 3000}</nav><article>"
            f"<h1>The River That Changed Its Course</h1>{body}"
            f'<img src="data:image/png;base64,{image}" alt="a river"></article>'
            f"<footer>{'<p>Footer link</p>' * 500}</footer></body></html>")
    path = tmp_path / "big-page.html"
    path.write_text(page, encoding="utf-8")
    assert path.stat().st_size > 20 * 1000 * 1000
    run, peak_kb = cli_process("build", path, "-o", out, "--to", "html,epub")
    assert run.exit_code == 0, run.stderr
    assert peak_kb < 1024 * 1024, peak_kb  # under 1 GB for a 20 MB page
    html = (out / "the-river-that-changed-its-course.html").read_text(encoding="utf-8")
    assert "Item 30 of the story." in html


def test_over_64_mb_refused_without_reading(tmp_path, out):
    path = tmp_path / "sparse.json"
    with path.open("wb") as fh:  # a sparse file: 70 MB long, nothing written
        fh.truncate(70 * MB)
    run, peak_kb = cli_process("build", path, "-o", out)
    assert_one_line_error(run, "sparse.json", "70 MB", "64 MB limit")
    assert peak_kb < 200 * 1024


def test_article_over_two_million_characters_refused(tmp_path, out):
    tree = {"toolkit-tree-version": "1.0", "t": "Document",
            "blocks": [{"t": "Para", "children": [{"t": "Text", "text": "word " * 420_000}]}]}
    path = tmp_path / "long.json"
    path.write_text(json.dumps(tree), encoding="utf-8")
    assert_one_line_error(cli("build", path, "-o", out), "long.json", "characters of text", "split it into articles")


def test_json_tree_of_a_million_nodes_refused_before_parsing(tmp_path, out):
    path = tmp_path / "nodes.json"
    path.write_text('{"toolkit-tree-version": "1.0", "t": "Document", "blocks": ['
                    + ",".join(['{"t": "Rule"}'] * 1_000_000) + "]}")
    run, peak_kb = cli_process("build", path, "-o", out)
    assert_one_line_error(run, "nodes.json", "over 500,000 nodes", "split the article")
    assert peak_kb < 300 * 1024  # parsed, these 14 MB would take over 600 MB


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_endless_device_refused(out, device):
    if not os.path.exists(device):
        pytest.skip(f"{device} is missing")
    assert_one_line_error(cli("build", device, "-o", out, "--from", "text"), device, "not a regular file")


def test_fifo_refused(tmp_path, out):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert_one_line_error(cli("build", fifo, "-o", out), "pipe.txt", "not a regular file")


def test_page_of_far_too_much_text_refused_before_extraction(tmp_path, out):
    """A page whose readable text is over four articles' worth stops at once (it took 46 s and
    1.2 GB in the extractors before the article limit refused it); scripts' text does not count."""
    para = "<p>" + "word " * 30 + "</p>\n"
    path = tmp_path / "wall-of-text.html"
    path.write_text(f"<html><head><title>Wall</title></head><body><h1>Wall</h1>{para * 60_000}</body></html>",
                    encoding="utf-8")
    run, peak_kb = cli_process("inspect", path, "--json")
    assert_one_line_error(run, "wall-of-text.html", "far more than one article", "split it into articles")
    assert peak_kb < 600 * 1024
