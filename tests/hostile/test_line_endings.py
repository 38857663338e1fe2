"""CRLF, CR and mixed line endings read exactly like LF."""

from __future__ import annotations

import json

import pytest

from tests.hostile.conftest import article_text, cli


def blocks(path):
    run = cli("convert", path, "--to", "json")
    assert run.exit_code == 0, run.stderr
    tree = json.loads(run.stdout)
    return tree["meta"]["title"], tree["blocks"]


def mixed(text: str) -> str:
    """Each paragraph break spelled differently: CRLF, CR, LF and their mixtures."""
    breaks = ["\r\n\r\n", "\r\r", "\n\n", "\r\n\n", "\n\r\n", "\r\r\n"]
    parts = text.rstrip("\n").split("\n\n")
    return "".join(p + breaks[i % len(breaks)] for i, p in enumerate(parts))


@pytest.mark.parametrize("ext", ["txt", "md"])
@pytest.mark.parametrize("style", ["crlf", "cr", "mixed"])
def test_line_endings_read_like_lf(tmp_path, ext, style):
    text = article_text() if ext == "txt" else "# " + article_text()
    lf = tmp_path / f"lf.{ext}"
    lf.write_bytes(text.encode())
    other = tmp_path / f"{style}.{ext}"
    converted = {"crlf": text.replace("\n", "\r\n"), "cr": text.replace("\n", "\r"), "mixed": mixed(text)}[style]
    other.write_bytes(converted.encode())
    expected = blocks(lf)
    assert len(expected[1]) >= 6
    assert blocks(other) == expected
