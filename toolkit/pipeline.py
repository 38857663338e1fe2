"""Runs reader -> passes -> writers, with sidecar metadata and atomic output files."""

from __future__ import annotations

import dataclasses
import logging
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from toolkit.config.metadata import apply_metadata, apply_option_metadata, load_sidecar
from toolkit.errors import (
    InputError,
    PluginError,
    RenderError,
    ToolkitError,
    UnknownFormatError,
    strict_failure,
)
from toolkit.guard.decode import (
    MAX_ARTICLE_CHARS,
    MAX_INPUT_BYTES,
    MAX_TEXT_BYTES,
    check_text_size,
    decode_text,
    encoding_warning,
)
from toolkit.guard.files import read_bytes, size_text
from toolkit.naming import output_name
from toolkit.options import Context, Options
from toolkit.output import write_atomic
from toolkit.registry import get_registry
from toolkit.tree.nodes import Document

log = logging.getLogger("toolkit")



def detect_format(path: Path, data: bytes) -> str:
    reg = get_registry()
    spec = reg.reader_for_extension(path.suffix)
    if spec is not None:
        return spec.name
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith(b"{"):
        return "json"
    if head.startswith(b"---"):
        return "markdown"
    raise UnknownFormatError(
        f"cannot tell the format from the extension {path.suffix or '(none)'!r}; give --from "
        f"({', '.join(sorted(reg.readers))})", str(path))


def failed_step(kind: str, name: str, exc: Exception, where: Path | None) -> PluginError:
    """A reader, pass or writer that raised something other than a ToolkitError: name it (and its plugin)."""
    detail = " ".join(str(exc).split())[:200]
    what = get_registry().describe(kind, name)
    return PluginError(f"{what} failed: {exc.__class__.__name__}: {detail} (run with --debug for the traceback)",
                       str(where) if where else None)


def apply_passes(doc: Document, ctx: Context, skip: Iterable[str] = ()) -> Document:
    t_all = time.perf_counter()
    ran = 0
    for spec in get_registry().ordered_passes():
        if spec.name in skip:
            continue
        t0 = time.perf_counter()
        try:
            doc = spec.load()(doc, ctx)
        except (ToolkitError, RecursionError, MemoryError):
            raise
        except Exception as exc:
            raise failed_step("passes", spec.name, exc, ctx.input_path) from exc
        ran += 1
        log.debug("pass %s: %.1f ms", spec.name, (time.perf_counter() - t0) * 1000)
    log.info("%s: %d passes in %.0f ms", ctx.input_path or "article", ran, (time.perf_counter() - t_all) * 1000)
    return doc


def guarded(step, path: Path, *args):
    """Run a reader or the passes; runaway nesting or size becomes a one-line InputError."""
    try:
        return step(*args)
    except RecursionError:
        raise InputError("the input is nested too deeply to read; flatten its structure", str(path)) from None
    except MemoryError:
        raise InputError("ran out of memory reading the input; split it into smaller articles", str(path)) from None


def check_article_size(doc: Document, path: Path) -> None:
    """Refuse an article whose text would make editions too large to lay out in bounded memory."""
    from toolkit.tree.walk import iter_nodes

    chars = sum(len(getattr(n, "text", "") or "") for n in iter_nodes(doc))
    if chars > MAX_ARTICLE_CHARS:
        raise InputError(f"the article has {chars:,} characters of text, over the {MAX_ARTICLE_CHARS:,} "
                         "limit for one article (about 500 printed pages); split it into articles", str(path))


def note_encoding(data: bytes, fmt: str, ctx: Context) -> None:
    """Warn (once) when a text input was not UTF-8, naming the encoding that was used."""
    if fmt not in MAX_TEXT_BYTES:
        return
    try:
        message = encoding_warning(decode_text(data)[1])
    except InputError:
        return
    if message and not any(w.endswith(message) for w in ctx.warnings):
        ctx.warn(message)


