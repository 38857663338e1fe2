"""The thin click layer: options -> library calls -> messages and exit codes."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from toolkit import __version__
from toolkit.cli.options import (
    edition_options,
    global_options,
    make_options,
    parse_formats,
    report_warnings,
    setup_logging,
)
from toolkit.errors import ToolkitError
from toolkit.options import Options

log = logging.getLogger("toolkit")
ONE_ARTICLE_SECONDS = 300  # a one-article build that runs longer is stuck on a hostile or broken input
PER_ARTICLE_SECONDS = 900  # each article of a batch (its workers share the machine)


class ToolkitGroup(click.Group):
    """Turns the library's typed errors into one-line messages; ``--debug`` shows tracebacks."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ToolkitError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"toolkit: error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("toolkit: interrupted", err=True)
            sys.exit(130)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except BrokenPipeError:  # `toolkit convert ... | head`: the reader went away; say nothing
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except (MemoryError, RecursionError) as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            what = "ran out of memory" if isinstance(exc, MemoryError) else "the input is nested too deeply"
            click.echo(f"toolkit: error: {what}; split the input into smaller articles", err=True)
            sys.exit(1)
        except Exception as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            detail = " ".join(str(exc).split())[:300]
            click.echo(f"toolkit: internal error: {exc.__class__.__name__}: {detail} (run with --debug "
                       "for the traceback)", err=True)
            sys.exit(1)


@click.group(cls=ToolkitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="toolkit")
@click.option("-v", "--verbose", count=True, help="More output (-vv for debug timings).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.pass_context
def main(ctx, verbose: int, quiet: bool, debug: bool) -> None:
    """Read an article and publish it as a print PDF, an EPUB and an annotated HTML edition."""
    ctx.obj = {"debug": debug, "quiet": quiet, "verbose": verbose}
    if debug:
        import os

        os.environ["TOOLKIT_DEBUG"] = "1"  # worker processes print the tracebacks of what they catch
    setup_logging(verbose, quiet)


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path())
@click.option("--to", "to", default="pdf,epub,html", show_default=True, help="Comma-separated formats.")
@click.option("-o", "--output", "out_dir", default="build", show_default=True, type=click.Path())
@click.option("--manifest", type=click.Path(dir_okay=False),
              help="CSV or JSON Lines: input, optional output name, per-article metadata.")
@click.option("-j", "--jobs", type=click.IntRange(1, 1024), default=None,
              help="Worker processes (default: the number of cores).")
@click.option("--force", is_flag=True, help="Rebuild every article, even unchanged ones.")
@click.option("--overwrite", is_flag=True,
              help="Replace a file in the output folder that has an edition's name though no build wrote it "
                   "(without it, that article fails and the file is kept).")
@click.option("--state", "state_path", type=click.Path(dir_okay=False), default=None,
              help="The build state file (default: OUTPUT/.toolkit/state.sqlite).")
@click.option("--report", "report_path", type=click.Path(dir_okay=False), help="Write a JSON report here.")
@click.option("--json-log", is_flag=True, help="Progress as JSON Lines events on standard output.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where articles are built: local worker processes, or a Dask cluster.")
@click.option("--scheduler", default=None, help="Dask scheduler address, e.g. tcp://HOST:8786 "
              "(default with --executor dask: start a local cluster).")
@click.option("--timeout", type=click.FloatRange(min=0), default=None,
              help=f"Give up on an article after this many seconds (0: no limit; local executor; default "
                   f"{ONE_ARTICLE_SECONDS:g} for one input, {PER_ARTICLE_SECONDS:g} per article for several).")
@click.option("--annotations", "annotations_file", type=click.Path(dir_okay=False), default=None,
              help="Also write the HTML edition's annotations to FILE.jsonld as W3C Web Annotations (one input).")
@click.option("--exclude", "exclude", multiple=True, metavar="GLOB",
              help="Skip files and folders matching GLOB in folder builds (.gitignore syntax; repeatable; "
                   "a .toolkitignore file in a folder adds its own).")
@click.option("--server", envvar="TOOLKIT_SERVER", default=None, metavar="URL",
              help="Build in a running `toolkit serve` (http://HOST:PORT or unix:PATH; also $TOOLKIT_SERVER); "
                   "builds here, with a note, when it cannot be reached.")
