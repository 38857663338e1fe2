"""Runs article builds on a Dask distributed cluster (a scheduler address, or a LocalCluster started here)."""

from __future__ import annotations

import itertools
import logging
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from toolkit.batch.article import ArticleResult, build_article, warm_up
from toolkit.batch.fingerprint import sidecar_paths
from toolkit.batch.inputs import ArticleJob
from toolkit.errors import InputError, UsageError
from toolkit.guard.files import read_bytes
from toolkit.options import Options

try:  # this module is imported only for --executor dask
    from distributed import WorkerPlugin
except ImportError:  # pragma: no cover - DaskPool says how to install it
    WorkerPlugin = object

log = logging.getLogger("toolkit")


def _payload(job: ArticleJob) -> dict[str, bytes]:
    """The input and its sidecars as bytes, for workers that do not share our filesystem."""
    files = {}
    for path in (Path(job.input), *sidecar_paths(Path(job.input))):
        try:
            files[path.name] = read_bytes(path)
        except InputError:
            pass  # a missing sidecar; a missing input fails in the worker with its own message
    return files


def build_remote(job: ArticleJob, files: dict[str, bytes], options: Options,
                 formats: tuple[str, ...]) -> ArticleResult:
    """On a worker: build from the shared path when visible, else from the shipped bytes in a temp folder."""
    if os.path.isfile(job.input) or not files:
        return build_article(job, options, formats)
    src = Path(job.input)
    with tempfile.TemporaryDirectory(prefix="toolkit-") as tmp:
        for name, data in files.items():
            (Path(tmp) / name).write_bytes(data)
        local = ArticleJob(str(Path(tmp) / src.name), job.name, job.metadata, job.fmt, key=job.key)
        result = build_article(local, options, formats)
    result.input = job.input

    def fix(text: str) -> str:
        return text.replace(local.input, job.input).replace(tmp, str(src.parent))

    result.error = fix(result.error) if result.error else None
    result.warnings = [fix(w) for w in result.warnings]
    return result


class WarmUp(WorkerPlugin):
    """A Dask worker plugin: every worker, including ones that join later, warms up once."""

    name = "toolkit-warm-up"

    def __init__(self, options: Options, formats: tuple[str, ...]):
        self.options, self.formats = options, formats

    def setup(self, worker=None) -> None:
        for name in ("weasyprint", "fontTools", "ebooklib"):
            logging.getLogger(name).setLevel(logging.ERROR)
        warm_up(self.options, self.formats)


class DaskPool:
    """The same interface as ``LocalPool``: ``run(jobs)`` yields results as they complete."""

    def __init__(self, workers: int, options: Options, formats: tuple[str, ...], scheduler: str | None = None,
                 processes: bool = True):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise UsageError("--executor dask needs Dask: pip install 'toolkit-editions[dask]' "
                             "(or pip install 'dask[distributed]')") from None
        self.options, self.formats = options, formats
        self.cluster = None
        level = logging.getLogger("toolkit").getEffectiveLevel()
        for name in ("distributed", "bokeh", "tornado"):  # Dask's chatter only with -vv
            logging.getLogger(name).setLevel(logging.DEBUG if level <= logging.DEBUG else logging.ERROR)
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="20s")
            else:
                self.cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=processes,
                                            host="127.0.0.1", protocol="tcp://", dashboard_address=None,
                                            silence_logs=logging.ERROR)
                self.client = Client(self.cluster)
        except (OSError, RuntimeError) as exc:  # distributed wraps start-up failures in RuntimeError
            raise UsageError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {exc}") from None
        try:
            self.client.register_plugin(WarmUp(options, formats))
        except Exception as exc:  # warming is an optimisation; a worker without it still builds
            log.info("dask warm-up plugin not registered: %s", exc)

    def _slots(self) -> int:
        try:
            info = self.client.scheduler_info(n_workers=-1)
        except TypeError:
            info = self.client.scheduler_info()
        threads = sum(w.get("nthreads", 1) for w in info.get("workers", {}).values())
        return max(2, threads * 2)

    def run(self, jobs: Iterable[ArticleJob]) -> Iterator[ArticleResult]:
        from dask.distributed import as_completed

        source = iter(jobs)
        limit = self._slots()
        futures = {}
        pending = as_completed()
        counter = itertools.count()

        def submit() -> bool:
            job = next(source, None)
            if job is None:
                return False
            fut = self.client.submit(build_remote, job, _payload(job), self.options, self.formats, pure=False,
                                     key=f"toolkit-{os.getpid()}-{next(counter)}")
            futures[fut.key] = job
            pending.add(fut)
            return True

        for _ in range(limit):
            if not submit():
                break
        for fut in pending:
            job = futures.pop(fut.key)
            try:
                yield fut.result()
            except Exception as exc:  # a lost worker or an unpicklable result fails this article only
                yield ArticleResult(key=job.key, input=job.input, exit_code=1,
                                    error=f"{job.input}: the Dask task failed: {exc.__class__.__name__}: {exc}")
            fut.release()
            submit()

    def close(self, cancel: bool = False) -> None:
        try:
            self.client.close()
        finally:
            if self.cluster is not None:
                self.cluster.close()
