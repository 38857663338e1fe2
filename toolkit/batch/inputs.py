"""Expands the build's inputs (files, folders, globs, a CSV or JSON Lines manifest) into article jobs."""

from __future__ import annotations

import csv
import glob
import itertools
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.errors import InputError, UsageError
from toolkit.guard.files import read_head, read_text

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
    key: str = ""  # the resolved path: one job per input file in a run
    rel: str = ""  # its path from the input root (the folder given, the manifest's folder): its identity in the state

    def __post_init__(self):
        if not self.key:
            object.__setattr__(self, "key", str(Path(self.input).resolve()))
        if not self.rel:
            object.__setattr__(self, "rel", Path(self.input).name)


def known_extensions() -> set[str]:
    from toolkit.registry import get_registry

    return {ext for spec in get_registry().readers.values() for ext in spec.extensions}


# Files that live beside articles in a project folder and are never articles themselves.
PROJECT_FILES = frozenset(("README", "LICENSE", "LICENCE", "COPYING", "CHANGELOG", "CHANGES", "HISTORY",
                           "CONTRIBUTING", "CODE_OF_CONDUCT", "AUTHORS", "NOTICE", "SECURITY"))
IGNORE_FILE = ".toolkitignore"
TREE_MARKER = b'"toolkit-tree-version"'


def _is_article_file(path: Path, extensions: set[str]) -> bool:
    name = path.name
    if name.startswith(".") or name.endswith((".meta.yaml", ".meta.yml")):
        return False
    return path.suffix.lower().lstrip(".") in extensions


def _is_folder_article(path: Path, extensions: set[str], outputs: set[str]) -> bool:
    """In a folder walk: an article file that is none of a build's outputs, reports or project files."""
    if not _is_article_file(path, extensions) or path.name in outputs:
        return False
    if path.stem.split(".")[0].upper() in PROJECT_FILES:
        return False
    if path.suffix.lower() == ".json":  # a report, a config, a summary: only toolkit trees are articles
        head = read_head(path, 4096)
        return head is None or TREE_MARKER in head  # unreadable: the article's own build says why
    return True


def _recorded_outputs(folder: Path, states: dict[Path, Path] | None = None) -> set[str]:
    """Names of the files an earlier build wrote into ``folder`` (from its state file, or the one
    ``states`` names for it: ``--state PATH``), if any."""
    from toolkit.batch.state import read_state, state_file

    state = (states or {}).get(folder.resolve()) if states else None
    if state is None and state_file(folder) is None:
        return set()
    try:
        return {name for rec in read_state(folder, state).values() for name in rec.outputs}
    except Exception:  # a damaged or locked state file: the walk goes on without it
        return set()


class IgnoreRules:
    """``--exclude`` patterns and ``.toolkitignore`` files, with .gitignore's syntax (pathspec)."""

    def __init__(self, patterns: Iterable[str] = (), root: Path | None = None):
        self.rules: list[tuple[Path, object]] = []
        patterns = [p for p in patterns if p.strip()]
        if patterns and root is not None:
            self.add(root, patterns)

    def add(self, base: Path, lines: Iterable[str]) -> None:
        import pathspec

        self.rules.append((base, pathspec.GitIgnoreSpec.from_lines(list(lines))))

    def add_file(self, folder: Path) -> None:
        path = folder / IGNORE_FILE
        if path.is_file():
            try:
                self.add(folder, read_text(path, IGNORE_FILE).splitlines())
            except InputError:
                pass  # an unreadable ignore file ignores nothing; the articles' own builds report them

    def ignored(self, path: Path, is_dir: bool = False) -> bool:
        for base, spec in self.rules:
            try:
                rel = path.relative_to(base).as_posix()
            except ValueError:
                continue
            if spec.match_file(rel + "/" if is_dir else rel):
                return True
        return False


def _walk_folder(folder: Path, extensions: set[str], skip: set[Path], exclude: Iterable[str] = (),
                 states: dict[Path, Path] | None = None) -> list[Path]:
    found = []
    rules = IgnoreRules(exclude, folder)
    for root, dirs, files in os.walk(folder):
        root_path = Path(root)
        rules.add_file(root_path)
        outputs = _recorded_outputs(root_path, states)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (root_path / d).resolve() not in skip
                         and not rules.ignored(root_path / d, is_dir=True))
        found += [root_path / f for f in sorted(files)
                  if _is_folder_article(root_path / f, extensions, outputs) and not rules.ignored(root_path / f)]
    return found


