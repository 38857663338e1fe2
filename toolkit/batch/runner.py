"""The batch coordinator: skip what is current, build the rest in workers, write outputs, record state."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from toolkit.batch.article import ArticleResult
from toolkit.batch.fingerprint import article_hashes, settings_fingerprint, sidecar_paths
from toolkit.batch.identity import Identity
from toolkit.batch.inputs import ArticleJob
from toolkit.batch.progress import Progress
from toolkit.batch.report import NOT_STARTED, ArticleEntry, BatchReport
from toolkit.batch.state import BatchState
from toolkit.errors import OutputError, UsageError
from toolkit.options import Options
from toolkit.registry import get_registry

EXECUTORS = ("local", "dask")


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived: the run stops as for Ctrl-C, and exits 143 (128 + 15) rather than 130."""


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM stops the run like Ctrl-C does: workers stopped, the state closed, no partial file."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        raise Terminated

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _stranger_error(state: BatchState, strangers: list[str]) -> OutputError:
    more = f" (and {len(strangers) - 1} more)" if len(strangers) > 1 else ""
    return OutputError(f"already in the output folder and not written by toolkit{more}; kept as it is: move it "
                       "away, or use --overwrite to replace it", str(state.out_dir / strangers[0]))


def _write_outputs(result: ArticleResult, state: BatchState, ident: Identity, key: str, digest: str,
                   formats: tuple[str, ...], protected: frozenset[str] = frozenset(),
                   overwrite: bool = False) -> ArticleEntry:
    """Every output renamed into place first; only then is the article recorded as done under ``key``.

    An output never takes the name of a ``protected`` file (the batch's inputs and their sidecars), and
    never replaces a file no build recorded as this article's, unless ``overwrite``: the article fails
    with a message naming that file."""
    from toolkit.output import write_atomic

    reg = get_registry()
    extensions = tuple(reg.writer(f).extension for f in formats)
    stem = state.claim_stem(key, result.stem or "article", extensions, protected)
    names = []
    strangers = [] if overwrite else state.strangers(key, [f"{stem}.{ext}" for ext in extensions])
    if strangers:
        state.release_stem(key, stem)
        exc = _stranger_error(state, strangers)
        return ArticleEntry(result.input, "failed", [], result.duration, result.warnings, str(exc),
                            exc.exit_code, result.title, result.cpu)
    try:
        for fmt in formats:
            name = f"{stem}.{reg.writer(fmt).extension}"
            write_atomic(state.out_dir / name, result.outputs[fmt])
            names.append(name)
    except OutputError as exc:
        state.release_stem(key, stem)
        return ArticleEntry(result.input, "failed", names, result.duration, result.warnings, str(exc),
                            exc.exit_code, result.title, result.cpu)
    replaced, kept = state.superseded(key, names, {reg.writer(f).extension for f in formats})
    try:
        state.record_done(key, digest, stem, names + kept, result.duration, ident.rel, ident.source)
    except OutputError as exc:  # the editions are in place, but the next run will build them again
        return ArticleEntry(result.input, "failed", names, result.duration, result.warnings, str(exc),
                            exc.exit_code, result.title, result.cpu)
    for stale in replaced:  # a renamed article: its editions of these formats under the old name
        with contextlib.suppress(OSError):
            (state.out_dir / stale).unlink()
    return ArticleEntry(result.input, "built", names, result.duration, result.warnings, None, 0, result.title,
                        result.cpu)


def make_pool(executor: str, workers: int, options: Options, formats: tuple[str, ...],
              scheduler: str | None = None, dask_processes: bool = True, timeout: float | None = None):
    if executor == "dask":
        from toolkit.batch.dask_executor import DaskPool

        return DaskPool(workers, options, formats, scheduler=scheduler, processes=dask_processes)
    from toolkit.batch.workers import LocalPool

    return LocalPool(workers, options, formats, timeout)


