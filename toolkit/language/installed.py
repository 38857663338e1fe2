"""What is installed, read from the metadata folders on ``sys.path`` without ``importlib.metadata``.

Importing ``importlib.metadata`` (it brings ``email``, ``zipfile``, ``csv``...) costs a cold process about
28 ms, and each ``entry_points(group=...)`` scans every installed distribution again (5 ms a group). Two
questions are asked on every command: does any installed distribution declare a toolkit plugin group, and
which versions of the packages whose derived tables are cached (``toolkit.language.package_cache``) are
installed. Both are answered here from the ``*.dist-info`` / ``*.egg-info`` folders of the ``sys.path``
folders, the places ``importlib.metadata`` reads them from. Whenever that cheap reading cannot be sure
(a zip file on ``sys.path``, another finder of distributions on ``sys.meta_path``, a folder name that does
not say the version), the answer is "ask importlib.metadata", never a guess: the caller falls back to it.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from importlib.machinery import PathFinder
from typing import NamedTuple

METADATA_SUFFIXES = (".dist-info", ".egg-info")


class Folder(NamedTuple):
    """A metadata folder: the ``sys.path`` folder it is in, its name, its project's normalised name and
    the version its name says (empty for an egg-info or a name that does not split cleanly)."""

    root: str
    name: str
    project: str
    version: str


def _metadata_folders() -> tuple[Folder, ...] | None:
    """The metadata folders in ``sys.path`` order; None when a distribution could come from a place this
    reading does not look at. Listed again whenever ``sys.path`` or one of its folders changes."""
    if any(finder is not PathFinder and hasattr(finder, "find_distributions") for finder in sys.meta_path):
        return None
    stamps: dict[str, int] = {}
    for entry in sys.path:
        root = entry if os.path.isabs(entry) else os.path.abspath(entry or ".")  # "" is the current folder
        try:
            stamps.setdefault(root, os.stat(root).st_mtime_ns)
        except OSError:
            continue  # missing, or a path hook's name: importlib.metadata finds nothing there either
    return _listed(tuple(stamps.items()))


@functools.lru_cache(maxsize=8)
def _listed(stamps: tuple[tuple[str, int], ...]) -> tuple[Folder, ...] | None:
    found: list[Folder] = []
    for root, _mtime in stamps:
        try:
            names = os.listdir(root)
        except NotADirectoryError:
            return None  # a zip file on sys.path: importlib.metadata reads inside it
        except OSError:
            continue
        for name in names:
            lower = name.lower()
            if lower.endswith(METADATA_SUFFIXES):
                stem = name[: -len(".dist-info")]  # both suffixes are ten characters long
                project, _, version = stem.partition("-")
                clean = lower.endswith(".dist-info") and version and "-" not in version
                found.append(Folder(root, name, _normalized(project), version if clean else ""))
    return tuple(found)


def may_declare_groups(prefix: str) -> bool:
    """False only when no installed distribution's ``entry_points.txt`` has a section whose name contains
    ``prefix`` (then ``importlib.metadata.entry_points`` would find no entry point in such groups)."""
    folders = _metadata_folders()
    if folders is None:
        return True
    for folder in folders:
        try:
            with open(os.path.join(folder.root, folder.name, "entry_points.txt"), "rb") as fh:  # installed metadata, never a user's file
                text = fh.read().decode("utf-8", "replace")
        except (FileNotFoundError, NotADirectoryError):
            continue  # no entry points, or an egg-info file (a distutils install) that has none
        except OSError:
            return True
        for line in text.splitlines():  # a section header as importlib.metadata reads one: "[name]", stripped
            header = line.strip()
            if header.startswith("[") and header.endswith("]") and prefix in header:
                return True
    return False


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def version_from_folders(package: str) -> str | None:
    """The version that the first ``NAME-VERSION.dist-info`` folder of ``package`` on ``sys.path`` names (the
    wheel's normalised version), or None when it cannot say so for certain: ask importlib.metadata."""
    folders = _metadata_folders()
    if folders is None:
        return None
    wanted = _normalized(package)
    mine = [folder for folder in folders if folder.project == wanted]
    if not mine or not mine[0].version:
        return None  # not there, an egg-info, or a name that does not split cleanly: the metadata decides
    if sum(folder.root == mine[0].root for folder in mine) > 1:
        return None  # two folders of one project side by side: which one importlib.metadata reads is its own
    return mine[0].version
