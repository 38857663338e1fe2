"""An output folder that cannot be written: one line naming it and what to do, exit 1."""

from __future__ import annotations

import os

import pytest

from tests.hostile.conftest import article_text, assert_one_line_error, cli


@pytest.fixture
def story(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(article_text())
    return path


def test_output_folder_is_a_file(tmp_path, story):
    blocker = tmp_path / "out"
    blocker.write_text("I am a file")
    assert_one_line_error(cli("build", story, "-o", blocker), "out", "a file stands where the output folder",
                          "choose another with -o")
    assert blocker.read_text() == "I am a file"


def test_output_folder_below_a_file(tmp_path, story):
    (tmp_path / "file").write_text("x")
    assert_one_line_error(cli("build", story, "-o", tmp_path / "file" / "out"), "file", "choose another with -o")


def test_convert_to_a_path_below_a_file(tmp_path, story):
    (tmp_path / "file").write_text("x")
    assert_one_line_error(cli("convert", story, "--to", "html", "-o", tmp_path / "file" / "a.html"), "file",
                          "choose another with -o")


def test_read_only_output_folder(tmp_path, story, tmpfs):
    if os.geteuid() == 0:
        folder = tmpfs("64k", read_only=True)
        phrase = "read-only"
    else:  # an ordinary user: a folder without write permission
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o500)
        phrase = "permission denied"
    assert_one_line_error(cli("build", story, "-o", folder), folder.name, phrase, "choose another output folder")
