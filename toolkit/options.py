"""Options shared by readers, passes and writers, and the per-run context they receive."""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.errors import UsageError

WARNINGS = logging.getLogger("toolkit.warnings")  # every Context.warn, for a host application's logging

PAPERS = ("a4", "letter", "a5", "trade")
NOTES = ("foot", "end")
MISSING_IMAGES = ("note", "drop")
PDF_ENGINES = ("weasyprint", "typst")
COLUMNS = (1, 2)
_LENGTH = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,3})?)\s*(mm|cm|in|pt|px)\s*$")
_VARIANT = re.compile(r"^pdf/[a-z0-9-]{1,12}$")


def bleed_length(value: str) -> str:
    """A validated CSS length for ``--bleed`` (e.g. ``3mm``); anything else is a usage error."""
    m = _LENGTH.match(value or "") if isinstance(value, str) else None
    if not m or float(m.group(1)) > 25:
        raise UsageError(f"--bleed wants a small length such as 3mm or 0.125in, not {value!r}")
    return f"{m.group(1)}{m.group(2)}"


def _paths(value, name: str) -> tuple[Path, ...]:
    """One path or several, as a tuple of Paths (a lone string is one file, never its characters)."""
    if isinstance(value, (str, os.PathLike)):
        return (Path(value),)
    try:
        items = tuple(value)
    except TypeError:
        raise UsageError(f"Options({name}=...) wants a path or a list of paths, not {type(value).__name__}") from None
    if not all(isinstance(v, (str, os.PathLike)) for v in items):
        raise UsageError(f"Options({name}=...) wants a path or a list of paths")
    return tuple(Path(v) for v in items)


def _choice(name: str, value, allowed: tuple) -> None:
    if value not in allowed or isinstance(value, bool):
        shown = ", ".join(str(a) for a in allowed)
        raise UsageError(f"Options({name}={value!r}): {name.replace('_', '-')} must be one of {shown}")