@edition_options
@global_options
@click.pass_context
def build(ctx, inputs, to, out_dir, from_, manifest, jobs, force, report_path, json_log, executor, scheduler,
          timeout=None, annotations_file=None, exclude=(), overwrite=False, state_path=None, server=None,
          **kw) -> None:
    """Build editions of INPUTS (files, folders, globs, - for standard input, a URL) into the output folder.

    With one input, -o FILE.pdf (or .epub, .html, .docx, ...) writes that file in the format its
    extension names, and -o - writes one format to standard output. Unchanged articles are skipped
    (state in OUTPUT/.toolkit/state.sqlite, or --state FILE; an article is known by its path from the
    folder given and its content, so a moved checkout rebuilds nothing); a killed run continues where
    it stopped when run again. A file in the output folder that no build wrote is never replaced
    without --overwrite. Exit code 1 when any article failed, 2 when the inputs hold no article,
    130 after Ctrl-C and 143 after SIGTERM.
    """
    from click.core import ParameterSource

    from toolkit.batch import collect_jobs, run_batch, write_report
    from toolkit.batch.inputs import is_single_file
    from toolkit.cli.progress import Progress, choose_progress
    from toolkit.cli.targets import Target, resolve_target
    from toolkit.errors import UsageError
    from toolkit.guard.source import is_special

    options = make_options(**kw)
    formats = parse_formats(to)
    if not formats:
        raise UsageError("--to names no format; give one or more, e.g. --to pdf,epub,html (see `toolkit formats`)")
    quiet = ctx.obj["quiet"]
    if scheduler and executor != "dask":
        executor = "dask"
    special = [i for i in inputs if is_special(i)]
    if special and (len(inputs) > 1 or manifest):
        raise UsageError(f"{special[0]} (standard input or a URL) must be the only input")
    one = len(inputs) == 1 and manifest is None and (bool(special) or is_single_file(list(inputs), None))
    typed = {name for name in ("out_dir", "to") if ctx.get_parameter_source(name) == ParameterSource.COMMANDLINE}
    if "out_dir" in typed or special:  # -o FILE.EXT and -o - as typed; toolkit.toml's `output` is a folder
        target = resolve_target(out_dir, formats, "to" in typed, one)
    else:
        target = Target(folder=Path(out_dir))
    if server and not (special or manifest or annotations_file or report_path or json_log) and target.folder:
        from toolkit.cli.serve import build_on_server

        if build_on_server(server, inputs, from_, options, formats, target.folder, quiet):
            return
    if special or target.folder is None:
        if annotations_file:
            raise UsageError("--annotations FILE needs an output folder; add 'annotations' to --to instead")
        _build_one(inputs[0], from_, options, formats, target, quiet,
                   timeout=ONE_ARTICLE_SECONDS if timeout is None else timeout)
        return
    single = is_single_file(list(inputs), manifest) and executor == "local"
    if timeout is None:
        timeout = ONE_ARTICLE_SECONDS if single else PER_ARTICLE_SECONDS
    articles = collect_jobs(inputs, manifest=manifest, fmt=from_, out_dir=out_dir, exclude=exclude,
                            state=state_path, allow_outside=bool(kw.get("allow_outside")))
    verbose = ctx.obj.get("verbose", 0) > 0
    progress = Progress() if single and not json_log else choose_progress(json_log, quiet, verbose=verbose)
    report = run_batch(articles, out_dir, options, formats, workers=jobs, executor=executor, scheduler=scheduler,
                       force=force, progress=progress, timeout=timeout or None, overwrite=overwrite,
                       state=state_path)
    if report_path:
        write_report(report, report_path)
    if single and not json_log:
        for entry in report.articles:
            if not quiet:
                for name in entry.outputs:
                    click.echo(str(Path(out_dir) / name))
                for w in entry.warnings:
                    click.echo(f"toolkit: warning: {w}", err=True)
            if entry.status == "failed":
                click.echo(f"toolkit: error: {entry.error}", err=True)
    if report.interrupted:
        click.echo(f"toolkit: interrupted ({report.signal}); run the same command again to continue", err=True)
    if annotations_file and report.exit_code() == 0:
        path = _write_web_annotations(report, from_, options, out_dir, Path(annotations_file))
        if not quiet:
            click.echo(str(path))
    sys.exit(report.exit_code())


