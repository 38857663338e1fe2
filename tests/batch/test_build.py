"""Batch builds end to end: incremental re-runs, failures that stop nothing, reports, manifests, events."""

from __future__ import annotations

import json
import time

from click.testing import CliRunner

from tests.batch.conftest import write_article
from toolkit.batch import collect_jobs, read_state, run_batch
from toolkit.cli.commands import main
from toolkit.options import Options


def run(*args):
    return CliRunner().invoke(main, list(args))


def statuses(report):
    return sorted((a.input.rsplit("/", 1)[-1], a.status) for a in report.articles)


def test_incremental_rebuilds_only_what_changed(articles, tmp_path):
    out = tmp_path / "out"
    jobs = collect_jobs([str(articles)])
    first = run_batch(jobs, out, formats=["html", "json"], inline=True)
    assert first.count("built") == 4
    assert first.exit_code() == 0
    assert run_batch(jobs, out, formats=["html", "json"], inline=True).count("unchanged") == 4
    time.sleep(0.01)
    write_article(articles, "a2.txt", "Article number 2, revised")
    (articles / "a1.txt.meta.yaml").write_text("authors: [Other Person]\n", encoding="utf-8")
    third = run_batch(jobs, out, formats=["html", "json"], inline=True)
    assert statuses(third) == [("a1.txt", "built"), ("a2.txt", "built"), ("a3.txt", "unchanged"),
                               ("deep.md", "unchanged")]
    # the renamed article's old files are gone, the new ones are there
    names = {p.name for p in out.iterdir()}
    assert "article-number-2-revised.html" in names
    assert "article-number-2.html" not in names
    other = run_batch(jobs, out, Options(paper="letter"), formats=["html", "json"], inline=True)
    assert other.count("built") == 4  # options are part of the hash
    forced = run_batch(jobs, out, Options(paper="letter"), formats=["html", "json"], force=True, inline=True)
    assert forced.count("built") == 4
    assert {r.builds for r in read_state(out).values()} >= {3}


def test_a_deleted_output_is_rebuilt(articles, tmp_path):
    out = tmp_path / "out"
    jobs = collect_jobs([str(articles / "a1.txt")])
    run_batch(jobs, out, formats=["html"], inline=True)
    (out / "article-number-1.html").unlink()
    assert run_batch(jobs, out, formats=["html"], inline=True).count("built") == 1


def test_same_titles_get_distinct_names(tmp_path):
    src = tmp_path / "src"
    for name in ("x.txt", "y.txt", "z.txt"):
        write_article(src, name, "The same title")
    report = run_batch(collect_jobs([str(src)]), tmp_path / "out", formats=["html"], inline=True)
    outputs = sorted(o for a in report.articles for o in a.outputs)
    assert outputs == ["the-same-title-2.html", "the-same-title-3.html", "the-same-title.html"]