def read(path: str | os.PathLike, fmt: str | None = None, options: Options | None = None,
         ctx: Context | None = None, passes: bool = True, metadata: dict | None = None,
         data: bytes | None = None) -> Document:
    """Read an input file into an enriched Document: the reader, then the passes in their order.

    Args:
        path: the input file; its extension names the reader unless ``fmt`` does.
        fmt: a reader's name (``toolkit formats``): ``"text"``, ``"html"``, ``"markdown"``, ``"docx"``, ...
        options: options the readers and passes see (``meta``, ``allow_network``, ...).
        ctx: a Context to collect warnings in (made if not given; pass the same one to ``write``).
        passes: False returns the reader's tree before enrichment.
        metadata: fields laid over the sidecar's (``{"title": ..., "author": [...], "date": ...}``).
        data: the input's bytes (standard input, a fetched page); ``path`` then only names it (in
            messages; its folder is where images are looked for) and no sidecar is read.

    Returns:
        The Document; ``doc.warnings`` holds what reading warned about (each ``"INPUT: message"``),
        also sent to the ``toolkit.warnings`` logger. ``strict`` is applied by ``write`` and ``build``.

    Raises:
        InputError: the file is missing, empty, too large, or not what its format says.
        UnknownFormatError: the format cannot be told, or no reader has that name.
        SchemaError: a JSON tree that does not fit the schema. PluginError: a reader or pass failed.
    """
    path = Path(path)
    ctx = ctx or Context(input_path=path, options=options or Options())
    ctx.input_path = path
    t0 = time.perf_counter()
    known = fmt or getattr(get_registry().reader_for_extension(path.suffix), "name", None)
    given = data is not None
    if data is None:
        data = read_bytes(path, MAX_TEXT_BYTES.get(known, MAX_INPUT_BYTES))  # refuse before reading, if we can
    elif len(data) > MAX_TEXT_BYTES.get(known, MAX_INPUT_BYTES):
        raise InputError(f"the input is {size_text(len(data))}, over the "
                         f"{size_text(MAX_TEXT_BYTES.get(known, MAX_INPUT_BYTES))} limit; split it into articles", str(path))
    if not data.strip():
        raise InputError("the file is empty; give an article", str(path))
    fmt = fmt or detect_format(path, data)
    ctx.format = fmt
    reader = get_registry().reader(fmt).load()
    check_text_size(len(data), fmt, str(path))
    try:
        doc = guarded(reader, path, data, ctx)
    except (ToolkitError, RecursionError, MemoryError):
        raise
    except Exception as exc:
        raise failed_step("readers", fmt, exc, path) from exc
    check_article_size(doc, path)
    log.info("%s: read as %s, %d blocks (%.0f ms)", path, fmt, len(doc.blocks), (time.perf_counter() - t0) * 1000)
    if not doc.blocks:
        ctx.warn("no article text found; the editions have the title only (check that the file holds an article)")
    note_encoding(data, fmt, ctx)
    doc = apply_metadata(doc, {**({} if given else load_sidecar(path, ctx)), **(metadata or {})}, ctx)
    doc = apply_option_metadata(doc, options or ctx.options, ctx)  # toolkit.toml [meta], then --meta
    if passes:
        doc = guarded(apply_passes, path, doc, ctx)
    if ctx.warnings:
        doc = dataclasses.replace(doc, warnings=tuple(dict.fromkeys((*doc.warnings, *ctx.warnings))))
    return doc


def render(doc: Document, fmt: str, options: Options | None = None, ctx: Context | None = None) -> bytes:
    """The bytes of ``doc`` as ``fmt``, without writing a file (``write`` and ``build`` call it).

    Raises UnknownFormatError (no such writer), RenderError (the writer failed, naming the edition and
    the input) or PluginError (a plugin writer raised something else). Rendering warnings go to ``ctx``.
    """
    spec = get_registry().writer(fmt)
    ctx = ctx or Context(options=options or Options())
    options = (ctx.options if options is None else options).for_format(fmt)  # toolkit.toml [FORMAT]
    where = str(ctx.input_path) if ctx.input_path else None
    t0 = time.perf_counter()
    try:
        out = spec.load()(doc, options, ctx)
        log.info("%s: %s edition rendered, %s (%.0f ms)", where or "article", fmt, size_text(len(out)),
                 (time.perf_counter() - t0) * 1000)
        return out
    except ToolkitError as exc:
        if exc.path is None and where:  # name the article the edition was made from
            try:
                named = type(exc)(str(exc), where)
            except TypeError:  # an error class with its own signature: keep it as it is
                raise exc from None
            raise named from exc
        raise
    except RecursionError:
        raise RenderError(f"the {fmt} edition failed: the article is nested too deeply; flatten its "
                          "quotes and lists", where) from None
    except MemoryError:
        raise RenderError(f"the {fmt} edition ran out of memory; split the article", where) from None
    except Exception as exc:
        raise failed_step("writers", fmt, exc, ctx.input_path) from exc


def write(doc: Document, fmt: str, path: str | os.PathLike, options: Options | None = None,
          ctx: Context | None = None) -> Path:
    """Render ``doc`` as ``fmt`` and write it atomically to ``path``; returns ``path``.

    Args:
        doc: a Document from ``read`` (or built by hand).
        fmt: a writer's name (``toolkit formats`` lists them): ``"pdf"``, ``"epub"``, ``"html"``, ...
        path: the file to write; its folder must exist. A failed write leaves any earlier file intact.
        options: edition options; ``Options(strict=True)`` writes nothing if rendering warned.
        ctx: the Context ``read`` used, so the warnings of reading and rendering are collected together.

    Raises:
        UnknownFormatError: no writer of that name.
        RenderError: the writer failed (the message names the edition and the input).
        OutputError: the file cannot be written (disk full, permission, ...).
        ToolkitError: ``strict`` is set and the document or its rendering warned.
    """
    path = Path(path)
    options = options or (ctx.options if ctx else Options())
    ctx = ctx or Context(options=options)
    data = render(doc, fmt, options, ctx)
    if options.strict:
        check_strict((*doc.warnings, *ctx.warnings))
    write_atomic(path, data)
    return path


