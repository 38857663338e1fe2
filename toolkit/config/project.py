"""Reads the project file ``toolkit.toml`` into command-line defaults, metadata defaults and per-format options.

Example::

    formats = ["pdf", "epub", "docx"]     # what `toolkit build` writes
    output = "dist"                       # the output folder
    theme = "modern"
    paper = "letter"
    css = ["house.css"]                   # paths are relative to this file

    [meta]                                # fills only what an article lacks
    publisher = "Example Press"
    rights = "CC BY 4.0"

    [pdf]                                 # options for one format, over the ones above
    columns = 2
    [docx]
    reference-doc = "house-style.docx"

Command-line options override the file; an unknown key is an error that names it.

A file found by itself in the current folder (not given with ``--config``) may have been put there by
someone else (an unpacked archive, a shared folder): the files it names (``css``, ``reference-doc``) and
its ``output`` folder must lie under its own folder, symlinks resolved. Every style sheet it names must
parse as CSS and every file be a regular one within the guard's limits (``toolkit.guard.files``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.errors import InputError, UsageError
from toolkit.guard.files import MAX_REFERENCE_DOC_BYTES, read_style_sheet, read_text, regular_file
from toolkit.options import MISSING_IMAGES, NOTES, PAPERS, PDF_ENGINES

CONFIG_NAME = "toolkit.toml"

# Edition options: TOML key -> (Options field, click parameter, kind). Kinds check the value.
EDITION_KEYS: dict[str, tuple[str, str, str]] = {
    "theme": ("style", "style", "str"),
    "style": ("style", "style", "str"),
    "paper": ("paper", "paper", "paper"),
    "css": ("css", "css", "paths"),
    "columns": ("columns", "columns", "columns"),
    "notes": ("notes", "notes", "notes"),
    "missing-images": ("missing_images", "missing_images", "missing_images"),
    "pdf-variant": ("pdf_variant", "pdf_variant", "str"),
    "pdf-engine": ("pdf_engine", "pdf_engine", "pdf_engine"),
    "page-map": ("page_map", "page_map", "bool"),
    "embed-fonts": ("embed_fonts", "embed_fonts", "bool"),
    "annotations": ("annotations", "no_annotations", "bool"),
    "allow-network": ("allow_network", "allow_network", "bool"),
    "bleed": ("bleed", "bleed", "str"),
    "marks": ("marks", "marks", "bool"),
    "strict": ("strict", "strict", "bool"),
    "reference-doc": ("reference_doc", "reference_doc", "path"),
}
BUILD_KEYS = {"formats": ("to", "formats"), "output": ("out_dir", "path")}
# Metadata a project may default and `--meta` may set.
META_KEYS = ("author", "title", "subtitle", "kicker", "date", "language", "publisher", "rights",
             "identifier", "url", "site-name", "tags", "cover")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class ProjectConfig:
    """A parsed ``toolkit.toml``; ``path`` is None when there is none."""

    path: Path | None = None
    edition: dict[str, Any] = field(default_factory=dict)  # Options field -> value
    build: dict[str, Any] = field(default_factory=dict)  # "formats", "output"
    meta: tuple[tuple[str, str], ...] = ()
    formats: dict[str, dict[str, Any]] = field(default_factory=dict)  # writer -> Options field -> value

    def default_map(self, command: str) -> dict[str, Any]:
        """click defaults for one command: the file's values under the commands' parameter names."""
        out: dict[str, Any] = {}
        for key, value in self.edition.items():
            param = next(p for k, (f, p, _) in EDITION_KEYS.items() if f == key)
            out[param] = (not value) if param == "no_annotations" else (
                [str(v) for v in value] if key == "css" else value)
        if command == "build":
            if "formats" in self.build:
                out["to"] = ",".join(self.build["formats"])
            if "output" in self.build:
                out["out_dir"] = str(self.build["output"])
        return out


def find_config(explicit: str | Path | None = None, cwd: Path | None = None) -> Path | None:
    """The file given with ``--config``, else ``toolkit.toml`` in the current folder, else None."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise UsageError("project file not found", str(path))
        return path
    cand = (cwd or Path.cwd()) / CONFIG_NAME
    return cand if cand.is_file() else None


def load_config(explicit: str | Path | None = None, cwd: Path | None = None) -> ProjectConfig:
    path = find_config(explicit, cwd)
    if path is None:
        return ProjectConfig()
    import tomllib

    try:
        data = tomllib.loads(read_text(path, "the project file"))
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"not valid TOML: {exc}", str(path)) from None
    except InputError as exc:  # a project file that cannot be read is a usage error, as a bad option is
        raise UsageError(str(exc)) from None
    return parse_config(data, path, confined=explicit is None)


def _key(key: str) -> str:
    return key.replace("_", "-")


