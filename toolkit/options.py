"""Options shared by readers, passes and writers, and the per-run context they receive."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

WARNINGS = logging.getLogger("toolkit.warnings")  # every Context.warn, for a host application's logging

PAPERS = ("a4", "letter", "a5", "trade")


@dataclass(frozen=True)
class Options:
    paper: str = "a4"
    style: str = "classic"
    css: tuple[Path, ...] = ()
    columns: int = 1
    notes: str = "foot"
    pdf_variant: str | None = None
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
    meta: tuple[tuple[str, str], ...] = ()  # --meta key=value: overrides the article's metadata
    meta_defaults: tuple[tuple[str, str], ...] = ()  # toolkit.toml [meta]: fills only what the article lacks
    format_options: tuple[tuple[str, tuple[tuple[str, object], ...]], ...] = ()  # toolkit.toml [FORMAT] tables

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
