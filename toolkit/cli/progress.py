"""Progress of a batch on the terminal: a rich bar, plain log lines otherwise, or JSON events (--json-log).

The silent base (``toolkit.batch.progress.Progress``) is what the library uses; these print.
"""

from __future__ import annotations

import json
import sys
import time
from typing import TextIO

from toolkit.batch.progress import Progress
from toolkit.batch.report import ArticleEntry, BatchReport, summary_rows, summary_text


class QuietProgress(Progress):
    """Only failures, one line each (-q)."""

    def article(self, entry: ArticleEntry) -> None:
        super().article(entry)
        if entry.status == "failed":
            print(f"toolkit: error: {entry.error}", file=sys.stderr, flush=True)


def warning_note(entry: ArticleEntry) -> str:
    n = len(entry.warnings)
    return f", {n} warning{'s' if n != 1 else ''}" if n else ""


class PlainProgress(Progress):
    """One line per finished article on ``stream`` (with its warning count; the warnings with ``verbose``);
    the summary table on ``out`` at the end."""

    def __init__(self, stream: TextIO | None = None, out: TextIO | None = None, summary: bool = True,
                 verbose: bool = False):
        self.stream, self.out, self.summary = stream or sys.stderr, out or sys.stdout, summary
        self.verbose = verbose

    def start(self, total: int, unchanged: int, to_build: int) -> None:
        super().start(total, unchanged, to_build)
        print(f"toolkit: {total} article(s): {to_build} to build, {unchanged} unchanged", file=self.stream,
              flush=True)

    def skipped(self, entry: ArticleEntry) -> None:
        if self.verbose:
            print(f"unchanged {', '.join(entry.outputs)} ({entry.input})", file=self.stream, flush=True)

    def article(self, entry: ArticleEntry) -> None:
        super().article(entry)
        eta = self.eta()
        tail = f" eta {eta:.0f}s" if eta is not None and self.done < self.to_build else ""
        if entry.status == "failed":
            print(f"[{self.done}/{self.to_build}] failed {entry.error}{tail}", file=self.stream, flush=True)
        else:
            names = ", ".join(entry.outputs)
            print(f"[{self.done}/{self.to_build}] built {names} ({entry.duration:.1f}s{warning_note(entry)}){tail}",
                  file=self.stream, flush=True)
        if self.verbose or entry.status == "failed":  # a failed article's warnings may be why (--strict)
            for w in entry.warnings:
                print(f"toolkit: warning: {w}", file=self.stream, flush=True)

    def finish(self, report: BatchReport) -> None:
        if self.summary:
            print(summary_text(report), file=self.out, flush=True)


class RichProgress(Progress):
    """A live bar on stderr (done, failed, rate, ETA) and a rich summary table at the end."""

    def __init__(self, summary: bool = True, verbose: bool = False):
        from rich.console import Console

        self.verbose = verbose
        self.console = Console(stderr=True)
        self.out = Console()
        self.summary = summary
        self.bar = None

    def start(self, total: int, unchanged: int, to_build: int) -> None:
        super().start(total, unchanged, to_build)
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.console.print(f"toolkit: {total} article(s): {to_build} to build, {unchanged} unchanged",
                           highlight=False)
        if not to_build:
            return
        self.bar = Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("[red]{task.fields[failed]} failed"),
                            TextColumn("{task.fields[rate]}"), TextColumn("ETA"), TimeRemainingColumn(),
                            console=self.console, transient=False)
        self.task = self.bar.add_task("build", total=to_build, failed=0, rate="")
        self.bar.start()

    def article(self, entry: ArticleEntry) -> None:
        super().article(entry)
        if entry.status == "failed":
            from rich.markup import escape

            self.console.print(f"[red]failed[/red] {escape(entry.error or entry.input)}", highlight=False)
            for w in entry.warnings:  # they may be why it failed (--strict)
                self.console.print(f"  {escape(w)}", highlight=False)
        elif entry.warnings:
            from rich.markup import escape

            self.console.print(f"[yellow]{len(entry.warnings)} warning(s)[/yellow] {escape(entry.input)}"
                               + ("" if self.verbose else " (-v shows them)"), highlight=False)
            if self.verbose:
                for w in entry.warnings:
                    self.console.print(f"  {escape(w)}", highlight=False)
        if self.bar is not None:
            elapsed = time.perf_counter() - self.t0
            rate = f"{self.done / elapsed:.2f}/s" if elapsed > 0 else ""
            self.bar.update(self.task, advance=1, failed=self.failed, rate=rate)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None

    def finish(self, report: BatchReport) -> None:
        self.close()
        if self.summary:
            print_summary(report, self.out)


class JsonProgress(Progress):
    """Machine-readable events, one JSON object per line: start, skipped (one per unchanged article),
    article (one per article built or failed), finish."""

    def __init__(self, stream: TextIO | None = None):
        self.stream = stream or sys.stdout

    def emit(self, event: str, **fields) -> None:
        self.stream.write(json.dumps({"event": event, "time": round(time.time(), 3), **fields},
                                     ensure_ascii=False) + "\n")
        self.stream.flush()

    def start(self, total: int, unchanged: int, to_build: int) -> None:
        super().start(total, unchanged, to_build)
        self.emit("start", total=total, to_build=to_build, unchanged=unchanged)

    def skipped(self, entry: ArticleEntry) -> None:
        self.emit("skipped", input=entry.input, status=entry.status, reason="unchanged", outputs=entry.outputs)

    def article(self, entry: ArticleEntry) -> None:
        super().article(entry)
        eta = self.eta()
        self.emit("article", input=entry.input, status=entry.status, outputs=entry.outputs,
                  duration=round(entry.duration, 3), warnings=entry.warnings, error=entry.error,
                  done=self.done, failed=self.failed, to_build=self.to_build,
                  eta=None if eta is None else round(eta, 1))

    def finish(self, report: BatchReport) -> None:
        data = report.to_dict()
        self.emit("finish", counts=data["counts"], duration=data["duration"], interrupted=report.interrupted,
                  signal=data["signal"], failed=[a.input for a in report.failed])


def choose_progress(json_log: bool = False, quiet: bool = False, tty: bool | None = None,
                    verbose: bool = False) -> Progress:
    """JSON events if asked; nothing but errors with -q; a bar on a terminal; plain lines otherwise.
    Each article's warnings are counted; ``verbose`` (-v) prints them."""
    if json_log:
        return JsonProgress()
    if quiet:
        return QuietProgress()
    if tty is None:
        tty = sys.stderr.isatty()
    return RichProgress(verbose=verbose) if tty else PlainProgress(verbose=verbose)


def print_summary(report: BatchReport, console) -> None:
    """The rich table on a terminal (``console`` is a ``rich.console.Console``)."""
    from rich.markup import escape
    from rich.table import Table

    table = Table(title="toolkit build", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column()
    for k, v in summary_rows(report):
        style = "red" if k == "failed" and v != "0" else None
        table.add_row(k, escape(v), style=style)
    console.print(table)
    for a in report.failed:
        console.print(f"[red]failed[/red] {escape(a.error or a.input)}", highlight=False)