def run_batch(jobs: Iterable[ArticleJob], out_dir: str | os.PathLike, options: Options | None = None,
              formats: Iterable[str] = ("pdf", "epub", "html"), *, workers: int | None = None,
              executor: str = "local", scheduler: str | None = None, force: bool = False,
              progress: Progress | None = None, inline: bool | None = None,
              dask_processes: bool = True, timeout: float | None = None, overwrite: bool = False,
              state: str | os.PathLike | None = None) -> BatchReport:
    """Build every job into ``out_dir``; never raises for one article's failure (see the report).

    Args:
        jobs: the articles (``collect_jobs`` makes them from files, folders, globs and a manifest).
        out_dir: the output folder; created if missing.
        options: edition options (default ``Options()``).
        formats: writer names, e.g. ``("pdf", "epub", "html")``.
        workers: worker processes (default: the number of cores).
        executor: ``"local"`` worker processes or ``"dask"`` (``scheduler``: a cluster's address).
        force: rebuild unchanged articles too.
        progress: told of each article (``toolkit.batch.progress.Progress``; silent by default).
        inline: build in this process (default: when one article is to be built on the local executor).
        timeout: give up on an article after that many seconds (local executor).
        overwrite: replace a file in ``out_dir`` that has an output's name though no build wrote it
            (without it, that article fails with a message naming the file).
        state: the state file (default ``OUT_DIR/.toolkit/state.sqlite``).

    Returns:
        The report: one entry per job (built, unchanged, failed; not started when interrupted by
        Ctrl-C or SIGTERM, which ``report.exit_code()`` tells apart: 130 and 143).

    Raises:
        UsageError: no job, no format, an unknown format or executor.
        OutputError: the output folder or the state cannot be used (another build holds it, say).
    """
    jobs = list(jobs)
    options = options or Options()
    formats = tuple(dict.fromkeys(formats))
    if not jobs:
        raise UsageError("no article to build: the inputs hold none")
    if not formats:
        raise UsageError("no output format given; name one or more, e.g. --to pdf,epub,html "
                         f"(known: {', '.join(get_registry().writers)})")
    for fmt in formats:
        get_registry().writer(fmt)  # an unknown format is a usage error before anything starts
    if executor not in EXECUTORS:
        raise UsageError(f"unknown executor {executor!r} (known: {', '.join(EXECUTORS)})")
    workers = workers or default_jobs()
    progress = progress or Progress()
    order = {job.key: i for i, job in enumerate(jobs)}
    report = BatchReport(out_dir=str(out_dir), jobs=workers, executor=executor)
    batch_state = BatchState(out_dir, state)
    finished: set[str] = set()  # job keys with an entry in the report
    pool = None
    try:
        with sigterm_as_interrupt():
            settings = settings_fingerprint(options, formats)
            digests, idents = {}, {}
            for job in jobs:
                digests[job.key], source = article_hashes(job, settings)
                idents[job.key] = Identity(job.key, job.rel, source)
            keys = batch_state.match(idents.values())
            todo, skipped = [], []
            for job in jobs:
                key, digest = keys[job.key], digests[job.key]
                rec = batch_state.get(key)
                if not force and batch_state.is_current(key, digest) and rec is not None:
                    skipped.append(ArticleEntry(job.input, "unchanged", list(rec.outputs)))
                    finished.add(job.key)
                else:
                    todo.append(job)
            report.articles += skipped
            protected = frozenset(str(p.resolve()) for job in jobs
                                  for p in (Path(job.input), *sidecar_paths(Path(job.input))))
            if inline is None:
                inline = executor == "local" and len(todo) == 1
            if inline and timeout and threading.current_thread() is not threading.main_thread():
                inline = False  # the time limit is an alarm, which only a main thread receives: use a worker
            if todo and not inline:  # before any progress output: a scheduler that cannot be reached
                pool = make_pool(executor, workers, options, formats, scheduler, dask_processes, timeout)
            progress.start(len(jobs), len(jobs) - len(todo), len(todo))
            for entry in skipped:
                progress.skipped(entry)
            if todo:
                if pool is None:
                    from toolkit.batch.workers import run_inline

                    results = run_inline(todo, options, formats, timeout)
                else:
                    results = pool.run(todo)
                for result in results:
                    if result.error:
                        entry = ArticleEntry(result.input, "failed", [], result.duration, result.warnings,
                                             result.error, result.exit_code or 1, result.title, result.cpu)
                    else:
                        entry = _write_outputs(result, batch_state, idents[result.key], keys[result.key],
                                               digests.get(result.key) or "", formats, protected, overwrite)
                    report.articles.append(entry)
                    finished.add(result.key)
                    progress.article(entry)
            if pool is not None:
                pool.close()
                pool = None
    except KeyboardInterrupt as exc:
        report.interrupted = True
        report.signal = "SIGTERM" if isinstance(exc, Terminated) else "SIGINT"
    except BaseException:
        progress.close()
        raise
    finally:
        if pool is not None:
            pool.close(cancel=True)
        report.finished = time.time()
        if report.interrupted:  # every article has its line: those not reached say so
            report.articles += [ArticleEntry(job.input, NOT_STARTED) for job in jobs if job.key not in finished]
        report.articles.sort(key=lambda a: order.get(str(Path(a.input).resolve()), len(order)))
        for entry in report.articles:
            entry.inputs = [entry.input, *(str(p) for p in sidecar_paths(Path(entry.input)) if p.is_file())]
        batch_state.close(report.count("built"), report.count("unchanged"), report.count("failed"))
    progress.finish(report)
    return report
