"""Options shared by readers, passes and writers, and the per-run context they receive."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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
    allow_network: bool = False
    strict: bool = False
    bleed: str | None = None
    marks: bool = False
    source_date_epoch: int | None = None

    def cache_key(self) -> str:
        return repr(self)


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
        where = f"{self.input_path}: " if self.input_path else ""
        self.warnings.append(f"{where}{message}")
