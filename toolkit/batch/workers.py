"""Runs article builds in warm worker processes (or inline), a bounded number in flight, surviving crashes."""

from __future__ import annotations

import itertools
import logging
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from toolkit.batch.article import ArticleResult, build_article, warm_up
from toolkit.batch.inputs import ArticleJob
from toolkit.options import Options

log = logging.getLogger("toolkit")


# Workers are replaced after this many articles each: their memory grows slowly (about 0.3 MiB an
# article in WeasyPrint's caches), and a fresh warm-up costs a second or two.
RECYCLE_AFTER = 500


def _die_with_parent(parent: int) -> None:
    """A worker must not outlive a coordinator that was killed (SIGKILL leaves no chance to clean up)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG: our parent may be the fork server
    except (OSError, AttributeError):
        pass

    # A forkserver child inherits the server's "coordinator alive" pipe; holding it would keep the
    # server (and so us, through PDEATHSIG) alive after the coordinator is killed.
    try:
        from multiprocessing import forkserver

        fd = getattr(forkserver._forkserver, "_forkserver_alive_fd", None)
        if fd is not None:
            os.close(fd)
            forkserver._forkserver._forkserver_alive_fd = None
    except (ImportError, AttributeError, OSError):
        pass

    def gone() -> bool:
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        try:  # a killed coordinator not yet reaped is a zombie
            with open(f"/proc/{parent}/stat", encoding="ascii", errors="replace") as fh:
                return fh.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
        except (OSError, IndexError):
            return False

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if gone():
                os._exit(1)

    threading.Thread(target=watch, name="toolkit-parent-watch", daemon=True).start()


def init_worker(parent: int, options: Options, formats: tuple[str, ...], log_level: int) -> None:
    """Runs once per worker process: ignore Ctrl-C (the coordinator stops us), then warm up."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent)
    logging.basicConfig(level=log_level, format="toolkit: %(levelname)s: %(message)s")
    logging.getLogger("toolkit.warnings").disabled = True  # warnings travel back in each result, printed once
    for name in ("weasyprint", "fontTools", "ebooklib"):
        logging.getLogger(name).setLevel(logging.ERROR)
    if log_level > logging.DEBUG:  # as the CLI does: the extractors' own chatter only with -vv
        for name in ("trafilatura", "htmldate", "justext", "courlan"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    warm_up(options, formats)


def run_inline(jobs: Iterable[ArticleJob], options: Options, formats: tuple[str, ...],
               timeout: float | None = None) -> Iterator[ArticleResult]:
    """In this process, one after another: the fast path for a single article (its PDF is laid
    out in a second process meanwhile, where a core is free: see ``print_process``)."""
    jobs = list(jobs)
    for job in jobs:
        yield build_article(job, options, formats, timeout, parallel_pdf=len(jobs) == 1)


def _crashed(job: ArticleJob, exc: BaseException) -> ArticleResult:
    script = unguarded_main_script()
    if script:
        why = (f"the worker processes could not start: the script {script} runs the batch "
               "without an 'if __name__ == \"__main__\":' guard, and each worker re-imports it; put the call "
               "under that guard")
    else:
        why = "the article may need more memory than the machine has"
    return ArticleResult(key=job.key, input=job.input, exit_code=1,
                         error=f"{job.input}: the worker process building it died ({exc.__class__.__name__}); {why}")


def unguarded_main_script() -> str | None:
    """The main module's file when it is a script with no ``if __name__ == "__main__":`` guard, else None.

    Workers start from a fresh interpreter that imports the main module (multiprocessing's forkserver and
    spawn methods); a script that calls the batch at its top level then starts it again in every worker,
    and the pool breaks. That, not memory, is then the cause to name.
    """
    import re

    from toolkit.errors import InputError
    from toolkit.guard.files import read_text

    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if not path or not str(path).endswith(".py") or getattr(main, "__spec__", None) is not None:
        return None  # python -m ..., an interactive session, our own command: nothing to re-import
    try:
        source = read_text(path, "the main script")
    except InputError:
        return None
    return None if re.search(r"__name__\s*==\s*['\"]__main__['\"]", source) else str(path)


class LocalPool:
    """A warm ``ProcessPoolExecutor``; each worker imports WeasyPrint and lays out a page once at start."""

    def __init__(self, workers: int, options: Options, formats: tuple[str, ...], timeout: float | None = None,
                 recycle_after: int = RECYCLE_AFTER):
        self.workers = max(1, workers)
        self.options, self.formats, self.timeout = options, formats, timeout
        self.recycle_after = max(1, recycle_after)
        self.pool: ProcessPoolExecutor | None = None

    def _start(self) -> ProcessPoolExecutor:
        import multiprocessing

        ctx = multiprocessing.get_context("forkserver")
        level = logging.getLogger("toolkit").getEffectiveLevel()
        self.pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=init_worker,
                                        initargs=(os.getpid(), self.options, self.formats, level))
        return self.pool

    def run(self, jobs: Iterable[ArticleJob]) -> Iterator[ArticleResult]:
        """Results in completion order; at most two jobs per worker are queued at any time."""
        source = iter(jobs)
        inflight: dict[Future, tuple[ArticleJob, int]] = {}
        retry: deque[ArticleJob] = deque()
        limit = self.workers * 2
        pool = self._start()
        exhausted = False
        submitted = 0  # since the pool started: fresh workers every RECYCLE_AFTER articles each
        while True:
            if retry:  # after a crash, suspects run alone so one bad article cannot take others down
                if not inflight:
                    job = retry.popleft()
                    inflight[pool.submit(build_article, job, self.options, self.formats, self.timeout)] = (job, 1)
            else:
                while not exhausted and len(inflight) < limit and submitted < self.workers * self.recycle_after:
                    job = next(source, None)
                    if job is None:
                        exhausted = True
                        break
                    inflight[pool.submit(build_article, job, self.options, self.formats, self.timeout)] = (job, 0)
                    submitted += 1
            if not inflight:
                if retry:
                    continue
                upcoming = None if exhausted else next(source, None)
                if upcoming is None:
                    break
                source = itertools.chain([upcoming], source)
                self.close()  # the long-run memory of WeasyPrint's caches goes with the old workers
                pool, submitted = self._start(), 0
                continue
            done, _ = wait(inflight, return_when=FIRST_COMPLETED)
            broken = False
            for fut in done:
                job, tries = inflight.pop(fut)
                try:
                    yield fut.result()
                except BrokenProcessPool as exc:
                    broken = True
                    if tries == 0:
                        retry.append(job)
                    else:
                        yield _crashed(job, exc)
            if broken:
                for fut, (job, tries) in list(inflight.items()):  # the rest of the broken pool's work
                    del inflight[fut]
                    if tries == 0:
                        retry.append(job)
                    else:
                        yield _crashed(job, BrokenProcessPool())
                self.close(cancel=True)
                pool, submitted = self._start(), 0

    def close(self, cancel: bool = False) -> None:
        pool, self.pool = self.pool, None
        if pool is None:
            return
        if cancel:
            procs = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for proc in procs:
                try:
                    proc.terminate()
                except (OSError, AttributeError):
                    pass
            for proc in procs:
                proc.join(5)
        else:
            pool.shutdown(wait=True)
