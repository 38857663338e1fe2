"""What a batch tells about its progress: the silent base that the command line's displays extend.

``run_batch(progress=...)`` calls ``start`` once, ``skipped`` per article left as it was (unchanged),
``article`` per finished article, then ``finish`` (or ``close`` if the run failed as a whole). The library never prints: ``toolkit.cli.progress`` does.
"""

from __future__ import annotations

import time

from toolkit.batch.report import ArticleEntry, BatchReport


class Progress:
    """The silent base: ``start``, one ``article`` call per finished article, ``finish``."""

    def start(self, total: int, unchanged: int, to_build: int) -> None:
        self.total, self.unchanged, self.to_build = total, unchanged, to_build
        self.done = self.failed = 0
        self.t0 = time.perf_counter()

    def skipped(self, entry: ArticleEntry) -> None:
        """An article not built because it is unchanged (called after ``start``, before any ``article``)."""

    def article(self, entry: ArticleEntry) -> None:
        self.done += 1
        self.failed += entry.status == "failed"

    def finish(self, report: BatchReport) -> None:
        pass

    def close(self) -> None:
        """Stop any live display without a summary (the run failed as a whole)."""

    def eta(self) -> float | None:
        elapsed = time.perf_counter() - self.t0
        if not self.done or not self.to_build:
            return None
        return elapsed / self.done * (self.to_build - self.done)
