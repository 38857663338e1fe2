"""Runs the pandoc binary that pypandoc-binary ships, and maps pandoc's JSON AST to and from the tree.

The mapping lives in ``toolkit.pandoc_ast_read`` (pandoc -> tree) and ``toolkit.pandoc_ast_write``
(tree -> pandoc); both are re-exported here.
"""

from __future__ import annotations

import os
import subprocess

from toolkit.errors import InputError, RenderError

PANDOC_TIMEOUT = 120


def pandoc_path() -> str:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError) as exc:
        raise RenderError(f"pandoc is not available ({exc}); install pypandoc-binary") from None


def run_pandoc(args: list[str], data: bytes, path: str | None = None, *, writing: bool = False,
               env: dict[str, str] | None = None) -> bytes:
    """Run pandoc in its sandbox (no file or network access beyond its input and named files).

    ``writing`` makes a failure a ``RenderError`` (the tree was fine, the output was not);
    ``env`` adds environment variables such as ``SOURCE_DATE_EPOCH``.
    """
    try:
        proc = subprocess.run([pandoc_path(), "--sandbox", *args], input=data, capture_output=True,
                              timeout=PANDOC_TIMEOUT, check=False,
                              env={**os.environ, **env} if env else None)
    except subprocess.TimeoutExpired:
        if writing:
            raise RenderError(f"pandoc took more than {PANDOC_TIMEOUT} s to write it", path) from None
        raise InputError(f"pandoc took more than {PANDOC_TIMEOUT} s; the input may be malformed", path) from None
    if proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        last = msg[-1] if msg else f"exit {proc.returncode}"
        if writing:
            raise RenderError(f"pandoc could not write it: {last}", path)
        raise InputError(f"pandoc could not read it: {last}", path)
    return proc.stdout


def pandoc_version() -> str | None:
    try:
        out = subprocess.run([pandoc_path(), "--version"], capture_output=True, text=True, timeout=20).stdout
        return out.split("\n", 1)[0].split()[-1]
    except Exception:
        return None




from toolkit.pandoc_ast_read import FromPandoc, apply_toolkit_meta, from_pandoc_json, meta_value  # noqa: E402
from toolkit.pandoc_ast_write import ToPandoc, api_version, to_pandoc_json  # noqa: E402

__all__ = ["FromPandoc", "ToPandoc", "api_version", "apply_toolkit_meta", "from_pandoc_json", "meta_value",
           "pandoc_path", "pandoc_version", "run_pandoc", "to_pandoc_json"]
