"""Output files written atomically: a temporary file beside the target, flushed, synced and renamed.

A failed or killed write never leaves a half-written file: the previous file stays, and the
temporary ``.NAME.PID-*.part`` file of a killed writer is removed by the next write of that file.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import tempfile
from pathlib import Path

from toolkit.errors import OutputError

# What to do about the usual reasons an output cannot be written.
_WRITE_HINTS = {errno.ENOSPC: "the disk is full; free some space or choose another folder with -o",
                errno.EDQUOT: "over the disk quota; free some space or choose another folder with -o",
                errno.EACCES: "permission denied; choose another output folder with -o",
                errno.EPERM: "permission denied; choose another output folder with -o",
                errno.EROFS: "the file system is read-only; choose another output folder with -o",
                errno.ENOTDIR: "a file stands where the output folder should be; choose another with -o",
                errno.EEXIST: "a file stands where the output folder should be; choose another with -o",
                errno.ENAMETOOLONG: "the file name is too long; choose a shorter output path"}


def write_failure(exc: OSError, where: Path) -> OutputError:
    """The one-line OutputError for an OSError met while writing output: what happened, what to do."""
    hint = _WRITE_HINTS.get(exc.errno or 0, exc.strerror or str(exc))
    return OutputError(f"cannot write: {hint}", str(where))


def remove_stale_parts(path: Path) -> list[Path]:
    """Delete ``.NAME.PID-*.part`` files left beside ``path`` by a writer that was killed."""
    removed = []
    for part in path.parent.glob(f".{glob.escape(path.name)}.*.part"):
        pid = part.name[len(path.name) + 2:].split("-", 1)[0]
        if not pid.isdigit() or _alive(int(pid)):
            continue
        with contextlib.suppress(OSError):
            part.unlink()
            removed.append(part)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, flush, then rename into place.

    The temporary ``.NAME.PID-*.part`` file is removed on any failure; one left by a killed
    process is removed by the next write of the same file. The previous file stays intact.
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        remove_stale_parts(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}-", suffix=".part", dir=folder)
    except OSError as exc:
        raise write_failure(exc, folder) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
            umask = os.umask(0)
            os.umask(umask)
            os.fchmod(fh.fileno(), 0o666 & ~umask)
        os.replace(tmp, path)
        tmp = None
        _sync_folder(folder)
    except OSError as exc:
        raise write_failure(exc, path) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _sync_folder(folder: Path) -> None:
    """Flush the rename to disk, so a power cut cannot lose it (best effort)."""
    with contextlib.suppress(OSError):
        dfd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
