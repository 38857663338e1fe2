"""The CLI never shows a traceback: a closed pipe, an internal error or a missing input are one line."""

from __future__ import annotations

import subprocess
import sys

from tests.hostile.conftest import article_text, assert_one_line_error, cli


def test_closed_pipe_is_quiet(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(article_text() * 20)
    proc = subprocess.run(f"{sys.executable} -m toolkit.cli convert {story} --to json | head -c 10",
                          shell=True, capture_output=True, text=True, check=False)
    assert proc.stdout == '{\n "toolki'
    assert "Traceback" not in proc.stderr
    assert "BrokenPipe" not in proc.stderr


def test_missing_input(tmp_path, out):
    assert_one_line_error(cli("build", tmp_path / "nope.txt", "-o", out), "nope.txt", "no such file")


def test_folder_as_convert_input(tmp_path):
    assert_one_line_error(cli("convert", tmp_path), tmp_path.name, "is a folder")


def test_unreadable_input(tmp_path, out):
    import os

    story = tmp_path / "locked.txt"
    story.write_text(article_text())
    story.chmod(0)
    if os.geteuid() == 0:  # root reads anything: check the message for a file that vanished instead
        story.unlink()
        assert_one_line_error(cli("build", story, "-o", out), "locked.txt", "no such file")
    else:
        assert_one_line_error(cli("build", story, "-o", out), "locked.txt", "permission denied")
