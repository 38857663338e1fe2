"""Content hashes that decide whether an article must be rebuilt: input, sidecar, options, styles, toolkit."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from toolkit.batch.inputs import ArticleJob
from toolkit.guard.files import digest_file
from toolkit.options import Options


def _hash_tree(h, folder: Path, pattern: str) -> None:
    for path in sorted(p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
        h.update(str(path.relative_to(folder)).encode() + b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")


@functools.cache
def toolkit_fingerprint() -> str:
    """The toolkit version, its own source files (size, mtime) and the installed plugins' names and versions.

    Computed once per process: the code a process runs is the code it imported at start.
    """
    import toolkit
    from toolkit.registry import GROUPS

    h = hashlib.sha256(f"toolkit {toolkit.__version__}\0".encode())
    package = Path(toolkit.__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):  # size and mtime: a stat per file, no reading
        st = path.stat()
        h.update(f"{path.relative_to(package)}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    try:
        from importlib.metadata import entry_points

        every = entry_points()  # one scan of the installed distributions
        for group in sorted(GROUPS.values()):
            for ep in sorted(every.select(group=group), key=lambda e: e.name):
                dist = getattr(ep, "dist", None)
                h.update(f"{group}:{ep.name}={ep.value}@{getattr(dist, 'version', '')}\0".encode())
    except Exception:  # plugin metadata is a best effort; the version still counts
        pass
    return h.hexdigest()


def settings_fingerprint(options: Options, formats: Iterable[str]) -> str:
    """Options, formats, the styles folder's contents, the contents of the files options name (CSS,
    citation style, reference document) and the toolkit itself."""
    from toolkit.writers.html.themes import styles_dir

    h = hashlib.sha256()
    h.update(options.cache_key().encode() + b"\0")
    h.update(",".join(formats).encode() + b"\0")
    _hash_tree(h, styles_dir(), "*")
    files = [*options.css, options.csl, options.reference_doc]  # their contents, not just their names
    for _, changes in options.format_options:  # toolkit.toml [docx] reference_doc = ...
        files += [value for key, value in changes if key in ("csl", "reference_doc")]
    for path in files:
        if not path:
            continue
        if not digest_file(path, h):
            h.update(b"(unreadable)")
    h.update(toolkit_fingerprint().encode())
    return h.hexdigest()


def sidecar_paths(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + ".meta.yaml"), path.with_suffix(".meta.yaml")


def article_fingerprint(job: ArticleJob, settings: str) -> str | None:
    """The hash of one article's inputs, or None when the input cannot be read (it is built, and fails)."""
    return article_hashes(job, settings)[0]


class _Both:
    """Feeds one read of a file to two hashes."""

    def __init__(self, *hashes):
        self.hashes = hashes

    def update(self, data: bytes) -> None:
        for h in self.hashes:
            h.update(data)


def article_hashes(job: ArticleJob, settings: str) -> tuple[str | None, str]:
    """(the hash of everything the article's build reads, or None when the input cannot be read;
    the hash of the input file's content alone, its identity in the state, or "")."""
    path = Path(job.input)
    h = hashlib.sha256(settings.encode() + b"\0")
    source = hashlib.sha256()
    if not digest_file(path, _Both(h, source)):  # in chunks, regular files only: a device or a huge file is not loaded
        return None, ""
    for side in sidecar_paths(path):
        h.update(b"\0sidecar\0" if side.is_file() else b"\0nosidecar\0")
        digest_file(side, h)
    h.update(json.dumps([job.name, job.fmt, job.metadata], sort_keys=True, default=str).encode())
    return h.hexdigest(), source.hexdigest()
