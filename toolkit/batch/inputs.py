"""Expands the build's inputs (files, folders, globs, a CSV or JSON Lines manifest) into article jobs."""

from __future__ import annotations

import csv
import glob
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.errors import InputError, UsageError

GLOB_CHARS = set("*?[")
INPUT_KEYS = ("input", "path", "file")
OUTPUT_KEYS = ("output", "name", "out")
FORMAT_KEYS = ("from", "format")
LIST_FIELDS = ("authors", "author", "tags")


@dataclass(frozen=True)
class ArticleJob:
    """One article to build: its input file, an optional output name and per-article metadata."""

    input: str
    name: str | None = None
    metadata: dict = field(default_factory=dict)
    fmt: str | None = None
    key: str = ""  # the resolved path: one state row per input file

    def __post_init__(self):
        if not self.key:
            object.__setattr__(self, "key", str(Path(self.input).resolve()))


def known_extensions() -> set[str]:
    from toolkit.registry import get_registry

    return {ext for spec in get_registry().readers.values() for ext in spec.extensions}


def _is_article_file(path: Path, extensions: set[str]) -> bool:
    name = path.name
    if name.startswith(".") or name.endswith((".meta.yaml", ".meta.yml")):
        return False
    return path.suffix.lower().lstrip(".") in extensions


def _walk_folder(folder: Path, extensions: set[str], skip: Path | None) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(folder):
        root_path = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and (skip is None or (root_path / d).resolve() != skip))
        found += [root_path / f for f in sorted(files) if _is_article_file(root_path / f, extensions)]
    return found


def expand_paths(args: Iterable[str], skip: Path | None = None) -> list[Path]:
    """Files as given, folders searched recursively by known reader extensions, globs expanded."""
    extensions = known_extensions()
    paths: list[Path] = []
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            paths += _walk_folder(path, extensions, skip)
        elif not path.exists() and GLOB_CHARS & set(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                raise InputError("no file matches this pattern", arg)
            for m in matches:
                mp = Path(m)
                if mp.is_dir():
                    paths += _walk_folder(mp, extensions, skip)
                elif mp.is_file() and _is_article_file(mp, extensions):
                    paths.append(mp)
        else:
            paths.append(path)  # a missing file fails as that article's error, naming it
    return paths


def _clean_metadata(row: dict, where: str) -> dict:
    meta = {}
    for key, value in row.items():
        if value is None or value == "" or key in INPUT_KEYS + OUTPUT_KEYS + FORMAT_KEYS:
            continue
        if key == "metadata" and isinstance(value, dict):
            meta.update(_clean_metadata(value, where))
            continue
        if key in LIST_FIELDS and isinstance(value, str):
            value = [v.strip() for v in value.split(";") if v.strip()]
        meta[key] = value
    return meta


def _row_job(row: dict, base: Path, where: str) -> ArticleJob:
    if not isinstance(row, dict):
        raise InputError("each manifest entry must be an object with an 'input' field", where)
    src = next((row[k] for k in INPUT_KEYS if row.get(k)), None)
    if not src:
        raise InputError("manifest entry has no 'input' path", where)
    path = Path(str(src)).expanduser()
    if not path.is_absolute():
        path = base / path
    name = next((str(row[k]) for k in OUTPUT_KEYS if row.get(k)), None)
    fmt = next((str(row[k]) for k in FORMAT_KEYS if row.get(k)), None)
    return ArticleJob(str(path), name=name, metadata=_clean_metadata(row, where), fmt=fmt)


def read_manifest(path: str | os.PathLike) -> list[ArticleJob]:
    """A CSV file with a header row, or JSON Lines; input paths are relative to the manifest's folder."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("no such manifest", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the manifest: {exc}", str(path)) from None
    base = path.resolve().parent
    jobs = []
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json") or text.lstrip().startswith("{"):
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"line {n} is not JSON: {exc.msg}", str(path)) from None
            jobs.append(_row_job(row, base, f"{path}:{n}"))
        return jobs
    reader = csv.DictReader(text.splitlines())
    if not reader.fieldnames or not set(INPUT_KEYS) & {f.strip() for f in reader.fieldnames}:
        raise InputError("the CSV manifest needs a header row with an 'input' column", str(path))
    for n, row in enumerate(reader, 2):
        row = {(k or "").strip(): (v.strip() if isinstance(v, str) else v) for k, v in row.items()}
        jobs.append(_row_job(row, base, f"{path}:{n}"))
    return jobs


def collect_jobs(args: Iterable[str], manifest: str | os.PathLike | None = None,
                 fmt: str | None = None, out_dir: str | os.PathLike | None = None) -> list[ArticleJob]:
    """All articles of one build, in a stable order, each input once (the manifest's entry wins)."""
    args = list(args)
    if not args and manifest is None:
        raise UsageError("give at least one input file, folder or glob, or --manifest FILE")
    skip = Path(out_dir).resolve() if out_dir is not None else None
    jobs: dict[str, ArticleJob] = {}
    if manifest is not None:
        for job in read_manifest(manifest):
            jobs.setdefault(job.key, ArticleJob(job.input, job.name, job.metadata, job.fmt or fmt))
    for path in expand_paths(args, skip):
        job = ArticleJob(str(path), None, {}, fmt)
        jobs.setdefault(job.key, job)
    return list(jobs.values())


def is_single_file(args: list[str], manifest: str | None) -> bool:
    """True for the classic ``toolkit build FILE``: one path that is not a folder or a pattern."""
    if manifest is not None or len(args) != 1:
        return False
    path = Path(args[0])
    return not path.is_dir() and (path.exists() or not GLOB_CHARS & set(args[0]))