def expand_paths(args: Iterable[str], skip: Iterable[Path] | Path | None = None,
                 exclude: Iterable[str] = ()) -> list[Path]:
    """Files as given, folders searched recursively by known reader extensions, globs expanded.

    A folder walk skips the ``skip`` folders (the output folder), hidden files and folders (the
    ``.toolkit`` state among them), files an earlier build recorded as its outputs, sidecars, reports
    and project files (README, LICENSE, ...), JSON that is not a toolkit tree, and what ``exclude``
    or a ``.toolkitignore`` names.
    """
    return [path for path, _root in _expand(args, skip, exclude)]


def _glob_root(pattern: str) -> Path:
    """The folder a pattern starts from: its leading parts without ``*?[`` (``src/**/*.md`` -> ``src``)."""
    parts = Path(pattern).parts
    fixed = [p for p in itertools.takewhile(lambda p: not glob.has_magic(p), parts)]
    return Path(*fixed) if fixed else Path()


def _expand(args: Iterable[str], skip: Iterable[Path] | Path | None = None, exclude: Iterable[str] = (),
            states: dict[Path, Path] | None = None) -> list[tuple[Path, Path]]:
    """``expand_paths`` with each file's input root: the folder given, a glob's fixed folder, a file's own."""
    extensions = known_extensions()
    skip = {Path(skip).resolve()} if isinstance(skip, (str, Path)) else {Path(s).resolve() for s in skip or ()}
    exclude = tuple(exclude)
    found: list[tuple[Path, Path]] = []
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            found += [(p, path) for p in _walk_folder(path, extensions, skip, exclude, states)]
        elif not path.exists() and GLOB_CHARS & set(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                raise InputError("no file matches this pattern", arg)
            root = _glob_root(arg)
            rules = IgnoreRules(exclude, Path.cwd())
            outputs_by_dir: dict[Path, set[str]] = {}
            for m in matches:
                mp = Path(m)
                if mp.is_dir():
                    found += [(p, root) for p in _walk_folder(mp, extensions, skip, exclude, states)]
                    continue
                outputs = outputs_by_dir.setdefault(mp.parent, _recorded_outputs(mp.parent, states))
                if (mp.is_file() and not rules.ignored(mp.absolute())
                        and _is_folder_article(mp, extensions, outputs)):
                    found.append((mp, root))
        else:
            found.append((path, path.parent))  # a missing file fails as that article's error, naming it
    return found


def relative_name(path: Path, root: Path) -> str:
    """``path`` from ``root`` as a POSIX path (``sub/a.md``); the file's name when it lies elsewhere."""
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    except ValueError:
        return path.name
    rel = Path(rel).as_posix()
    return path.name if rel.startswith("../") or rel == ".." else rel


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


def _row_job(row: dict, base: Path, where: str, allow_outside: bool = False) -> ArticleJob:
    if not isinstance(row, dict):
        raise InputError("each manifest entry must be an object with an 'input' field", where)
    src = next((row[k] for k in INPUT_KEYS if row.get(k)), None)
    if not src:
        raise InputError("manifest entry has no 'input' path", where)
    if "\x00" in str(src):
        raise InputError(f"input {str(src)[:200]!r} holds a NUL byte; check the manifest", where)
    path = Path(str(src)).expanduser()
    if path.is_absolute():
        rel = relative_name(path, base)
    else:  # as the row writes it, from the manifest's folder: the same wherever the checkout lies
        rel = Path(os.path.normpath(path)).as_posix()
        path = base / path
    if not allow_outside and not path.resolve().is_relative_to(base):
        raise InputError(f"input {str(src)[:200]!r} lies outside the manifest's folder; a manifest builds only "
                         "files under its folder: move the file there, or give --allow-outside if you trust "
                         "this manifest", where)
    name = next((str(row[k]) for k in OUTPUT_KEYS if row.get(k)), None)
    fmt = next((str(row[k]) for k in FORMAT_KEYS if row.get(k)), None)
    return ArticleJob(str(path), name=name, metadata=_clean_metadata(row, where), fmt=fmt, rel=rel)


def read_manifest(path: str | os.PathLike, allow_outside: bool = False) -> list[ArticleJob]:
    """A CSV file with a header row, or JSON Lines; input paths are relative to the manifest's folder and,
    unless ``allow_outside``, must lie under it (symlinks resolved): a manifest someone sent must not build
    ``/etc/passwd`` or a file from the user's home into an edition. Errors name the file and row."""
    path = Path(path)
    text = read_text(path, "the manifest")
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
            except (ValueError, RecursionError) as exc:  # a 5000-digit number, nesting past Python's stack
                raise InputError(f"line {n} cannot be read: {str(exc)[:120]}; keep each entry a flat object "
                                 "of texts and small numbers", str(path)) from None
            jobs.append(_row_job(row, base, f"{path}:{n}", allow_outside))
        return jobs
    reader = csv.DictReader(text.splitlines())
    if not reader.fieldnames or not set(INPUT_KEYS) & {f.strip() for f in reader.fieldnames}:
        raise InputError("the CSV manifest needs a header row with an 'input' column", str(path))
    rows = iter(reader)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:  # a field over csv.field_size_limit (128 KB), a NUL byte
            raise InputError(f"the row on line {reader.line_num + 1} is not CSV a manifest can hold ({exc}); "
                             "keep fields short (an article's path and metadata)", str(path)) from None
        row = {(k or "").strip(): (v.strip() if isinstance(v, str) else v) for k, v in row.items()}
        jobs.append(_row_job(row, base, f"{path}:{reader.line_num}", allow_outside))
    return jobs


def collect_jobs(args: Iterable[str], manifest: str | os.PathLike | None = None,
                 fmt: str | None = None, out_dir: str | os.PathLike | None = None,
                 exclude: Iterable[str] = (), state: str | os.PathLike | None = None,
                 allow_outside: bool = False) -> list[ArticleJob]:
    """All articles of one build, in a stable order, each input once (the manifest's entry wins).

    Folders and globs never yield the output folder's contents or earlier outputs (see ``expand_paths``;
    ``state`` is the output folder's state file when it is not the default ``OUT/.toolkit/state.sqlite``);
    ``exclude`` takes .gitignore-style patterns, relative to each folder given. Each job's ``rel`` is
    its path from its input root (the folder given, a glob's fixed folder, the manifest's folder).
    ``allow_outside`` lets manifest rows name files outside the manifest's folder (``--allow-outside``).

    Raises:
        UsageError: no input at all, or inputs that hold no article (an empty folder, a manifest
            without rows): the message names them.
        InputError: a glob that matches nothing, an unreadable manifest.
    """
    args = list(args)
    if not args and manifest is None:
        raise UsageError("give at least one input file, folder or glob, or --manifest FILE")
    skip = Path(out_dir).resolve() if out_dir is not None else None
    states = {skip: Path(state)} if state is not None and skip is not None else None
    jobs: dict[str, ArticleJob] = {}
    if manifest is not None:
        for job in read_manifest(manifest, bool(allow_outside)):
            jobs.setdefault(job.key, ArticleJob(job.input, job.name, job.metadata, job.fmt or fmt, rel=job.rel))
    for path, root in _expand(args, skip, exclude, states):
        job = ArticleJob(str(path), None, {}, fmt, rel=relative_name(path, root))
        jobs.setdefault(job.key, job)
    if not jobs:
        given = [str(manifest)] if manifest is not None else []
        given += args
        what = "the manifest lists no article" if manifest is not None and not args else (
            "no article found: no file here has an extension a reader knows, or every one is excluded, "
            "hidden or an earlier build's output")
        raise UsageError(what, ", ".join(given))
    return list(jobs.values())


def is_single_file(args: list[str], manifest: str | None) -> bool:
    """True for the classic ``toolkit build FILE``: one path that is not a folder or a pattern."""
    if manifest is not None or len(args) != 1:
        return False
    path = Path(args[0])
    return not path.is_dir() and (path.exists() or not GLOB_CHARS & set(args[0]))