@contextmanager
def _given_up_after(timeout: float, arg: str) -> Iterator[None]:
    """Reading and rendering stop after ``timeout`` seconds (0: no limit): one line naming ``arg``."""
    from toolkit.batch.article import ArticleTimeout, time_limit

    try:
        with time_limit(timeout):
            yield
    except ArticleTimeout:
        raise ToolkitError(f"gave up after {timeout:g} s; split the article, or allow more time with "
                           "--timeout (0: no limit)", arg) from None


def _build_one(arg: str, from_, options: Options, formats: list[str], target, quiet: bool,
               echo_paths: bool = True, timeout: float = 0) -> None:
    """One input to a named file, to standard output, or from standard input or a URL: no batch state.

    Reading and rendering stop after ``timeout`` seconds (0: no limit) with a one-line error; every
    edition is made before any is written, so a build that runs out of time leaves no file.
    """
    import tempfile

    from toolkit.cli.targets import write_stdout
    from toolkit.guard.source import open_source, relabel
    from toolkit.naming import output_name
    from toolkit.options import Context
    from toolkit.output import write_atomic
    from toolkit.pipeline import read, render

    with tempfile.TemporaryDirectory(prefix="toolkit-page-") as tmp:
        source = open_source(arg, from_, options.allow_network, Path(tmp))
        rctx = Context(input_path=source.path, options=options)
        try:
            with _given_up_after(timeout, arg):
                doc = read(source.path, fmt=source.fmt, options=options, ctx=rctx, data=source.data)
                if target.stdout or target.file is not None:
                    outputs = [(target.file, target.fmt)]
                else:
                    outputs = [(target.folder / output_name(doc, source.path, f), f) for f in formats]
                rendered = [(path, render(doc, f, options, rctx)) for path, f in outputs]  # all before any write
        except ToolkitError as exc:
            if source.is_file:
                raise
            raise type(exc)(relabel(str(exc), source)) from exc
        warnings = [relabel(w, source) for w in dict.fromkeys(rctx.warnings)]
    report_warnings(warnings, options.strict, quiet)  # --strict: fails here, and nothing is written
    for path, data in rendered:
        if path is None:
            write_stdout(data, target.fmt)
        else:
            write_atomic(path, data)
            if echo_paths and not quiet:
                click.echo(str(path))


def _write_web_annotations(report, from_, options: Options, out_dir: str, target: Path) -> Path:
    """``build --annotations FILE``: the one article's Web Annotations, targeting its HTML edition."""
    import dataclasses
    import os

    from toolkit.errors import UsageError
    from toolkit.naming import output_name
    from toolkit.options import Context
    from toolkit.pipeline import read, write

    if len(report.articles) != 1:
        raise UsageError("--annotations FILE takes one input; for many, add 'annotations' to --to")
    entry = report.articles[0]
    rctx = Context(input_path=Path(entry.input), options=options)
    doc = read(entry.input, fmt=from_, options=options, ctx=rctx)
    html = next((n for n in entry.outputs if n.endswith(".html")), output_name(doc, Path(entry.input), "html"))
    source = os.path.relpath(Path(out_dir, Path(html).name).resolve(), target.resolve().parent)
    return write(doc, "annotations", target, dataclasses.replace(options, annotation_source=Path(source).as_posix()),
                 rctx)


@main.command()
@click.argument("input_path", type=click.Path())
@click.option("--to", "to", default="json", show_default=True,
              help="Output format (default: from the -o file's extension, else json).")
@click.option("-o", "--output", default="-", help="Output file, or - for standard output.")
@click.option("--timeout", type=click.FloatRange(min=0), default=ONE_ARTICLE_SECONDS, show_default=True,
              help="Give up after this many seconds, writing nothing (0: no limit).")
@edition_options
@global_options
@click.pass_context
def convert(ctx, input_path, to, output, from_, timeout, **kw) -> None:
    """Convert one INPUT (a file, - for standard input, or a URL) to one format (default: the JSON tree
    on standard output; with -o FILE and no --to, the format the file's extension names)."""
    from click.core import ParameterSource

    from toolkit.cli.targets import Target, format_for_name

    options = make_options(**kw)
    if output == "-":
        target = Target(fmt=to, stdout=True)
    else:
        typed = ctx.get_parameter_source("to") == ParameterSource.COMMANDLINE
        fmt = to if typed else (format_for_name(Path(output).name) or to)
        target = Target(file=Path(output), fmt=fmt)
    _build_one(input_path, from_, options, [target.fmt], target, ctx.obj["quiet"] if ctx.obj else False,
               echo_paths=False, timeout=timeout)


