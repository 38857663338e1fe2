"""The command line's shared parts: logging set-up, the global flags (before or after the command), the
edition options every building command takes, and toolkit.toml's defaults merged under them."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from toolkit.errors import strict_failure
from toolkit.options import PAPERS, PDF_ENGINES, Options

QUIET_LIBRARIES = frozenset(("trafilatura", "htmldate", "justext", "courlan"))


def setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.WARNING
    if quiet:
        level = logging.ERROR
    elif verbose == 1:
        level = logging.INFO
    elif verbose >= 2:
        level = logging.DEBUG
    logging.basicConfig(level=level, format="toolkit: %(levelname)s: %(message)s", force=True)
    logging.getLogger("toolkit.warnings").disabled = True  # the command prints warnings itself, once
    # WeasyPrint and fontTools are chatty; their warnings are ours to report
    for name in ("weasyprint", "fontTools", "ebooklib"):
        logging.getLogger(name).setLevel(max(level, logging.ERROR))
    # the web-page extractors log what they could not use (and reset their levels on import);
    # the reader reports what matters, so their records are shown only with -vv
    if level > logging.DEBUG:
        for handler in logging.getLogger().handlers:
            handler.addFilter(lambda record: record.name.split(".")[0] not in QUIET_LIBRARIES)


def _late_global(ctx, param, value):
    """``-v``, ``-q`` and ``--debug`` after the subcommand mean what they mean before it."""
    if not value:
        return
    obj = ctx.find_root().obj
    if obj is None:  # a subcommand invoked on its own (tests): no group callback ran
        obj = ctx.find_root().obj = {"debug": False, "quiet": False, "verbose": 0}
    if param.name == "late_verbose":
        obj["verbose"] = obj.get("verbose", 0) + value
    elif param.name == "late_quiet":
        obj["quiet"] = True
    else:
        obj["debug"] = True
        import os

        os.environ["TOOLKIT_DEBUG"] = "1"  # worker processes print the tracebacks of what they catch
    setup_logging(obj.get("verbose", 0), obj.get("quiet", False))


def global_options(f):
    for opt in (click.option("--debug", "late_debug", is_flag=True, expose_value=False, callback=_late_global,
                             help="Show tracebacks (also before the command)."),
                click.option("-q", "--quiet", "late_quiet", is_flag=True, expose_value=False, callback=_late_global,
                             help="Only errors; nothing on success (also before the command)."),
                click.option("-v", "--verbose", "late_verbose", count=True, expose_value=False,
                             callback=_late_global, help="Say what each stage did; -vv for timings.")):
        f = opt(f)
    return f


def parse_formats(value: str) -> list[str]:
    return [f.strip() for f in value.split(",") if f.strip()]


def make_options(**kw) -> Options:
    options = Options(
        paper=kw.get("paper") or "a4", style=kw.get("style") or "classic",
        css=tuple(Path(p) for p in kw.get("css") or ()), columns=kw.get("columns") or 1,
        notes=kw.get("notes") or "foot", pdf_variant=kw.get("pdf_variant"),
        pdf_engine=kw.get("pdf_engine") or "weasyprint",
        page_map=bool(kw.get("page_map")), embed_fonts=bool(kw.get("embed_fonts")),
        annotations=not kw.get("no_annotations"), allow_network=bool(kw.get("allow_network")),
        strict=bool(kw.get("strict")), bleed=kw.get("bleed"), marks=bool(kw.get("marks")),
        missing_images=kw.get("missing_images") or "note", a11y_certifier=kw.get("a11y_certifier") or None,
    )
    return _project_options(options, kw)


def _load_project(ctx, param, value):
    """``--config`` (eager): read toolkit.toml (given, or in the current folder); its values become defaults."""
    from toolkit.config.project import load_config

    cfg = load_config(value)
    ctx.meta["toolkit.config.project"] = cfg
    if cfg.path is not None:
        ctx.default_map = {**cfg.default_map(ctx.command.name), **(ctx.default_map or {})}
    return value


def _project_options(options: Options, kw: dict) -> Options:
    """Add --meta, --reference-doc and the project file's [meta] and [FORMAT] tables to the options."""
    import dataclasses

    from click.core import ParameterSource

    from toolkit.config.project import EDITION_KEYS, parse_meta_options

    changes: dict = {"meta": parse_meta_options(tuple(kw.get("meta") or ()))}
    if kw.get("reference_doc"):
        changes["reference_doc"] = Path(kw["reference_doc"])
    if kw.get("csl"):
        changes["csl"] = Path(kw["csl"])
    cctx = click.get_current_context(silent=True)
    cfg = cctx.meta.get("toolkit.config.project") if cctx else None
    if cfg is not None and cfg.path is not None:
        changes["meta_defaults"] = cfg.meta
        given = {name for name in cctx.params if cctx.get_parameter_source(name) == ParameterSource.COMMANDLINE}
        field_param = {fld: param for fld, param, _ in EDITION_KEYS.values()}
        per_format = []
        for fmt, table in cfg.formats.items():  # an option given on the command line beats the file
            kept = tuple((k, v) for k, v in table.items() if field_param[k] not in given)
            if kept:
                per_format.append((fmt, kept))
        changes["format_options"] = tuple(per_format)
    return dataclasses.replace(options, **changes)


