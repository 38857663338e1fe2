"""run_batch's time limit holds when a service calls it from a thread (the alarm only reaches a main thread)."""

from __future__ import annotations

import threading

from tests.conftest import SEED
from toolkit.batch import collect_jobs, run_batch


def test_a_thread_gets_the_time_limit_too(tmp_path):
    src = tmp_path / "long.txt"
    src.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    reports = []
    worker = threading.Thread(target=lambda: reports.append(
        run_batch(collect_jobs([str(src)]), str(tmp_path / "out"), formats=["pdf"], timeout=0.25)))
    worker.start()
    worker.join(300)
    (report,) = reports
    (article,) = report.articles
    assert article.status == "failed"
    assert "gave up after 0.25 s" in article.error
    assert not list((tmp_path / "out").glob("*.pdf"))
