"""Batch builds: many inputs, warm parallel workers, incremental and resumable state, a Dask cluster.

Public API::

    from toolkit.batch import collect_jobs, run_batch
    report = run_batch(collect_jobs(["articles/"]), "build", formats=["pdf", "html"], workers=2)
    print(report.count("built"), report.count("failed"))
"""

from toolkit.batch.inputs import ArticleJob, collect_jobs, read_manifest
from toolkit.batch.report import ArticleEntry, BatchReport, write_report
from toolkit.batch.runner import default_jobs, run_batch
from toolkit.batch.state import read_state

__all__ = ["ArticleEntry", "ArticleJob", "BatchReport", "collect_jobs", "default_jobs", "read_manifest",
           "read_state", "run_batch", "write_report"]