def check_strict(warnings: Iterable[str]) -> None:
    """``strict``: any warning is an error (the CLI's ``--strict``); nothing is written after it."""
    warnings = list(dict.fromkeys(warnings))
    if warnings:
        raise strict_failure(warnings)


@dataclasses.dataclass(frozen=True)
class BuildResult(Sequence[Path]):
    """What ``build`` wrote: a sequence of the written paths (``result[0]``, ``list(result)``), with the
    warnings of reading and rendering (each ``"INPUT: message"``) and the seconds each step took
    (``timings["read"]``, ``timings["pdf"]``, ...)."""

    paths: tuple[Path, ...]
    warnings: tuple[str, ...] = ()
    timings: tuple[tuple[str, float], ...] = ()

    def __len__(self) -> int:
        return len(self.paths)

    def __getitem__(self, index):
        return self.paths[index]

    def __iter__(self) -> Iterator[Path]:
        return iter(self.paths)


def build(path: str | os.PathLike, formats: Iterable[str] | str = ("pdf", "epub", "html"),
          out_dir: str | os.PathLike = "build", options: Options | None = None,
          fmt: str | None = None, timeout: float | None = None) -> BuildResult:
    """Read one input and write each format into ``out_dir``, named after the article's title.

    Args:
        path: the input file (its format from the extension, or ``fmt``).
        formats: writer names, or one name as a string (``"pdf"``).
        out_dir: the output folder (made if missing).
        options: edition options (paper, style, strict, ...).
        fmt: the reader to use when the extension does not say.
        timeout: seconds; the build then runs in a worker process that is stopped when the time is up
            (from any thread; nothing is written by a build that is stopped). A script that uses it
            needs the usual ``if __name__ == "__main__":`` guard, as any multiprocessing does.

    Returns:
        A BuildResult: the written paths (it is a sequence of them), the warnings and timings.
        Every edition is rendered before any is written, so ``strict`` writes nothing when anything warned.

    Raises:
        UsageError: no format given. UnknownFormatError: a format or reader that does not exist.
        InputError: the input cannot be read. RenderError, OutputError: as ``write``.
        ToolkitError: ``strict`` is set and reading or rendering warned (the message names the warnings),
            or the build ran past ``timeout``.
    """
    if timeout is not None:
        return _build_within(timeout, path, formats, out_dir, options, fmt)
    options = options or Options()
    formats = [formats] if isinstance(formats, str) else list(dict.fromkeys(formats))  # "pdf" is one format
    if not formats:
        from toolkit.errors import UsageError

        raise UsageError(f"no output format given (known: {', '.join(get_registry().writers)})")
    for f in formats:
        get_registry().writer(f)  # fail early on an unknown format
    ctx = Context(input_path=Path(path), options=options)
    t0 = time.perf_counter()
    doc = read(path, fmt=fmt, options=options, ctx=ctx)
    timings = [("read", time.perf_counter() - t0)]
    out = Path(out_dir)
    source = Path(path).resolve()
    rendered = []
    for f in formats:
        t0 = time.perf_counter()
        target = out / output_name(doc, Path(path), f)
        if target.resolve() == source:  # never write an edition over its own input
            target = target.with_name(target.name.replace(".", "-2.", 1))
        rendered.append((target, render(doc, f, options, ctx)))
        timings.append((f, time.perf_counter() - t0))
    warnings = tuple(dict.fromkeys((*doc.warnings, *ctx.warnings)))
    if options.strict:
        check_strict(warnings)
    for target, data in rendered:
        write_atomic(target, data)
    return BuildResult(tuple(target for target, _ in rendered), warnings, tuple(timings))


def _build_within(timeout: float, *args) -> BuildResult:
    """``build(*args)`` in a worker process, stopped after ``timeout`` seconds (any thread may call it)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures import TimeoutError as FutureTimeout

    if not timeout > 0:
        from toolkit.errors import UsageError

        raise UsageError(f"timeout must be a number of seconds above 0, not {timeout!r}")
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("forkserver"))
    try:
        future = pool.submit(build, *args)
        try:
            return future.result(timeout)
        except FutureTimeout:
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.kill()  # atomic writes: a stopped build leaves at most a .part file, removed next time
            raise ToolkitError(f"gave up after {timeout:g} s; split the article, or allow more time",
                               str(args[0])) from None
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
