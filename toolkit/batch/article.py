"""Builds one article into the bytes of each edition; runs inside a worker and never raises."""

from __future__ import annotations

import contextlib
import logging
import signal
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.batch.inputs import ArticleJob
from toolkit.batch.print_process import PrintProcess, side_formats, worth_it
from toolkit.errors import ToolkitError, strict_failure
from toolkit.options import Context, Options

log = logging.getLogger("toolkit")

WARM_UP_TEXT = (b"Warm-up article\n\nBy A. Writer\n\nA first paragraph, with \xe2\x80\x9ca quotation,\xe2\x80\x9d "
                b"said someone.\n\nA second paragraph.\n")


@dataclass
class ArticleResult:
    """What a worker sends back: the rendered bytes per format, or the error that stopped the article."""

    key: str
    input: str
    stem: str = ""
    title: str = ""
    outputs: dict[str, bytes] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    exit_code: int = 0
    duration: float = 0.0
    cpu: float = 0.0  # the worker's CPU seconds for this article (wall time also counts others' load)
    worker: str = ""


class ArticleTimeout(BaseException):
    """Raised by the alarm inside a build that ran too long (not an Exception: writers catch those)."""


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """SIGALRM after ``seconds`` in this process's main thread (a worker's); elsewhere no limit."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def expire(signum, frame):
        raise ArticleTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    imported = set(sys.modules)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except ArticleTimeout:
        forget_modules_since(imported)
        raise
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def forget_modules_since(imported: set[str]) -> None:
    """Drop the modules first imported since ``imported`` was taken, so the next import starts afresh.

    An alarm that lands inside an ``import`` leaves half-made modules behind: Python removes the one
    it was executing but keeps its finished submodules, which still point at the half-made one
    (WeasyPrint's layout bound to a ``weasyprint.html`` without ``handle_element``), and every later
    PDF in this process would fail. Forgetting all of them makes the next use import them whole.
    """
    for name in [name for name in sys.modules if name not in imported]:
        sys.modules.pop(name, None)


def _stem(job: ArticleJob, doc) -> str:
    from toolkit.naming import output_name, slugify

    if job.name:
        from toolkit.registry import get_registry

        name = Path(job.name).name
        fmt = get_registry().format_for_name(name)  # "x.pdf" (and "x.kepub.epub") names the article "x"
        if fmt is not None:
            name = name[: -len(get_registry().writer(fmt).extension) - 1]
        return slugify(name, fallback="article")
    return output_name(doc, Path(job.input), "json").rsplit(".", 1)[0]


def _debug_traceback() -> None:
    """``--debug`` (``TOOLKIT_DEBUG=1``, inherited by worker processes): the caught error's traceback on stderr."""
    import os
    import traceback

    if os.environ.get("TOOLKIT_DEBUG") == "1":
        traceback.print_exc(file=sys.stderr)


def build_article(job: ArticleJob, options: Options, formats: tuple[str, ...],
                  timeout: float | None = None, parallel_pdf: bool = False) -> ArticleResult:
    """Read, enrich and render one article; every failure becomes ``result.error`` (one line).

    ``timeout`` (seconds) stops an article that runs away, where the build runs in a main thread.
    ``parallel_pdf`` builds the PDF in a forked process beside the other editions, where that pays
    (``print_process.worth_it``): the fast path for a one-article build.
    """
    import os

    from toolkit.pipeline import read, render

    t0, c0 = time.perf_counter(), time.process_time()
    result = ArticleResult(key=job.key, input=job.input, worker=str(os.getpid()))
    ctx = Context(input_path=Path(job.input), options=options)
    printer, aside = None, ()
    try:
        with time_limit(timeout):
            if parallel_pdf and worth_it(formats, options):
                aside = side_formats(formats, options)
                printer = PrintProcess.start(options, job.input, aside)  # imports WeasyPrint while we read
            doc = read(job.input, fmt=job.fmt, options=options, ctx=ctx, metadata=job.metadata or None)
            result.title = doc.meta.title or ""
            result.stem = _stem(job, doc)
            if printer is not None and not printer.send(doc):
                printer = None  # the child is gone: the PDF is built here like the others
            outputs = {fmt: render(doc, fmt, options, ctx) for fmt in formats
                       if printer is None or fmt not in aside}
            if printer is not None:
                outputs.update(printer.result(ctx))
            result.outputs = {fmt: outputs[fmt] for fmt in formats}
        result.warnings = list(dict.fromkeys(ctx.warnings))
        if options.strict and result.warnings:
            raise strict_failure(result.warnings)
    except ArticleTimeout:
        result.error = (f"{job.input}: gave up after {timeout:g} s; split the article, or allow more time "
                        "with --timeout")
        result.exit_code, result.outputs = 1, {}
    except ToolkitError as exc:
        _debug_traceback()
        result.error, result.exit_code, result.outputs = str(exc), exc.exit_code, {}
    except MemoryError:
        result.error, result.exit_code, result.outputs = f"{job.input}: out of memory", 1, {}
    except Exception as exc:  # a bug on one article must not stop the others
        log.debug("internal error on %s", job.input, exc_info=True)
        _debug_traceback()
        result.error = f"{job.input}: internal error: {exc.__class__.__name__}: {exc}"
        result.exit_code, result.outputs = 1, {}
    finally:
        if printer is not None:
            printer.close()
    result.warnings = result.warnings or list(dict.fromkeys(ctx.warnings))
    result.duration = time.perf_counter() - t0
    result.cpu = time.process_time() - c0
    return result


def warm_up(options: Options, formats: tuple[str, ...]) -> float:
    """Import the writers' libraries and lay out a tiny article once, so fonts and styles are loaded."""
    from toolkit.pipeline import apply_passes, render
    from toolkit.registry import get_registry

    t0 = time.perf_counter()
    ctx = Context(options=options)
    try:
        reader = get_registry().reader("text").load()
        doc = apply_passes(reader(WARM_UP_TEXT, ctx), ctx)
        for fmt in formats:
            render(doc, fmt, options, ctx)
    except Exception as exc:  # warming is an optimisation; the real articles report real errors
        log.debug("warm-up failed: %s", exc)
    return time.perf_counter() - t0
