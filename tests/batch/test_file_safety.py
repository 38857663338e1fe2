"""A build never loses a user's file: fewer formats keep the others, a rename removes only its own old
editions, and a folder build never reads its own outputs, reports, sidecars or what the user excludes."""

from __future__ import annotations

import json

from click.testing import CliRunner

from tests.batch.conftest import write_article
from toolkit.batch import collect_jobs, read_state, run_batch
from toolkit.cli.commands import main


def run(*args):
    return CliRunner().invoke(main, list(args))


def names(folder):
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def test_a_rebuild_with_fewer_formats_keeps_the_other_editions(tmp_path):
    src = write_article(tmp_path / "src", "a.txt", "Kept editions")
    out = tmp_path / "out"
    assert run("build", str(src), "-o", str(out), "--to", "html,json,markdown").exit_code == 0
    before = {n: (out / n).read_bytes() for n in names(out)}
    assert len(before) == 3
    r = run("build", str(src), "-o", str(out), "--to", "html")
    assert r.exit_code == 0, r.output
    assert names(out) == sorted(before)  # the JSON and Markdown editions are still there
    assert (out / "kept-editions.json").read_bytes() == before["kept-editions.json"]
    # the state still knows they are this article's (a later rename must not orphan them silently)
    (rec,) = read_state(out).values()
    assert set(rec.outputs) == set(before)


def test_a_batch_with_fewer_formats_keeps_every_article_s_other_editions(tmp_path):
    src = tmp_path / "src"
    for i in range(3):
        write_article(src, f"a{i}.txt", f"Article {i}")
    out = tmp_path / "out"
    assert run_batch(collect_jobs([str(src)]), out, formats=["html", "json"], inline=True).exit_code() == 0
    assert run_batch(collect_jobs([str(src)]), out, formats=["html"], inline=True).count("built") == 3
    assert len([n for n in names(out) if n.endswith(".json")]) == 3


def test_an_empty_format_list_is_a_usage_error_that_deletes_nothing(tmp_path):
    src = write_article(tmp_path / "src", "a.txt", "Nothing deleted")
    out = tmp_path / "out"
    assert run("build", str(src), "-o", str(out), "--to", "html").exit_code == 0
    r = run("build", str(src), "-o", str(out), "--to", "")
    assert r.exit_code == 2
    assert "--to" in r.output
    assert names(out) == ["nothing-deleted.html"]


def test_a_renamed_title_removes_only_its_own_old_files(tmp_path):
    src = tmp_path / "src"
    a = write_article(src, "a.txt", "First title")
    write_article(src, "b.txt", "Other article")
    out = tmp_path / "out"
    out.mkdir()
    (out / "first-title.md").write_text("a file the user put here", encoding="utf-8")
    assert run_batch(collect_jobs([str(src)]), out, formats=["html", "json"], inline=True).exit_code() == 0
    write_article(src, "a.txt", "Second title")
    report = run_batch(collect_jobs([str(a)]), out, formats=["html"], inline=True)
    assert report.count("built") == 1
    got = names(out)
    assert "second-title.html" in got
    assert "first-title.html" not in got
    assert "first-title.json" in got  # another format: kept
    assert "first-title.md" in got  # never written by a build: never touched
    assert {"other-article.html", "other-article.json"} <= set(got)
    # another article may not take the name of files still recorded as this one's
    write_article(src, "c.txt", "First title")
    run_batch(collect_jobs([str(src / "c.txt")]), out, formats=["json"], inline=True)
    assert "first-title-2.json" in names(out)
    assert json.loads((out / "first-title.json").read_text())["meta"]["title"] == "First title"


def test_a_folder_with_earlier_outputs_inside_gives_the_same_article_count_twice(tmp_path):
    src = tmp_path / "articles"
    write_article(src, "one.txt", "Story one")
    write_article(src, "two.md", "Story two")
    (src / "README.md").write_text("# How this folder works\n\nNotes for the editors.\n", encoding="utf-8")
    (src / "config.json").write_text('{"theme": "x"}', encoding="utf-8")
    (src / "one.txt.meta.yaml").write_text("authors: [Sam Writer]\n", encoding="utf-8")
    for _ in range(2):  # outputs, state and report land in the folder that is read
        r = run("build", str(src), "-o", str(src), "--to", "html,json,markdown,epub",
                "--report", str(src / "report.json"), "--force", "-j", "1")
        assert r.exit_code == 0, r.output
        report = json.loads((src / "report.json").read_text())
        assert sorted(a["input"].rsplit("/", 1)[-1] for a in report["articles"]) == ["one.txt", "two.md"]
    # a tree written by the toolkit is an article when the user puts it in a folder of their own
    other = tmp_path / "trees"
    other.mkdir()
    (other / "tree.json").write_bytes((src / "story-one.json").read_bytes())
    assert [p.rsplit("/", 1)[-1] for p in (j.input for j in collect_jobs([str(other)]))] == ["tree.json"]


def test_exclude_patterns_and_toolkitignore(tmp_path):
    src = tmp_path / "articles"
    for name in ("keep.txt", "drafts/wip.txt", "old/x.txt", "notes-1.txt", "sub/notes-2.txt", "sub/kept.md"):
        write_article(src, name, name)
    (src / ".toolkitignore").write_text("# drafts are not published\ndrafts/\nnotes-*.txt\n", encoding="utf-8")
    (src / "sub" / ".toolkitignore").write_text("/kept.nothing\n", encoding="utf-8")
    found = sorted(p.relative_to(src).as_posix() for p in (
        __import__("pathlib").Path(j.input) for j in collect_jobs([str(src)], exclude=["old/"])))
    assert found == ["keep.txt", "sub/kept.md"]
    r = run("build", str(src), "-o", str(tmp_path / "out"), "--to", "json", "--exclude", "old",
            "--exclude", "sub/*.md", "-j", "1", "--report", str(tmp_path / "r.json"))
    assert r.exit_code == 0, r.output
    report = json.loads((tmp_path / "r.json").read_text())
    assert [a["input"].rsplit("/", 1)[-1] for a in report["articles"]] == ["keep.txt"]


def test_the_api_build_never_writes_over_its_input_and_takes_one_format_as_a_string(tmp_path):
    import toolkit

    src = tmp_path / "notes.md"
    src.write_text("Some text of the article.\n\nMore text of the article, long enough.\n", encoding="utf-8")
    before = src.read_bytes()
    (written,) = toolkit.build(src, "markdown", tmp_path)
    assert written.name == "notes-2.md"
    assert src.read_bytes() == before
    import pytest

    with pytest.raises(toolkit.UsageError):
        toolkit.build(src, [], tmp_path)