@main.command()
@click.argument("input_path", type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="The summary JSON (toolkit-summary/1).")
@click.option("--explain", is_flag=True, help="Each input line's label and why.")
@click.option("--from", "from_", default=None)
@click.option("--allow-network", is_flag=True, help="Allow fetching INPUT when it is a URL.")
@click.option("--timeout", type=click.FloatRange(min=0), default=ONE_ARTICLE_SECONDS, show_default=True,
              help="Give up after this many seconds (0: no limit).")
@global_options
def inspect(input_path, as_json, explain, from_, allow_network, timeout) -> None:
    """Show what the toolkit recovered from INPUT (a file, - for standard input, or a URL)."""
    import tempfile

    from toolkit.cli.inspect_view import show_attributions, show_explain, show_outline
    from toolkit.guard.source import open_source
    from toolkit.options import Context
    from toolkit.pipeline import read
    from toolkit.writers.summary import summarize

    with tempfile.TemporaryDirectory(prefix="toolkit-page-") as tmp:
        source = open_source(input_path, from_, allow_network, Path(tmp))
        rctx = Context(input_path=source.path, options=Options(allow_network=allow_network))
        with _given_up_after(timeout, input_path):
            doc = read(source.path, fmt=source.fmt, ctx=rctx, data=source.data)
    if as_json:
        click.echo(json.dumps(summarize(doc, input_path, rctx.format), ensure_ascii=False, indent=1))
    elif explain:
        show_explain(rctx)
        show_attributions(doc)
    else:
        show_outline(doc, rctx)


@main.command()
@global_options
def formats() -> None:
    """List readers, writers and passes (built-in and plugins)."""
    from toolkit.registry import get_registry

    reg = get_registry()
    rows = [("Readers:", [(s.name, ", ".join("." + e for e in s.extensions), s.description)
                          for s in reg.readers.values()]),
            ("Writers:", [(s.name, "." + s.extension, s.description) for s in reg.writers.values()])]
    name_w = max(len(r[0]) for _, group in rows for r in group)  # columns as wide as their longest entry
    ext_w = max(len(r[1]) for _, group in rows for r in group)
    for heading, group in rows:
        click.echo(heading)
        for name, extensions, description in group:
            click.echo(f"  {name:{name_w}}  {extensions:{ext_w}}  {description}")
    click.echo("Passes (in order):")
    passes = reg.ordered_passes()
    pass_w = max((len(s.name) for s in passes), default=0)
    for spec in passes:
        click.echo(f"  {spec.order:4} {spec.name:{pass_w}}  {spec.description}")
    for w in reg.plugin_warnings:
        click.echo(f"toolkit: warning: {w}", err=True)


@main.command()
@global_options
def styles() -> None:
    """List the themes usable with --style (each: a base sheet and its print, epub and screen sheets)."""
    from toolkit.writers.html.themes import list_themes, theme_info

    for name in list_themes():
        description, editions = theme_info(name)
        click.echo(f"{name:10} {description}  [base{''.join(', ' + e for e in editions)}]")


@main.command()
@click.argument("folder", default=".", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Replace an existing toolkit.toml.")
@global_options
@click.pass_context
def init(ctx, folder, force) -> None:
    """Write a commented toolkit.toml (every key with its default) into FOLDER."""
    from toolkit.cli.init_project import write_project_file

    path = write_project_file(folder, force)
    if not ctx.obj.get("quiet"):
        click.echo(str(path))


SHELLS = ("bash", "zsh", "fish")


@main.command()
@click.argument("shell", type=click.Choice(SHELLS))
@global_options
def completion(shell) -> None:
    """Print the shell completion script, e.g. `eval "$(toolkit completion bash)"` in ~/.bashrc."""
    from click.shell_completion import get_completion_class

    cls = get_completion_class(shell)
    click.echo(cls(main, {}, "toolkit", "_TOOLKIT_COMPLETE").source())


@main.command()
@global_options
def doctor() -> None:
    """Check what the toolkit needs and say how to fix what is missing."""
    from toolkit.cli.doctor import run_checks

    ok = True
    for name, good, detail, fix in run_checks():
        mark = "ok  " if good else "MISSING"
        click.echo(f"{mark:8} {name:22} {detail}" + ("" if good else f"\n         fix: {fix}"))
        ok = ok and good
    sys.exit(0 if ok else 1)


if __name__ == "__main__":  # pragma: no cover
    main()
