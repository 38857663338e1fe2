"""The batch state knows an article by its path from the input root and its content, not by where the
input lies: a moved checkout, a CI workspace or a renamed folder rebuilds nothing and duplicates nothing;
the state sits in a hidden .toolkit folder (or --state PATH), holds no absolute path, and an earlier
version's state is migrated."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from tests.batch.conftest import write_article
from toolkit.batch import collect_jobs, read_state, run_batch
from toolkit.batch.state import LEGACY_NAME, STATE_DIR, STATE_NAME
from toolkit.cli.commands import main
from toolkit.errors import UsageError

FORMATS = ["html", "json", "markdown"]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def workspace(root, titles=("First story", "Second story", "Third story")):
    """A CI checkout: articles at the top and in a subfolder, one with a sidecar."""
    for i, title in enumerate(titles):
        write_article(root / ("sub" if i == 2 else ""), f"s{i}.txt", title)
    (root / "s0.txt.meta.yaml").write_text("authors: [Sam Writer]\n", encoding="utf-8")
    return root


def editions(out):
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.iterdir() if p.is_file()}


def test_a_moved_ci_workspace_rebuilds_nothing_and_duplicates_nothing(tmp_path):
    out = tmp_path / "out"
    ci1 = workspace(tmp_path / "ci1" / "articles")
    r = run("build", ci1, "-o", out, "--to", ",".join(FORMATS), "-j", "2", "--report", tmp_path / "r1.json")
    assert r.exit_code == 0, r.output
    assert json.loads((tmp_path / "r1.json").read_text())["counts"]["built"] == 3
    before = editions(out)
    assert len(before) == 9
    shutil.copytree(tmp_path / "ci1", tmp_path / "ci2")  # the next job's checkout, at another path
    shutil.rmtree(tmp_path / "ci1")
    r = run("build", tmp_path / "ci2" / "articles", "-o", out, "--to", ",".join(FORMATS), "-j", "2",
            "--report", tmp_path / "r2.json")
    assert r.exit_code == 0, r.output
    counts = json.loads((tmp_path / "r2.json").read_text())["counts"]
    assert (counts["built"], counts["unchanged"], counts["failed"]) == (0, 3, 0)
    assert editions(out) == before  # not one file written again, no "-2" copy
    assert not [name for name in before if "-2." in name]


def test_a_renamed_input_folder_and_a_renamed_file_are_the_same_articles(tmp_path):
    out = tmp_path / "out"
    src = workspace(tmp_path / "drafts")
    assert run_batch(collect_jobs([str(src)]), out, formats=FORMATS, inline=True).count("built") == 3
    before = editions(out)
    src = src.rename(tmp_path / "published")
    report = run_batch(collect_jobs([str(src)]), out, formats=FORMATS, inline=True)
    assert (report.count("built"), report.count("unchanged")) == (0, 3)
    (src / "s1.txt").rename(src / "renamed.txt")  # same content under another name: the same article
    report = run_batch(collect_jobs([str(src)]), out, formats=FORMATS, inline=True)
    assert (report.count("built"), report.count("unchanged")) == (0, 3)
    assert editions(out) == before
    rels = sorted(rec.rel for rec in read_state(out).values())
    assert rels == ["renamed.txt", "s0.txt", "sub/s2.txt"]


def test_a_revised_article_in_a_moved_workspace_replaces_its_own_editions(tmp_path):
    out = tmp_path / "out"
    src = workspace(tmp_path / "ci1")
    run_batch(collect_jobs([str(src)]), out, formats=FORMATS, inline=True)
    moved = tmp_path / "ci2"
    shutil.copytree(src, moved)
    write_article(moved, "s1.txt", "Second story", paragraphs=3)  # same title, a paragraph more
    report = run_batch(collect_jobs([str(moved)]), out, formats=FORMATS, inline=True)
    assert sorted((a.input.rsplit("/", 1)[-1], a.status) for a in report.articles) == [
        ("s0.txt", "unchanged"), ("s1.txt", "built"), ("s2.txt", "unchanged")]
    assert sorted(report.articles[1].outputs) == ["second-story.html", "second-story.json", "second-story.md"]
    assert "Paragraph 3 of Second story" in (out / "second-story.md").read_text(encoding="utf-8")
    assert len(editions(out)) == 9


def test_two_folders_holding_the_same_names_stay_two_articles(tmp_path):
    out = tmp_path / "out"
    a = write_article(tmp_path / "a", "story.txt", "Story from A").parent
    b = write_article(tmp_path / "b", "story.txt", "Story from B").parent
    jobs = collect_jobs([str(a), str(b)])
    assert [j.rel for j in jobs] == ["story.txt", "story.txt"]
    assert run_batch(jobs, out, formats=["html"], inline=True).count("built") == 2
    again = run_batch(collect_jobs([str(b), str(a)]), out, formats=["html"], inline=True)
    assert again.count("unchanged") == 2
    assert sorted(p.name for p in out.glob("*.html")) == ["story-from-a.html", "story-from-b.html"]


def test_a_manifest_moved_with_its_articles_rebuilds_nothing(tmp_path):
    out = tmp_path / "out"
    ci1 = tmp_path / "ci1"
    workspace(ci1 / "src")
    (ci1 / "list.csv").write_text("input,output,title\nsrc/s0.txt,front,Front page\nsrc/sub/s2.txt,,\n",
                                  encoding="utf-8")
    assert [j.rel for j in collect_jobs([], manifest=ci1 / "list.csv")] == ["src/s0.txt", "src/sub/s2.txt"]
    assert run("build", "--manifest", ci1 / "list.csv", "-o", out, "--to", "html", "-j", "1").exit_code == 0
    shutil.move(ci1, tmp_path / "ci2")
    r = run("build", "--manifest", tmp_path / "ci2" / "list.csv", "-o", out, "--to", "html", "-j", "1",
            "--report", tmp_path / "r.json")
    assert r.exit_code == 0, r.output
    assert json.loads((tmp_path / "r.json").read_text())["counts"]["unchanged"] == 2
    assert sorted(p.name for p in out.glob("*.html")) == ["front.html", "third-story.html"]


def test_the_state_is_hidden_and_holds_no_absolute_path(tmp_path):
    out = tmp_path / "site"
    src = workspace(tmp_path / "checkout")
    r = run("build", src, "-o", out, "--to", "html,json,markdown,epub", "-j", "1")
    assert r.exit_code == 0, r.output
    assert (out / STATE_DIR / STATE_NAME).is_file()
    assert not (out / LEGACY_NAME).exists()
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [STATE_DIR]
    for path in out.rglob("*"):  # the state, its journal and every edition
        if path.is_file():
            data = path.read_bytes()
            for secret in (str(tmp_path), str(tmp_path.resolve()), str(src)):
                assert secret.encode() not in data, path
    db = sqlite3.connect(out / STATE_DIR / STATE_NAME)
    keys = db.execute("SELECT key, rel FROM articles ORDER BY rel").fetchall()
    db.close()
    assert keys == [("s0.txt", "s0.txt"), ("s1.txt", "s1.txt"), ("sub/s2.txt", "sub/s2.txt")]


def test_a_folder_build_of_the_output_folder_reads_none_of_the_toolkit_s_files(tmp_path):
    out = tmp_path / "out"
    src = workspace(tmp_path / "src")
    run_batch(collect_jobs([str(src)]), out, formats=["html", "json", "markdown"], inline=True)
    with pytest.raises(UsageError, match="no article found"):
        collect_jobs([str(out)])  # editions recorded, the state hidden: nothing to read
    write_article(out, "note.md", "A note the user put here")
    assert [j.rel for j in collect_jobs([str(out)])] == ["note.md"]


def test_state_option_keeps_the_output_folder_clean(tmp_path):
    out, state = tmp_path / "out", tmp_path / "cache" / "site-state.sqlite"
    src = workspace(tmp_path / "src")
    r = run("build", src, "-o", out, "--to", "html,json", "-j", "1", "--state", state)
    assert r.exit_code == 0, r.output
    assert state.is_file()
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{s}.{e}" for s in ("first-story", "second-story", "third-story") for e in ("html", "json"))
    assert len(read_state(out, state)) == 3
    r = run("build", src, "-o", out, "--to", "html,json", "-j", "1", "--state", state, "--json-log")
    assert json.loads(r.stdout.splitlines()[-1])["counts"]["unchanged"] == 3
    # building the output folder into itself: the state named by --state tells what the editions are
    r = run("build", out, "-o", out, "--to", "html", "--state", state)
    assert r.exit_code == 2
    assert str(out) in r.output


def legacy_state(out, src):
    """What an earlier version left: OUT/.toolkit-state.sqlite, keyed on absolute input paths."""
    new = read_state(out)
    shutil.rmtree(out / STATE_DIR)
    db = sqlite3.connect(out / LEGACY_NAME)
    db.executescript("""
        CREATE TABLE articles (key TEXT PRIMARY KEY, hash TEXT NOT NULL, stem TEXT NOT NULL, outputs TEXT NOT NULL,
            built_at REAL NOT NULL, duration REAL NOT NULL, builds INTEGER NOT NULL DEFAULT 1,
            run_id INTEGER NOT NULL);
        CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, started REAL NOT NULL, finished REAL,
            built INTEGER NOT NULL DEFAULT 0, skipped INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0);
    """)
    for rec in new.values():
        db.execute("INSERT INTO articles VALUES (?, ?, ?, ?, 0, 0.1, ?, 1)",
                   (str((src / rec.rel).resolve()), rec.hash, rec.stem, json.dumps(list(rec.outputs)), rec.builds))
    db.commit()
    db.close()


def test_an_earlier_version_s_state_is_migrated_on_first_use(tmp_path):
    out = tmp_path / "out"
    src = workspace(tmp_path / "src")
    jobs = collect_jobs([str(src)])
    run_batch(jobs, out, formats=["html"], inline=True)
    legacy_state(out, src)
    (out / "first-story.html").write_text("<p>the old edition</p>", encoding="utf-8")
    assert len(read_state(out)) == 3  # still readable before the migration
    # unchanged articles stay unchanged; their editions are still known as the toolkit's
    report = run_batch(jobs, out, formats=["html"], inline=True)
    assert (report.count("built"), report.count("unchanged")) == (0, 3)
    assert not (out / LEGACY_NAME).exists()
    state = read_state(out)
    assert sorted(state) == ["s0.txt", "s1.txt", "sub/s2.txt"]
    assert all(rec.source for rec in state.values())
    write_article(src, "s0.txt", "First story")  # the sidecar is gone: a rebuild over the recorded edition
    (src / "s0.txt.meta.yaml").unlink()
    report = run_batch(jobs, out, formats=["html"], inline=True)
    assert report.count("built") == 1, [a.error for a in report.articles]
    assert "the old edition" not in (out / "first-story.html").read_text(encoding="utf-8")