def edition_options(f):
    opts = [
        click.option("--paper", type=click.Choice(PAPERS), default="a4", show_default=True),
        click.option("--style", default="classic", show_default=True, help="Theme (see `toolkit styles`)."),
        click.option("--css", multiple=True, type=click.Path(exists=True, dir_okay=False),
                     help="Extra CSS file for every edition."),
        click.option("--columns", type=click.IntRange(1, 2), default=1, help="Body columns in the PDF."),
        click.option("--notes", type=click.Choice(["foot", "end"]), default="foot"),
        click.option("--pdf-variant", default=None, help="e.g. pdf/ua-1, pdf/a-3u."),
        click.option("--pdf-engine", type=click.Choice(PDF_ENGINES), default="weasyprint", show_default=True,
                     help="Who sets the print edition: WeasyPrint, or Typst (same design, several times faster)."),
        click.option("--page-map", is_flag=True, help="EPUB page list matching the PDF's pages."),
        click.option("--embed-fonts", is_flag=True, help="Embed the text face in the EPUB."),
        click.option("--no-annotations", is_flag=True,
                     help="Plain editions: no annotation layers in the HTML, no pull quotes in the PDF."),
        click.option("--allow-network", is_flag=True, help="Allow fetching remote images."),
        click.option("--allow-outside", is_flag=True,
                     help="Let a --manifest build files outside its own folder (a manifest you trust)."),
        click.option("--missing-images", type=click.Choice(["note", "drop"]), default="note", show_default=True,
                     help="A figure whose image is not there: a line saying so over its caption, or its caption "
                          "alone."),
        click.option("--bleed", default=None, help="PDF bleed, e.g. 3mm."),
        click.option("--marks", is_flag=True, help="PDF crop marks."),
        click.option("--a11y-certifier", metavar="NAME", default=None,
                     help="EPUB: who certified its accessibility; only then does it claim EPUB Accessibility 1.1."),
        click.option("--strict", is_flag=True, help="Fail on any warning."),
        click.option("--from", "from_", default=None, help="Input format (default: by extension)."),
        click.option("--meta", "meta", multiple=True, metavar="KEY=VALUE",
                     help="Set metadata: author, date, language, publisher, rights, identifier, ... (repeatable)."),
        click.option("--csl", type=click.Path(exists=True, dir_okay=False),
                     help="CSL style for [@key] citations."),
        click.option("--reference-doc", type=click.Path(exists=True, dir_okay=False),
                     help="DOCX/ODT: take the styles of this document."),
        click.option("--config", "config_path", type=click.Path(dir_okay=False), is_eager=True,
                     callback=_load_project, help="Project file (default: ./toolkit.toml if there is one)."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def report_warnings(warnings, strict: bool, quiet: bool) -> None:
    for w in warnings:
        if not quiet:
            click.echo(f"toolkit: warning: {w}", err=True)
    if strict and warnings:
        raise strict_failure(list(warnings))
