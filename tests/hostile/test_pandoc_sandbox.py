"""pandoc reads untrusted input in its sandbox: include directives and image paths cannot read files."""

from __future__ import annotations

import pytest

from tests.hostile.conftest import cli, paragraphs

SECRET = "TOP-SECRET-CONTENT-7431"

CASES = {
    "inc.rst": "Title\n=====\n\n.. include:: {secret}\n\n{para}\n",
    "inc2.rst": "Title\n=====\n\n.. raw:: html\n   :file: {secret}\n\n{para}\n",
    "inc.tex": "\\documentclass{{article}}\\begin{{document}}\\section{{Title}}{para} \\input{{{secret}}}\n"
               "\\include{{{secret}}}\\end{{document}}\n",
    "img.md": "# Title\n\n{para}\n\n![secret]({secret})\n\n<img src=\"file://{secret}\">\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_input_cannot_read_other_files(tmp_path, out, name):
    secret = tmp_path.parent / f"secret-{name}.txt"
    secret.write_text(SECRET + "\n")
    path = tmp_path / name
    path.write_text(CASES[name].format(secret=secret, para=paragraphs(1)[0]))
    run = cli("build", path, "-o", out, "--to", "html,json")
    assert SECRET not in run.stdout + run.stderr
    for f in (p for p in out.rglob("*") if p.is_file()):  # the editions and the .toolkit state
        assert SECRET not in f.read_text(encoding="utf-8", errors="replace"), f
