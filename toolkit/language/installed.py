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

import os
import re
import sys
from collections.abc import Iterator
from importlib.machinery import PathFinder

METADATA_SUFFIXES = (".dist-info", ".egg-info")
_SECTION = re.compile(r"^\s*\[([^\]]*)\]\s*$", re.MULTILINE)


def _metadata_folders() -> Iterator[tuple[str, str]] | None:
    """(sys.path folder, metadata folder name) in ``sys.path`` order; None when a distribution could come
    from a place this reading does not look at."""
    if any(finder is not PathFinder and hasattr(finder, "find_distributions") for finder in sys.meta_path):
        return None
    found: list[tuple[str, str]] = []
    for entry in sys.path:
        root = entry or "."
        try:
            names = os.listdir(root)
        except NotADirectoryError:
            return None  # a zip file on sys.path: importlib.metadata reads inside it
        except OSError:
            continue  # missing, unreadable or a path hook's name: importlib.metadata finds nothing there either
        found.extend((root, name) for name in names if name.lower().endswith(METADATA_SUFFIXES))
    return iter(found)


def may_declare_groups(prefix: str) -> bool:
    """False only when no installed distribution's ``entry_points.txt`` has a section whose name contains
    ``prefix`` (then ``importlib.metadata.entry_points`` would find no entry point in such groups)."""
    folders = _metadata_folders()
    if folders is None:
        return True
    for root, name in folders:
        try:
            with open(os.path.join(root, name, "entry_points.txt"), "rb") as fh:  # installed metadata, never a user's file
                text = fh.read().decode("utf-8", "replace")
        except (FileNotFoundError, NotADirectoryError):
            continue  # no entry points, or an egg-info file (a distutils install) that has none
        except OSError:
            return True
        if any(prefix in section for section in _SECTION.findall(text)):
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
    for root, name in folders:
        lower = name.lower()
        stem = name[: -len(next(s for s in METADATA_SUFFIXES if lower.endswith(s)))]
        project, _, version = stem.partition("-")
        if _normalized(project) != wanted:
            continue
        if not lower.endswith(".dist-info") or not version or "-" in version:
            return None  # an egg-info, or a name that does not split cleanly: the metadata decides
        if any(r == root and _normalized(n.partition("-")[0]) == wanted for r, n in folders):
            return None  # two folders of one project side by side: which one importlib.metadata reads is its own
        return version
    return None