@dataclass(frozen=True)
class Options:
    """How the editions are made; the command line's edition options, checked the same way when made.

    Attributes:
        paper: ``"a4"``, ``"letter"``, ``"a5"`` or ``"trade"`` (6x9 in) for the PDF.
        style: a theme's name (``toolkit styles`` lists them): ``"classic"``, ``"modern"``.
        css: your own style sheets, applied last in every edition (one path or several).
        columns: 1 or 2 body columns in the PDF (2 where the paper is wide enough).
        notes: ``"foot"`` (footnotes on their page) or ``"end"`` (endnotes) in the PDF.
        pdf_variant: ``"pdf/ua-1"``, ``"pdf/a-3u"``, ... (WeasyPrint's variants), or None.
        pdf_engine: ``"weasyprint"`` (the default: the print edition laid out from its HTML) or ``"typst"``
            (the same design set by Typst from the same tree, several times faster; ``docs/performance.md``).
        page_map: the EPUB gets a page list matching the PDF's pages.
        embed_fonts: the EPUB embeds its text face.
        annotations: the annotation layers (speakers, sources, pull quotes); False for plain editions.
        missing_images: a figure whose image is not there: ``"note"`` (a line saying so) or ``"drop"``.
        annotation_source: the HTML page the Web Annotations export targets (set by the command line).
        allow_network: remote images may be fetched (public addresses only, with limits).
        strict: any warning is an error, and nothing is written (``--strict``).
        bleed: PDF bleed as a small length (``"3mm"``); marks: crop marks.
        source_date_epoch: the build's date in seconds (reproducible files), else $SOURCE_DATE_EPOCH, else now.
        csl: a citation style for ``[@key]`` citations; reference_doc: DOCX/ODT styles from this document.
        a11y_certifier: who certified the EPUB's accessibility (a person or organisation); only then does
            the package claim conformance with EPUB Accessibility 1.1 (``--a11y-certifier``).
        meta, meta_defaults: ``(key, value)`` metadata over the article's (``--meta``), or under it
            (``toolkit.toml`` [meta]). format_options: a project file's per-format overrides.

    Raises:
        UsageError: a value the command line would refuse (the message names the option).
    """

    paper: str = "a4"
    style: str = "classic"
    css: tuple[Path, ...] = ()
    columns: int = 1
    notes: str = "foot"
    pdf_variant: str | None = None
    pdf_engine: str = "weasyprint"
    page_map: bool = False
    embed_fonts: bool = False
    annotations: bool = True
    missing_images: str = "note"  # a figure whose image is not there: "note" (a line saying so) or "drop"
    annotation_source: str | None = None  # Web Annotation export: the HTML page its targets name
    allow_network: bool = False
    strict: bool = False
    bleed: str | None = None
    marks: bool = False
    source_date_epoch: int | None = None
    csl: Path | None = None  # citation style for Markdown [@key] citations (pandoc citeproc)
    reference_doc: Path | None = None  # DOCX/ODT: take styles from this document (pandoc --reference-doc)
    a11y_certifier: str | None = None  # EPUB: who certified its accessibility (no conformance claim without one)
    meta: tuple[tuple[str, str], ...] = ()  # --meta key=value: overrides the article's metadata
    meta_defaults: tuple[tuple[str, str], ...] = ()  # toolkit.toml [meta]: fills only what the article lacks
    format_options: tuple[tuple[str, tuple[tuple[str, object], ...]], ...] = ()  # toolkit.toml [FORMAT] tables

    def __post_init__(self) -> None:
        """The same rules as the command line's options, so a script gets the CLI's errors (UsageError)."""
        _choice("paper", self.paper, PAPERS)
        _choice("columns", self.columns, COLUMNS)
        _choice("notes", self.notes, NOTES)
        _choice("missing_images", self.missing_images, MISSING_IMAGES)
        _choice("pdf_engine", self.pdf_engine, PDF_ENGINES)
        if not isinstance(self.style, str) or not re.fullmatch(r"[A-Za-z0-9_-]{1,40}", self.style):
            raise UsageError(f"Options(style={self.style!r}): a theme's name (see `toolkit styles`)")
        object.__setattr__(self, "css", _paths(self.css, "css"))
        for name in ("csl", "reference_doc"):
            value = getattr(self, name)
            if value is not None:
                if not isinstance(value, (str, os.PathLike)):
                    raise UsageError(f"Options({name}=...) wants a path, not {type(value).__name__}")
                object.__setattr__(self, name, Path(value))
        if self.bleed is not None:
            bleed_length(self.bleed)
        if self.pdf_variant is not None and not (isinstance(self.pdf_variant, str)
                                                 and _VARIANT.match(self.pdf_variant.lower())):
            raise UsageError(f"Options(pdf_variant={self.pdf_variant!r}): a variant such as pdf/ua-1 or pdf/a-3u")
        if self.source_date_epoch is not None and (not isinstance(self.source_date_epoch, int)
                                                   or isinstance(self.source_date_epoch, bool)
                                                   or self.source_date_epoch < 0):
            raise UsageError(f"Options(source_date_epoch={self.source_date_epoch!r}): seconds since 1970, 0 or more")
        if self.a11y_certifier is not None and not (isinstance(self.a11y_certifier, str)
                                                    and re.fullmatch(r"[^\x00-\x1f]{1,200}", self.a11y_certifier.strip())):
            raise UsageError(f"Options(a11y_certifier={self.a11y_certifier!r}): the certifier's name, on one line")
        if self.page_map is True and self.pdf_engine == "typst":
            raise UsageError("--page-map numbers the EPUB's pages after the WeasyPrint print edition, so they "
                             "would not match a PDF set by Typst: use --pdf-engine weasyprint with --page-map")
        for name in ("page_map", "embed_fonts", "annotations", "allow_network", "strict", "marks"):
            if not isinstance(getattr(self, name), bool):
                raise UsageError(f"Options({name}={getattr(self, name)!r}) wants True or False")

    def cache_key(self) -> str:
        return repr(self)

    def for_format(self, fmt: str) -> Options:
        """These options with the project file's overrides for one format (e.g. its [pdf] table)."""
        from dataclasses import replace

        for name, changes in self.format_options:
            if name == fmt and changes:
                return replace(self, **dict(changes))
        return self


@dataclass
class Context:
    """What a reader, pass or writer needs beyond the tree: where the input lives, warnings."""

    input_path: Path | None = None
    format: str = ""
    options: Options = field(default_factory=Options)
    warnings: list[str] = field(default_factory=list)
    explain: list[tuple[int, str, str, str]] = field(default_factory=list)

    @property
    def base_dir(self) -> Path:
        return self.input_path.parent if self.input_path else Path.cwd()

    def warn(self, message: str) -> None:
        """Record a warning (``INPUT: message``) and send it to the ``toolkit.warnings`` logger."""
        where = f"{self.input_path}: " if self.input_path else ""
        self.warnings.append(f"{where}{message}")
        WARNINGS.warning("%s%s", where, message)
