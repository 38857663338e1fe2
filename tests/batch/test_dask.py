"""The same batch through Dask: a real LocalCluster on loopback, and inputs shipped as bytes to workers."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tests.batch.conftest import write_article
from toolkit.batch import read_state
from toolkit.batch.dask_executor import build_remote
from toolkit.batch.inputs import ArticleJob
from toolkit.cli.commands import main
from toolkit.options import Options

distributed = pytest.importorskip("distributed")


def test_batch_through_a_local_cluster_on_loopback(articles, tmp_path):
    out = tmp_path / "out"
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, host="127.0.0.1",
                                  protocol="tcp://", dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        r = CliRunner().invoke(main, ["build", str(articles), "-o", str(out), "--to", "html,epub",
                                      "--executor", "dask", "--scheduler", cluster.scheduler_address])
    assert r.exit_code == 0, r.output
    state = read_state(out)
    assert len(state) == 4
    assert all((out / name).stat().st_size > 0 for rec in state.values() for name in rec.outputs)
    assert "dask" in r.output


def test_worker_without_the_shared_folder_builds_from_shipped_bytes(tmp_path):
    src = write_article(tmp_path / "elsewhere", "far.txt", "A far away article")
    files = {src.name: src.read_bytes()}
    job = ArticleJob(str(tmp_path / "not-on-this-worker" / "far.txt"), name=None)
    result = build_remote(job, files, Options(), ("html",))
    assert result.error is None, result.error
    assert result.input == job.input
    assert b"A far away article" in result.outputs["html"]


def test_dask_without_a_scheduler_starts_its_own_local_cluster(articles, tmp_path):
    from toolkit.batch import collect_jobs, run_batch

    report = run_batch(collect_jobs([str(articles / "a1.txt"), str(articles / "a2.txt")]), tmp_path / "out",
                       formats=["html"], workers=1, executor="dask", dask_processes=False)
    assert report.executor == "dask"
    assert report.count("built") == 2
    assert sorted(o for a in report.articles for o in a.outputs) == ["article-number-1.html", "article-number-2.html"]
