"""The print edition in a second process, while this one reads the article and builds the others.

A one-article build spends most of its time on the PDF: importing WeasyPrint (0.25 s) and laying
the article out. On a machine with two or more cores, ``PrintProcess.start()`` forks a child
*before* the article is read; the child imports WeasyPrint while the parent reads and enriches
the article, receives the finished tree (pickled, about 30 KB for a feature article), lays out
and writes the PDF bytes, and sends them back with its warnings. The parent meanwhile renders
the EPUB and HTML editions. Outputs are identical to a build in one process: the same writer
code runs on the same tree with the same options.

Only for the single-article fast path (a batch already keeps every core busy with one article
per worker), only where ``os.fork`` exists, and not with ``--page-map`` (the EPUB then needs the
PDF's layout). If the child cannot be started, the PDF is built in this process as before.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import struct
from pathlib import Path

from toolkit import errors
from toolkit.errors import RenderError, ToolkitError
from toolkit.options import Context, Options
from toolkit.tree.nodes import Document

log = logging.getLogger(__name__)
HEADER = struct.Struct("!Q")


def side_formats(formats: tuple[str, ...], options: Options) -> tuple[str, ...]:
    """The editions the second process builds: the PDF; with the Typst engine (a PDF as quick as the web
    edition) the annotated HTML too when the EPUB is left here, so that the two processes finish together
    (seed, cold: parent EPUB 0.28 CPU s against child PDF 0.15 + HTML 0.15)."""
    if options.pdf_engine == "typst" and "epub" in formats and "html" in formats:
        return ("pdf", "html")
    return ("pdf",)


def worth_it(formats: tuple[str, ...], options: Options) -> bool:
    """A second process pays when the PDF is built and a core is free for it: beside another edition, and for
    the PDF alone too, whose engine and style sheets then load while this process reads the article
    (seed, cold, ``--to pdf``: 1.69 -> about 1.2 s wall)."""
    return (hasattr(os, "fork") and "pdf" in formats and not options.page_map
            and (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1) > 1
            and os.environ.get("TOOLKIT_PRINT_PROCESS", "1") not in ("0", "no", "off"))


def _send(fd: int, obj) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def _receive(fd: int):
    def exactly(n: int) -> bytes:
        chunks, left = [], n
        while left:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                raise EOFError("the other process closed the pipe")
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    (size,) = HEADER.unpack(exactly(HEADER.size))
    return pickle.loads(exactly(size))


def _error(kind: str, message: str) -> ToolkitError:
    """The child's error, as the same class of error in the parent (exit codes carry over)."""
    cls = getattr(errors, kind, None)
    if not (isinstance(cls, type) and issubclass(cls, ToolkitError)):
        cls = RenderError
    exc = cls.__new__(cls)
    Exception.__init__(exc, message)
    exc.path = None
    return exc


def _die_with_parent() -> None:
    """Linux: the kernel kills this child when its parent dies (even by SIGKILL)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _child(tree_fd: int, result_fd: int, options: Options, input_path: str | None,
           formats: tuple[str, ...] = ("pdf",)) -> None:
    """Runs in the forked process: never returns."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGALRM, signal.SIG_IGN)  # the parent keeps the time limit
        _die_with_parent()
        if options.pdf_engine == "typst":  # while the parent reads the article: the compiler and its fonts
            from toolkit.writers.typst.writer import compiler

            compiler()
        else:
            from toolkit.writers.compiled_ffi import install

            install()  # WeasyPrint's C declarations from the compiled cache
            from toolkit.writers.pdf.sheets import warm_sheets

            warm_sheets(options)  # WeasyPrint imported, the sheets parsed, their fonts found: while the parent reads

        from toolkit.pipeline import render
        from toolkit.registry import get_registry

        for fmt in formats:  # the writers' modules, imported while the parent reads
            get_registry().writer(fmt).load()
        doc = _receive(tree_fd)
        ctx = Context(input_path=Path(input_path) if input_path else None, options=options)
        try:
            data = {fmt: render(doc, fmt, options, ctx) for fmt in formats}
            reply = ("ok", data, ctx.warnings)
        except ToolkitError as exc:
            reply = ("error", type(exc).__name__, str(exc), ctx.warnings)
        except MemoryError:
            reply = ("error", "RenderError", "PDF: out of memory", ctx.warnings)
        except Exception as exc:  # the parent reports it as the in-process build would
            reply = ("crash", f"{exc.__class__.__name__}: {exc}", ctx.warnings)
        _send(result_fd, reply)
    except BaseException:
        code = 1
    finally:
        os._exit(code)


class PrintProcess:
    """One forked child that builds the PDF of one article (and, where ``side_formats`` says, another edition)."""

    def __init__(self, pid: int, tree_fd: int, result_fd: int):
        self.pid, self.tree_fd, self.result_fd = pid, tree_fd, result_fd

    @classmethod
    def start(cls, options: Options, input_path: str | os.PathLike | None,
              formats: tuple[str, ...] = ("pdf",)) -> PrintProcess | None:
        try:
            tree_r, tree_w = os.pipe()
            result_r, result_w = os.pipe()
        except OSError as exc:
            log.debug("no print process (%s)", exc)
            return None
        try:
            pid = os.fork()
        except OSError as exc:
            log.debug("no print process (%s)", exc)
            for fd in (tree_r, tree_w, result_r, result_w):
                os.close(fd)
            return None
        if pid == 0:
            os.close(tree_w)
            os.close(result_r)
            _child(tree_r, result_w, options, str(input_path) if input_path else None, formats)
        os.close(tree_r)
        os.close(result_w)
        return cls(pid, tree_w, result_r)

    def send(self, doc: Document) -> bool:
        """Hand the child the tree; False (and the child stopped) if it is no longer there to take it."""
        try:
            _send(self.tree_fd, doc)
        except OSError as exc:  # it died starting (its WeasyPrint import failed, say)
            log.debug("print process gone (%s); the PDF is built here", exc)
            self.close()
            return False
        os.close(self.tree_fd)
        self.tree_fd = -1
        return True

    def result(self, ctx: Context) -> dict[str, bytes]:
        """The editions' bytes by format; the child's warnings are added to ``ctx``; its errors raised here."""
        try:
            reply = _receive(self.result_fd)
        except (EOFError, OSError, pickle.UnpicklingError) as exc:
            self.close()
            raise RenderError(f"PDF: the process laying it out died ({exc.__class__.__name__})") from None
        try:
            os.waitpid(self.pid, 0)  # it exits as soon as it has sent its reply
        except ChildProcessError:
            pass
        self.pid = 0
        self.close()
        ctx.warnings.extend(w for w in reply[-1] if w not in ctx.warnings)
        if reply[0] == "ok":
            return reply[1]
        if reply[0] == "error":
            raise _error(reply[1], reply[2])
        raise RuntimeError(reply[1])

    def close(self) -> None:
        """Stop the child if it still runs, and reap it."""
        for attr in ("tree_fd", "result_fd"):
            fd = getattr(self, attr)
            if fd >= 0:
                os.close(fd)
                setattr(self, attr, -1)
        if self.pid:
            try:
                pid, _ = os.waitpid(self.pid, os.WNOHANG)
                if pid == 0:
                    os.kill(self.pid, signal.SIGKILL)
                    os.waitpid(self.pid, 0)
            except (ChildProcessError, ProcessLookupError):
                pass
            self.pid = 0