def test_failures_do_not_stop_the_batch_and_are_reported(articles, tmp_path):
    (articles / "empty.txt").write_text("   \n", encoding="utf-8")
    (articles / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    out, report_path = tmp_path / "out", tmp_path / "report.json"
    r = run("build", str(articles), "-o", str(out), "--to", "html,epub", "-j", "2", "--report", str(report_path))
    assert r.exit_code == 1, r.output
    data = json.loads(report_path.read_text())
    assert data["schema"] == "toolkit-batch-report/1"
    assert data["counts"] == {"total": 6, "built": 4, "unchanged": 0, "failed": 2, "not_started": 0}
    by_name = {a["input"].rsplit("/", 1)[-1]: a for a in data["articles"]}
    assert "empty" in by_name["empty.txt"]["error"]
    assert "empty.txt" in by_name["empty.txt"]["error"]
    assert by_name["binary.txt"]["status"] == "failed"
    assert by_name["a1.txt"]["inputs"] == [str(articles / "a1.txt"), str(articles / "a1.txt.meta.yaml")]
    good = by_name["a3.txt"]
    assert good["status"] == "built"
    assert good["error"] is None
    assert good["duration"] > 0
    assert sorted(good["outputs"]) == ["article-number-3.epub", "article-number-3.html"]
    assert all((out / name).stat().st_size > 0 for a in data["articles"] for name in a["outputs"])
    assert "failed" in r.output
    assert "binary.txt" in r.output


def test_manifest_names_outputs_and_sets_metadata(articles, tmp_path):
    manifest = tmp_path / "m.csv"
    manifest.write_text("input,output,title\nsrc/a1.txt,front-page.pdf,A Title From The Manifest\n",
                        encoding="utf-8")
    out = tmp_path / "out"
    r = run("build", "--manifest", str(manifest), "-o", str(out), "--to", "html")
    assert r.exit_code == 0, r.output
    html = (out / "front-page.html").read_text(encoding="utf-8")
    assert "A Title From The Manifest" in html


def test_json_log_events(articles, tmp_path):
    r = run("build", str(articles / "a1.txt"), str(articles / "a2.txt"), "-o", str(tmp_path / "out"),
            "--to", "html", "--json-log", "-j", "1")
    assert r.exit_code == 0, r.output
    events = [json.loads(line) for line in r.stdout.splitlines()]
    assert [e["event"] for e in events] == ["start", "article", "article", "finish"]
    assert events[0]["to_build"] == 2
    assert events[-1]["counts"]["built"] == 2
    assert {e["input"].rsplit("/", 1)[-1] for e in events[1:3]} == {"a1.txt", "a2.txt"}


def test_single_file_keeps_the_classic_output(articles, tmp_path):
    out = tmp_path / "out"
    r = run("build", str(articles / "a3.txt"), "-o", str(out), "--to", "html")
    assert r.exit_code == 0
    assert r.stdout.strip() == str(out / "article-number-3.html")
    r = run("build", str(tmp_path / "missing.txt"), "-o", str(out))
    assert r.exit_code == 1
    assert r.output.strip().count("\n") == 0
    assert "missing.txt" in r.output


def test_an_article_that_runs_too_long_is_given_up_and_the_rest_go_on(tmp_path):
    from tests.conftest import SEED

    src = tmp_path / "src"
    src.mkdir()
    (src / "long.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    write_article(src, "short.txt", "A short one")
    out, report_path = tmp_path / "out", tmp_path / "r.json"
    # the seed's PDF takes far longer than a quarter second; the short HTML-only article does not
    r = run("build", str(src / "long.txt"), "-o", str(out), "--to", "pdf", "--timeout", "0.25")
    assert r.exit_code == 1
    assert "gave up after 0.25 s" in r.output
    assert not list(out.glob("*.pdf"))
    r = run("build", str(src), "-o", str(out), "--to", "html", "-j", "1", "--timeout", "60", "--report",
            str(report_path))
    assert r.exit_code == 0, r.output
    assert json.loads(report_path.read_text())["counts"]["built"] == 2


def test_workers_are_replaced_after_their_share_of_articles(articles):
    from toolkit.batch.workers import LocalPool

    jobs = collect_jobs([str(articles)])[:3]
    pool = LocalPool(1, Options(), ("html",), recycle_after=1)
    try:
        results = list(pool.run(jobs))
    finally:
        pool.close()
    assert sorted(r.input for r in results) == sorted(j.input for j in jobs)
    assert all(r.error is None for r in results)
    assert len({r.worker for r in results}) == 3  # a fresh process for each article


def test_a_changed_file_named_by_the_options_rebuilds(articles, tmp_path):
    """Not only the name of a CSS file or reference document counts: its contents do."""
    out = tmp_path / "out"
    css, ref = tmp_path / "extra.css", tmp_path / "reference.docx"
    css.write_text("p { color: black; }", encoding="utf-8")
    ref.write_bytes(b"first version")
    opts = Options(css=(css,), reference_doc=ref)
    jobs = collect_jobs([str(articles / "a1.txt")])
    assert run_batch(jobs, out, opts, formats=["html"], inline=True).count("built") == 1
    assert run_batch(jobs, out, opts, formats=["html"], inline=True).count("unchanged") == 1
    css.write_text("p { color: navy; }", encoding="utf-8")
    assert run_batch(jobs, out, opts, formats=["html"], inline=True).count("built") == 1
    ref.write_bytes(b"second version")
    assert run_batch(jobs, out, opts, formats=["html"], inline=True).count("built") == 1
    assert run_batch(jobs, out, opts, formats=["html"], inline=True).count("unchanged") == 1