def parse_config(data: dict, path: Path, confined: bool = False) -> ProjectConfig:
    """Check every key and value; relative paths are taken from the file's folder, and with ``confined``
    (a file found by itself, not given with ``--config``) must lie under it."""
    from toolkit.registry import get_registry

    base = path.parent
    root = base.resolve() if confined else None
    writers = get_registry().writers
    edition: dict[str, Any] = {}
    build: dict[str, Any] = {}
    meta: tuple[tuple[str, str], ...] = ()
    formats: dict[str, dict[str, Any]] = {}
    for raw_key, value in data.items():
        key = _key(raw_key)
        if key in EDITION_KEYS:
            fld, _, kind = EDITION_KEYS[key]
            edition[fld] = _check(kind, value, raw_key, path, base, root)
        elif key in BUILD_KEYS:
            kind = BUILD_KEYS[key][1]
            build[key] = _check(kind, value, raw_key, path, base, root)
            if key == "formats":
                for fmt in build[key]:
                    if fmt not in writers:
                        raise UsageError(f"unknown format {fmt!r} in 'formats' (known: {', '.join(sorted(writers))})",
                                         str(path))
        elif key == "meta" and isinstance(value, dict):
            meta = parse_meta(value.items(), f"{path}: [meta]")
        elif raw_key in writers and isinstance(value, dict):
            table: dict[str, Any] = {}
            for sub_raw, sub_value in value.items():
                sub = _key(sub_raw)
                if sub not in EDITION_KEYS:
                    raise UsageError(f"unknown key '{raw_key}.{sub_raw}' (known: {', '.join(EDITION_KEYS)})",
                                     str(path))
                fld, _, kind = EDITION_KEYS[sub]
                table[fld] = _check(kind, sub_value, f"{raw_key}.{sub_raw}", path, base, root)
            formats[raw_key] = table
        else:
            known = [*BUILD_KEYS, *EDITION_KEYS, "meta", "[FORMAT] tables such as [pdf]"]
            raise UsageError(f"unknown key '{raw_key}' (known: {', '.join(known)})", str(path))
    return ProjectConfig(path, edition, build, meta, formats)


def _inside(target: Path, key: str, path: Path, root: Path | None) -> Path:
    """``target``, which must lie under ``root`` (the folder of a project file found by itself) when given."""
    if "\x00" in str(target):
        raise UsageError(f"{key!r}: the path holds a NUL byte", str(path))
    if root is not None and not target.resolve().is_relative_to(root):
        raise UsageError(f"{key!r} names {str(target)!r}, outside this project file's folder; a toolkit.toml found "
                         "in the current folder may only name files under its folder: move the file there, or "
                         "give this project file with --config if you trust it", str(path))
    return target


def _named_file(key: str, target: Path, path: Path, root: Path | None) -> Path:
    """A file the project names, checked by the guard (a style sheet must be CSS); errors name key and file."""
    _inside(target, key, path, root)
    name = key.rsplit(".", 1)[-1]
    try:
        if name == "css":
            read_style_sheet(target)
        elif name == "reference-doc":
            regular_file(target, "reference document", MAX_REFERENCE_DOC_BYTES)
    except InputError as exc:
        raise UsageError(f"{key!r}: {exc}", str(path)) from None
    return target


def _check(kind: str, value: Any, key: str, path: Path, base: Path, root: Path | None = None) -> Any:
    def bad(expected: str) -> UsageError:
        return UsageError(f"{key!r} must be {expected}, not {value!r}", str(path))

    if kind == "bool":
        if not isinstance(value, bool):
            raise bad("true or false")
        return value
    if kind == "str":
        if not isinstance(value, str) or not value:
            raise bad("a string")
        return value
    if kind == "paper":
        if value not in PAPERS:
            raise bad(f"one of {', '.join(PAPERS)}")
        return value
    if kind == "notes":
        if value not in NOTES:
            raise bad("'foot' or 'end'")
        return value
    if kind == "missing_images":
        if value not in MISSING_IMAGES:
            raise bad("'note' or 'drop'")
        return value
    if kind == "pdf_engine":
        if value not in PDF_ENGINES:
            raise bad(" or ".join(repr(e) for e in PDF_ENGINES))
        return value
    if kind == "columns":
        if not isinstance(value, int) or isinstance(value, bool) or value not in (1, 2):
            raise bad("1 or 2")
        return value
    if kind == "path":
        if not isinstance(value, str) or not value:
            raise bad("a path")
        if key == "output":
            return _inside(base / value, key, path, root)
        return _named_file(key, base / value, path, root)
    if kind == "paths":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad("a list of paths")
        paths = tuple(base / v for v in value)
        for p in paths:
            if not p.exists():
                raise UsageError(f"{key!r}: no such file {str(p)!r}", str(path))
            _named_file(key, p, path, root)
        return paths
    if kind == "formats":
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise bad('a list of formats, e.g. ["pdf", "epub"]')
        return value
    raise AssertionError(kind)


def parse_meta(items, where: str) -> tuple[tuple[str, str], ...]:
    """Metadata pairs from ``[meta]`` or ``--meta key=value``: known keys, dates as YYYY-MM-DD."""
    out: list[tuple[str, str]] = []
    for raw_key, value in items:
        key = {"authors": "author", "lang": "language", "site_name": "site-name"}.get(raw_key, raw_key)
        if key not in META_KEYS:
            raise UsageError(f"{where}: unknown metadata key '{raw_key}' (known: {', '.join(META_KEYS)})")
        values = value if isinstance(value, list) and key != "date" else [value]
        for v in values:
            if key == "date":  # the one rule for dates (toolkit.language.dates); TOML may give a date object
                from toolkit.language.dates import metadata_date_problem, parse_metadata_date

                try:
                    out.append((key, parse_metadata_date(v)))
                except ValueError as exc:
                    raise UsageError(f"{where} {metadata_date_problem(raw_key, v, exc)}") from None
                continue
            if not isinstance(v, (str, int, float)) or isinstance(v, bool) or not str(v).strip():
                raise UsageError(f"{where}: metadata {raw_key!r} must be text, not {v!r}")
            text = str(v).strip()
            if key == "language" and not _LANGUAGE.match(text):
                raise UsageError(f"{where}: {v!r} is not a language tag such as en or pt-BR")
            out.append((key, text))
    return tuple(out)


def parse_meta_options(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """``--meta key=value`` options (repeat ``author`` or ``tags`` for several)."""
    pairs = []
    for item in values:
        key, sep, value = item.partition("=")
        if not sep:
            raise UsageError(f"--meta takes KEY=VALUE, not {item!r} (keys: {', '.join(META_KEYS)})")
        pairs.append((key.strip(), value))
    return parse_meta(pairs, "--meta")
