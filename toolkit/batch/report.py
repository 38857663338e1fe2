"""The batch's outcome: one entry per article, the --report JSON file and the closing summary table."""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPORT_SCHEMA = "toolkit-batch-report/1"
NOT_STARTED = "not started"


@dataclass
class ArticleEntry:
    """One article's line in the report: ``status`` is built, unchanged, failed, or (in a run that was
    interrupted) not started: nothing of it was written in this run."""

    input: str
    status: str
    outputs: list[str] = field(default_factory=list)
    duration: float = 0.0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    exit_code: int = 0
    title: str = ""
    cpu: float = 0.0
    inputs: list[str] = field(default_factory=list)  # the input and the sidecar metadata files read with it


@dataclass
class BatchReport:
    out_dir: str
    jobs: int
    executor: str
    started: float = field(default_factory=time.time)
    finished: float = 0.0
    articles: list[ArticleEntry] = field(default_factory=list)
    interrupted: bool = False
    signal: str = ""  # what interrupted the run: "SIGINT" (Ctrl-C) or "SIGTERM"

    def count(self, status: str) -> int:
        return sum(1 for a in self.articles if a.status == status)

    @property
    def failed(self) -> list[ArticleEntry]:
        return [a for a in self.articles if a.status == "failed"]

    @property
    def wall(self) -> float:
        return (self.finished or time.time()) - self.started

    def exit_code(self) -> int:
        """0 when every article was built or unchanged; otherwise the first failure's code (1 or 2);
        an interrupted run: 128 + the signal's number (130 for Ctrl-C, 143 for SIGTERM)."""
        if self.interrupted:
            return 143 if self.signal == "SIGTERM" else 130
        codes = [a.exit_code or 1 for a in self.failed]
        return (2 if codes and all(c == 2 for c in codes) else 1) if codes else 0

    def to_dict(self) -> dict:
        return {
            "schema": REPORT_SCHEMA, "output": self.out_dir, "jobs": self.jobs, "executor": self.executor,
            "started": self.started, "finished": self.finished, "duration": round(self.wall, 3),
            "interrupted": self.interrupted, "signal": self.signal or None,
            "counts": {"total": len(self.articles), "built": self.count("built"),
                       "unchanged": self.count("unchanged"), "failed": self.count("failed"),
                       "not_started": self.count(NOT_STARTED)},
            "cpu": round(sum(a.cpu for a in self.articles), 3),
            "articles": [{**asdict(a), "duration": round(a.duration, 3), "cpu": round(a.cpu, 3)}
                         for a in self.articles],
        }


def write_report(report: BatchReport, path: str | os.PathLike) -> Path:
    from toolkit.output import write_atomic

    path = Path(path)
    data = json.dumps(report.to_dict(), ensure_ascii=False, indent=1).encode() + b"\n"
    write_atomic(path, data)
    return path


def summary_rows(report: BatchReport) -> list[tuple[str, str]]:
    n = len(report.articles)
    built = report.count("built")
    rate = built / report.wall if report.wall > 0 else 0.0
    rows = [("articles", str(n)), ("built", str(built)), ("unchanged", str(report.count("unchanged"))),
            ("failed", str(report.count("failed"))),
            *([("not started", str(report.count(NOT_STARTED)))] if report.interrupted else []),
            ("wall time", f"{report.wall:.1f} s"),
            ("rate", f"{rate:.2f} articles/s"), ("workers", f"{report.jobs} ({report.executor})"),
            ("output", report.out_dir)]
    if report.interrupted:
        rows.append(("interrupted", "yes: run the same command again to continue"))
    return rows


def summary_text(report: BatchReport) -> str:
    """A plain table for logs; failures listed below it, one line each."""
    rows = summary_rows(report)
    width = max(len(k) for k, _ in rows)
    lines = [f"{k:<{width}}  {v}" for k, v in rows]
    lines += [f"failed: {a.error or a.input}" for a in report.failed]
    return "\n".join(lines)
