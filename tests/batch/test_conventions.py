"""What scripts and services rely on: 143 after SIGTERM and 130 after Ctrl-C, with a report listing every
article; an empty input set is a usage error (2); --json-log tells of skipped articles; a text-mode batch
counts each article's warnings (their text with -v), and a --strict failure names them."""

from __future__ import annotations

import json
import signal
import subprocess
import sys

import pytest
from click.testing import CliRunner

from tests.batch.conftest import write_article
from tests.batch.test_resume import N, make_articles, recorded
from toolkit.cli.commands import main


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_mid_batch_exits_128_plus_its_number_and_the_report_lists_every_article(
        tmp_path, frozen_env, sig, code):
    import time

    src, out, report_path = tmp_path / "src", tmp_path / "out", tmp_path / "report.json"
    make_articles(src)
    cmd = [sys.executable, "-P", "-m", "toolkit.cli", "build", str(src), "-o", str(out), "--to", "html,pdf",
           "-j", "1", "--report", str(report_path)]
    # As from a terminal: a test run started in the background (`make test &`, nohup) ignores SIGINT, and a
    # child inherits that; Ctrl-C reaches a foreground command with the default action.
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=frozen_env,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while not recorded(out):  # one article done, the others not
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "no article finished in time"
        time.sleep(0.05)
    proc.send_signal(sig)
    _stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == code, stderr
    assert f"interrupted ({sig.name})" in stderr
    report = json.loads(report_path.read_text())
    assert report["interrupted"] is True
    assert report["signal"] == sig.name
    assert report["counts"]["total"] == N
    assert sorted(a["input"].rsplit("/", 1)[-1] for a in report["articles"]) == [f"story{i}.txt" for i in range(N)]
    statuses = [a["status"] for a in report["articles"]]
    assert set(statuses) <= {"built", "not started"}
    assert 1 <= statuses.count("built") < N
    assert report["counts"]["not_started"] == statuses.count("not started") == N - statuses.count("built")
    assert all(not a["outputs"] for a in report["articles"] if a["status"] == "not started")


def test_an_empty_folder_is_a_usage_error_naming_it(tmp_path):
    empty = tmp_path / "articles"
    empty.mkdir()
    (empty / "notes.xyz").write_text("not an article", encoding="utf-8")
    (empty / "README.md").write_text("# About this folder\n", encoding="utf-8")
    r = run("build", empty, "-o", tmp_path / "out")
    assert r.exit_code == 2
    assert str(empty) in r.output
    assert r.output.strip().count("\n") == 0
    assert not (tmp_path / "out").exists()


def test_a_manifest_without_rows_is_a_usage_error_naming_it(tmp_path):
    manifest = tmp_path / "list.csv"
    manifest.write_text("input,output,title\n", encoding="utf-8")
    r = run("build", "--manifest", manifest, "-o", tmp_path / "out")
    assert r.exit_code == 2
    assert str(manifest) in r.output
    assert "no article" in r.output


def test_json_log_tells_of_each_article_skipped_as_unchanged(articles, tmp_path):
    out = tmp_path / "out"
    first = run("build", articles, "-o", out, "--to", "html", "--json-log", "-j", "1")
    assert first.exit_code == 0, first.output
    write_article(articles, "a2.txt", "Article number 2, revised")
    r = run("build", articles, "-o", out, "--to", "html", "--json-log", "-j", "1")
    assert r.exit_code == 0, r.output
    events = [json.loads(line) for line in r.stdout.splitlines()]
    assert [e["event"] for e in events] == ["start", "skipped", "skipped", "skipped", "article", "finish"]
    skipped = {e["input"].rsplit("/", 1)[-1]: e for e in events if e["event"] == "skipped"}
    assert sorted(skipped) == ["a1.txt", "a3.txt", "deep.md"]
    assert all(e["reason"] == "unchanged" and e["status"] == "unchanged" for e in skipped.values())
    assert skipped["a1.txt"]["outputs"] == ["article-number-1.html"]
    assert events[-1]["counts"]["unchanged"] == 3


def warned(folder):
    write_article(folder, "plain.txt", "A plain article")
    (folder / "pictures.md").write_text(
        "# With pictures\n\nA paragraph of text that is long enough to be an article body.\n\n"
        "![A picture](missing-one.png)\n\nAnother paragraph of the body.\n\n![Another](missing-two.png)\n",
        encoding="utf-8")
    return folder


def test_a_text_mode_batch_counts_each_article_s_warnings_and_prints_them_with_v(tmp_path):
    src = warned(tmp_path / "src")
    r = run("build", src, "-o", tmp_path / "out", "--to", "html", "-j", "1")
    assert r.exit_code == 0, r.output
    line = next(line for line in r.stderr.splitlines() if "with-pictures.html" in line)
    assert "2 warnings" in line
    assert "missing-one.png" not in r.stderr
    plain = next(line for line in r.stderr.splitlines() if "a-plain-article.html" in line)
    assert "warning" not in plain
    r = run("-v", "build", src, "-o", tmp_path / "out2", "--to", "html", "-j", "1")
    assert r.exit_code == 0, r.output
    shown = [line for line in r.stderr.splitlines() if line.startswith("toolkit: warning:")]
    assert len(shown) == 2
    assert any("missing-one.png" in line for line in shown)
    assert any("missing-two.png" in line for line in shown)


def test_a_strict_batch_failure_names_its_warnings(tmp_path):
    src = warned(tmp_path / "src")
    r = run("build", src, "-o", tmp_path / "out", "--to", "html", "-j", "1", "--strict")
    assert r.exit_code == 1
    failed = next(line for line in r.stderr.splitlines() if "failed" in line and "--strict" in line)
    assert "missing-one.png" in failed
    assert "(and 1 more)" in failed
    assert sum("missing-two.png" in line for line in r.stderr.splitlines()) == 1  # each warning's text
    assert (tmp_path / "out" / "a-plain-article.html").is_file()
    assert not (tmp_path / "out" / "with-pictures.html").exists()
