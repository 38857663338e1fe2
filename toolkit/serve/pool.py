"""The service's warm workers: a process pool shared by every request, with a bounded number of builds
admitted at once (the rest are told to come back: HTTP 503 with Retry-After).

Each worker imports the writers' libraries and lays out a small article once when it starts (the
batch's ``init_worker``), then builds articles with the batch's ``build_article``, under the same time
limit. Workers are replaced, a whole generation at a time, after ``recycle_after`` builds each or when
one of them has grown past ``memory_limit`` MiB; the old generation finishes what it holds first.
"""

from __future__ import annotations

import asyncio
import logging
import os
import resource
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from toolkit.batch.article import ArticleResult, build_article
from toolkit.batch.inputs import ArticleJob
from toolkit.batch.workers import init_worker
from toolkit.options import Options
from toolkit.serve.build_request import RequestRefusedError

log = logging.getLogger("toolkit")

WARM_FORMATS = ("pdf", "epub", "html")
HARD_LIMIT_GRACE = 30.0  # seconds past the time limit before a worker that ignores its alarm is killed


def build_in_worker(job: ArticleJob, options: Options, formats: tuple[str, ...],
                    timeout: float | None) -> tuple[ArticleResult, int]:
    """Runs in a worker: the article's result and the worker's peak memory so far (KiB). The editions are built
    here, in the warm worker: forking it for the PDF cost more than it saved (the seed's three editions, warm:
    0.76 s forked against 0.72 s in the worker; with Typst 0.27 against 0.25)."""
    result = build_article(job, options, formats, timeout)
    return result, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _ping() -> int:
    return os.getpid()


@dataclass
class PoolStats:
    builds: int = 0
    failed: int = 0
    refused: int = 0
    generations: int = 0
    peak_kib: int = 0


class BuildPool:
    """Warm worker processes and the admission count in front of them (use from one event loop)."""

    def __init__(self, workers: int = 2, queue: int | None = None, timeout: float | None = 300.0,
                 recycle_after: int = 200, memory_limit: int = 1536):
        self.workers = max(1, workers)
        self.capacity = self.workers + (self.workers * 2 if queue is None else max(0, queue))
        self.timeout = timeout or None
        self.recycle_after = max(1, recycle_after)
        self.memory_limit_kib = max(64, memory_limit) * 1024
        self.admitted = 0
        self.stats = PoolStats()
        self.durations: list[float] = []
        self._executor: ProcessPoolExecutor | None = None
        self._generation = 0
        self._submitted = 0
        self._old: list[ProcessPoolExecutor] = []
        self._lock = threading.Lock()
        self.closed = False

    # -- generations ---------------------------------------------------------------------------------
    def start(self) -> None:
        """A fresh generation of workers, warmed before the first request reaches them."""
        import multiprocessing

        level = logging.getLogger("toolkit").getEffectiveLevel()
        ctx = multiprocessing.get_context("forkserver")
        with self._lock:
            self._executor = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=init_worker,
                                                 initargs=(os.getpid(), Options(), WARM_FORMATS, level))
            self._generation += 1
            self._submitted = 0
            self.stats.generations += 1
        for _ in range(self.workers):  # start the workers now: warming up costs a second or two
            self._executor.submit(_ping)

    def _retire(self, generation: int, kill: bool = False) -> None:
        """Replace generation ``generation`` (if still current); its workers finish their builds, or are
        killed when ``kill`` (a worker stuck past its time limit)."""
        with self._lock:
            if generation != self._generation or self._executor is None:
                return
            old = self._executor
            self._executor = None
        if kill:
            _terminate(old)
        else:
            old.shutdown(wait=False)
            self._old = [e for e in self._old if _alive(e)] + [old]
        self.start()

    # -- admission -----------------------------------------------------------------------------------
    def retry_after(self) -> int:
        """Seconds a refused client should wait: about one build's time per worker's queue, 1-30."""
        recent = self.durations[-20:]
        typical = sorted(recent)[len(recent) // 2] if recent else 2.0
        return max(1, min(30, round(typical * (self.capacity / self.workers) / 2)))

    def admit(self) -> None:
        """Count a request in, or refuse it (503) when ``capacity`` builds are already admitted."""
        if self.closed:
            raise RequestRefusedError("the service is stopping; try again when it is back", status=503, exit_code=1,
                                      retry_after=self.retry_after())
        if self.admitted >= self.capacity:
            self.stats.refused += 1
            raise RequestRefusedError(f"the service is busy ({self.admitted} builds admitted, {self.workers} workers); "
                                 "try again shortly", status=503, exit_code=1, retry_after=self.retry_after())
        self.admitted += 1

    def release(self) -> None:
        self.admitted = max(0, self.admitted - 1)

    # -- builds --------------------------------------------------------------------------------------
    async def build(self, job: ArticleJob, options: Options, formats: tuple[str, ...]) -> ArticleResult:
        """Build one admitted article in a worker; never raises for the article's own failure."""
        if self._executor is None and not self.closed:
            self.start()
        if self._executor is None:
            return self._failed(job, f"{job.input}: the service stopped before the build began; send it again")
        with self._lock:
            executor, generation = self._executor, self._generation
            self._submitted += 1
            recycle = self._submitted >= self.workers * self.recycle_after
        t0 = time.perf_counter()
        future = asyncio.wrap_future(executor.submit(build_in_worker, job, options, formats, self.timeout))
        if recycle:
            self._retire(generation)
        limit = self.timeout + HARD_LIMIT_GRACE if self.timeout else None
        try:
            result, peak = await asyncio.wait_for(asyncio.shield(future), limit)
        except TimeoutError:
            self._retire(generation, kill=True)
            return self._failed(job, f"{job.input}: gave up after {self.timeout:g} s; split the article")
        except BrokenProcessPool:
            self._retire(generation, kill=True)
            return self._failed(job, f"{job.input}: the worker process building it died; the article may need "
                                     "more memory than the service allows")
        self.durations = [*self.durations[-49:], time.perf_counter() - t0]
        self.stats.builds += 1
        self.stats.failed += bool(result.error)
        self.stats.peak_kib = max(self.stats.peak_kib, peak)
        if peak > self.memory_limit_kib:
            log.info("workers grew to %d MiB; starting fresh ones", peak // 1024)
            self._retire(generation)
        return result

    def _failed(self, job: ArticleJob, message: str) -> ArticleResult:
        self.stats.builds += 1
        self.stats.failed += 1
        return ArticleResult(key=job.key, input=job.input, error=message, exit_code=1)

    def close(self, grace: float = 30.0) -> None:
        """Let the builds in flight finish (up to ``grace`` seconds), drop the queued ones, stop every worker."""
        self.closed = True
        with self._lock:
            executors = [e for e in (self._executor, *self._old) if e is not None]
            self._executor, self._old = None, []
        deadline = time.monotonic() + grace
        for executor in executors:
            executor.shutdown(wait=False, cancel_futures=True)
        for executor in executors:
            for proc in list((getattr(executor, "_processes", None) or {}).values()):
                proc.join(max(0.0, deadline - time.monotonic()))
            _terminate(executor)


def _alive(executor: ProcessPoolExecutor) -> bool:
    return any(p.is_alive() for p in (getattr(executor, "_processes", None) or {}).values())


def _terminate(executor: ProcessPoolExecutor) -> None:
    """Stop an executor's workers now (what they were building is lost) and release its resources."""
    procs = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        if proc.is_alive():
            proc.terminate()
    for proc in procs:
        proc.join(5)
    executor.shutdown(wait=True)
