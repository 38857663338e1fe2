"""The one gate for files: the input itself (``read_bytes``) and images an edition may load (``Resources``).

Nothing from the network (unless allowed: ``toolkit.guard.fetch`` fetches within limits) and nothing
outside the allowed folders is ever read.
"""

from __future__ import annotations

import base64
import functools
import mimetypes
import stat
from pathlib import Path
from urllib.parse import unquote, urlparse

from toolkit.errors import InputError
from toolkit.guard.decode import MAX_INPUT_BYTES
from toolkit.guard.fetch import fetch_image
from toolkit.guard.images import IMAGE_TYPES, MAX_IMAGE_BYTES, RASTER_DATA, image_ok


class Resources:
    def __init__(self, base_dir: Path | None, extra_roots: tuple[Path, ...] = (), allow_network: bool = False):
        self.roots = tuple(p.resolve() for p in ((base_dir,) if base_dir else ()) + extra_roots)
        self.allow_network = allow_network

    def local_path(self, ref: str) -> Path | None:
        """The file ``ref`` names, if it lies inside an allowed root; else None."""
        if not ref:
            return None
        parsed = urlparse(ref)
        if parsed.scheme in ("http", "https", "data", "javascript", "ftp"):
            return None
        raw = unquote(parsed.path) if parsed.scheme == "file" else ref
        for root in self.roots:
            cand = (root / raw).resolve() if not Path(raw).is_absolute() else Path(raw).resolve()
            if cand.is_file() and any(cand.is_relative_to(r) for r in self.roots):
                return cand
        return None

    def remote(self, ref: str) -> bool:
        """True if ``ref`` is an http(s) URL this gate may fetch (``--allow-network``)."""
        return self.allow_network and urlparse(ref or "").scheme in ("http", "https")

    def available(self, ref: str) -> bool:
        """True if ``read(ref)`` gives an image: a readable local file, a remote image that was fetched, or a
        raster ``data:`` URI (an image a DOCX, ODT or EPUB carried inside it) that decodes."""
        if self.local_path(ref) is not None:
            return True
        return (self.remote(ref) or (ref or "").startswith(RASTER_DATA)) and self.read(ref) is not None

    def read(self, ref: str) -> tuple[bytes, str] | None:
        """(bytes, mime type) of an allowed image, or None."""
        if self.remote(ref):
            return fetch_image(ref)
        if (ref or "").startswith(RASTER_DATA):
            return image_from_data_uri(ref)
        path = self.local_path(ref)
        if path is None:
            return None
        mime = mimetypes.guess_type(path.name)[0] or ""
        if mime not in IMAGE_TYPES or path.stat().st_size > MAX_IMAGE_BYTES:
            return None
        data = path.read_bytes()
        if not image_ok(data, mime):
            return None
        return data, mime

    def data_uri(self, ref: str) -> str | None:
        got = self.read(ref)
        if got is None:
            return None
        data, mime = got
        return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def read_bytes(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The file's bytes; refuses folders, devices, pipes and files over ``limit`` before reading."""
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(st.st_mode):
            raise InputError("is not a regular file (a device or pipe?); give an article file", str(path))
        if st.st_size > limit:
            raise InputError(f"the file is {size_text(st.st_size)}, over the {size_text(limit)} limit; "
                             "split it into articles", str(path))
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
        if len(data) > limit:
            raise InputError(f"the file grew over the {size_text(limit)} limit while being read", str(path))
        return data
    except FileNotFoundError:
        raise InputError("no such file; check the path", str(path)) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file; give an article file", str(path)) from None
    except PermissionError:
        raise InputError("permission denied; check the file's permissions", str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}; check the file and the disk", str(path)) from None


@functools.lru_cache(maxsize=32)  # asked for each edition, and by available() before read()
def image_from_data_uri(ref: str) -> tuple[bytes, str] | None:
    """(bytes, mime type) of a base64 raster ``data:`` URI that decodes as an image within the limits, or None."""
    head, _, body = ref.partition(",")
    mime = head[5:].split(";", 1)[0].lower()
    if mime not in IMAGE_TYPES or mime == "image/svg+xml" or ";base64" not in head.lower():
        return None
    if len(body) > MAX_IMAGE_BYTES * 4 // 3 + 4:
        return None
    try:
        data = base64.b64decode(body, validate=True)
    except ValueError:
        return None
    return (data, mime) if image_ok(data, mime) else None


MAX_SETTINGS_BYTES = 4 * 2**20  # a style sheet, a project file, a manifest


def read_text(path: str | Path, what: str, limit: int = MAX_SETTINGS_BYTES) -> str:
    """A UTF-8 text file the user named (a style sheet, a project file, a manifest, an ignore file).

    Refuses folders, devices and files over ``limit`` before reading; every failure is an InputError
    that names the file and says what it was meant to be: ``cannot read CSS file: no such file``.
    """
    path = Path(path)
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"cannot read {what}: not a regular file", str(path))
        if st.st_size > limit:
            raise InputError(f"cannot read {what}: it is {size_text(st.st_size)}, over the {size_text(limit)} limit",
                             str(path))
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"cannot read {what}: no such file", str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read {what}: {exc.strerror or exc}", str(path)) from None
    if len(data) > limit:
        raise InputError(f"cannot read {what}: it grew over the {size_text(limit)} limit while being read", str(path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"cannot read {what}: it is not UTF-8; save it as UTF-8", str(path)) from None


def read_head(path: str | Path, size: int) -> bytes | None:
    """The first ``size`` bytes of a regular file (to recognise its kind), or None if it cannot be read."""
    path = Path(path)
    try:
        if not path.is_file():
            return None
        with path.open("rb") as fh:
            return fh.read(size)
    except OSError:
        return None


def digest_file(path: str | Path, h) -> bool:
    """Feed a regular file's bytes to the hash ``h`` in chunks (a huge file is never loaded whole).

    False if it is not a readable regular file (a device, a folder, missing).
    """
    path = Path(path)
    try:
        if not path.is_file():
            return False
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return True
    except OSError:
        return False


def size_text(n: int) -> str:
    """``12 MB``, ``340 KB``, ``17 bytes``: a size for a message."""
    return f"{n / 2**20:.0f} MB" if n >= 2**20 else f"{n // 1024} KB" if n >= 1024 else f"{n} bytes"
