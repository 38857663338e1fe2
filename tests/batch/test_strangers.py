"""A file in the output folder that no build wrote (a user's house-style.pdf whose name an article's slug
takes) is never replaced: that article fails with one line naming the file; --overwrite replaces it."""

from __future__ import annotations

import json

from click.testing import CliRunner

from tests.batch.conftest import write_article
from toolkit.batch import collect_jobs, read_state, run_batch
from toolkit.cli.commands import main

THEIRS = b"the user's own file, not an edition"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_a_batch_keeps_a_stranger_s_file_and_fails_only_that_article(tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    write_article(src, "style.txt", "House style")
    write_article(src, "other.txt", "Another article")
    out.mkdir()
    (out / "house-style.json").write_bytes(THEIRS)
    r = run("build", src, "-o", out, "--to", "html,json", "-j", "1", "--report", tmp_path / "r.json")
    assert r.exit_code == 1
    assert (out / "house-style.json").read_bytes() == THEIRS
    assert not (out / "house-style.html").exists()  # nothing of that article is written
    assert (out / "another-article.html").is_file()
    articles = {a["input"].rsplit("/", 1)[-1]: a for a in json.loads((tmp_path / "r.json").read_text())["articles"]}
    error = articles["style.txt"]["error"]
    assert articles["style.txt"]["status"] == "failed"
    assert str(out / "house-style.json") in error
    assert "--overwrite" in error
    assert "\n" not in error
    failed_lines = [line for line in r.output.splitlines() if "house-style.json" in line]
    assert failed_lines
    assert all("not written by toolkit" in line for line in failed_lines)


def test_a_single_file_build_keeps_a_stranger_s_file_and_overwrite_replaces_it(tmp_path):
    src = write_article(tmp_path / "src", "a.txt", "House style")
    out = tmp_path / "out"
    out.mkdir()
    (out / "house-style.html").write_bytes(THEIRS)
    r = run("build", src, "-o", out, "--to", "html")
    assert r.exit_code == 1
    assert r.output.strip().count("\n") == 0
    assert f"{out / 'house-style.html'}: already in the output folder and not written by toolkit" in r.output
    assert (out / "house-style.html").read_bytes() == THEIRS
    r = run("build", src, "-o", out, "--to", "html", "--overwrite")
    assert r.exit_code == 0, r.output
    assert (out / "house-style.html").read_bytes().startswith(b"<!DOCTYPE html>")
    # now recorded as the toolkit's: a later rebuild replaces it without being told
    write_article(tmp_path / "src", "a.txt", "House style", paragraphs=3)
    r = run("build", src, "-o", out, "--to", "html")
    assert r.exit_code == 0, r.output
    assert b"Paragraph 3 of House style" in (out / "house-style.html").read_bytes()


def test_the_toolkit_s_own_earlier_editions_are_replaced_as_before(tmp_path):
    src = write_article(tmp_path / "src", "a.txt", "Revised often")
    out = tmp_path / "out"
    jobs = collect_jobs([str(src)])
    assert run_batch(jobs, out, formats=["html", "json"], inline=True).count("built") == 1
    write_article(tmp_path / "src", "a.txt", "Revised often", paragraphs=4)
    report = run_batch(jobs, out, formats=["html", "json"], inline=True)
    assert report.count("built") == 1, [a.error for a in report.articles]
    assert "Paragraph 4" in (out / "revised-often.json").read_text(encoding="utf-8")
    (rec,) = read_state(out).values()
    assert rec.builds == 2


def test_a_folder_or_link_in_the_way_is_kept_too(tmp_path):
    src = write_article(tmp_path / "src", "a.txt", "In the way")
    out = tmp_path / "out"
    (out / "in-the-way.html").mkdir(parents=True)
    (out / "in-the-way.json").symlink_to(tmp_path / "elsewhere.json")
    report = run_batch(collect_jobs([str(src)]), out, formats=["html", "json"], inline=True)
    assert report.count("failed") == 1
    assert "in-the-way.html" in report.articles[0].error
    assert "(and 1 more)" in report.articles[0].error
    assert (out / "in-the-way.html").is_dir()
    assert not (tmp_path / "elsewhere.json").exists()
