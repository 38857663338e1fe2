"""Runs the pandoc binary that pypandoc-binary ships, and maps pandoc's JSON AST to and from the tree.

The mapping lives in ``toolkit.pandoc.from_ast`` (pandoc -> tree) and ``toolkit.pandoc.to_ast``
(tree -> pandoc); both are re-exported here.
"""

from __future__ import annotations

import os
import subprocess

from toolkit.errors import InputError, RenderError
from toolkit.guard.files import MAX_CITATION_FILE_BYTES, MAX_REFERENCE_DOC_BYTES, regular_file

PANDOC_TIMEOUT = 120
# pandoc's heap ceiling (GHC runtime option): a LaTeX macro bomb or a YAML alias bomb otherwise grows
# pandoc by gigabytes a minute until the timeout; a legitimate 8 MB Markdown article needs ~800 MB.
PANDOC_MAX_HEAP_MB = 1536  # TOOLKIT_PANDOC_HEAP_MB overrides it
HEAP_EXHAUSTED = 251  # the GHC runtime's exit code for "Heap exhausted"
# pandoc's options that name a file it reads itself (outside its --sandbox): each goes through the guard's
# file check first (a regular file, no device or /proc file, within a size limit), as the toolkit's own reads do.
FILE_OPTIONS = {"--reference-doc": ("reference document", MAX_REFERENCE_DOC_BYTES),
                "--csl": ("CSL style", MAX_CITATION_FILE_BYTES),
                "--bibliography": ("bibliography", MAX_CITATION_FILE_BYTES),
                "--citation-abbreviations": ("citation abbreviations", MAX_CITATION_FILE_BYTES)}


def pandoc_path() -> str:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError) as exc:
        raise RenderError(f"pandoc is not available ({exc}); install pypandoc-binary") from None


def heap_mb() -> int:
    value = os.environ.get("TOOLKIT_PANDOC_HEAP_MB", "")
    return int(value) if value.isdigit() and int(value) >= 64 else PANDOC_MAX_HEAP_MB


def run_pandoc(args: list[str], data: bytes, path: str | None = None, *, writing: bool = False,
               env: dict[str, str] | None = None) -> bytes:
    """Run pandoc in its sandbox (no file or network access beyond its input and named files).

    ``writing`` makes a failure a ``RenderError`` (the tree was fine, the output was not);
    ``env`` adds environment variables such as ``SOURCE_DATE_EPOCH``. Files named by ``FILE_OPTIONS``
    are checked by the guard and given to pandoc by their resolved paths.
    """
    args = checked_file_args(args)
    try:
        proc = subprocess.run([pandoc_path(), "+RTS", f"-M{heap_mb()}m", "-RTS", "--sandbox", *args],
                              input=data, capture_output=True,
                              timeout=PANDOC_TIMEOUT, check=False,
                              env={**os.environ, **env} if env else None)
    except subprocess.TimeoutExpired:
        if writing:
            raise RenderError(f"pandoc took more than {PANDOC_TIMEOUT} s to write it", path) from None
        raise InputError(f"pandoc took more than {PANDOC_TIMEOUT} s; the input may be malformed", path) from None
    if proc.returncode == HEAP_EXHAUSTED:
        what = "write it" if writing else "read it (macros or metadata that expand without bound?)"
        error = RenderError if writing else InputError
        raise error(f"pandoc ran out of its {heap_mb()} MB memory budget trying to {what}; simplify the "
                    "input or split it", path)
    if proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        last = msg[-1] if msg else f"exit {proc.returncode}"
        if writing:
            raise RenderError(f"pandoc could not write it: {last}", path)
        raise InputError(f"pandoc could not read it: {last}", path)
    return proc.stdout


def checked_file_args(args: list[str]) -> list[str]:
    """``args`` with each file option's value checked (``toolkit.guard.files.regular_file``) and resolved;
    ``--opt=value`` is split into ``--opt value``. Raises the guard's InputError naming the file."""
    out: list[str] = []
    pending: tuple[str, int] | None = None
    for arg in args:
        if pending is not None:
            out.append(str(regular_file(arg, *pending)))
            pending = None
            continue
        name, eq, value = arg.partition("=")
        if name in FILE_OPTIONS:
            out.append(name)
            if eq:
                out.append(str(regular_file(value, *FILE_OPTIONS[name])))
            else:
                pending = FILE_OPTIONS[name]
            continue
        out.append(arg)
    return out


def pandoc_version() -> str | None:
    try:
        out = subprocess.run([pandoc_path(), "--version"], capture_output=True, text=True, timeout=20).stdout
        return out.split("\n", 1)[0].split()[-1]
    except Exception:
        return None
