"""The one gate for files (``toolkit.guard.files``): what it lets through and what it refuses, and that an
article or its sidecar reaches no file outside the article's folder (issue 26, classes 2 and 4)."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from tests.hostile.conftest import assert_one_line_error, cli, paragraphs
from tests.hostile.payloads import PNG
from toolkit.errors import InputError
from toolkit.guard.files import check_style_sheet, read_bytes, read_style_sheet, read_text

ENVIRON = Path("/proc/self/environ")


@pytest.mark.parametrize("text", [
    "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n",  # an account list
    "127.0.0.1 localhost\n::1 localhost ip6-localhost\n",  # a hosts file
    '{"token": "abc", "user": "ana.petrova"}\n',  # JSON: a rule without a selector
    "p { color: black }\n}\n",  # a stray brace
    "[settings]\nname = Tomasz\n",  # INI: a selector, no block
    "",  # nothing at all
    "/* only a comment */\n",
])
def test_text_that_is_not_a_style_sheet_is_refused(tmp_path, text):
    with pytest.raises(InputError, match="not a usable style sheet"):
        check_style_sheet(text, tmp_path / "x.css")


@pytest.mark.parametrize("text", [
    "p { color: black }\n",
    "@media print { p { orphans: 3 } }\n@page { size: A4 }\n",
    ":root { --accent: #345 }\n.lede::first-letter { font-size: 3em }\n",
    "@font-face { font-family: House; src: local(Georgia) }\n",
])
def test_ordinary_style_sheets_pass(tmp_path, text):
    sheet = tmp_path / "house.css"
    sheet.write_text(text, encoding="utf-8")
    assert read_style_sheet(sheet) == text


def test_the_gate_resolves_symlinks_before_checking(tmp_path):
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    link = tmp_path / "innocent.md"
    link.symlink_to("/dev/zero")
    with pytest.raises(InputError, match="not a regular file"):
        read_bytes(link)
    with pytest.raises(InputError, match="not a regular file"):
        read_text(link, "the manifest")


@pytest.mark.skipif(not ENVIRON.exists(), reason="no /proc")
def test_a_kernel_file_is_no_article(out):
    run = cli("build", ENVIRON, "--from", "text", "-o", out, "--to", "html")
    assert_one_line_error(run, "environ", "system file")
    assert not out.exists() or not any(out.glob("*.html"))


@pytest.mark.skipif(not ENVIRON.exists(), reason="no /proc")
def test_a_kernel_file_is_no_manifest(tmp_path, out):
    with pytest.raises(InputError, match="system file"):
        read_text(ENVIRON, "the manifest")


def test_a_sidecar_image_outside_the_articles_folder_is_not_embedded(tmp_path, out):
    folder = tmp_path / "article"
    folder.mkdir()
    secret = tmp_path / "private.png"
    secret.write_bytes(PNG)
    article = folder / "a.txt"
    article.write_text("Rivers\n\n" + "\n\n".join(paragraphs(3)) + "\n", encoding="utf-8")
    (folder / "a.meta.yaml").write_text(f"image: {secret}\ncover: ../private.png\n", encoding="utf-8")
    run = cli("build", article, "-o", out, "--to", "html,epub")
    assert run.exit_code == 0, run.stderr
    encoded = base64.b64encode(PNG).decode()
    import zipfile

    for path in out.iterdir():
        if path.suffix == ".html":
            assert encoded not in path.read_text(encoding="utf-8")
        if path.suffix == ".epub":
            with zipfile.ZipFile(path) as z:
                assert not any(z.read(n) == PNG for n in z.namelist())
